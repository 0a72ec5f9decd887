import {
  and,
  asc,
  contacts,
  eq,
  externalIds,
  externalSources,
  inArray,
  or,
  organizations,
} from "@switchboard/db";
import { PERMISSIONS } from "../access/permissions";
import { recordChangeSets } from "../history";
import { type Context, inTransaction, requireAnyPermission, requirePermission } from "../shared/context";
import { notFound, unprocessable, validationFailed } from "../shared/errors";
import { isUuid } from "../shared/ids";
import { visibleIn } from "../shared/records";
import { ENFORE_SOURCES, externalIdValueIssue } from "./rules";

// enfore's ID mappings (cross-dialect §6): one-to-one `internal` (the record's uuid) ⇄ `external` per record
// kind, stored as the record's external id of the reserved source `enfore:individual` / `enfore:organization`,
// so the record's enfore `external_id` and the mapping endpoints are one value.

type Owner = keyof typeof ENFORE_SOURCES;
export interface IdMapping {
  internal: string;
  external: string;
}

const VIEW = { contact: PERMISSIONS.contactView, organization: PERMISSIONS.organizationView } as const;
const EDIT = { contact: PERMISSIONS.contactEdit, organization: PERMISSIONS.organizationEdit } as const;
const tableOf = (owner: Owner) => (owner === "contact" ? contacts : organizations) as typeof contacts;

/** The tenant's reserved source of `owner`'s enfore ids, created on first use. */
export async function enforeSourceId(ctx: Context, owner: Owner): Promise<string> {
  requireAnyPermission(ctx, PERMISSIONS.contactView, PERMISSIONS.organizationView);
  const name = ENFORE_SOURCES[owner];
  const find = async () => {
    const [row] = await ctx.db
      .select({ id: externalSources.id })
      .from(externalSources)
      .where(and(eq(externalSources.tenantId, ctx.tenantId), eq(externalSources.name, name)));
    return row?.id;
  };
  const found = await find();
  if (found) return found;
  await ctx.db.insert(externalSources).values({ tenantId: ctx.tenantId, name }).onConflictDoNothing();
  return (await find())!;
}

/** The mappings of the records (soft-deleted ones too) the caller sees, by entity id. */
async function mappingsWhere(ctx: Context, owner: Owner, sourceId: string, where?: ReturnType<typeof and>) {
  const t = tableOf(owner);
  const rows = await ctx.db
    .select({ internal: externalIds.entityId, external: externalIds.value })
    .from(externalIds)
    .innerJoin(t, and(eq(t.tenantId, externalIds.tenantId), eq(t.id, externalIds.entityId)))
    .where(
      and(
        eq(externalIds.tenantId, ctx.tenantId),
        eq(externalIds.sourceId, sourceId),
        eq(externalIds.entityType, owner),
        visibleIn(ctx, t.divisionId),
        where,
      ),
    )
    .orderBy(asc(t.number));
  return rows;
}

/** Every mapping of the kind (enfore ops 61, 106). */
export async function listIdMappings(ctx: Context, owner: Owner): Promise<IdMapping[]> {
  requirePermission(ctx, VIEW[owner]);
  return mappingsWhere(ctx, owner, await enforeSourceId(ctx, owner));
}

/** The mapping of one record (`internal`) or one external id (`external`); 404 when there is none. */
export async function getIdMapping(
  ctx: Context,
  owner: Owner,
  ref: { internal: string } | { external: string },
): Promise<IdMapping> {
  requirePermission(ctx, VIEW[owner]);
  const sourceId = await enforeSourceId(ctx, owner);
  if ("internal" in ref && !isUuid(ref.internal)) throw notFound("id mapping", ref.internal);
  const which =
    "internal" in ref ? eq(externalIds.entityId, ref.internal) : eq(externalIds.value, ref.external.trim());
  const [found] = await mappingsWhere(ctx, owner, sourceId, which);
  if (!found) throw notFound("id mapping", "internal" in ref ? ref.internal : ref.external);
  return found;
}

/**
 * Adds (`add`: 422 when a record or an external id already has another mapping) or upserts (`upsert`: the
 * mappings of every record and external id listed are replaced) mappings; each id once per list, each record
 * an existing one of the kind (soft-deleted ones too), else 422. Answers the mappings of the records listed.
 */
export async function writeIdMappings(
  ctx: Context,
  owner: Owner,
  items: IdMapping[],
  mode: "add" | "upsert",
): Promise<IdMapping[]> {
  requirePermission(ctx, EDIT[owner]);
  const issues = items.flatMap((item, i) => {
    const issue = externalIdValueIssue(item.external, `items.${i}.external`);
    return issue ? [issue] : [];
  });
  if (issues.length) throw validationFailed(issues);
  const list = items.map((i) => ({ internal: i.internal, external: i.external.trim() }));
  const twice = (key: "internal" | "external") =>
    list.findIndex((item, i) => list.findIndex((o) => o[key] === item[key]) !== i);
  for (const key of ["internal", "external"] as const) {
    const at = twice(key);
    if (at >= 0)
      throw unprocessable(`${key} id ${list[at]![key]} is listed twice`, {
        issues: [{ path: `items.${at}.${key}`, message: "is listed twice" }],
      });
  }
  if (list.length === 0) return [];
  return inTransaction(ctx, async (tx) => {
    const sourceId = await enforeSourceId(tx, owner);
    // One mapping write of the kind at a time: the checks below hold until it commits.
    await tx.db
      .select({ id: externalSources.id })
      .from(externalSources)
      .where(and(eq(externalSources.tenantId, tx.tenantId), eq(externalSources.id, sourceId)))
      .for("update");
    const t = tableOf(owner);
    const internals = list.map((i) => i.internal);
    const known = await tx.db
      .select({ id: t.id })
      .from(t)
      .where(
        and(
          eq(t.tenantId, tx.tenantId),
          inArray(t.id, internals.filter(isUuid)),
          visibleIn(tx, t.divisionId),
        ),
      );
    const knownIds = new Set(known.map((k) => k.id));
    const unknown = list.findIndex((i) => !knownIds.has(i.internal));
    if (unknown >= 0)
      throw unprocessable(
        `${list[unknown]!.internal} is no ${owner === "contact" ? "individual" : "organization"} contact`,
        {
          issues: [{ path: `items.${unknown}.internal`, message: "is not an existing contact of this kind" }],
        },
      );
    const ofSource = and(
      eq(externalIds.tenantId, tx.tenantId),
      eq(externalIds.sourceId, sourceId),
      eq(externalIds.entityType, owner),
    );
    const touching = or(
      inArray(externalIds.entityId, internals),
      inArray(
        externalIds.value,
        list.map((i) => i.external),
      ),
    );
    const existing = await tx.db
      .select({ internal: externalIds.entityId, external: externalIds.value })
      .from(externalIds)
      .where(and(ofSource, touching));
    const same = (a: IdMapping, b: IdMapping) => a.internal === b.internal && a.external === b.external;
    if (mode === "add") {
      const clash = existing.find((e) => !list.some((i) => same(i, e)));
      if (clash)
        throw unprocessable(`${clash.internal} is already mapped to ${clash.external}`, {
          issues: [{ path: "items", message: `${clash.internal} ⇄ ${clash.external} exists` }],
        });
    }
    const gone = existing.filter((e) => !list.some((i) => same(i, e)));
    const added = list.filter((i) => !existing.some((e) => same(i, e)));
    if (gone.length)
      await tx.db.delete(externalIds).where(
        and(
          ofSource,
          inArray(
            externalIds.value,
            gone.map((g) => g.external),
          ),
        ),
      );
    if (added.length)
      await tx.db.insert(externalIds).values(
        added.map((a) => ({
          tenantId: tx.tenantId,
          sourceId,
          value: a.external,
          entityType: owner,
          entityId: a.internal,
        })),
      );
    await recordMappingChanges(tx, owner, sourceId, gone, added);
    return list;
  });
}

/** Deletes the mapping of one record or one external id; 404 when there is none. */
export async function deleteIdMapping(
  ctx: Context,
  owner: Owner,
  ref: { internal: string } | { external: string },
): Promise<void> {
  requirePermission(ctx, EDIT[owner]);
  await inTransaction(ctx, async (tx) => {
    const found = await getIdMapping(tx, owner, ref);
    const sourceId = await enforeSourceId(tx, owner);
    await tx.db
      .delete(externalIds)
      .where(
        and(
          eq(externalIds.tenantId, tx.tenantId),
          eq(externalIds.sourceId, sourceId),
          eq(externalIds.value, found.external),
        ),
      );
    await recordMappingChanges(tx, owner, sourceId, [found], []);
  });
}

/** Each record whose mapping changed gets a change set of its external id of the reserved source. */
async function recordMappingChanges(
  tx: Context,
  owner: Owner,
  sourceId: string,
  gone: IdMapping[],
  added: IdMapping[],
) {
  const ids = [...new Set([...gone, ...added].map((m) => m.internal))];
  await recordChangeSets(
    tx,
    ids.map((id) => ({
      entityType: owner,
      entityId: id,
      action: "update" as const,
      changes: [
        {
          path: `externalIds.${sourceId}`,
          old: gone.find((g) => g.internal === id)?.external ?? null,
          new: added.find((a) => a.internal === id)?.external ?? null,
        },
      ],
    })),
  );
}
