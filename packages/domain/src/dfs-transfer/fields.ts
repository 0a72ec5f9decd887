import { contactPoints, contacts, organizations, type SQL, sql } from "@switchboard/db";
import type { ContactInput } from "../contacts/model";
import type { DfsTransferKind } from "./model";

/**
 * The DFS details fields an export reads and filters on, and a sync writes: the canonical bindings of the
 * default `contact` and `legal-entity` schemas (`cross-dialect.md` §5), each as a text expression of the
 * record's row, so that the CSV's values and the filter's comparisons are the same expression by construction.
 * `exportable` is the schema's `isExportable` flag (`personalInformation.*` and `communicationMethods.*`).
 */
export interface DfsField {
  path: string;
  exportable: boolean;
  value: SQL;
}

/** The first point of a kind (and type) of the contact, by position: what a DFS "primary" field shows. */
const firstPoint = (kind: "email" | "phone" | "address", type: string | null, read: SQL) =>
  sql`(select ${read} from ${contactPoints} cp where cp.tenant_id = ${contacts.tenantId} and cp.owner_kind = 'contact' and cp.owner_id = ${contacts.id} and cp.kind = ${kind}${type ? sql` and cp.type = ${type}` : sql``} order by cp.position, cp.id limit 1)`;

const CONTACT_FIELDS: DfsField[] = [
  { path: "personalInformation.firstName", exportable: true, value: sql`${contacts.firstName}` },
  { path: "personalInformation.middleName", exportable: true, value: sql`${contacts.middleName}` },
  { path: "personalInformation.lastName", exportable: true, value: sql`${contacts.lastName}` },
  { path: "personalInformation.displayName", exportable: true, value: sql`${contacts.displayName}` },
  { path: "personalInformation.salutation", exportable: true, value: sql`${contacts.salutation}` },
  { path: "personalInformation.title", exportable: true, value: sql`${contacts.title}` },
  {
    path: "personalInformation.dateOfBirth",
    exportable: true,
    value: sql`to_char(${contacts.dateOfBirth}, 'YYYY-MM-DD')`,
  },
  {
    path: "communicationMethods.primaryEmail",
    exportable: true,
    value: firstPoint("email", null, sql`coalesce(cp.details ->> 'address', cp.value)`),
  },
  {
    path: "communicationMethods.primaryPhoneNumber",
    exportable: true,
    value: firstPoint("phone", "cell", sql`coalesce(cp.details ->> 'display', cp.value)`),
  },
  {
    path: "addresses.primaryAddress.street",
    exportable: false,
    value: firstPoint("address", null, sql`cp.details ->> 'address1'`),
  },
  {
    path: "addresses.primaryAddress.city",
    exportable: false,
    value: firstPoint("address", null, sql`cp.details ->> 'city'`),
  },
  {
    path: "addresses.primaryAddress.postalCode",
    exportable: false,
    value: firstPoint("address", null, sql`cp.details ->> 'postalCode'`),
  },
  {
    path: "addresses.primaryAddress.countryCode",
    exportable: false,
    value: firstPoint("address", null, sql`cp.details ->> 'countryCode'`),
  },
];

/** Legal entities: `id` is the entity's int id, `details.name` the organization's name (§4.8). */
const LEGAL_ENTITY_FIELDS: DfsField[] = [
  { path: "id", exportable: false, value: sql`${organizations.number}::text` },
  { path: "details.name", exportable: true, value: sql`${organizations.name}` },
];

export const DFS_FIELDS: Record<DfsTransferKind, DfsField[]> = {
  contacts: CONTACT_FIELDS,
  "legal-entities": LEGAL_ENTITY_FIELDS,
};

/** The field expression at a filter path, if the kind has that field. */
export function dfsFieldAt(kind: DfsTransferKind, path: string[]): SQL | undefined {
  const dotted = path.join(".");
  return DFS_FIELDS[kind].find((f) => f.path === dotted)?.value;
}

// ------------------------------------------------------------------------------------------- writing

const text = (v: unknown): string | null | undefined =>
  v === undefined ? undefined : v === null || v === "" ? null : typeof v === "string" ? v : String(v);

const objectAt = (v: unknown): Record<string, unknown> =>
  v !== null && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : {};

/**
 * What a sync entry's `details` sets on a contact: the bound fields it names (a field it leaves out keeps
 * its value; null or "" clears it). The primary email, cell phone and address replace the contact's first
 * point of that kind in place (keeping its id), or are added when it has none.
 */
export function applyContactDetails(base: ContactInput, details: Record<string, unknown>): ContactInput {
  const next: ContactInput = { ...base };
  const personal = objectAt(details.personalInformation);
  for (const key of [
    "firstName",
    "middleName",
    "lastName",
    "displayName",
    "salutation",
    "title",
    "dateOfBirth",
  ] as const) {
    const v = text(personal[key]);
    if (v !== undefined) next[key] = v;
  }
  const methods = objectAt(details.communicationMethods);
  const email = text(methods.primaryEmail);
  if (email !== undefined) {
    const emails = [...(next.emails ?? [])];
    if (email === null) emails.splice(0, 1);
    else if (emails[0]) emails[0] = { ...emails[0], address: email };
    else emails.push({ type: "personal", address: email });
    next.emails = emails;
  }
  const phone = text(methods.primaryPhoneNumber);
  if (phone !== undefined) {
    const phones = [...(next.phones ?? [])];
    const at = phones.findIndex((p) => p.type === "cell");
    if (phone === null) {
      if (at >= 0) phones.splice(at, 1);
    } else if (at >= 0) phones[at] = { ...phones[at]!, display: phone };
    else phones.push({ type: "cell", display: phone });
    next.phones = phones;
  }
  const address = objectAt(objectAt(details.addresses).primaryAddress);
  const lines = {
    address1: text(address.street),
    city: text(address.city),
    postalCode: text(address.postalCode),
    countryCode: text(address.countryCode),
  };
  const given = Object.fromEntries(Object.entries(lines).filter(([, v]) => v !== undefined));
  if (Object.keys(given).length) {
    const addresses = [...(next.addresses ?? [])];
    addresses[0] = { type: "home", ...(addresses[0] ?? {}), ...given };
    next.addresses = addresses;
  }
  return next;
}

/** The legal entity's name from a sync entry's `details`, if it gives one. */
export function legalEntityName(details: Record<string, unknown>): string | null | undefined {
  return text(details.name);
}
