import type { Contact } from "../contacts/model";
import type { Note } from "../notes/model";
import type { Organization } from "../organizations/model";
import type { Relationship } from "../relationships/model";
import { isUuid } from "../shared/ids";

type Column = (c: Contact) => string | number | boolean | null | undefined;

const phone =
  (type: Contact["phones"][number]["type"]): Column =>
  (c) => {
    const p = c.phones.find((x) => x.type === type);
    return p ? (p.e164 ?? p.display) : null;
  };
const email =
  (type: Contact["emails"][number]["type"]): Column =>
  (c) =>
    c.emails.find((x) => x.type === type)?.address;
// Genesys has one address per contact; the canonical model keeps a list, whose first entry is that one.
const address =
  (field: "address1" | "address2" | "city" | "state" | "postalCode" | "countryCode"): Column =>
  (c) =>
    c.addresses[0]?.[field];

/** The Genesys contacts-export CSV, column by column, in file order. */
const CONTACT_COLUMNS = {
  id: (c) => c.id,
  firstName: (c) => c.firstName,
  middleName: (c) => c.middleName,
  lastName: (c) => c.lastName,
  salutation: (c) => c.salutation,
  title: (c) => c.title,
  workPhone: phone("work"),
  cellPhone: phone("cell"),
  homePhone: phone("home"),
  otherPhone: phone("other"),
  workEmail: email("work"),
  personalEmail: email("personal"),
  otherEmail: email("other"),
  address1: address("address1"),
  address2: address("address2"),
  city: address("city"),
  state: address("state"),
  postalCode: address("postalCode"),
  countryCode: address("countryCode"),
  surveyOptOut: (c) => c.surveyOptOut,
  externalSystemUrl: (c) => c.externalSystemUrl,
  createDate: (c) => c.createdAt.toISOString(),
  modifyDate: (c) => c.modifiedAt.toISOString(),
} satisfies Record<string, Column>;

export const CONTACT_EXPORT_COLUMNS = Object.keys(CONTACT_COLUMNS) as (keyof typeof CONTACT_COLUMNS)[];

/** One contact as a CSV record aligned with `CONTACT_EXPORT_COLUMNS`: absent values are empty cells. */
export function contactExportRecord(c: Contact): string[] {
  return Object.values(CONTACT_COLUMNS).map((column: Column) => {
    const value = column(c);
    return value === null || value === undefined ? "" : String(value);
  });
}

/** Cells as CSV text: absent values are empty cells, lists are joined with `;`. */
function cells<T>(columns: Record<string, (x: T) => unknown>, x: T): string[] {
  return Object.values(columns).map((column) => {
    const value = column(x);
    if (value === null || value === undefined) return "";
    if (Array.isArray(value)) return value.join(";");
    return value instanceof Date ? value.toISOString() : String(value);
  });
}

/** What the organizations CSV reads: a whole `Organization` will do, and so will a batch row with its points. */
export type ExportedOrganization = Pick<
  Organization,
  | "id"
  | "name"
  | "divisionId"
  | "companyType"
  | "industry"
  | "employeeCount"
  | "revenue"
  | "phones"
  | "addresses"
  | "websites"
  | "tags"
  | "externalSystemUrl"
  | "schemaId"
  | "schemaVersion"
  | "createdAt"
  | "modifiedAt"
>;

const orgPhone = (type: "work" | "fax") => (o: ExportedOrganization) => {
  const p = o.phones.find((x) => x.type === type);
  return p ? (p.e164 ?? p.display) : null;
};
const orgAddress =
  (field: Exclude<keyof Organization["addresses"][number], "type">) => (o: ExportedOrganization) =>
    o.addresses[0]?.[field];

/** The organizations-export CSV, named after the Genesys `ExternalOrganization` fields. */
const ORGANIZATION_COLUMNS = {
  id: (o: ExportedOrganization) => o.id,
  name: (o: ExportedOrganization) => o.name,
  divisionId: (o: ExportedOrganization) => o.divisionId,
  companyType: (o: ExportedOrganization) => o.companyType,
  industry: (o: ExportedOrganization) => o.industry,
  employeeCount: (o: ExportedOrganization) => o.employeeCount,
  revenue: (o: ExportedOrganization) => o.revenue,
  phoneNumber: orgPhone("work"),
  faxNumber: orgPhone("fax"),
  address1: orgAddress("address1"),
  address2: orgAddress("address2"),
  city: orgAddress("city"),
  state: orgAddress("state"),
  postalCode: orgAddress("postalCode"),
  countryCode: orgAddress("countryCode"),
  websites: (o: ExportedOrganization) => o.websites,
  tags: (o: ExportedOrganization) => o.tags,
  externalSystemUrl: (o: ExportedOrganization) => o.externalSystemUrl,
  schemaId: (o: ExportedOrganization) => o.schemaId,
  schemaVersion: (o: ExportedOrganization) => o.schemaVersion,
  createDate: (o: ExportedOrganization) => o.createdAt,
  modifyDate: (o: ExportedOrganization) => o.modifiedAt,
};
export const ORGANIZATION_EXPORT_COLUMNS = Object.keys(ORGANIZATION_COLUMNS);
export const organizationExportRecord = (o: ExportedOrganization) => cells(ORGANIZATION_COLUMNS, o);

/** A note with the division it lives in (its parent's). */
export type ExportedNote = Note & { divisionId: string };
/** The notes-export CSV, named after the Genesys `Note` fields. */
const NOTE_COLUMNS = {
  id: (n: ExportedNote) => n.id,
  entityType: (n: ExportedNote) => n.entityType,
  entityId: (n: ExportedNote) => n.entityId,
  divisionId: (n: ExportedNote) => n.divisionId,
  noteText: (n: ExportedNote) => n.text,
  createdById: (n: ExportedNote) => n.createdById,
  createDate: (n: ExportedNote) => n.createdAt,
  modifyDate: (n: ExportedNote) => n.modifiedAt,
};
export const NOTE_EXPORT_COLUMNS = Object.keys(NOTE_COLUMNS);
export const noteExportRecord = (n: ExportedNote) => cells(NOTE_COLUMNS, n);

/** A relationship with the division it lives in (its organization's). */
export type ExportedRelationship = Relationship & { divisionId: string };
/** The relationships-export CSV, named after the Genesys `Relationship` fields. */
const RELATIONSHIP_COLUMNS = {
  id: (r: ExportedRelationship) => r.id,
  externalOrganizationId: (r: ExportedRelationship) => r.organizationId,
  userId: (r: ExportedRelationship) => r.memberId,
  relationship: (r: ExportedRelationship) => r.relationship,
  divisionId: (r: ExportedRelationship) => r.divisionId,
  createDate: (r: ExportedRelationship) => r.createdAt,
  modifyDate: (r: ExportedRelationship) => r.modifiedAt,
};
export const RELATIONSHIP_EXPORT_COLUMNS = Object.keys(RELATIONSHIP_COLUMNS);
export const relationshipExportRecord = (r: ExportedRelationship) => cells(RELATIONSHIP_COLUMNS, r);

/** Where an export's file lives in the storage: one file per export, so a re-run overwrites, never adds. */
export const exportStorageKey = (tenantId: string, exportId: string) => `exports/${tenantId}/${exportId}.csv`;

export const exportFileName = (entityType: string, exportId: string) =>
  `${entityType}-export-${exportId}.csv`;

/**
 * The listing cursor: the (created_at, id) of the last export on a page. `created_at` travels as epoch
 * microseconds, PostgreSQL's own precision; a millisecond `Date` would skip rows that share a millisecond.
 */
export interface ExportCursor {
  micros: string;
  id: string;
}

export const encodeExportCursor = (c: ExportCursor) =>
  Buffer.from(`${c.micros}.${c.id}`).toString("base64url");

/** The cursor in `after`, or null when it is not one of ours. */
export function decodeExportCursor(after: string): ExportCursor | null {
  const match = /^(\d{1,19})\.(.+)$/.exec(Buffer.from(after, "base64url").toString("utf8"));
  if (!match || !isUuid(match[2]!)) return null;
  return { micros: match[1]!, id: match[2]! };
}
