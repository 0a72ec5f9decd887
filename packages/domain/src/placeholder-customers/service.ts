import {
  and,
  asc,
  eq,
  isNotNull,
  isNull,
  ne,
  or,
  type PlaceholderCustomerRow,
  placeholderCustomers,
  sql,
} from "@switchboard/db";
import { PERMISSIONS } from "../access/permissions";
import { diff, recordChangeSet } from "../history";
import { type OffsetPageInput, offsetPageInput } from "../numbers/rules";
import { type Context, inTransaction, requirePermission } from "../shared/context";
import { notFound, unprocessable } from "../shared/errors";
import { isUuid } from "../shared/ids";
import { parseInput } from "../shared/validation";
import { type PlaceholderCustomer, type PlaceholderCustomerInput, placeholderCustomerInput } from "./model";

const ENTITY = "placeholderCustomer";
const t = placeholderCustomers;

const toModel = (row: PlaceholderCustomerRow): PlaceholderCustomer => ({
  id: row.id,
  externalId: row.externalId,
  customerId: row.customerId,
  name: row.name,
  isActive: row.isActive,
  customerSince: row.customerSince,
  requiresFormalInvoice: row.requiresFormalInvoice,
  trackRevenue: row.trackRevenue,
  deleted: row.deletedAt !== null,
  createdAt: row.createdAt,
  modifiedAt: row.modifiedAt,
});

const fieldsOf = (p: PlaceholderCustomer) => {
  const { id: _i, deleted: _d, createdAt: _c, modifiedAt: _m, ...fields } = p;
  return fields;
};

/** The placeholder customer with this id (soft-deleted too unless `live`); 404 otherwise. */
async function findRow(ctx: Context, id: string, options: { live?: boolean; lock?: boolean } = {}) {
  if (!isUuid(id)) throw notFound(ENTITY, id);
  const query = ctx.db
    .select()
    .from(t)
    .where(and(eq(t.tenantId, ctx.tenantId), eq(t.id, id)));
  const [row] = options.lock ? await query.for("update") : await query;
  if (!row || (options.live && row.deletedAt)) throw notFound(ENTITY, id);
  return row;
}

/**
 * `customerId` and `externalId` must not be another live placeholder customer's (422, enfore). The tenant's
 * placeholder writes take turns on an advisory lock for the rest of the transaction, so two cannot both pass.
 */
async function requireUnique(
  tx: Context,
  valid: { customerId: string; externalId?: string | null },
  self?: string,
) {
  await tx.db.execute(sql`select pg_advisory_xact_lock(hashtext(${`placeholder-customers:${tx.tenantId}`}))`);
  const [taken] = await tx.db
    .select({ id: t.id, customerId: t.customerId, externalId: t.externalId })
    .from(t)
    .where(
      and(
        eq(t.tenantId, tx.tenantId),
        isNull(t.deletedAt),
        self ? ne(t.id, self) : undefined,
        or(
          eq(t.customerId, valid.customerId),
          valid.externalId ? and(isNotNull(t.externalId), eq(t.externalId, valid.externalId)) : undefined,
        ),
      ),
    )
    .limit(1);
  if (!taken) return;
  const field = taken.customerId === valid.customerId ? "customerId" : "externalId";
  throw unprocessable(`placeholder customer ${taken.id} has this ${field}`, {
    reason: "DuplicatePlaceholderCustomer",
    issues: [{ path: field, message: `placeholder customer ${taken.id} has this ${field}` }],
    entity: { type: ENTITY, id: taken.id },
  });
}

const valuesOf = (v: ReturnType<typeof placeholderCustomerInput.parse>) => ({
  externalId: v.externalId ?? null,
  customerId: v.customerId,
  name: v.name,
  isActive: v.isActive,
  customerSince: v.customerSince,
  requiresFormalInvoice: v.requiresFormalInvoice,
  trackRevenue: v.trackRevenue,
});

/** Placeholder customers in creation order, soft-deleted ones too (flagged), `limit` from `offset` (enfore). */
export async function listPlaceholderCustomers(
  ctx: Context,
  params: Omit<OffsetPageInput, "includeDeleted"> = {},
): Promise<PlaceholderCustomer[]> {
  requirePermission(ctx, PERMISSIONS.placeholderCustomerView);
  const { limit, offset } = parseInput(offsetPageInput, params);
  const rows = await ctx.db
    .select()
    .from(t)
    .where(eq(t.tenantId, ctx.tenantId))
    .orderBy(asc(t.createdAt), asc(t.id))
    .limit(limit)
    .offset(offset);
  return rows.map(toModel);
}

/** One placeholder customer; a soft-deleted one reads with `deleted: true`. */
export async function getPlaceholderCustomer(ctx: Context, id: string): Promise<PlaceholderCustomer> {
  requirePermission(ctx, PERMISSIONS.placeholderCustomerView);
  return toModel(await findRow(ctx, id));
}

export async function createPlaceholderCustomer(
  ctx: Context,
  input: PlaceholderCustomerInput,
): Promise<PlaceholderCustomer> {
  requirePermission(ctx, PERMISSIONS.placeholderCustomerAdd);
  const valid = parseInput(placeholderCustomerInput, input);
  return inTransaction(ctx, async (tx) => {
    await requireUnique(tx, valid);
    const [row] = await tx.db
      .insert(t)
      .values({ tenantId: tx.tenantId, ...valuesOf(valid) })
      .returning();
    const created = toModel(row!);
    await recordChangeSet(tx, {
      entityType: ENTITY,
      entityId: created.id,
      action: "create",
      changes: diff({}, fieldsOf(created)),
    });
    return created;
  });
}

/** A full update (enfore PUT); a soft-deleted placeholder customer is not found. */
export async function updatePlaceholderCustomer(
  ctx: Context,
  id: string,
  input: PlaceholderCustomerInput,
): Promise<PlaceholderCustomer> {
  requirePermission(ctx, PERMISSIONS.placeholderCustomerEdit);
  const valid = parseInput(placeholderCustomerInput, input);
  return inTransaction(ctx, async (tx) => {
    const before = toModel(await findRow(tx, id, { live: true, lock: true }));
    await requireUnique(tx, valid, before.id);
    const [row] = await tx.db
      .update(t)
      .set({ ...valuesOf(valid), modifiedAt: new Date() })
      .where(and(eq(t.tenantId, tx.tenantId), eq(t.id, before.id)))
      .returning();
    const after = toModel(row!);
    const changes = diff(fieldsOf(before), fieldsOf(after));
    if (changes.length)
      await recordChangeSet(tx, { entityType: ENTITY, entityId: id, action: "update", changes });
    return after;
  });
}

/** Soft delete: the record stays readable with `deleted: true`; deleting it again is not found. */
export async function deletePlaceholderCustomer(ctx: Context, id: string): Promise<void> {
  requirePermission(ctx, PERMISSIONS.placeholderCustomerDelete);
  await inTransaction(ctx, async (tx) => {
    const before = await findRow(tx, id, { live: true, lock: true });
    await tx.db
      .update(t)
      .set({ deletedAt: new Date(), modifiedAt: new Date() })
      .where(and(eq(t.tenantId, tx.tenantId), eq(t.id, before.id)));
    await recordChangeSet(tx, { entityType: ENTITY, entityId: id, action: "delete", changes: [] });
  });
}

/** For the images of a placeholder customer: it must be a live one of the tenant (else 404). */
export async function requireLivePlaceholderCustomer(ctx: Context, id: string, lock = false): Promise<void> {
  await findRow(ctx, id, { live: true, lock });
}
