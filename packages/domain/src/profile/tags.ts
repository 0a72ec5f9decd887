import {
  and,
  asc,
  eq,
  inArray,
  organizations,
  type PgColumn,
  type SQL,
  sql,
  tagAssignments,
  tags,
} from "@switchboard/db";
import { PERMISSIONS } from "../access/permissions";
import { contactPointsOf, fromContactPoints } from "../contact-points";
import { diff, recordChangeSet } from "../history";
import { organizationSearchTextOf } from "../organizations/rules";
import { type Context, inTransaction, requirePermission } from "../shared/context";
import { conflict, notFound, validationFailed } from "../shared/errors";
import { isUuid } from "../shared/ids";
import { parseInput } from "../shared/validation";
import {
  MAX_TAGS_PER_RECORD,
  type ProfileOwner,
  type ProfileOwnerKind,
  type Tag,
  type TagInput,
  tagInput,
} from "./model";
import { historyOf, requireOwner, touchOwner } from "./owners";

const ofOwner = (ctx: Context, owner: ProfileOwner) =>
  and(
    eq(tagAssignments.tenantId, ctx.tenantId),
    eq(tagAssignments.ownerKind, owner.kind),
    eq(tagAssignments.ownerId, owner.id),
  );

/** The tags of many owners of one kind, each in its order (no permission check: for hydrating reads). */
export async function tagsOf(
  ctx: Context,
  kind: ProfileOwnerKind,
  ownerIds: string[],
): Promise<Map<string, Tag[]>> {
  const byOwner = new Map<string, Tag[]>();
  if (ownerIds.length === 0) return byOwner;
  const rows = await ctx.db
    .select({ ownerId: tagAssignments.ownerId, id: tags.id, name: tags.name })
    .from(tagAssignments)
    .innerJoin(tags, and(eq(tags.tenantId, tagAssignments.tenantId), eq(tags.id, tagAssignments.tagId)))
    .where(
      and(
        eq(tagAssignments.tenantId, ctx.tenantId),
        eq(tagAssignments.ownerKind, kind),
        inArray(tagAssignments.ownerId, ownerIds),
      ),
    )
    .orderBy(asc(tagAssignments.ownerId), asc(tagAssignments.position), asc(tags.name));
  for (const { ownerId, ...tag } of rows) {
    const list = byOwner.get(ownerId) ?? [];
    list.push(tag);
    byOwner.set(ownerId, list);
  }
  return byOwner;
}

/** The tag names of many owners of one kind, in order (the Genesys organization `tags` view). */
export async function tagNamesOf(ctx: Context, kind: ProfileOwnerKind, ownerIds: string[]) {
  const found = await tagsOf(ctx, kind, ownerIds);
  return new Map([...found].map(([id, list]) => [id, list.map((t) => t.name)]));
}

/**
 * The tag names of the owner whose id is `ownerId` (the outer query's id column), in `tagNamesOf`'s order, as
 * a json array: a subselect for one-record reads. Aliased and with `ownerId` nested, as `contactPointsJson` is.
 */
export const tagNamesJson = (ctx: Context, kind: ProfileOwnerKind, ownerId: PgColumn): SQL<unknown> =>
  sql`(select coalesce(json_agg(g.name order by a.position, g.name), '[]')
    from tag_assignments a join tags g on g.tenant_id = a.tenant_id and g.id = a.tag_id
    where a.tenant_id = ${ctx.tenantId} and a.owner_kind = ${kind} and a.owner_id = ${sql`${ownerId}`})`;

/** The tenant's tags with these names, created when missing (names are case-sensitive). */
async function ensureTags(ctx: Context, names: string[]): Promise<Map<string, string>> {
  if (names.length === 0) return new Map();
  await ctx.db
    .insert(tags)
    .values(names.map((name) => ({ tenantId: ctx.tenantId, name })))
    .onConflictDoNothing({ target: [tags.tenantId, tags.name] });
  const rows = await ctx.db
    .select({ id: tags.id, name: tags.name })
    .from(tags)
    .where(and(eq(tags.tenantId, ctx.tenantId), inArray(tags.name, names)));
  return new Map(rows.map((r) => [r.name, r.id]));
}

/**
 * Makes the owner's tags exactly `names`, in that order (duplicates kept once). For writes of a whole record
 * (a Genesys organization PUT): the caller has checked its permission, locked the owner and records history.
 */
export async function replaceTags(tx: Context, owner: ProfileOwner, names: string[]): Promise<void> {
  const unique = [...new Set(names)];
  const ids = await ensureTags(tx, unique);
  await tx.db.delete(tagAssignments).where(ofOwner(tx, owner));
  if (unique.length === 0) return;
  await tx.db.insert(tagAssignments).values(
    unique.map((name, position) => ({
      tenantId: tx.tenantId,
      ownerKind: owner.kind,
      ownerId: owner.id,
      tagId: ids.get(name)!,
      position,
    })),
  );
}

/**
 * After a tag of an organization changed: its version moves on, and its search text (Genesys `q` matches
 * organization tags) is made again from what it now holds.
 */
async function tagsChanged(tx: Context, owner: ProfileOwner): Promise<void> {
  await touchOwner(tx, owner);
  if (owner.kind !== "organization") return;
  const where = and(eq(organizations.tenantId, tx.tenantId), eq(organizations.id, owner.id));
  const [[row], points, names] = await Promise.all([
    tx.db.select().from(organizations).where(where),
    contactPointsOf(tx, "organization", [owner.id]),
    tagNamesOf(tx, "organization", [owner.id]),
  ]);
  const { phones } = fromContactPoints(points.get(owner.id) ?? []);
  const searchText = organizationSearchTextOf({
    name: row!.name,
    industry: row!.industry,
    websites: row!.websites ?? [],
    tags: names.get(owner.id) ?? [],
    phones,
  });
  await tx.db.update(organizations).set({ searchText }).where(where);
}

/** The tenant's tag list, by name. */
export async function listTenantTags(ctx: Context): Promise<Tag[]> {
  requirePermission(ctx, PERMISSIONS.tagView);
  return ctx.db
    .select({ id: tags.id, name: tags.name })
    .from(tags)
    .where(eq(tags.tenantId, ctx.tenantId))
    .orderBy(asc(tags.name));
}

/** A contact's or organization's tags, in order. */
export async function listTags(ctx: Context, owner: ProfileOwner): Promise<Tag[]> {
  requirePermission(ctx, PERMISSIONS.tagView);
  await requireOwner(ctx, owner);
  return (await tagsOf(ctx, owner.kind, [owner.id])).get(owner.id) ?? [];
}

/**
 * Tags a contact or organization by name, creating the tenant's tag when it has none of that name (enfore).
 * The tag goes last; tagging again with a tag it has is a no-op. Returns the tag.
 */
export async function addTag(ctx: Context, owner: ProfileOwner, input: TagInput): Promise<Tag> {
  requirePermission(ctx, PERMISSIONS.tagEdit);
  const { name } = parseInput(tagInput, input);
  return inTransaction(ctx, async (tx) => {
    await requireOwner(tx, owner, true);
    const before = (await tagsOf(tx, owner.kind, [owner.id])).get(owner.id) ?? [];
    const existing = before.find((t) => t.name === name);
    if (existing) return existing;
    if (before.length >= MAX_TAGS_PER_RECORD)
      throw validationFailed([
        { path: "name", message: `a record holds at most ${MAX_TAGS_PER_RECORD} tags` },
      ]);
    const id = (await ensureTags(tx, [name])).get(name)!;
    const [last] = await tx.db
      .select({ position: sql<number | null>`max(${tagAssignments.position})` })
      .from(tagAssignments)
      .where(ofOwner(tx, owner));
    await tx.db.insert(tagAssignments).values({
      tenantId: tx.tenantId,
      ownerKind: owner.kind,
      ownerId: owner.id,
      tagId: id,
      position: (last?.position ?? -1) + 1,
    });
    await tagsChanged(tx, owner);
    const names = before.map((t) => t.name);
    await recordChangeSet(tx, {
      ...historyOf(owner),
      action: "update",
      changes: diff({ tags: names }, { tags: [...names, name] }),
    });
    return { id, name };
  });
}

/** Takes a tag off a contact or organization (the tenant keeps the tag). 404 when it does not have it. */
export async function removeTag(ctx: Context, owner: ProfileOwner, tagId: string): Promise<void> {
  requirePermission(ctx, PERMISSIONS.tagEdit);
  await inTransaction(ctx, async (tx) => {
    await requireOwner(tx, owner, true);
    const before = (await tagsOf(tx, owner.kind, [owner.id])).get(owner.id) ?? [];
    if (!isUuid(tagId) || !before.some((t) => t.id === tagId)) throw notFound("tag", tagId);
    await tx.db.delete(tagAssignments).where(and(ofOwner(tx, owner), eq(tagAssignments.tagId, tagId)));
    await tagsChanged(tx, owner);
    await recordChangeSet(tx, {
      ...historyOf(owner),
      action: "update",
      changes: diff(
        { tags: before.map((t) => t.name) },
        { tags: before.filter((t) => t.id !== tagId).map((t) => t.name) },
      ),
    });
  });
}

/** The tag of the tenant with this id, locked for the rest of the transaction; 404 when there is none. */
async function findTag(tx: Context, id: string): Promise<Tag> {
  if (!isUuid(id)) throw notFound("tag", id);
  const [row] = await tx.db
    .select({ id: tags.id, name: tags.name })
    .from(tags)
    .where(and(eq(tags.tenantId, tx.tenantId), eq(tags.id, id)))
    .for("update");
  if (!row) throw notFound("tag", id);
  return row;
}

/**
 * Every record holding tag `id` after its names changed (`names` maps each to its tags before and after):
 * each moves on a version, organizations get their search text again, and each records the change.
 */
async function retagged(
  tx: Context,
  holders: ProfileOwner[],
  names: (owner: ProfileOwner) => { before: string[]; after: string[] },
) {
  for (const owner of holders) {
    await tagsChanged(tx, owner);
    const { before, after } = names(owner);
    await recordChangeSet(tx, {
      ...historyOf(owner),
      action: "update",
      changes: diff({ tags: before }, { tags: after }),
    });
  }
}

async function holdersOf(tx: Context, tagId: string): Promise<ProfileOwner[]> {
  return tx.db
    .select({ kind: tagAssignments.ownerKind, id: tagAssignments.ownerId })
    .from(tagAssignments)
    .where(and(eq(tagAssignments.tenantId, tx.tenantId), eq(tagAssignments.tagId, tagId)))
    .orderBy(asc(tagAssignments.ownerKind), asc(tagAssignments.ownerId));
}

async function namesBefore(tx: Context, holders: ProfileOwner[]) {
  const byKind = await Promise.all(
    (["contact", "organization"] as const).map(async (kind) =>
      tagNamesOf(
        tx,
        kind,
        holders.filter((h) => h.kind === kind).map((h) => h.id),
      ),
    ),
  );
  return (owner: ProfileOwner) => byKind[owner.kind === "contact" ? 0 : 1]!.get(owner.id) ?? [];
}

/**
 * Renames a tag of the tenant's list: every record holding it shows the new name (Genesys organization `tags`
 * too). 409 when another tag already has that name (names are case-sensitive); renaming to its own name is a no-op.
 */
export async function renameTag(ctx: Context, id: string, input: TagInput): Promise<Tag> {
  requirePermission(ctx, PERMISSIONS.tagEdit);
  const { name } = parseInput(tagInput, input);
  return inTransaction(ctx, async (tx) => {
    const tag = await findTag(tx, id);
    if (tag.name === name) return tag;
    const [taken] = await tx.db
      .select({ id: tags.id })
      .from(tags)
      .where(and(eq(tags.tenantId, tx.tenantId), eq(tags.name, name)));
    if (taken) throw conflict(`a tag named ${JSON.stringify(name)} exists`, { type: "tag", id: taken.id });
    const holders = await holdersOf(tx, tag.id);
    const before = await namesBefore(tx, holders);
    await tx.db
      .update(tags)
      .set({ name })
      .where(and(eq(tags.tenantId, tx.tenantId), eq(tags.id, tag.id)));
    await retagged(tx, holders, (owner) => ({
      before: before(owner),
      after: before(owner).map((n) => (n === tag.name ? name : n)),
    }));
    return { id: tag.id, name };
  });
}

/** Deletes a tag from the tenant's list and takes it off every record holding it. */
export async function deleteTag(ctx: Context, id: string): Promise<void> {
  requirePermission(ctx, PERMISSIONS.tagEdit);
  await inTransaction(ctx, async (tx) => {
    const tag = await findTag(tx, id);
    const holders = await holdersOf(tx, tag.id);
    const before = await namesBefore(tx, holders);
    await tx.db
      .delete(tagAssignments)
      .where(and(eq(tagAssignments.tenantId, tx.tenantId), eq(tagAssignments.tagId, tag.id)));
    await tx.db.delete(tags).where(and(eq(tags.tenantId, tx.tenantId), eq(tags.id, tag.id)));
    await retagged(tx, holders, (owner) => ({
      before: before(owner),
      after: before(owner).filter((n) => n !== tag.name),
    }));
  });
}
