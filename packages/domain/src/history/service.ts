import { and, changeSets, desc, eq, type FieldChange, insertMany, type StoredChanges } from "@switchboard/db";
import type { Context } from "../shared/context";
import { changesOf, storedChanges } from "./rules";

export type ChangeSetAction = (typeof changeSets.$inferInsert)["action"];

export interface ChangeSet {
  id: string;
  entityType: string;
  entityId: string;
  action: string;
  actorKind: string;
  actorId: string;
  actorName: string | null;
  /** The member who approved the change, when it went through a DFS change request. */
  reviewerId: string | null;
  reviewerName: string | null;
  at: Date;
  changes: FieldChange[];
}

type ChangeSetEntry = {
  entityType: string;
  entityId: string;
  action: ChangeSetAction;
  /** The field changes, or a creation's values by path already as they are stored (`createdValues`). */
  changes: StoredChanges;
};

/** Who writes a change set: the tenant it goes to, its actor, and the reviewer who approved it, if any. */
export type ChangeSetWriter = Pick<Context, "tenantId" | "actor" | "reviewer">;

/** The row of one change set written by `writer`. */
export const changeSetRow = (writer: ChangeSetWriter, entry: ChangeSetEntry) => ({
  tenantId: writer.tenantId,
  actorKind: writer.actor.kind,
  actorId: writer.actor.id,
  actorName: writer.actor.name,
  reviewerId: writer.reviewer?.id ?? null,
  reviewerName: writer.reviewer?.name ?? null,
  ...entry,
  changes: Array.isArray(entry.changes) ? storedChanges(entry.action, entry.changes) : entry.changes,
});

/** Writes one change set for one mutation. Call it inside the mutation's transaction. */
export async function recordChangeSet(ctx: Context, entry: ChangeSetEntry): Promise<void> {
  await recordChangeSets(ctx, [entry]);
}

/** Writes the change sets of a set-based mutation in one statement. */
export async function recordChangeSets(ctx: Context, entries: ChangeSetEntry[]): Promise<void> {
  if (entries.length === 0) return;
  await insertMany(
    ctx.db,
    changeSets,
    entries.map((e) => changeSetRow(ctx, e)),
    { returning: false },
  );
}

/** The change sets of one entity, newest first. Callers check the entity's view permission. */
export async function changeSetsOf(ctx: Context, entityType: string, entityId: string): Promise<ChangeSet[]> {
  const rows = await ctx.db
    .select({
      id: changeSets.id,
      entityType: changeSets.entityType,
      entityId: changeSets.entityId,
      action: changeSets.action,
      actorKind: changeSets.actorKind,
      actorId: changeSets.actorId,
      actorName: changeSets.actorName,
      reviewerId: changeSets.reviewerId,
      reviewerName: changeSets.reviewerName,
      at: changeSets.at,
      changes: changeSets.changes,
    })
    .from(changeSets)
    .where(
      and(
        eq(changeSets.tenantId, ctx.tenantId),
        eq(changeSets.entityType, entityType),
        eq(changeSets.entityId, entityId),
      ),
    )
    .orderBy(desc(changeSets.at), desc(changeSets.id));
  return rows.map((row) => ({ ...row, changes: changesOf(row.changes) }));
}
