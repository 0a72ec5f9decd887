import type { Contact } from "../contacts/model";
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
  (field: Exclude<keyof Contact["addresses"][number], "type">): Column =>
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
