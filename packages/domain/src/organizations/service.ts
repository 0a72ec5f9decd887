import {
  alias,
  and,
  asc,
  contacts,
  desc,
  eq,
  getTableColumns,
  inArray,
  isNull,
  type OrganizationRow,
  organizations,
  type PgColumn,
  type Placeholder,
  type SQL,
  sql,
} from "@switchboard/db";
import { PERMISSIONS } from "../access/permissions";
import {
  contactPointsJson,
  contactPointsOf,
  contactPointValues,
  fromContactPoints,
  type OwnedContactPoints,
  pointsOf,
  replaceContactPoints,
  storedPointsOf,
} from "../contact-points";
import { searchTermsOf } from "../contacts/rules";
import {
  type ExternalId,
  externalIdIssues,
  externalIdsFromJson,
  externalIdsJson,
  externalIdsOf,
  replaceExternalIds,
} from "../external-sources";
import { changeSetsOf, diff, recordChangeSet, recordChangeSets } from "../history";
import { type OffsetPageInput, offsetPageInput, type RecordRef } from "../numbers/rules";
import type { ProfessionalIdentity } from "../professional-identities/model";
import { endProfessionalIdentitiesAt } from "../professional-identities/service";
import { refuseReferencedPayer } from "../profile/roles";
import { replaceTags, tagNamesJson, tagNamesOf } from "../profile/tags";
import { customFieldIssues } from "../schemas/service";
import { type Context, inTransaction, requirePermission } from "../shared/context";
import { conflict, notFound, rejectIssues, validationFailed } from "../shared/errors";
import { isUuid } from "../shared/ids";
import { perHandle, scopeValues, statementContext } from "../shared/prepared";
import { offsetPage, readableRows, refCondition } from "../shared/record-reads";
import {
  divisionFilter,
  keysetPage,
  liveRecords,
  pageOf,
  type ScanInput,
  scanInput,
  visibleIn,
} from "../shared/records";
import { canBeFuzzy, exactTermFilters, fuzzyKeywords } from "../shared/search";
import { parseInput } from "../shared/validation";
import { resolveDivision } from "../tenancy/service";
import {
  type Organization,
  type OrganizationInput,
  type OrganizationSearchInput,
  organizationInput,
  organizationSearchInput,
  type TrustorLink,
  type ValidOrganizationInput,
} from "./model";
import { ORGANIZATION_HISTORY_IGNORED, organizationSearchTextOf, webAddressesWithWebsites } from "./rules";

const ENTITY = "organization";

const records = liveRecords(organizations, ENTITY);
const scope = records.scope;

function toOrganization(
  row: OrganizationRow,
  points: Parameters<typeof fromContactPoints>[0],
  ids: ExternalId[] = [],
  tags: string[] = [],
): Organization {
  const { phones, emails, addresses, webAddresses } = fromContactPoints(points);
  return {
    id: row.id,
    number: row.number,
    version: row.version,
    divisionId: row.divisionId,
    name: row.name,
    companyType: row.companyType,
    industry: row.industry,
    employeeCount: row.employeeCount,
    revenue: row.revenue,
    tags,
    websites: webAddresses.map((w) => w.url),
    tickers: row.tickers ?? [],
    externalSystemUrl: row.externalSystemUrl,
    phones,
    emails,
    addresses,
    webAddresses,
    externalIds: ids,
    schemaId: row.schemaId,
    schemaVersion: row.schemaVersion,
    customFields: row.customFields,
    extensions: row.extensions as Organization["extensions"],
    trustor:
      row.trustorOrgId && row.trustorLinkedAt
        ? { trustorOrgId: row.trustorOrgId, linkedAt: row.trustorLinkedAt, linkedBy: row.trustorLinkedBy }
        : null,
    createdAt: row.createdAt,
    modifiedAt: row.modifiedAt,
  };
}

function fieldsOf(
  input: ValidOrganizationInput,
  divisionId: string,
  before: Partial<OwnedContactPoints> = {},
) {
  // `websites` are the urls of the web points (a cache in the row, for exports and search).
  const webAddresses = webAddressesWithWebsites(
    input.webAddresses,
    input.websites,
    (before.webAddresses ?? []).map((w) => w.url),
  );
  const points = pointsOf({ ...input, webAddresses }, before);
  const { phones } = points;
  const websites = points.webAddresses.map((w) => w.url);
  const fields = {
    divisionId,
    name: input.name,
    companyType: input.companyType ?? null,
    industry: input.industry ?? null,
    employeeCount: input.employeeCount ?? null,
    revenue: input.revenue ?? null,
    websites,
    tickers: input.tickers,
    externalSystemUrl: input.externalSystemUrl ?? null,
    schemaId: input.schemaId ?? null,
    schemaVersion: input.schemaVersion ?? null,
    customFields: input.customFields ?? null,
    extensions: input.extensions,
  };
  // The Genesys `tags` are a view of the organization's tag assignments (profile module), each name once.
  const tags = [...new Set(input.tags)];
  return {
    fields,
    tags,
    searchText: organizationSearchTextOf({ ...fields, tags, phones }),
    ...points,
  };
}

/** The division the organization goes to; refuses an unknown division or custom fields its schema rejects. */
async function checkReferences(
  ctx: Context,
  input: ValidOrganizationInput,
  before?: Pick<Organization, "id" | "schemaId" | "divisionId">,
): Promise<string> {
  // An update that names no division keeps the organization where it is.
  const division = await resolveDivision(ctx, input.divisionId ?? before?.divisionId);
  const issues = division.issue ? [division.issue] : [];
  issues.push(...(await externalIdIssues(ctx, "organization", before?.id ?? null, input.externalIds)));
  issues.push(
    ...(await customFieldIssues(ctx, "organization", input, {
      assigning: input.schemaId !== before?.schemaId,
    })),
  );
  rejectIssues(issues);
  return division.id;
}

/**
 * An organization's points, external ids and tags as json columns of the statement that reads its row, so a
 * page of organizations is one statement, not one plus three (`fromJsonColumns` reads them).
 */
const jsonColumns = (ctx: Context) => ({
  points: contactPointsJson(ctx, "organization", organizations.id),
  externalIds: externalIdsJson(ctx, "organization", organizations.id),
  tags: tagNamesJson(ctx, "organization", organizations.id),
});

type RowWithJson = OrganizationRow & { points: unknown; externalIds: unknown; tags: unknown };

/** The row and the json columns (`jsonColumns`) one statement read, split: the row as stored, the organization. */
function fromJsonColumns(read: RowWithJson): { row: OrganizationRow; organization: Organization } {
  const { points, externalIds, tags, ...row } = read;
  const tagNames = (typeof tags === "string" ? JSON.parse(tags) : tags) as string[];
  return {
    row,
    organization: toOrganization(row, storedPointsOf(points), externalIdsFromJson(externalIds), tagNames),
  };
}

/** Every column of the row and the json columns, for `pageOf`'s `columns`. */
const rowWithJson = (ctx: Context) => ({ ...getTableColumns(organizations), ...jsonColumns(ctx) });

async function hydrate(ctx: Context, rows: OrganizationRow[]): Promise<Organization[]> {
  const ids = rows.map((r) => r.id);
  const [points, externalIds, tags] = await Promise.all([
    contactPointsOf(ctx, "organization", ids),
    externalIdsOf(ctx, "organization", ids),
    tagNamesOf(ctx, "organization", ids),
  ]);
  return rows.map((r) => toOrganization(r, points.get(r.id) ?? [], externalIds.get(r.id), tags.get(r.id)));
}

/** An organization as history records it: external ids by source and value. */
const historyView = (o: Organization) => ({
  ...o,
  externalIds: o.externalIds.map(({ sourceId, value }) => ({ sourceId, value })),
});

const findRow = records.find;

/** Whether a live organization with this id exists in the tenant (for references from other records). */
export const organizationExists = records.exists;

/** Most organizations one search term may bring into a contact search through their name. */
const NAMED_ORGANIZATIONS_LIMIT = 200;

/**
 * The ids of live organizations whose searchable text (name, ...) contains `term`, at most 200, as a uuid[]
 * expression for a contact search's own statement (a subquery PostgreSQL runs once, not a round trip of its
 * own): a contact search matches the contacts of these too ("acme" finds the people who work at Acme).
 */
export const organizationIdsMatching = (ctx: Context, term: string | Placeholder): SQL =>
  sql`array(${ctx.db
    .select({ id: organizations.id })
    .from(organizations)
    .where(and(scope(ctx), ...exactTermFilters(organizations.searchText, [term])))
    .limit(NAMED_ORGANIZATIONS_LIMIT)})`;

/** The live organizations among `ids`, in one query (for set-based writes that reference many). */
export const liveOrganizationRows = records.byIds;

export async function getOrganization(ctx: Context, id: string): Promise<Organization> {
  requirePermission(ctx, PERMISSIONS.organizationView);
  if (!isUuid(id)) throw notFound(ENTITY, id);
  const [found] = await liveById(ctx.db).execute({ ...scopeValues(ctx), id });
  if (!found) throw notFound(ENTITY, id);
  return fromJsonColumns(found as RowWithJson).organization;
}

/** `organizationWhere` for a live organization by id, built once (shared/prepared): every GET runs it. */
const liveById = perHandle((db) => {
  const on = statementContext(db);
  return db
    .select(rowWithJson(on))
    .from(organizations)
    .where(and(scope(on), eq(organizations.id, sql.placeholder("id"))))
    .prepare("live_organization_by_id");
});

/**
 * The organization whose row `where` picks (at most one), with its points, external ids and tags, in one
 * statement: the row with the three as json subselects. Also the row, for what a read checks on it.
 */
async function organizationWhere(
  ctx: Context,
  where: SQL | undefined,
): Promise<{ row: OrganizationRow; organization: Organization } | undefined> {
  const [found] = await ctx.db.select(rowWithJson(ctx)).from(organizations).where(where);
  return found && fromJsonColumns(found as RowWithJson);
}

/** Organizations by id (missing ids are left out), in the order asked. */
export async function getOrganizations(ctx: Context, ids: string[]): Promise<Organization[]> {
  requirePermission(ctx, PERMISSIONS.organizationView);
  return hydrate(ctx, await records.byIds(ctx, ids));
}

export async function searchOrganizations(ctx: Context, params: OrganizationSearchInput = {}) {
  requirePermission(ctx, PERMISSIONS.organizationView);
  const { q, pageSize, pageNumber, sort, divisionIds, trustorIds } = parseInput(
    organizationSearchInput,
    params,
  );
  const filters: (SQL | undefined)[] = [scope(ctx)];
  // Trustor ids override `q` (Genesys), and the results come back in the order they were asked for.
  const terms = trustorIds?.length ? [] : searchTermsOf(q);
  if (trustorIds?.length) filters.push(inArray(organizations.trustorOrgId, trustorIds));
  if (divisionIds?.length) filters.push(inArray(organizations.divisionId, divisionIds));
  const direction = sort?.direction === "desc" ? desc : asc;
  const sortColumns = {
    name: organizations.name,
    companyType: organizations.companyType,
    industry: organizations.industry,
    createDate: organizations.createdAt,
  };
  const column = sortColumns[sort?.field ?? "name"];
  const order = trustorIds?.length
    ? [sql`array_position(${sql.param(trustorIds)}::uuid[], ${organizations.trustorOrgId})`]
    : [direction(column), asc(organizations.id)];
  const page = { pageSize, pageNumber };
  const exact = and(...filters, ...exactTermFilters(organizations.searchText, terms));
  // The page's rows with their points, external ids and tags: one statement.
  const columns = rowWithJson(ctx);
  let found = await pageOf<RowWithJson>(ctx, organizations, exact, order, page, { columns });
  // Nothing matched exactly: a typo-tolerant pass over the same trigram index (see shared/search).
  if (found.total === 0 && canBeFuzzy(terms)) {
    const { keywords, rank } = await fuzzyKeywords(ctx, organizations.searchText, terms);
    const ranked = sort ? order : [desc(rank), ...order];
    found = await pageOf<RowWithJson>(ctx, organizations, and(...filters, keywords), ranked, page, {
      columns,
    });
  }
  const entities = found.rows.map((r) => fromJsonColumns(r).organization);
  return { entities, total: found.total, pageSize, pageNumber };
}

export async function organizationHistory(ctx: Context, id: string) {
  requirePermission(ctx, PERMISSIONS.organizationView);
  await findRow(ctx, id);
  return changeSetsOf(ctx, ENTITY, id);
}

export async function createOrganization(ctx: Context, input: OrganizationInput): Promise<Organization> {
  requirePermission(ctx, PERMISSIONS.organizationAdd);
  const valid = parseInput(organizationInput, input);
  return inTransaction(ctx, async (tx) => {
    const divisionId = await checkReferences(tx, valid);
    const { fields, tags, searchText, ...points } = fieldsOf(valid, divisionId);
    const [row] = await tx.db
      .insert(organizations)
      .values({ ...fields, searchText, tenantId: tx.tenantId })
      .returning();
    if (!row) throw new Error("insert returned no row");
    await replaceContactPoints(tx, "organization", row.id, contactPointValues(points));
    await replaceExternalIds(tx, "organization", row.id, valid.externalIds);
    await replaceTags(tx, { kind: "organization", id: row.id }, tags);
    const [created] = await hydrate(tx, [row]);
    await recordChangeSet(tx, {
      entityType: ENTITY,
      entityId: row.id,
      action: "create",
      changes: diff({}, historyView(created!), ORGANIZATION_HISTORY_IGNORED),
    });
    return created!;
  });
}

/** Replaces an organization's writable fields; `expectedVersion` guards against lost updates (409). */
export async function updateOrganization(
  ctx: Context,
  id: string,
  input: OrganizationInput,
  options: { expectedVersion?: number } = {},
): Promise<Organization> {
  requirePermission(ctx, PERMISSIONS.organizationEdit);
  const valid = parseInput(organizationInput, input);
  return inTransaction(ctx, async (tx) => {
    const row = await records.findForUpdate(tx, id, options.expectedVersion);
    const [before] = await hydrate(tx, [row]);
    return writeUpdate(tx, row, before!, valid);
  });
}

/**
 * A partial update: `edit` turns the current organization (read under a row lock) into the full input,
 * which takes the same validation and history as `updateOrganization`.
 */
export async function patchOrganization(
  ctx: Context,
  id: string,
  edit: (current: Organization) => OrganizationInput,
  options: { expectedVersion?: number } = {},
): Promise<Organization> {
  requirePermission(ctx, PERMISSIONS.organizationEdit);
  return inTransaction(ctx, async (tx) => {
    const row = await records.findForUpdate(tx, id, options.expectedVersion);
    const [before] = await hydrate(tx, [row]);
    return writeUpdate(tx, row, before!, parseInput(organizationInput, edit(before!)));
  });
}

async function writeUpdate(
  tx: Context,
  row: OrganizationRow,
  before: Organization,
  valid: ValidOrganizationInput,
): Promise<Organization> {
  const id = row.id;
  const divisionId = await checkReferences(tx, valid, before);
  const { fields, tags, searchText, ...points } = fieldsOf(valid, divisionId, before);
  const proposed = {
    ...historyView(before),
    ...fields,
    tags,
    ...points,
    externalIds: valid.externalIds,
  };
  const changes = diff(historyView(before), proposed, ORGANIZATION_HISTORY_IGNORED);
  if (changes.length === 0) return before;
  const [updated] = await tx.db
    .update(organizations)
    .set({ ...fields, searchText, version: row.version + 1, modifiedAt: new Date() })
    .where(and(eq(organizations.tenantId, tx.tenantId), eq(organizations.id, id)))
    .returning();
  await replaceContactPoints(tx, "organization", id, contactPointValues(points));
  await replaceExternalIds(tx, "organization", id, valid.externalIds);
  if (changes.some((c) => c.path === "tags" || c.path.startsWith("tags.")))
    await replaceTags(tx, { kind: "organization", id }, tags);
  await recordChangeSet(tx, { entityType: ENTITY, entityId: id, action: "update", changes });
  const [after] = await hydrate(tx, [updated!]);
  return after!;
}

/**
 * Soft-deletes an organization. Its contacts stay and lose the link, each with its own history entry.
 * With `expectedVersion` (the version the caller read), 409 when the record changed since.
 */
export async function deleteOrganization(
  ctx: Context,
  id: string,
  options: { expectedVersion?: number } = {},
): Promise<void> {
  requirePermission(ctx, PERMISSIONS.organizationDelete);
  await inTransaction(ctx, async (tx) => {
    const row = await records.findForUpdate(tx, id, options.expectedVersion);
    await refuseReferencedPayer(tx, { kind: "organization", id });
    await tx.db
      .update(organizations)
      .set({ deletedAt: new Date(), version: row.version + 1 })
      .where(and(eq(organizations.tenantId, tx.tenantId), eq(organizations.id, id)));
    const unlinked = await tx.db
      .update(contacts)
      .set({ organizationId: null, modifiedAt: new Date(), version: sql`${contacts.version} + 1` })
      .where(and(eq(contacts.tenantId, tx.tenantId), eq(contacts.organizationId, id)))
      .returning({ id: contacts.id });
    await recordChangeSets(tx, [
      { entityType: ENTITY, entityId: id, action: "delete", changes: [] },
      ...unlinked.map((c) => ({
        entityType: "contact",
        entityId: c.id,
        action: "update" as const,
        changes: [{ path: "organizationId", old: id, new: null }],
      })),
    ]);
    await endProfessionalIdentitiesAt(tx, id);
  });
}

/** Every organization of the tenant in a stable order, a page at a time (Genesys scan). */
export async function scanOrganizations(ctx: Context, params: ScanInput = {}) {
  requirePermission(ctx, PERMISSIONS.organizationView);
  const { limit, cursor, divisionId } = parseInput(scanInput, params);
  const { rows, nextCursor } = await keysetPage<OrganizationRow>(
    ctx,
    organizations,
    organizations.number,
    and(scope(ctx), divisionFilter(organizations.divisionId, divisionId)),
    { limit, cursor },
  );
  return { entities: await hydrate(ctx, rows), nextCursor };
}

// ------------------------------------------------------------------------------------------- trustors

const trustorLinkOf = (row: OrganizationRow): TrustorLink => ({
  organizationId: row.id,
  divisionId: row.divisionId,
  trustorOrgId: row.trustorOrgId!,
  linkedAt: row.trustorLinkedAt!,
  linkedBy: row.trustorLinkedBy,
});

/**
 * Links an external organization to the Genesys Cloud organization that trusts this one (its trustor).
 * A trustor is represented by one organization at a time (409 otherwise); linking again is a no-op.
 */
export async function linkTrustor(ctx: Context, id: string, trustorOrgId: string): Promise<TrustorLink> {
  requirePermission(ctx, PERMISSIONS.organizationEdit);
  if (!isUuid(trustorOrgId))
    throw validationFailed([{ path: "trustorId", message: "must be a trustor organization id" }]);
  return inTransaction(ctx, async (tx) => {
    const row = await findRow(tx, id, true);
    if (row.trustorOrgId === trustorOrgId) return trustorLinkOf(row);
    const [holder] = await tx.db
      .select({ id: organizations.id })
      .from(organizations)
      .where(
        and(
          eq(organizations.tenantId, tx.tenantId),
          eq(organizations.trustorOrgId, trustorOrgId),
          isNull(organizations.deletedAt),
        ),
      );
    if (holder)
      throw conflict(`trustor ${trustorOrgId} is already linked to organization ${holder.id}`, {
        type: ENTITY,
        id: holder.id,
      });
    const [updated] = await tx.db
      .update(organizations)
      .set({
        trustorOrgId,
        trustorLinkedAt: new Date(),
        trustorLinkedBy: tx.actor.id,
        version: row.version + 1,
        modifiedAt: new Date(),
      })
      .where(and(eq(organizations.tenantId, tx.tenantId), eq(organizations.id, id)))
      .returning();
    await recordChangeSet(tx, {
      entityType: ENTITY,
      entityId: id,
      action: "update",
      changes: [{ path: "trustorOrgId", old: row.trustorOrgId, new: trustorOrgId }],
    });
    return trustorLinkOf(updated!);
  });
}

/** Removes an organization's trustor link; an organization without one is not found (404). */
export async function unlinkTrustor(ctx: Context, id: string): Promise<void> {
  requirePermission(ctx, PERMISSIONS.organizationEdit);
  await inTransaction(ctx, async (tx) => {
    const row = await findRow(tx, id, true);
    if (!row.trustorOrgId) throw notFound("trustor link", id);
    await tx.db
      .update(organizations)
      .set({
        trustorOrgId: null,
        trustorLinkedAt: null,
        trustorLinkedBy: null,
        version: row.version + 1,
        modifiedAt: new Date(),
      })
      .where(and(eq(organizations.tenantId, tx.tenantId), eq(organizations.id, id)));
    await recordChangeSet(tx, {
      entityType: ENTITY,
      entityId: id,
      action: "update",
      changes: [{ path: "trustorOrgId", old: row.trustorOrgId, new: null }],
    });
  });
}

// ------------------------------------------------------------------------ reads by number, offset pages

/** An organization as the enfore and DFS reads return it: soft-deleted ones flagged. */
export type OrganizationRecord = Organization & { deleted: boolean };

/**
 * An organization by uuid or number (DFS int32 legal-entity id). A soft-deleted one is not found unless
 * `includeDeleted`; then it comes back with `deleted: true` (enfore reads it so).
 */
export async function readOrganization(
  ctx: Context,
  ref: RecordRef,
  options: { includeDeleted?: boolean } = {},
): Promise<OrganizationRecord> {
  requirePermission(ctx, PERMISSIONS.organizationView);
  const which = refCondition(organizations, ref);
  const found = which && (await organizationWhere(ctx, and(readableRows(ctx, organizations, true), which)));
  if (!found || (found.row.deletedAt && !options.includeDeleted))
    throw notFound(ENTITY, "id" in ref ? ref.id : String(ref.number));
  return { ...found.organization, deleted: found.row.deletedAt !== null };
}

/** Organizations in creation order, `limit` (1..5000) from `offset` (enfore paging); deleted ones when asked. */
export async function listOrganizationsByOffset(
  ctx: Context,
  params: OffsetPageInput = {},
): Promise<{ entities: OrganizationRecord[] }> {
  requirePermission(ctx, PERMISSIONS.organizationView);
  const rows = await offsetPage(ctx, organizations, parseInput(offsetPageInput, params));
  const read = await hydrate(ctx, rows);
  return { entities: read.map((o, i) => ({ ...o, deleted: rows[i]!.deletedAt !== null })) };
}

// ------------------------------------------------------------------------ with representatives (enfore)

/**
 * A representative of an organization as its read shows it (enfore's `representatives`): the PI's id, person and
 * activity. The rest of the PI is read on its own (`professionalIdentitiesAt`).
 */
export type Representative = Pick<
  ProfessionalIdentity,
  "id" | "contactId" | "isActive" | "activationDate" | "deactivationDate"
>;

/** An organization as enfore reads it: with its representatives (the PIs at it). */
export type OrganizationWithRepresentatives = OrganizationRecord & {
  representatives: Representative[];
};

/**
 * The PIs at the organization whose id is the outer query's `organizationId` column, of live people the caller
 * sees, in creation order, as a json array column (`representativesFrom` reads it): the `Representative` of
 * each PI `professionalIdentitiesAt` reads, in the organization's own statement.
 */
function representativesJson(ctx: Context, organizationId: PgColumn): SQL<unknown> {
  // Only a `Representative`'s fields: a page of 50 organizations holds ~500 of them, and the whole PI (14
  // fields, four timestamps made Dates) was most of the list's JSON to parse and of its Dates to make.
  return sql`(select coalesce(json_agg(json_build_object(
      'id', pi.id, 'contactId', pi.contact_id, 'isActive', pi.is_active,
      'activationDate', pi.activation_date, 'deactivationDate', pi.deactivation_date
    ) order by pi.number), '[]')
    from professional_identities pi
    join contacts pc on pc.tenant_id = pi.tenant_id and pc.id = pi.contact_id
    where pi.tenant_id = ${ctx.tenantId} and pi.organization_id = ${sql`${organizationId}`}
      and pc.deleted_at is null and pc.canonical_contact_id is null
      and ${visibleIn(ctx, people.divisionId) ?? sql`true`})`;
}

/** The person of a representative, as `representativesJson` names it. */
const people = alias(contacts, "pc");

type JsonRepresentative = Omit<Representative, "activationDate" | "deactivationDate"> & {
  activationDate: string | null;
  deactivationDate: string | null;
};

const dateOf = (value: string | null) => (value === null ? null : new Date(value));

function representativesFrom(json: unknown): Representative[] {
  const read = (typeof json === "string" ? JSON.parse(json) : json) as JsonRepresentative[];
  return read.map((p) => ({
    id: p.id,
    contactId: p.contactId,
    isActive: p.isActive,
    activationDate: dateOf(p.activationDate),
    deactivationDate: dateOf(p.deactivationDate),
  }));
}

type RowWithRepresentatives = RowWithJson & { representatives: unknown };

const withRepresentatives = (read: RowWithRepresentatives): OrganizationWithRepresentatives => {
  const { representatives, ...rest } = read;
  const { row, organization } = fromJsonColumns(rest);
  return {
    ...organization,
    deleted: row.deletedAt !== null,
    representatives: representativesFrom(representatives),
  };
};

/**
 * `readOrganization` with the organization's representatives (enfore), in one statement: the row, its points,
 * external ids, tags and representatives.
 */
export async function readOrganizationWithRepresentatives(
  ctx: Context,
  ref: RecordRef,
  options: { includeDeleted?: boolean } = {},
): Promise<OrganizationWithRepresentatives> {
  requirePermission(ctx, PERMISSIONS.organizationView);
  const missing = () => notFound(ENTITY, "id" in ref ? ref.id : String(ref.number));
  if (!refCondition(organizations, ref)) throw missing();
  const [found] =
    "id" in ref
      ? await representedById(ctx.db).execute({ ...scopeValues(ctx), id: ref.id })
      : await representedByNumber(ctx.db).execute({ ...scopeValues(ctx), number: ref.number });
  if (!found || (found.deletedAt && !options.includeDeleted)) throw missing();
  return withRepresentatives(found as RowWithRepresentatives);
}

/** The row, json columns and representatives of an organization (deleted ones too) by `key`, built once. */
const represented = (key: "id" | "number") =>
  perHandle((db) => {
    const on = statementContext(db);
    return db
      .select({ ...rowWithJson(on), representatives: representativesJson(on, organizations.id) })
      .from(organizations)
      .where(and(readableRows(on, organizations, true), eq(organizations[key], sql.placeholder(key))))
      .prepare(`represented_organization_by_${key}`);
  });
const representedById = represented("id");
const representedByNumber = represented("number");

/**
 * `listOrganizationsByOffset` with each organization's representatives, in one statement: the page's keys
 * are found first (the rows skipped are only walked), then its rows with their json columns.
 */
export async function listOrganizationsWithRepresentativesByOffset(
  ctx: Context,
  params: OffsetPageInput = {},
): Promise<{ entities: OrganizationWithRepresentatives[] }> {
  requirePermission(ctx, PERMISSIONS.organizationView);
  const page = parseInput(offsetPageInput, params);
  const list = page.includeDeleted ? representedPageWithDeleted : representedPage;
  const rows = await list(ctx.db).execute({ ...scopeValues(ctx), limit: page.limit, offset: page.offset });
  return { entities: rows.map((r) => withRepresentatives(r as RowWithRepresentatives)) };
}

/**
 * A page of organizations in creation order with their json columns and representatives, built once: the
 * page's keys are found first (the rows skipped are only walked), then its rows.
 */
const representedPageOf = (includeDeleted: boolean) =>
  perHandle((db) => {
    const on = statementContext(db);
    const keys = db
      .select({ id: organizations.id })
      .from(organizations)
      .where(readableRows(on, organizations, includeDeleted))
      .orderBy(asc(organizations.number))
      .limit(sql.placeholder("limit"))
      .offset(sql.placeholder("offset"));
    return db
      .select({ ...rowWithJson(on), representatives: representativesJson(on, organizations.id) })
      .from(organizations)
      .where(and(eq(organizations.tenantId, on.tenantId), inArray(organizations.id, keys)))
      .orderBy(asc(organizations.number))
      .prepare(`represented_organizations_page${includeDeleted ? "_with_deleted" : ""}`);
  });
const representedPage = representedPageOf(false);
const representedPageWithDeleted = representedPageOf(true);
