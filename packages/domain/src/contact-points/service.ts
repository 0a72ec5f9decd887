import { and, type ContactPointRow, contactPoints, eq, inArray } from "@switchboard/db";
import type { Context } from "../shared/context";

export type OwnerKind = ContactPointRow["ownerKind"];
/** A contact point as its owner's service writes it; tenant and owner are added here. */
export type ContactPointValues = Omit<
  typeof contactPoints.$inferInsert,
  "tenantId" | "ownerId" | "ownerKind"
>;

/** The contact points of each owner in `ownerIds`, in one query, ordered by kind position. */
export async function contactPointsOf(
  ctx: Context,
  ownerKind: OwnerKind,
  ownerIds: string[],
): Promise<Map<string, ContactPointRow[]>> {
  const byOwner = new Map<string, ContactPointRow[]>(ownerIds.map((id) => [id, []]));
  if (ownerIds.length === 0) return byOwner;
  const rows = await ctx.db
    .select()
    .from(contactPoints)
    .where(
      and(
        eq(contactPoints.tenantId, ctx.tenantId),
        eq(contactPoints.ownerKind, ownerKind),
        inArray(contactPoints.ownerId, ownerIds),
      ),
    )
    .orderBy(contactPoints.position);
  for (const r of rows) byOwner.get(r.ownerId)?.push(r);
  return byOwner;
}

/** Replaces all contact points of one owner (writes are full replacements of the owner's record). */
export async function replaceContactPoints(
  ctx: Context,
  ownerKind: OwnerKind,
  ownerId: string,
  values: ContactPointValues[],
): Promise<void> {
  await ctx.db
    .delete(contactPoints)
    .where(
      and(
        eq(contactPoints.tenantId, ctx.tenantId),
        eq(contactPoints.ownerKind, ownerKind),
        eq(contactPoints.ownerId, ownerId),
      ),
    );
  if (values.length === 0) return;
  await ctx.db
    .insert(contactPoints)
    .values(values.map((v) => ({ ...v, tenantId: ctx.tenantId, ownerKind, ownerId })));
}
