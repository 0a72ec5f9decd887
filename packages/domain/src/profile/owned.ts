import { and, asc, type departments, eq } from "@switchboard/db";
import type { z } from "zod";
import { diff, recordChangeSet } from "../history";
import { type Context, inTransaction, requirePermission } from "../shared/context";
import { notFound, validationFailed } from "../shared/errors";
import { isUuid } from "../shared/ids";
import { parseInput } from "../shared/validation";
import type { ProfileOwner, ProfileOwnerKind } from "./model";
import { historyOf, requireOwner } from "./owners";

/** The columns every owned-record table has (departments, locations, memberships, personal relationships). */
type OwnedTable = typeof departments;

interface OwnedRecordsSpec<Schema extends z.ZodType, Row, Model> {
  table: OwnedTable;
  /** The entity name in errors (`department`) and the owner's history path (`departments.<id>.name`). */
  entity: string;
  collection: string;
  ownerKinds: readonly ProfileOwnerKind[];
  permissions: { view: string; edit: string };
  input: Schema;
  /** The columns a valid input sets. */
  values: (valid: z.infer<Schema>) => Record<string, unknown>;
  toModel: (row: Row) => Model;
  /** References the input makes that the store must check (400 when wrong), inside the write's transaction. */
  check?: (tx: Context, owner: ProfileOwner, valid: z.infer<Schema>) => Promise<void>;
  /** What else lets go of a deleted record (references to it), inside the delete's transaction. */
  onRemove?: (tx: Context, owner: ProfileOwner, id: string) => Promise<void>;
}

/**
 * List, create, update and delete for a simple table of records owned by a contact or organization. Each
 * write checks its permission first, locks the owner (live, same tenant, visible), runs in one transaction
 * and records a change set on the owner with paths `<collection>.<id>.<field>`.
 */
export function ownedRecords<Schema extends z.ZodType, Row extends { id: string }, Model>(
  spec: OwnedRecordsSpec<Schema, Row, Model>,
) {
  const t = spec.table;
  const ofOwner = (ctx: Context, owner: ProfileOwner) =>
    and(eq(t.tenantId, ctx.tenantId), eq(t.ownerKind, owner.kind), eq(t.ownerId, owner.id));

  async function owned(ctx: Context, owner: ProfileOwner, lock: boolean) {
    if (!spec.ownerKinds.includes(owner.kind))
      throw validationFailed([
        { path: "owner.kind", message: `${spec.collection} belong to a ${spec.ownerKinds.join(" or ")}` },
      ]);
    await requireOwner(ctx, owner, lock);
  }

  async function findRow(tx: Context, owner: ProfileOwner, id: string): Promise<Row> {
    if (!isUuid(id)) throw notFound(spec.entity, id);
    const [row] = await tx.db
      .select()
      .from(t)
      .where(and(ofOwner(tx, owner), eq(t.id, id)));
    if (!row) throw notFound(spec.entity, id);
    return row as unknown as Row;
  }

  /** The record as the owner's history shows it: its fields under `<collection>.<id>`. */
  const view = (row: Row | undefined) => {
    if (!row) return {};
    const {
      id: _id,
      owner: _owner,
      createdAt: _c,
      modifiedAt: _m,
      ...fields
    } = spec.toModel(row) as Record<string, unknown>;
    return { [spec.collection]: { [row.id]: fields } };
  };
  const changesOf = (before: Row | undefined, after: Row | undefined) => diff(view(before), view(after));

  return {
    async list(ctx: Context, owner: ProfileOwner): Promise<Model[]> {
      requirePermission(ctx, spec.permissions.view);
      await owned(ctx, owner, false);
      const rows = await ctx.db
        .select()
        .from(t)
        .where(ofOwner(ctx, owner))
        .orderBy(asc(t.createdAt), asc(t.id));
      return (rows as unknown as Row[]).map(spec.toModel);
    },

    async get(ctx: Context, owner: ProfileOwner, id: string): Promise<Model> {
      requirePermission(ctx, spec.permissions.view);
      await owned(ctx, owner, false);
      return spec.toModel(await findRow(ctx, owner, id));
    },

    async create(ctx: Context, owner: ProfileOwner, input: z.input<Schema>): Promise<Model> {
      requirePermission(ctx, spec.permissions.edit);
      const valid = parseInput(spec.input, input);
      return inTransaction(ctx, async (tx) => {
        await owned(tx, owner, true);
        await spec.check?.(tx, owner, valid);
        const [row] = await tx.db
          .insert(t)
          .values({
            tenantId: tx.tenantId,
            ownerKind: owner.kind,
            ownerId: owner.id,
            ...spec.values(valid),
          } as never)
          .returning();
        const created = row as unknown as Row;
        await recordChangeSet(tx, {
          ...historyOf(owner),
          action: "update",
          changes: changesOf(undefined, created),
        });
        return spec.toModel(created);
      });
    },

    async update(ctx: Context, owner: ProfileOwner, id: string, input: z.input<Schema>): Promise<Model> {
      requirePermission(ctx, spec.permissions.edit);
      const valid = parseInput(spec.input, input);
      return inTransaction(ctx, async (tx) => {
        await owned(tx, owner, true);
        const before = await findRow(tx, owner, id);
        await spec.check?.(tx, owner, valid);
        const [row] = await tx.db
          .update(t)
          .set({ ...spec.values(valid), modifiedAt: new Date() } as never)
          .where(and(ofOwner(tx, owner), eq(t.id, before.id)))
          .returning();
        const after = row as unknown as Row;
        const changes = changesOf(before, after);
        if (changes.length) await recordChangeSet(tx, { ...historyOf(owner), action: "update", changes });
        return spec.toModel(after);
      });
    },

    async remove(ctx: Context, owner: ProfileOwner, id: string): Promise<void> {
      requirePermission(ctx, spec.permissions.edit);
      await inTransaction(ctx, async (tx) => {
        await owned(tx, owner, true);
        const before = await findRow(tx, owner, id);
        await tx.db.delete(t).where(and(ofOwner(tx, owner), eq(t.id, before.id)));
        await spec.onRemove?.(tx, owner, before.id);
        await recordChangeSet(tx, {
          ...historyOf(owner),
          action: "update",
          changes: changesOf(before, undefined),
        });
      });
    },
  };
}
