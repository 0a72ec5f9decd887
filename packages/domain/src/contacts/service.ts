import {
  and,
  asc,
  type ContactRow,
  contactPoints,
  contacts,
  conversationAssociations,
  count,
  desc,
  type Executor,
  eq,
  inArray,
  isNull,
  or,
  type PgColumn,
  type Placeholder,
  type SelectedFields,
  type SQL,
  sql,
} from "@switchboard/db";
import { PERMISSIONS } from "../access/permissions";
import {
  contactPointsJson,
  contactPointValues,
  replaceContactPoints,
  storedPointsOf,
} from "../contact-points";
import {
  externalIdIssues,
  externalIdsFromJson,
  externalIdsJson,
  replaceExternalIds,
} from "../external-sources";
import { changeSetsOf, diff, recordChangeSet } from "../history";
import { organizationExists, organizationIdsMatching } from "../organizations/service";
import { refuseReferencedPayer } from "../profile/roles";
import { customFieldIssues } from "../schemas/service";
import { type Context, inTransaction, requirePermission } from "../shared/context";
import { notFound, rejectIssues, validationFailed } from "../shared/errors";
import { isUuid } from "../shared/ids";
import { perHandle, scopeValues, statementContext } from "../shared/prepared";
import {
  divisionFilter,
  keysetPage,
  liveRecords,
  pageOf,
  pageWithTotal,
  type ScanInput,
  scanInput,
  windowTotal,
  withWindowTotal,
} from "../shared/records";
import { canBeFuzzy, exactTermFilters, fuzzyKeywords, termPlaceholders, termValues } from "../shared/search";
import { parseInput } from "../shared/validation";
import { resolveDivision } from "../tenancy/service";
import { listFilters } from "./list-filters";
import {
  type Contact,
  type ContactInput,
  type ContactSearchInput,
  contactInput,
  contactSearchInput,
  type ValidContactInput,
} from "./model";
import {
  addressableContactById,
  type ContactFields,
  contactColumns,
  contactWhere,
  creationChanges,
  fieldsOf,
  historyView,
  hydrate,
  toContact,
} from "./rows";
import { CONTACT_HISTORY_IGNORED, searchTermsOf } from "./rules";

const ENTITY = "contact";

// ------------------------------------------------------------------------------------------- reads

// A contact merged into another lives on only as history and through unresolved reads.
const records = liveRecords(contacts, ENTITY, isNull(contacts.canonicalContactId));
const scope = records.scope;

const findRow = records.find;

/** Whether a live contact with this id exists in the tenant (for records that hang off a contact). */
export const contactExists = records.exists;

export async function getContact(ctx: Context, id: string): Promise<Contact> {
  requirePermission(ctx, PERMISSIONS.contactView);
  const stored = await unresolved(ctx, id);
  if (!stored.row.canonicalContactId) return stored.contact;
  // A merged-away contact resolves to the canonical contact it was merged into.
  const canonicalId = stored.row.canonicalContactId;
  const canonical = await contactWhere(ctx, and(scope(ctx), eq(contacts.id, canonicalId)));
  if (!canonical) throw notFound(ENTITY, canonicalId);
  return canonical.contact;
}

/** The stored record itself, even when it was merged into another contact (Genesys "unresolved"). */
export async function getUnresolvedContact(ctx: Context, id: string): Promise<Contact> {
  requirePermission(ctx, PERMISSIONS.contactView);
  return (await unresolved(ctx, id)).contact;
}

/** An addressable contact with its points and external ids, in one statement (see `contactWhere`). */
async function unresolved(ctx: Context, id: string) {
  if (!isUuid(id)) throw notFound(ENTITY, id);
  const found = await addressableContactById(ctx, id);
  if (!found) throw notFound(ENTITY, id);
  return found;
}

/** Contacts by id (missing ids are left out), in the order asked. */
export async function getContacts(ctx: Context, ids: string[]): Promise<Contact[]> {
  requirePermission(ctx, PERMISSIONS.contactView);
  return hydrate(ctx, await records.byIds(ctx, ids));
}

export interface ContactPage {
  entities: Contact[];
  total: number;
  pageSize: number;
  pageNumber: number;
}

/**
 * Keyword search (names, emails, phone numbers in any format, the organization's name; case- and
 * accent-insensitive) with page-number
 * paging. Every term must match; the trigram index serves each `LIKE`. When no contact matches exactly, a
 * typo-tolerant pass over the same index ranks near matches of the names (see shared/search).
 */
export async function searchContacts(ctx: Context, params: ContactSearchInput = {}): Promise<ContactPage> {
  return findContacts(ctx, params, { withTotal: true });
}

/**
 * The page `searchContacts` would return, without counting all matches: for a client that knows the total
 * already, such as a list re-sorted or scrolled (at 100k contacts the count is most of the query).
 */
export async function searchContactsPage(
  ctx: Context,
  params: ContactSearchInput = {},
  /** The count of all matches, when the caller knows it: a page past the middle is then read from the end. */
  knownTotal?: number,
): Promise<Omit<ContactPage, "total">> {
  const { total: _, ...page } = await findContacts(ctx, params, { withTotal: false, knownTotal });
  return page;
}

/** A contact as a list shows it: its names, title, type, first email and phone, and when it last changed. */
export interface ContactSummary {
  id: string;
  displayName: string | null;
  firstName: string | null;
  lastName: string | null;
  title: string | null;
  type: Contact["type"];
  email: string | null;
  phone: string | null;
  modifiedAt: Date;
}

/**
 * A column with its table's name: a one-table select names columns bare, and inside the subquery below a bare
 * `id` or `tenant_id` would be the contact point's.
 */
const qualified = (table: typeof contacts | typeof contactPoints, column: PgColumn) =>
  sql`${table}.${sql.identifier(column.name)}`;

/** A contact's first contact point of `kind` (by position), its `field`: one index lookup per row. */
const firstPoint = (kind: "email" | "phone", field: "address" | "display") => {
  const point = (column: PgColumn) => qualified(contactPoints, column);
  return sql<string | null>`(select ${point(contactPoints.details)} ->> ${field} from ${contactPoints}
    where ${point(contactPoints.tenantId)} = ${qualified(contacts, contacts.tenantId)}
      and ${point(contactPoints.ownerKind)} = 'contact'
      and ${point(contactPoints.ownerId)} = ${qualified(contacts, contacts.id)}
      and ${point(contactPoints.kind)} = ${kind}
    order by ${point(contactPoints.position)} limit 1)`;
};

const summaries: Columns = () => summaryColumns;

const summaryColumns = {
  id: contacts.id,
  displayName: contacts.displayName,
  firstName: contacts.firstName,
  lastName: contacts.lastName,
  title: contacts.title,
  type: contacts.type,
  email: firstPoint("email", "address"),
  phone: firstPoint("phone", "display"),
  modifiedAt: contacts.modifiedAt,
};

/**
 * The page `searchContacts` would return, as summaries read in one statement (a whole contact takes three,
 * and ten times the data), for a list with many rows; the total only `withTotal`, as in `searchContactsPage`.
 * With `pageCount`, that many consecutive pages in one read: deep in a long list, each page read on its own
 * walks the sort index from the start again.
 */
export async function searchContactSummaries(
  ctx: Context,
  params: ContactSearchInput = {},
  {
    withTotal = true,
    knownTotal,
    pageCount,
  }: { withTotal?: boolean; knownTotal?: number; pageCount?: number } = {},
): Promise<{ entities: ContactSummary[]; total: number | null; pageSize: number; pageNumber: number }> {
  const { rows, total, pageSize, pageNumber } = await findContactRows<ContactSummary>(ctx, params, {
    withTotal,
    knownTotal,
    pageCount,
    columns: summaries,
  });
  return { entities: rows, total: withTotal ? total : null, pageSize, pageNumber };
}

async function findContacts(
  ctx: Context,
  params: ContactSearchInput,
  options: { withTotal: boolean; knownTotal?: number },
): Promise<ContactPage> {
  const { rows, ...page } = await findContactRows<
    ContactFields & { pointsJson: unknown; externalIdsJson: unknown }
  >(ctx, params, { ...options, columns: wholeContacts });
  // The row as it is (toContact reads its fields by name): copying it without the two json columns was the
  // largest JavaScript function of a search in the web server's profile.
  const entities = rows.map((row) =>
    toContact(row, storedPointsOf(row.pointsJson), externalIdsFromJson(row.externalIdsJson)),
  );
  return { entities, ...page };
}

/** The columns a search reads, for a context (see `statementContext`); one function per kind of read. */
type Columns = (on: Context) => SelectedFields;

/** One statement: the page's rows with their points and external ids as json subselects (see `contactWhere`). */
const wholeContacts: Columns = (on) => ({
  ...contactColumns,
  pointsJson: contactPointsJson(on, "contact", contacts.id),
  externalIdsJson: externalIdsJson(on, "contact", contacts.id),
});

/**
 * The terms' condition: each term is in the contact's text, or in the text of the contact's organization.
 * Written as "every term is in the text, or an organization is named and each term is in the text or the
 * organization's": the same rows, but PostgreSQL then reads the first part with one trigram index scan of all
 * the terms, as it reads a plain `LIKE` search. Per term `(text or organization)`, it scanned the index for one
 * term and tested the others row by row: a two-name search over a million contacts read 11,000 heap blocks
 * where 48 hold the matches (37 ms against 9).
 */
export const keywordsFilter = (on: Context, terms: (string | Placeholder)[]) => {
  const inText = exactTermFilters(contacts.searchText, terms);
  const named = terms.map(
    (term) => sql`${contacts.organizationId} = any(${organizationIdsMatching(on, term)})`,
  );
  if (terms.length === 1) return or(inText[0], named[0]);
  return or(and(...inText), and(or(...named), ...terms.map((_, i) => or(inText[i], named[i]))));
};

/** Contacts in the default order: by last name, then first name, then id. */
const DEFAULT_ORDER = [asc(contacts.lastName), asc(contacts.firstName), asc(contacts.id)];

/**
 * The exact pass of the commonest search, keywords in the default order with their total and no other filter
 * (every Genesys `q` search), as a statement built once per database handle, columns and number of terms
 * (shared/prepared): building it was the largest cost of a search in the web server. The same scope and term
 * conditions as any other search, built from a context of placeholders.
 */
const keywordSearches = perHandle(
  () => new Map<Columns, Map<number, { execute(values: object): Promise<unknown[]> }>>(),
);

function keywordSearch(db: Executor, columns: Columns, termCount: number) {
  const byColumns = keywordSearches(db);
  const statements = byColumns.get(columns) ?? new Map();
  byColumns.set(columns, statements);
  let statement = statements.get(termCount);
  if (!statement) {
    const on = statementContext(db);
    // The page's keys and the count come from narrow rows; its columns (with points and external ids) are read
    // for its own rows. Counted with every column, each match was copied whole into the window: ~9% of the
    // statement over a million contacts, for a name that thousands have.
    const page = db
      .select({
        id: contacts.id,
        lastName: contacts.lastName,
        firstName: contacts.firstName,
        total: windowTotal().as("total"),
      })
      .from(contacts)
      .where(and(scope(on), keywordsFilter(on, termPlaceholders(termCount))))
      .orderBy(...DEFAULT_ORDER)
      .limit(sql.placeholder("limit"))
      .offset(sql.placeholder("offset"))
      .as("page");
    statement = db
      .select(withWindowTotal(columns(on), page.total))
      .from(page)
      .innerJoin(contacts, and(eq(contacts.tenantId, on.tenantId), eq(contacts.id, page.id)))
      .orderBy(asc(page.lastName), asc(page.firstName), asc(page.id))
      .prepare(`contact_keyword_search_${termCount}`);
    statements.set(termCount, statement);
  }
  return statement;
}

/** Searches of up to this many terms run a statement built once (a longer one is rare enough to build). */
const PREPARED_TERMS = 4;

/** The matching rows of one page (`columns` of them, or all) and, `withTotal`, the count of all matches. */
async function findContactRows<Row>(
  ctx: Context,
  params: ContactSearchInput,
  {
    withTotal,
    knownTotal,
    pageCount,
    columns,
  }: { withTotal: boolean; knownTotal?: number; pageCount?: number; columns: Columns },
): Promise<{ rows: Row[]; total: number; pageSize: number; pageNumber: number }> {
  requirePermission(ctx, PERMISSIONS.contactView);
  const { q, pageSize, pageNumber, sort, divisionIds, ids, organizationId, ...more } = parseInput(
    contactSearchInput,
    params,
  );
  const sorts = sort === undefined ? [] : [sort].flat();
  const terms = searchTermsOf(q);
  const filters: (SQL | undefined)[] = [scope(ctx)];
  if (divisionIds?.length) filters.push(inArray(contacts.divisionId, divisionIds));
  if (ids) filters.push(ids.length ? inArray(contacts.id, ids) : sql`false`);
  if (organizationId) filters.push(eq(contacts.organizationId, organizationId));
  filters.push(...listFilters(more));

  // The order asked for, or its exact reverse (to read a page from the end). Ties (by id) go the sort's way,
  // so a descending order is its index read backwards: ascending ties made PostgreSQL sort every group of
  // equal names for a page (100k contacts sorted by first name, descending: ~15 ms more a page).
  const by = (reversed: boolean) => {
    const along = (direction?: "asc" | "desc") => ((direction === "desc") !== reversed ? desc : asc);
    const last = along(sorts.at(-1)?.direction);
    return sorts.length
      ? [...sorts.map((s) => along(s.direction)(contacts[s.field])), last(contacts.id)]
      : [last(contacts.lastName), last(contacts.firstName), last(contacts.id)];
  };
  const order = by(false);
  const page = { pageSize, pageNumber, pageCount };
  // A term also matches the contacts of organizations it names, looked up in the same statement. Built only
  // when a read needs them: the commonest search runs a statement built once.
  const termsFilter = () => (terms.length ? keywordsFilter(ctx, terms) : undefined);
  const exact = () => and(...filters, termsFilter());
  const commonest =
    terms.length > 0 &&
    terms.length <= PREPARED_TERMS &&
    filters.length === 1 &&
    sorts.length === 0 &&
    withTotal &&
    knownTotal === undefined &&
    pageCount === undefined;
  let found = commonest
    ? await pageWithTotal<Row>(
        await keywordSearch(ctx.db, columns, terms.length).execute({
          ...scopeValues(ctx),
          ...termValues(terms),
          limit: pageSize,
          offset: (pageNumber - 1) * pageSize,
        }),
        pageNumber,
        async () => (await ctx.db.select({ total: count() }).from(contacts).where(exact()))[0]?.total ?? 0,
      )
    : await pageOf<Row>(ctx, contacts, and(...filters), order, page, {
        keywords: termsFilter(),
        countApart: terms.length === 0,
        withoutTotal: !withTotal,
        backwards: knownTotal === undefined ? undefined : { orderBy: by(true), total: knownTotal },
        columns: columns(ctx),
      });
  // Nothing matches exactly (without a total: an empty page that is the first, or past no exact match).
  const nothing = withTotal
    ? found.total === 0
    : found.rows.length === 0 &&
      (pageNumber === 1 ||
        (await ctx.db.select({ id: contacts.id }).from(contacts).where(exact()).limit(1)).length === 0);
  if (nothing && canBeFuzzy(terms)) {
    const { keywords, rank } = await fuzzyKeywords(ctx, contacts.searchText, terms);
    // In the order asked for, as the exact pass; else best matches first, then by name.
    found = sorts.length
      ? await pageOf<Row>(ctx, contacts, and(...filters), order, page, {
          keywords,
          withoutTotal: !withTotal,
          columns: columns(ctx),
        })
      : await pageOf<Row>(ctx, contacts, and(...filters, keywords), [desc(rank), ...order], page, {
          withoutTotal: !withTotal,
          columns: columns(ctx),
        });
  }
  return { rows: found.rows, total: found.total, pageSize, pageNumber };
}

export async function contactHistory(ctx: Context, id: string) {
  requirePermission(ctx, PERMISSIONS.contactView);
  await findRow(ctx, id);
  return changeSetsOf(ctx, ENTITY, id);
}

// ------------------------------------------------------------------------------------------- writes

async function checkReferences(
  ctx: Context,
  input: ValidContactInput,
  before?: Pick<Contact, "id" | "schemaId" | "divisionId">,
): Promise<string> {
  // An update that names no division keeps the contact where it is.
  const division = await resolveDivision(ctx, input.divisionId ?? before?.divisionId);
  const issues = division.issue ? [division.issue] : [];
  issues.push(...(await externalIdIssues(ctx, "contact", before?.id ?? null, input.externalIds)));
  issues.push(
    ...(await customFieldIssues(ctx, "contact", input, { assigning: input.schemaId !== before?.schemaId })),
  );
  if (input.organizationId && !(await organizationExists(ctx, input.organizationId))) {
    issues.push({ path: "organizationId", message: `organization ${input.organizationId} does not exist` });
  }
  rejectIssues(issues);
  return division.id;
}

export async function createContact(
  ctx: Context,
  input: ContactInput,
  options: { type?: Contact["type"] } = {},
): Promise<Contact> {
  requirePermission(ctx, PERMISSIONS.contactAdd);
  const valid = parseInput(contactInput, input);
  return inTransaction(ctx, async (tx) => {
    const divisionId = await checkReferences(tx, valid);
    const { fields, derived, ...points } = fieldsOf(valid, divisionId);
    const [row] = await tx.db
      .insert(contacts)
      .values({ ...fields, ...derived, tenantId: tx.tenantId, type: options.type ?? "Curated" })
      .returning();
    if (!row) throw new Error("insert returned no row");
    await replaceContactPoints(tx, "contact", row.id, contactPointValues(points));
    await replaceExternalIds(tx, "contact", row.id, valid.externalIds);
    const [created] = await hydrate(tx, [row]);
    await recordChangeSet(tx, {
      entityType: ENTITY,
      entityId: row.id,
      action: "create",
      changes: creationChanges(created!),
    });
    return created!;
  });
}

/**
 * Replaces a contact's writable fields. With `expectedVersion`, refuses (409) when someone else changed it
 * first. A write that changes nothing keeps the version and writes no history.
 */
export async function updateContact(
  ctx: Context,
  id: string,
  input: ContactInput,
  options: { expectedVersion?: number } = {},
): Promise<Contact> {
  requirePermission(ctx, PERMISSIONS.contactEdit);
  const valid = parseInput(contactInput, input);
  return inTransaction(ctx, async (tx) => {
    const row = await records.findForUpdate(tx, id, options.expectedVersion);
    const [before] = await hydrate(tx, [row]);
    return writeUpdate(tx, row, before!, valid);
  });
}

/**
 * A partial update: `edit` turns the current contact (read under a row lock, so no concurrent write is
 * lost) into the full input, which then takes the same validation and history as `updateContact`.
 */
export async function patchContact(
  ctx: Context,
  id: string,
  edit: (current: Contact) => ContactInput,
  options: { expectedVersion?: number } = {},
): Promise<Contact> {
  requirePermission(ctx, PERMISSIONS.contactEdit);
  return inTransaction(ctx, async (tx) => {
    const row = await records.findForUpdate(tx, id, options.expectedVersion);
    const [before] = await hydrate(tx, [row]);
    return writeUpdate(tx, row, before!, parseInput(contactInput, edit(before!)));
  });
}

async function writeUpdate(
  tx: Context,
  row: ContactRow,
  before: Contact,
  valid: ValidContactInput,
): Promise<Contact> {
  const id = row.id;
  const divisionId = await checkReferences(tx, valid, before);
  const { fields, derived, ...points } = fieldsOf(valid, divisionId, before);
  const proposed = {
    ...historyView(before),
    ...fields,
    ...points,
    externalIds: valid.externalIds,
  };
  const changes = diff(historyView(before), proposed, CONTACT_HISTORY_IGNORED);
  if (changes.length === 0) return before;

  const [updated] = await tx.db
    .update(contacts)
    .set({ ...fields, ...derived, version: row.version + 1, modifiedAt: new Date() })
    .where(and(eq(contacts.tenantId, tx.tenantId), eq(contacts.id, id)))
    .returning();
  await replaceContactPoints(tx, "contact", id, contactPointValues(points));
  await replaceExternalIds(tx, "contact", id, valid.externalIds);
  await recordChangeSet(tx, { entityType: ENTITY, entityId: id, action: "update", changes });
  const [after] = await hydrate(tx, [updated!]);
  return after!;
}

/**
 * Soft-deletes a contact: it disappears from every read; its history stays.
 * With `expectedVersion` (the version the caller read), 409 when the record changed since.
 */
export async function deleteContact(
  ctx: Context,
  id: string,
  options: { expectedVersion?: number } = {},
): Promise<void> {
  requirePermission(ctx, PERMISSIONS.contactDelete);
  await inTransaction(ctx, async (tx) => {
    const row = await records.findForUpdate(tx, id, options.expectedVersion);
    await refuseReferencedPayer(tx, { kind: "contact", id });
    await tx.db
      .update(contacts)
      .set({ deletedAt: new Date(), version: row.version + 1 })
      .where(and(eq(contacts.tenantId, tx.tenantId), eq(contacts.id, id)));
    await recordChangeSet(tx, { entityType: ENTITY, entityId: id, action: "delete", changes: [] });
  });
}

/** Every contact of the tenant in a stable order, a page at a time (Genesys scan). */
export async function scanContacts(ctx: Context, params: ScanInput = {}) {
  requirePermission(ctx, PERMISSIONS.contactView);
  const { limit, cursor, divisionId } = parseInput(scanInput, params);
  const { rows, nextCursor } = await keysetPage<ContactRow>(
    ctx,
    contacts,
    contacts.number,
    and(scope(ctx), divisionFilter(contacts.divisionId, divisionId)),
    { limit, cursor },
  );
  return { entities: await hydrate(ctx, rows), nextCursor };
}

/** Promotes an observed contact (Ephemeral or Identified) to a Curated one. */
export async function promoteContact(ctx: Context, id: string): Promise<Contact> {
  requirePermission(ctx, PERMISSIONS.identityPromote);
  return inTransaction(ctx, async (tx) => {
    const row = await findRow(tx, id, true);
    if (row.type === "Curated")
      throw validationFailed([{ path: "type", message: "the contact is already Curated" }]);
    const [updated] = await tx.db
      .update(contacts)
      .set({ type: "Curated", version: row.version + 1, modifiedAt: new Date() })
      .where(and(eq(contacts.tenantId, tx.tenantId), eq(contacts.id, id)))
      .returning();
    await recordChangeSet(tx, {
      entityType: ENTITY,
      entityId: id,
      action: "update",
      changes: [{ path: "type", old: row.type, new: "Curated" }],
    });
    const [promoted] = await hydrate(tx, [updated!]);
    return promoted!;
  });
}

export const MEDIA_TYPES = [
  "CALL",
  "CALLBACK",
  "CHAT",
  "COBROWSE",
  "EMAIL",
  "MESSAGE",
  "INTERNAL_MESSAGE",
  "SCREEN_MONITORING",
  "SOCIAL_EXPRESSION",
  "VIDEO",
  "SCREENSHARE",
] as const;

/**
 * Associates a conversation with an external contact, or, without `externalContactId`, removes its
 * association. The contact's history records both.
 */
export async function associateConversation(
  ctx: Context,
  input: {
    conversationId: string;
    communicationId: string;
    mediaType: string;
    externalContactId?: string | null;
  },
): Promise<void> {
  requirePermission(ctx, PERMISSIONS.conversationAssociate);
  const issues = [];
  if (!input.conversationId?.trim()) issues.push({ path: "conversationId", message: "is required" });
  if (!input.communicationId?.trim()) issues.push({ path: "communicationId", message: "is required" });
  if (!(MEDIA_TYPES as readonly string[]).includes(input.mediaType))
    issues.push({ path: "mediaType", message: `must be one of ${MEDIA_TYPES.join(", ")}` });
  rejectIssues(issues);
  await inTransaction(ctx, async (tx) => {
    const key = and(
      eq(conversationAssociations.tenantId, tx.tenantId),
      eq(conversationAssociations.conversationId, input.conversationId),
    );
    const [previous] = await tx.db.select().from(conversationAssociations).where(key).for("update");
    const path = `conversations.${input.conversationId}`;
    if (previous && previous.contactId !== input.externalContactId) {
      await tx.db.delete(conversationAssociations).where(key);
      await recordChangeSet(tx, {
        entityType: ENTITY,
        entityId: previous.contactId,
        action: "update",
        changes: [{ path, old: input.mediaType, new: null }],
      });
    }
    if (!input.externalContactId || previous?.contactId === input.externalContactId) return;
    await findRow(tx, input.externalContactId);
    await tx.db.insert(conversationAssociations).values({
      tenantId: tx.tenantId,
      conversationId: input.conversationId,
      communicationId: input.communicationId,
      mediaType: input.mediaType,
      contactId: input.externalContactId,
    });
    await recordChangeSet(tx, {
      entityType: ENTITY,
      entityId: input.externalContactId,
      action: "update",
      changes: [{ path, old: null, new: input.mediaType }],
    });
  });
}

/** The conversations associated with a contact, newest first. */
export async function conversationsOf(ctx: Context, contactId: string) {
  requirePermission(ctx, PERMISSIONS.contactView);
  return ctx.db
    .select({
      conversationId: conversationAssociations.conversationId,
      communicationId: conversationAssociations.communicationId,
      mediaType: conversationAssociations.mediaType,
      associatedAt: conversationAssociations.createdAt,
    })
    .from(conversationAssociations)
    .where(
      and(
        eq(conversationAssociations.tenantId, ctx.tenantId),
        eq(conversationAssociations.contactId, contactId),
      ),
    )
    .orderBy(desc(conversationAssociations.createdAt));
}
