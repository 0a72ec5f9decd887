import { and, type ContactRow, contacts, eq, getTableColumns, type SQL, sql } from "@switchboard/db";
import {
  contactPointsJson,
  contactPointsOf,
  fromContactPoints,
  type OwnedContactPoints,
  pointsOf,
  type StoredPoint,
  storedPointsOf,
} from "../contact-points";
import { type ExternalId, externalIdsFromJson, externalIdsJson, externalIdsOf } from "../external-sources";
import { createdValues } from "../history";
import type { Context } from "../shared/context";
import { perHandle, scopeValues, statementContext } from "../shared/prepared";
import type { Contact, ValidContactInput } from "./model";
import { CONTACT_HISTORY_IGNORED, searchTextOf } from "./rules";
import { addressableContacts } from "./scope";

// Row ↔ contact mapping shared by the one-record service and the set-based batch writes (not exported from
// the module: callers get contacts, never rows).

/**
 * The columns a contact is read from (`toContact`): all but the tenant, the deletion mark and the columns kept
 * for search, list filters and DFS logins. A hot read selects only these: the search text alone is the widest
 * column, and every column more is decoded and mapped by the driver and drizzle per row.
 */
export const contactColumns = (() => {
  const {
    tenantId: _tenantId,
    deletedAt: _deletedAt,
    searchText: _searchText,
    hasEmail: _hasEmail,
    hasPhone: _hasPhone,
    username: _username,
    ...read
  } = getTableColumns(contacts);
  return read;
})();
export type ContactFields = Pick<ContactRow, keyof typeof contactColumns>;

export function toContact(row: ContactFields, points: StoredPoint[], ids: ExternalId[] = []): Contact {
  return { ...contactFieldsOf(row, ids), ...fromContactPoints(points) };
}

/** A contact without its contact points: what a read that shows none of them (enfore's individual) needs. */
export type ContactWithoutPoints = Omit<Contact, "phones" | "emails" | "addresses" | "webAddresses">;

/** A contact row and its external ids as the contact, but for its contact points. */
export function contactFieldsOf(row: ContactFields, ids: ExternalId[] = []): ContactWithoutPoints {
  return {
    id: row.id,
    number: row.number,
    version: row.version,
    type: row.type as Contact["type"],
    divisionId: row.divisionId,
    firstName: row.firstName,
    middleName: row.middleName,
    lastName: row.lastName,
    salutation: row.salutation,
    title: row.title,
    displayName: row.displayName,
    dateOfBirth: row.dateOfBirth,
    anniversary: row.anniversary,
    organizationId: row.organizationId,
    surveyOptOut: row.surveyOptOut,
    externalSystemUrl: row.externalSystemUrl,
    externalIds: ids,
    schemaId: row.schemaId,
    schemaVersion: row.schemaVersion,
    customFields: row.customFields,
    extensions: row.extensions as Contact["extensions"],
    canonicalContactId: row.canonicalContactId,
    mergedFrom: row.mergedFrom,
    createdAt: row.createdAt,
    modifiedAt: row.modifiedAt,
  };
}

/** A contact as history records it: external ids by source and value (a source's later renames are not edits). */
export const historyView = (c: Contact) => ({
  ...c,
  externalIds: c.externalIds.map(({ sourceId, value }) => ({ sourceId, value })),
});

/** A contact point's id in a history path (`phones.0.id`). */
const POINT_ID = /^[A-Za-z]+\.\d+\.id$/;

/**
 * The history entry of a created contact, as it is stored (by path): each field as written, without its contact
 * points' ids (generated, they tell a reader nothing, and were a fifth of every entry an import wrote).
 */
export const creationChanges = (c: Contact) =>
  createdValues(historyView(c), CONTACT_HISTORY_IGNORED, (path) => POINT_ID.test(path));

/** A contact's fields of one value each (a merge takes each from the first contact that has it). */
export const SCALAR_FIELDS = [
  "firstName",
  "middleName",
  "lastName",
  "salutation",
  "title",
  "displayName",
  "dateOfBirth",
  "anniversary",
  "organizationId",
  "surveyOptOut",
  "externalSystemUrl",
] as const;

/** The canonical fields a validated input sets, with phones and emails normalized. */
export function fieldsOf(
  input: ValidContactInput,
  divisionId: string,
  before: Partial<OwnedContactPoints> = {},
) {
  const { phones, emails, addresses, webAddresses } = pointsOf(input, before);
  const fields = {
    divisionId,
    firstName: input.firstName ?? null,
    middleName: input.middleName ?? null,
    lastName: input.lastName ?? null,
    salutation: input.salutation ?? null,
    title: input.title ?? null,
    displayName: input.displayName ?? null,
    dateOfBirth: input.dateOfBirth ?? null,
    anniversary: input.anniversary ?? null,
    organizationId: input.organizationId ?? null,
    surveyOptOut: input.surveyOptOut ?? null,
    externalSystemUrl: input.externalSystemUrl ?? null,
    schemaId: input.schemaId ?? null,
    schemaVersion: input.schemaVersion ?? null,
    customFields: input.customFields ?? null,
    extensions: input.extensions,
  };
  // Columns derived from the contact for search and list filters, written with it, never read back into it.
  const derived = {
    searchText: searchTextOf({ ...fields, phones, emails }),
    hasEmail: emails.length > 0,
    hasPhone: phones.length > 0,
  };
  return { fields, derived, phones, emails, addresses, webAddresses };
}

/** Rows → contacts with their contact points and external ids, in the order given, in one extra round trip. */
export async function hydrate(ctx: Context, rows: ContactRow[]): Promise<Contact[]> {
  const ids = rows.map((r) => r.id);
  const [points, externalIds] = await Promise.all([
    contactPointsOf(ctx, "contact", ids),
    externalIdsOf(ctx, "contact", ids),
  ]);
  return rows.map((r) => toContact(r, points.get(r.id) ?? [], externalIds.get(r.id)));
}

/**
 * The contact whose row `where` picks (at most one), with its contact points and external ids, in one
 * statement: the row with both as json subselects. Also the row, for what a read checks on it.
 */
export async function contactWhere(
  ctx: Context,
  where: SQL | undefined,
): Promise<{ row: ContactRow; contact: Contact } | undefined> {
  const [found] = await ctx.db
    .select({
      row: contacts,
      points: contactPointsJson(ctx, "contact", contacts.id),
      externalIds: externalIdsJson(ctx, "contact", contacts.id),
    })
    .from(contacts)
    .where(where);
  return found && withContact(found);
}

const withContact = <Row extends ContactFields>(found: {
  row: Row;
  points: unknown;
  externalIds: unknown;
}) => ({
  row: found.row,
  contact: toContact(found.row, storedPointsOf(found.points), externalIdsFromJson(found.externalIds)),
});

/** `contactWhere` for `addressableContacts` and an id, built once (shared/prepared): every GET of a contact runs it. */
const addressableById = perHandle((db) => {
  const on = statementContext(db);
  return db
    .select({
      row: contactColumns,
      points: contactPointsJson(on, "contact", contacts.id),
      externalIds: externalIdsJson(on, "contact", contacts.id),
    })
    .from(contacts)
    .where(and(addressableContacts(on), eq(contacts.id, sql.placeholder("id"))))
    .prepare("addressable_contact_by_id");
});

/** The contact with this id the actor may address (see `addressableContacts`), with its points and external ids. */
export async function addressableContactById(ctx: Context, id: string) {
  const [found] = await addressableById(ctx.db).execute({ ...scopeValues(ctx), id });
  return found && withContact(found);
}
