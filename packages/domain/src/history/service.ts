import {
  and,
  changeSets,
  copyEncoded,
  desc,
  type EncodedRows,
  encodeCopy,
  eq,
  type FieldChange,
  insertMany,
} from "@switchboard/db";
import type { Context } from "../shared/context";

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
  changes: FieldChange[];
};

/** Writes one change set for one mutation. Call it inside the mutation's transaction. */
export async function recordChangeSet(ctx: Context, entry: ChangeSetEntry): Promise<void> {
  await recordChangeSets(ctx, [entry]);
}

/** Writes the change sets of a set-based mutation in one statement (`copy`: see `insertMany`, for imports). */
export async function recordChangeSets(
  ctx: Context,
  entries: ChangeSetEntry[],
  options: { copy?: boolean } = {},
): Promise<void> {
  if (entries.length === 0) return;
  await insertMany(ctx.db, changeSets, changeSetRows(ctx, entries), { returning: false, copy: options.copy });
}

/**
 * Change sets encoded for `COPY` ahead of the transaction that writes them (`recordEncodedChangeSets`): an
 * import builds each batch's history while the batch before it is written.
 */
export function encodeChangeSets(
  ctx: Pick<Context, "tenantId" | "actor" | "reviewer">,
  entries: ChangeSetEntry[],
) {
  return encodeCopy(changeSets, changeSetRows(ctx, entries));
}

/** Writes change sets `encodeChangeSets` made, in one `COPY`. Call it inside the mutation's transaction. */
export async function recordEncodedChangeSets(ctx: Context, encoded: EncodedRows[]): Promise<void> {
  await copyEncoded(ctx.db, changeSets, encoded);
}

function changeSetRows(ctx: Pick<Context, "tenantId" | "actor" | "reviewer">, entries: ChangeSetEntry[]) {
  const actor = {
    actorKind: ctx.actor.kind,
    actorId: ctx.actor.id,
    actorName: ctx.actor.name,
    reviewerId: ctx.reviewer?.id ?? null,
    reviewerName: ctx.reviewer?.name ?? null,
  };
  return entries.map((e) => ({ tenantId: ctx.tenantId, ...actor, ...e }));
}

/** The change sets of one entity, newest first. Callers check the entity's view permission. */
export async function changeSetsOf(ctx: Context, entityType: string, entityId: string): Promise<ChangeSet[]> {
  return ctx.db
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
}
