import { contactPoints, contacts, dfsDetails, organizations, type SQL, sql } from "@switchboard/db";
import type { CanonicalBinding, DetailsSchemaKey, SchemaDefinition } from "../details-schemas/model";
import { detailsSchemaOf } from "../details-schemas/service";
import type { Context } from "../shared/context";
import type { DfsTransferKind } from "./model";

/**
 * The DFS details fields an export reads and filters on: the fields of the tenant's details schema in force
 * (`contact` or `legal-entity`), each as a text expression of the record's row, so that the CSV's values and
 * the filter's comparisons are the same expression by construction. A bound field reads the canonical value
 * (`cross-dialect.md` §5: a column, the first email, first cell phone, first address); an unbound one its
 * path in the record's DFS details document. `exportable` is the field's `isExportable` flag.
 */
export interface DfsField {
  path: string;
  exportable: boolean;
  value: SQL;
}

/** The first point of a kind (and type) of the contact, by position: what a DFS "primary" field shows. */
const firstPoint = (kind: "email" | "phone" | "address", type: string | null, read: SQL) =>
  sql`(select ${read} from ${contactPoints} cp where cp.tenant_id = ${contacts.tenantId} and cp.owner_kind = 'contact' and cp.owner_id = ${contacts.id} and cp.kind = ${kind}${type ? sql` and cp.type = ${type}` : sql``} order by cp.position, cp.id limit 1)`;

/** What each canonical binding reads, as `boundValue` (details-schemas) does for one contact. */
const CONTACT_BINDINGS: Partial<Record<CanonicalBinding, SQL>> = {
  firstName: sql`${contacts.firstName}`,
  middleName: sql`${contacts.middleName}`,
  lastName: sql`${contacts.lastName}`,
  displayName: sql`${contacts.displayName}`,
  salutation: sql`${contacts.salutation}`,
  title: sql`${contacts.title}`,
  dateOfBirth: sql`to_char(${contacts.dateOfBirth}, 'YYYY-MM-DD')`,
  primaryEmail: firstPoint("email", null, sql`coalesce(cp.details ->> 'address', cp.value)`),
  primaryMobile: firstPoint(
    "phone",
    "cell",
    sql`coalesce(cp.details ->> 'e164', cp.details ->> 'display', cp.value)`,
  ),
  "primaryAddress.street": firstPoint("address", null, sql`cp.details ->> 'address1'`),
  "primaryAddress.city": firstPoint("address", null, sql`cp.details ->> 'city'`),
  "primaryAddress.postalCode": firstPoint("address", null, sql`cp.details ->> 'postalCode'`),
  "primaryAddress.countryCode": firstPoint("address", null, sql`cp.details ->> 'countryCode'`),
};
const ORGANIZATION_BINDINGS: Partial<Record<CanonicalBinding, SQL>> = { name: sql`${organizations.name}` };

/** A path of the record's DFS details document, as text (`true`, `42` for booleans and numbers). */
function documentValue(kind: DfsTransferKind, path: string): SQL {
  const t = kind === "contacts" ? contacts : organizations;
  const owner = kind === "contacts" ? "contact" : "organization";
  const segments = `{${path.split(".").join(",")}}`;
  return sql`(select d.details #>> ${segments}::text[] from ${dfsDetails} d where d.tenant_id = ${t.tenantId} and d.owner_kind = ${owner} and d.owner_id = ${t.id})`;
}

export const DETAILS_SCHEMA_OF: Record<DfsTransferKind, DetailsSchemaKey> = {
  contacts: "contact",
  "legal-entities": "legal-entity",
};

/**
 * The fields of a kind under `definition`; a legal entity's are under `details.` and it also has `id`, the
 * entity's int id (§4.8).
 */
export function dfsFieldsOf(kind: DfsTransferKind, definition: SchemaDefinition): DfsField[] {
  const bindings = kind === "contacts" ? CONTACT_BINDINGS : ORGANIZATION_BINDINGS;
  // A legal entity's paths are under `details` (`details: { name: { contains: "x" } }`, §4.8).
  const prefix = kind === "contacts" ? "" : "details.";
  const fields: DfsField[] = definition.fields.map((f) => ({
    path: `${prefix}${f.key}`,
    exportable: f.isExportable,
    value: (f.binding && bindings[f.binding]) || documentValue(kind, f.key),
  }));
  if (kind === "legal-entities" && !fields.some((f) => f.path === "id"))
    fields.unshift({ path: "id", exportable: false, value: sql`${organizations.number}::text` });
  return fields;
}

/** The fields of a kind under the tenant's details schema in force. */
export async function dfsFields(ctx: Context, kind: DfsTransferKind): Promise<DfsField[]> {
  return dfsFieldsOf(kind, (await detailsSchemaOf(ctx, DETAILS_SCHEMA_OF[kind])).definition);
}

/** The field expression at a filter path, if `fields` has that field. */
export function dfsFieldAt(fields: DfsField[], path: string[]): SQL | undefined {
  const dotted = path.join(".");
  return fields.find((f) => f.path === dotted)?.value;
}
