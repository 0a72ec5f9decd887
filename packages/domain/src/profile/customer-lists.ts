import {
  and,
  asc,
  type CustomerListRow,
  contacts,
  customerListMembers,
  customerLists,
  eq,
  inArray,
  isNull,
  organizations,
  sql,
} from "@switchboard/db";
import { z } from "zod";
import { PERMISSIONS } from "../access/permissions";
import { diff, recordChangeSet } from "../history";
import { type Context, inTransaction, requirePermission } from "../shared/context";
import { notFound } from "../shared/errors";
import { isUuid } from "../shared/ids";
import { visibleIn } from "../shared/records";
import { parseInput } from "../shared/validation";
import { type CustomerList, type CustomerListInput, customerListInput, type ProfileOwner } from "./model";

const ENTITY = "customerList";

const toList = (row: CustomerListRow): CustomerList => ({
  id: row.id,
  name: row.name,
  createdAt: row.createdAt,
  modifiedAt: row.modifiedAt,
});

async function findList(ctx: Context, id: string, lock = false): Promise<CustomerListRow> {
  if (!isUuid(id)) throw notFound(ENTITY, id);
  const query = ctx.db
    .select()
    .from(customerLists)
    .where(and(eq(customerLists.tenantId, ctx.tenantId), eq(customerLists.id, id)));
  const [row] = lock ? await query.for("update") : await query;
  if (!row) throw notFound(ENTITY, id);
  return row;
}

/** The tenant's customer lists, by name (not paged: enfore). */
export async function listCustomerLists(ctx: Context): Promise<CustomerList[]> {
  requirePermission(ctx, PERMISSIONS.customerListView);
  const rows = await ctx.db
    .select()
    .from(customerLists)
    .where(eq(customerLists.tenantId, ctx.tenantId))
    .orderBy(asc(customerLists.name), asc(customerLists.id));
  return rows.map(toList);
}

export async function getCustomerList(ctx: Context, id: string): Promise<CustomerList> {
  requirePermission(ctx, PERMISSIONS.customerListView);
  return toList(await findList(ctx, id));
}

export async function createCustomerList(ctx: Context, input: CustomerListInput): Promise<CustomerList> {
  requirePermission(ctx, PERMISSIONS.customerListAdd);
  const { name } = parseInput(customerListInput, input);
  return inTransaction(ctx, async (tx) => {
    const [row] = await tx.db.insert(customerLists).values({ tenantId: tx.tenantId, name }).returning();
    await recordChangeSet(tx, {
      entityType: ENTITY,
      entityId: row!.id,
      action: "create",
      changes: diff({}, { name }),
    });
    return toList(row!);
  });
}

export async function updateCustomerList(
  ctx: Context,
  id: string,
  input: CustomerListInput,
): Promise<CustomerList> {
  requirePermission(ctx, PERMISSIONS.customerListEdit);
  const { name } = parseInput(customerListInput, input);
  return inTransaction(ctx, async (tx) => {
    const before = await findList(tx, id, true);
    if (before.name === name) return toList(before);
    const [row] = await tx.db
      .update(customerLists)
      .set({ name, modifiedAt: new Date() })
      .where(and(eq(customerLists.tenantId, tx.tenantId), eq(customerLists.id, before.id)))
      .returning();
    await recordChangeSet(tx, {
      entityType: ENTITY,
      entityId: id,
      action: "update",
      changes: [{ path: "name", old: before.name, new: name }],
    });
    return toList(row!);
  });
}

/** Deletes a list with its members (the contacts stay). */
export async function deleteCustomerList(ctx: Context, id: string): Promise<void> {
  requirePermission(ctx, PERMISSIONS.customerListDelete);
  await inTransaction(ctx, async (tx) => {
    const before = await findList(tx, id, true);
    await tx.db
      .delete(customerListMembers)
      .where(and(eq(customerListMembers.tenantId, tx.tenantId), eq(customerListMembers.listId, before.id)));
    await tx.db
      .delete(customerLists)
      .where(and(eq(customerLists.tenantId, tx.tenantId), eq(customerLists.id, id)));
    await recordChangeSet(tx, { entityType: ENTITY, entityId: id, action: "delete", changes: [] });
  });
}

const memberPage = z.object({
  limit: z.number().int().min(1).max(5000).default(200),
  offset: z.number().int().min(0).default(0),
});

/**
 * A list's members in the order they were added, `limit` (1..5000) from `offset` (enfore paging). A member whose
 * record has since been deleted stays on the list with `live: false` (enfore reports it as a problem).
 */
export async function listCustomerListMembers(
  ctx: Context,
  id: string,
  params: z.input<typeof memberPage> = {},
): Promise<(ProfileOwner & { live: boolean })[]> {
  requirePermission(ctx, PERMISSIONS.customerListView);
  const { limit, offset } = parseInput(memberPage, params);
  const list = await findList(ctx, id);
  const m = customerListMembers;
  const rows = await ctx.db
    .select({
      kind: m.ownerKind,
      id: m.ownerId,
      live: sql<boolean>`case when ${m.ownerKind} = 'contact'
        then exists (select 1 from ${contacts} c where c.tenant_id = ${m.tenantId} and c.id = ${m.ownerId}
                     and c.deleted_at is null and c.canonical_contact_id is null)
        else exists (select 1 from ${organizations} o where o.tenant_id = ${m.tenantId} and o.id = ${m.ownerId}
                     and o.deleted_at is null) end`,
    })
    .from(customerListMembers)
    .where(and(eq(customerListMembers.tenantId, ctx.tenantId), eq(customerListMembers.listId, list.id)))
    .orderBy(asc(customerListMembers.number))
    .limit(limit)
    .offset(offset);
  return rows;
}

/** Which of `ids` are live contacts or organizations the caller sees, with their kind. */
async function resolveOwners(ctx: Context, ids: string[]): Promise<Map<string, ProfileOwner>> {
  const valid = [...new Set(ids.filter(isUuid))];
  const found = new Map<string, ProfileOwner>();
  if (valid.length === 0) return found;
  const [people, orgs] = await Promise.all([
    ctx.db
      .select({ id: contacts.id })
      .from(contacts)
      .where(
        and(
          eq(contacts.tenantId, ctx.tenantId),
          inArray(contacts.id, valid),
          isNull(contacts.deletedAt),
          isNull(contacts.canonicalContactId),
          visibleIn(ctx, contacts.divisionId),
        ),
      ),
    ctx.db
      .select({ id: organizations.id })
      .from(organizations)
      .where(
        and(
          eq(organizations.tenantId, ctx.tenantId),
          inArray(organizations.id, valid),
          isNull(organizations.deletedAt),
          visibleIn(ctx, organizations.divisionId),
        ),
      ),
  ]);
  for (const p of people) found.set(p.id, { kind: "contact", id: p.id });
  for (const o of orgs) found.set(o.id, { kind: "organization", id: o.id });
  return found;
}

/**
 * Adds contacts or organizations (by id) to a list; one already on it stays where it is. Ids that are no
 * live record of the tenant come back as `problems` (enfore answers 200 with them).
 */
export async function addCustomerListMembers(
  ctx: Context,
  id: string,
  ids: string[],
): Promise<{ items: ProfileOwner[]; problems: { id: string; message: string }[] }> {
  requirePermission(ctx, PERMISSIONS.customerListEdit);
  return inTransaction(ctx, async (tx) => {
    const list = await findList(tx, id, true);
    const owners = await resolveOwners(tx, ids);
    const items = [
      ...new Map(ids.flatMap((i) => (owners.has(i) ? [[i, owners.get(i)!] as const] : []))).values(),
    ];
    const problems = ids
      .filter((i) => !owners.has(i))
      .map((i) => ({ id: i, message: `no contact or organization ${i}` }));
    if (items.length) {
      const added = await tx.db
        .insert(customerListMembers)
        .values(
          items.map((o) => ({ tenantId: tx.tenantId, listId: list.id, ownerKind: o.kind, ownerId: o.id })),
        )
        .onConflictDoNothing()
        .returning({ kind: customerListMembers.ownerKind, id: customerListMembers.ownerId });
      if (added.length)
        await recordChangeSet(tx, {
          entityType: ENTITY,
          entityId: list.id,
          action: "update",
          changes: added.map((o) => ({ path: `members.${o.id}`, old: null, new: o.kind })),
        });
    }
    return { items, problems };
  });
}

/** Takes a contact or organization off a list; 404 when it is not on it. */
export async function removeCustomerListMember(ctx: Context, id: string, memberId: string): Promise<void> {
  requirePermission(ctx, PERMISSIONS.customerListEdit);
  await inTransaction(ctx, async (tx) => {
    const list = await findList(tx, id, true);
    if (!isUuid(memberId)) throw notFound("customer list item", memberId);
    const [row] = await tx.db
      .delete(customerListMembers)
      .where(
        and(
          eq(customerListMembers.tenantId, tx.tenantId),
          eq(customerListMembers.listId, list.id),
          eq(customerListMembers.ownerId, memberId),
        ),
      )
      .returning({ kind: customerListMembers.ownerKind });
    if (!row) throw notFound("customer list item", memberId);
    await recordChangeSet(tx, {
      entityType: ENTITY,
      entityId: list.id,
      action: "update",
      changes: [{ path: `members.${memberId}`, old: row.kind, new: null }],
    });
  });
}
