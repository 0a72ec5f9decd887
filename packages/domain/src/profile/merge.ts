import {
  and,
  asc,
  customerListMembers,
  eq,
  inArray,
  memberships,
  type PgColumn,
  personalRelationships,
  profileImages,
  profileRoles,
  sql,
  tagAssignments,
} from "@switchboard/db";
import type { Context } from "../shared/context";

/**
 * A merge moves the merged-away contacts' profile records to the contact they were merged into (inside the
 * merge's transaction; the merge checked its permission): tags (each once, in the order of the inputs), roles
 * (of each kind, the first input's that has one), images (the first input's default first), memberships,
 * personal relationships (those between merged contacts dropped; others' relationships to them repointed) and
 * customer-list memberships (once per list).
 */
export async function moveProfileRecords(tx: Context, fromIds: string[], toId: string): Promise<void> {
  if (fromIds.length === 0) return;
  const tenant = tx.tenantId;
  const order = sql`array_position(${sql.param(fromIds)}::uuid[], owner_id)`;
  /** A profile table's rows owned by the merged-away contacts. */
  const ofMergedAway = (t: { tenantId: PgColumn; ownerKind: PgColumn; ownerId: PgColumn }) =>
    and(eq(t.tenantId, tenant), eq(t.ownerKind, "contact"), inArray(t.ownerId, fromIds));

  // Tags: every input's, each once, in input then position order.
  await tx.db.execute(sql`
    insert into ${tagAssignments} (tenant_id, owner_kind, owner_id, tag_id, position)
    select ${tenant}::uuid, 'contact', ${toId}::uuid, tag_id, (row_number() over (order by first_at) - 1)::integer
    from (
      select tag_id, min(${order} * 100000 + position) as first_at
      from ${tagAssignments}
      where tenant_id = ${tenant} and owner_kind = 'contact' and owner_id = any(${sql.param(fromIds)}::uuid[])
      group by tag_id
    ) t
    on conflict do nothing`);
  await tx.db.delete(tagAssignments).where(ofMergedAway(tagAssignments));

  // Roles: one per kind, from the first input holding it.
  await tx.db.execute(sql`
    insert into ${profileRoles} (tenant_id, owner_kind, owner_id, kind, number, is_active, since, attributes)
    select distinct on (kind) tenant_id, 'contact', ${toId}::uuid, kind, number, is_active, since, attributes
    from ${profileRoles}
    where tenant_id = ${tenant} and owner_kind = 'contact' and owner_id = any(${sql.param(fromIds)}::uuid[])
    order by kind, ${order}
    on conflict do nothing`);
  await tx.db.delete(profileRoles).where(ofMergedAway(profileRoles));

  // Images: all of them, in input order, each input's own order kept.
  const images = await tx.db
    .select({ id: profileImages.id, ownerId: profileImages.ownerId })
    .from(profileImages)
    .where(ofMergedAway(profileImages))
    .orderBy(asc(profileImages.position), asc(profileImages.id));
  const sorted = images.sort((a, b) => fromIds.indexOf(a.ownerId) - fromIds.indexOf(b.ownerId));
  for (const [position, image] of sorted.entries())
    await tx.db
      .update(profileImages)
      .set({ ownerId: toId, position })
      .where(and(eq(profileImages.tenantId, tenant), eq(profileImages.id, image.id)));

  // Memberships move as they are.
  await tx.db
    .update(memberships)
    .set({ ownerId: toId, modifiedAt: new Date() })
    .where(ofMergedAway(memberships));

  // Personal relationships: none between the merged contacts; the rest now name the merged contact.
  await tx.db
    .delete(personalRelationships)
    .where(
      and(
        eq(personalRelationships.tenantId, tenant),
        inArray(personalRelationships.ownerId, fromIds),
        inArray(personalRelationships.relatedContactId, fromIds),
      ),
    );
  await tx.db
    .update(personalRelationships)
    .set({ ownerId: toId, modifiedAt: new Date() })
    .where(and(eq(personalRelationships.tenantId, tenant), inArray(personalRelationships.ownerId, fromIds)));
  await tx.db
    .update(personalRelationships)
    .set({ relatedContactId: toId, modifiedAt: new Date() })
    .where(
      and(
        eq(personalRelationships.tenantId, tenant),
        inArray(personalRelationships.relatedContactId, fromIds),
      ),
    );

  // Customer lists: the merged contact once per list the inputs were on.
  await tx.db.execute(sql`
    insert into ${customerListMembers} (tenant_id, list_id, owner_kind, owner_id)
    select distinct tenant_id, list_id, 'contact', ${toId}::uuid
    from ${customerListMembers}
    where tenant_id = ${tenant} and owner_kind = 'contact' and owner_id = any(${sql.param(fromIds)}::uuid[])
    on conflict do nothing`);
  await tx.db.delete(customerListMembers).where(ofMergedAway(customerListMembers));
}
