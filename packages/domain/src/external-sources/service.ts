import {
  and,
  asc,
  contacts,
  type ExternalSourceRow,
  eq,
  externalIds,
  externalSources,
  inArray,
  organizations,
  type PgColumn,
  type SQL,
  sql,
} from "@switchboard/db";
import { allows, PERMISSIONS } from "../access/permissions";
import { diff, recordChangeSet } from "../history";
import { type Context, inTransaction, requireAnyPermission, requirePermission } from "../shared/context";
import { conflict, type FieldIssue, notFound, validationFailed } from "../shared/errors";
import { isUuid } from "../shared/ids";
import { keysetPage, visibleIn } from "../shared/records";
import { nextModifiedAt, requireModifiedAt, type WriteCondition } from "../shared/revisions";
import { parseInput } from "../shared/validation";
import {
  type ExternalId,
  type ExternalIdInput,
  type ExternalSource,
  type ExternalSourceInput,
  type ExternalSourceListInput,
  externalIdInput,
  externalSourceInput,
  externalSourceListInput,
  MAX_EXTERNAL_IDS,
} from "./model";
import { externalIdLink, isReservedSourceName } from "./rules";

const ENTITY = "externalSource";
type Owner = "contact" | "organization";

const toSource = (r: ExternalSourceRow): ExternalSource => ({
  id: r.id,
  name: r.name,
  active: r.active,
  uriTemplate: r.uriTemplate,
  createdAt: r.createdAt,
  modifiedAt: r.modifiedAt,
});

/** Anyone who may read contacts or organizations may read the sources their ids come from. */
const requireView = (ctx: Context) =>
  requireAnyPermission(
    ctx,
    PERMISSIONS.externalSourceView,
    PERMISSIONS.contactView,
    PERMISSIONS.organizationView,
  );

async function findRow(ctx: Context, id: string, forUpdate = false): Promise<ExternalSourceRow> {
  if (!isUuid(id)) throw notFound(ENTITY, id);
  const query = ctx.db
    .select()
    .from(externalSources)
    .where(and(eq(externalSources.tenantId, ctx.tenantId), eq(externalSources.id, id)));
  const [row] = forUpdate ? await query.for("update") : await query;
  if (!row) throw notFound(ENTITY, id);
  return row;
}

/**
 * The source locked for a write, after checking the caller's condition on it. A reserved (`enfore:`) source
 * is the enfore dialect's: no caller renames or deletes it.
 */
async function lockRow(tx: Context, id: string, condition: WriteCondition): Promise<ExternalSourceRow> {
  const row = await findRow(tx, id, true);
  requireModifiedAt({ type: ENTITY, id }, row.modifiedAt, condition.expectedModifiedAt);
  if (isReservedSourceName(row.name))
    throw validationFailed([{ path: "name", message: `${row.name} is a reserved source` }]);
  return row;
}

async function refuseDuplicateName(ctx: Context, name: string, except?: string) {
  const [other] = await ctx.db
    .select({ id: externalSources.id })
    .from(externalSources)
    .where(
      and(eq(externalSources.tenantId, ctx.tenantId), sql`lower(${externalSources.name}) = lower(${name})`),
    );
  if (other && other.id !== except)
    throw conflict(`an external source named "${name}" already exists`, { type: ENTITY, id: other.id });
}

export async function getExternalSource(ctx: Context, id: string): Promise<ExternalSource> {
  requireView(ctx);
  return toSource(await findRow(ctx, id));
}

/** Sources in creation order with an opaque cursor; `name` filters by prefix. */
export async function listExternalSources(ctx: Context, params: ExternalSourceListInput = {}) {
  requireView(ctx);
  const { limit, cursor, name, active } = parseInput(externalSourceListInput, params);
  const prefix = name && `${name.toLowerCase().replace(/[\\%_]/g, "\\$&")}%`;
  const where = and(
    eq(externalSources.tenantId, ctx.tenantId),
    prefix ? sql`lower(${externalSources.name}) like ${prefix}` : undefined,
    active === undefined ? undefined : eq(externalSources.active, active),
  );
  const page = await keysetPage<ExternalSourceRow>(ctx, externalSources, externalSources.number, where, {
    limit,
    cursor,
  });
  return { entities: page.rows.map(toSource), nextCursor: page.nextCursor };
}

export async function createExternalSource(
  ctx: Context,
  input: ExternalSourceInput,
): Promise<ExternalSource> {
  requirePermission(ctx, PERMISSIONS.externalSourceAdd);
  const valid = parseInput(externalSourceInput, input);
  return inTransaction(ctx, async (tx) => {
    await refuseDuplicateName(tx, valid.name);
    const [row] = await tx.db
      .insert(externalSources)
      .values({
        tenantId: tx.tenantId,
        name: valid.name,
        active: valid.active,
        uriTemplate: valid.uriTemplate ?? null,
      })
      .returning();
    const created = toSource(row!);
    await recordChangeSet(tx, {
      entityType: ENTITY,
      entityId: created.id,
      action: "create",
      changes: diff({}, valid),
    });
    return created;
  });
}

export async function updateExternalSource(
  ctx: Context,
  id: string,
  input: ExternalSourceInput,
  condition: WriteCondition = {},
): Promise<ExternalSource> {
  requirePermission(ctx, PERMISSIONS.externalSourceEdit);
  const valid = parseInput(externalSourceInput, input);
  return inTransaction(ctx, async (tx) => {
    const before = await lockRow(tx, id, condition);
    await refuseDuplicateName(tx, valid.name, id);
    const next = { name: valid.name, active: valid.active, uriTemplate: valid.uriTemplate ?? null };
    const changes = diff({ name: before.name, active: before.active, uriTemplate: before.uriTemplate }, next);
    if (changes.length === 0) return toSource(before);
    const [row] = await tx.db
      .update(externalSources)
      .set({ ...next, modifiedAt: nextModifiedAt(before.modifiedAt) })
      .where(and(eq(externalSources.tenantId, tx.tenantId), eq(externalSources.id, id)))
      .returning();
    await recordChangeSet(tx, { entityType: ENTITY, entityId: id, action: "update", changes });
    return toSource(row!);
  });
}

/** Deletes a source. Records keep their ids from it and stay editable (Genesys warns it does not clean up). */
export async function deleteExternalSource(
  ctx: Context,
  id: string,
  condition: WriteCondition = {},
): Promise<void> {
  requirePermission(ctx, PERMISSIONS.externalSourceDelete);
  await inTransaction(ctx, async (tx) => {
    const before = await lockRow(tx, id, condition);
    await tx.db
      .delete(externalSources)
      .where(and(eq(externalSources.tenantId, tx.tenantId), eq(externalSources.id, id)));
    await recordChangeSet(tx, {
      entityType: ENTITY,
      entityId: id,
      action: "delete",
      changes: [{ path: "name", old: before.name, new: null }],
    });
  });
}

// ------------------------------------------------------------------------------- external ids of records

/** The external ids of each record in `entityIds`, with their sources and generated links. */
export async function externalIdsOf(
  ctx: Context,
  owner: Owner,
  entityIds: string[],
): Promise<Map<string, ExternalId[]>> {
  const byEntity = new Map<string, ExternalId[]>(entityIds.map((id) => [id, []]));
  if (entityIds.length === 0) return byEntity;
  const rows = await ctx.db
    .select({ id: externalIds, source: externalSources })
    .from(externalIds)
    .leftJoin(
      externalSources,
      and(eq(externalSources.tenantId, externalIds.tenantId), eq(externalSources.id, externalIds.sourceId)),
    )
    .where(
      and(
        eq(externalIds.tenantId, ctx.tenantId),
        eq(externalIds.entityType, owner),
        inArray(externalIds.entityId, entityIds),
      ),
    )
    .orderBy(asc(externalIds.position));
  for (const { id, source } of rows) {
    byEntity.get(id.entityId)?.push({
      sourceId: id.sourceId,
      value: id.value,
      source: source ? toSource(source) : null,
      link: source ? externalIdLink(source.uriTemplate, id.value) : null,
    });
  }
  return byEntity;
}

/**
 * The external ids of the record whose id is `entityId` (the outer query's id column), with their sources, as
 * a json array in position order: a subselect, so a one-record read gets them in the same statement as its row
 * (`externalIdsFromJson` reads the value). Aliased and with `entityId` nested, as `contactPointsJson` is.
 */
export const externalIdsJson = (ctx: Context, owner: Owner, entityId: PgColumn): SQL<unknown> =>
  sql`(select coalesce(json_agg(json_build_object(
      'sourceId', e.source_id, 'value', e.value,
      'source', case when s.id is null then null else json_build_object(
        'id', s.id, 'name', s.name, 'active', s.active, 'uriTemplate', s.uri_template,
        'createdAt', s.created_at, 'modifiedAt', s.modified_at
      ) end
    ) order by e.position), '[]')
    from external_ids e
    left join external_sources s on s.tenant_id = e.tenant_id and s.id = e.source_id
    where e.tenant_id = ${ctx.tenantId} and e.entity_type = ${owner} and e.entity_id = ${sql`${entityId}`})`;

type StoredExternalId = {
  sourceId: string;
  value: string;
  source:
    | (Omit<ExternalSource, "createdAt" | "modifiedAt"> & { createdAt: string; modifiedAt: string })
    | null;
};

/** The external ids an `externalIdsJson` column read, as `externalIdsOf` returns them. */
export function externalIdsFromJson(json: unknown): ExternalId[] {
  const stored = (typeof json === "string" ? JSON.parse(json) : json) as StoredExternalId[];
  return stored.map(({ sourceId, value, source }) => ({
    sourceId,
    value,
    source: source
      ? { ...source, createdAt: new Date(source.createdAt), modifiedAt: new Date(source.modifiedAt) }
      : null,
    link: source ? externalIdLink(source.uriTemplate, value) : null,
  }));
}

/**
 * Checks a record's external ids before they are written: at most ten, each from a source of this tenant,
 * and not already naming another record (a value identifies one record per source).
 */
export async function externalIdIssues(
  ctx: Context,
  owner: Owner,
  entityId: string | null,
  list: ExternalIdInput[],
): Promise<FieldIssue[]> {
  const [issues] = await externalIdIssuesOfMany(ctx, owner, [{ entityId, list }]);
  return issues ?? [];
}

/**
 * `externalIdIssues` for many records at once (a batch write), in two queries whatever their number. Each
 * record is checked on its own: two records of one batch claiming the same value is for the caller to say.
 */
export async function externalIdIssuesOfMany(
  ctx: Context,
  owner: Owner,
  records: { entityId: string | null; list: ExternalIdInput[] }[],
): Promise<FieldIssue[][]> {
  const checked = records.map(({ entityId, list }) => {
    const issues: FieldIssue[] = [];
    if (list.length > MAX_EXTERNAL_IDS)
      issues.push({ path: "externalIds", message: `at most ${MAX_EXTERNAL_IDS} external ids` });
    const parsed = list.map((item, i) => ({ i, parsed: externalIdInput.safeParse(item) }));
    for (const { i, parsed: p } of parsed)
      if (!p.success)
        issues.push({ path: `externalIds.${i}`, message: p.error.issues[0]?.message ?? "is invalid" });
    const ok = parsed.flatMap(({ i, parsed: p }) => (p.success ? [{ i, ...p.data }] : []));
    return { entityId, issues, ok };
  });
  const all = checked.flatMap((c) => c.ok);
  if (all.length === 0) return checked.map((c) => c.issues);
  const sourceIds = [...new Set(all.map((o) => o.sourceId))];
  const [sources, taken] = await Promise.all([
    ctx.db
      .select({ id: externalSources.id })
      .from(externalSources)
      .where(and(eq(externalSources.tenantId, ctx.tenantId), inArray(externalSources.id, sourceIds))),
    ctx.db
      .select()
      .from(externalIds)
      .where(
        and(
          eq(externalIds.tenantId, ctx.tenantId),
          inArray(externalIds.sourceId, sourceIds),
          inArray(externalIds.value, [...new Set(all.map((o) => o.value))]),
        ),
      ),
  ]);
  const known = new Set(sources.map((s) => s.id));
  const holders = new Map(taken.map((t) => [`${t.sourceId}\u0000${t.value}`, t]));
  return checked.map(({ entityId, issues, ok }) => {
    const seen = new Set<string>();
    for (const o of ok) {
      const key = `${o.sourceId}\u0000${o.value}`;
      const holder = holders.get(key);
      const ownId = holder?.entityType === owner && holder.entityId === entityId;
      // A record may keep an id whose source was deleted since: it stays editable, as Genesys promises.
      if (!known.has(o.sourceId) && !ownId)
        issues.push({
          path: `externalIds.${o.i}.sourceId`,
          message: `external source ${o.sourceId} does not exist`,
        });
      if (seen.has(key)) issues.push({ path: `externalIds.${o.i}`, message: "is listed twice" });
      seen.add(key);
      if (holder && !ownId)
        issues.push({
          path: `externalIds.${o.i}.value`,
          message: `${o.value} already identifies ${holder.entityType} ${holder.entityId}`,
          conflict: true,
        });
    }
    return issues;
  });
}

/** Replaces a record's external ids; call after `externalIdIssues` found none. */
export async function replaceExternalIds(
  ctx: Context,
  owner: Owner,
  entityId: string,
  list: ExternalIdInput[],
): Promise<void> {
  await ctx.db
    .delete(externalIds)
    .where(
      and(
        eq(externalIds.tenantId, ctx.tenantId),
        eq(externalIds.entityType, owner),
        eq(externalIds.entityId, entityId),
      ),
    );
  if (list.length === 0) return;
  await ctx.db.insert(externalIds).values(
    list.map((e, position) => ({
      tenantId: ctx.tenantId,
      sourceId: e.sourceId,
      value: e.value.trim(),
      entityType: owner,
      entityId,
      position,
    })),
  );
}

/** A record an external id value names. */
export interface ExternalIdHolder {
  sourceId: string;
  value: string;
  entityType: Owner;
  entityId: string;
}

/**
 * The records an external id value names (enfore `id-from-external-id`, DFS connection lookups and their
 * "unique across all systems" rule): of one source, or of every source when none is given; of one record
 * kind when `entityType` is given. Soft-deleted records keep their ids and are included; records outside the
 * caller's divisions, and kinds it may not view, are not.
 */
export async function findExternalIdHolders(
  ctx: Context,
  query: { value: string; sourceId?: string; entityType?: Owner },
): Promise<ExternalIdHolder[]> {
  requireAnyPermission(ctx, PERMISSIONS.contactView, PERMISSIONS.organizationView);
  const value = query.value.trim();
  if (!value || (query.sourceId !== undefined && !isUuid(query.sourceId))) return [];
  const kinds = (["contact", "organization"] as const).filter(
    (k) =>
      (!query.entityType || query.entityType === k) &&
      allows(ctx.actor.permissions, k === "contact" ? PERMISSIONS.contactView : PERMISSIONS.organizationView),
  );
  if (kinds.length === 0) return [];
  const rows = await ctx.db
    .select({
      sourceId: externalIds.sourceId,
      value: externalIds.value,
      entityType: externalIds.entityType,
      entityId: externalIds.entityId,
    })
    .from(externalIds)
    .where(
      and(
        eq(externalIds.tenantId, ctx.tenantId),
        eq(externalIds.value, value),
        query.sourceId ? eq(externalIds.sourceId, query.sourceId) : undefined,
        inArray(externalIds.entityType, kinds),
      ),
    )
    .orderBy(asc(externalIds.sourceId));
  if (rows.length === 0) return [];
  const visible = new Set<string>();
  for (const kind of kinds) {
    const ids = rows.filter((r) => r.entityType === kind).map((r) => r.entityId);
    if (ids.length === 0) continue;
    const t = kind === "contact" ? contacts : organizations;
    const found = await ctx.db
      .select({ id: t.id })
      .from(t)
      .where(and(eq(t.tenantId, ctx.tenantId), inArray(t.id, ids), visibleIn(ctx, t.divisionId)));
    for (const f of found) visible.add(`${kind}:${f.id}`);
  }
  return rows.filter((r) => visible.has(`${r.entityType}:${r.entityId}`));
}
