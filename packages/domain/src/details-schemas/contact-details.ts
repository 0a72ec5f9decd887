import { and, dfsDetails, eq, type FieldChange } from "@switchboard/db";
import type { Contact, ContactInput } from "../contacts/model";
import { getContact, patchContact } from "../contacts/service";
import { recordChangeSet } from "../history";
import type { Context } from "../shared/context";
import type { DetailsSchema } from "./model";
import { type DetailsPaths, flattenDetails, nestDetails } from "./rules";
import { detailsSchemaOf } from "./service";

/** Where a contact's unbound DFS details sit in canonical change paths (the change history reads them there). */
export const DETAILS_HISTORY_PREFIX = "dfsDetails";

/** A contact's DFS details as they stand: bound values from the canonical contact, the rest from its document. */
export interface ContactDetailsState {
  contact: Contact;
  schema: DetailsSchema;
  /** Every leaf path with a value. */
  paths: DetailsPaths;
}

const ADDRESS_FIELDS = {
  street: "address1",
  city: "city",
  postalCode: "postalCode",
  countryCode: "countryCode",
} as const;
const NAME_COLUMNS = [
  "firstName",
  "middleName",
  "lastName",
  "displayName",
  "salutation",
  "title",
  "dateOfBirth",
] as const;
type NameColumn = (typeof NAME_COLUMNS)[number];
const isNameColumn = (c: string): c is NameColumn => (NAME_COLUMNS as readonly string[]).includes(c);

/** The canonical value a binding reads (contract §5): a column, the first email, first cell phone or first address. */
export function boundValue(contact: Contact, canonical: string): string | null {
  if (isNameColumn(canonical)) return contact[canonical];
  if (canonical === "primaryEmail") return contact.emails[0]?.address ?? null;
  if (canonical === "primaryMobile") {
    const cell = contact.phones.find((p) => p.type === "cell");
    return cell ? (cell.e164 ?? cell.display) : null;
  }
  if (canonical.startsWith("primaryAddress.")) {
    const field = ADDRESS_FIELDS[canonical.slice("primaryAddress.".length) as keyof typeof ADDRESS_FIELDS];
    return field ? ((contact.addresses[0]?.[field] as string | null | undefined) ?? null) : null;
  }
  return null;
}

/** The contact as the input that writes it back unchanged, every point with its id and vendor fields. */
export function contactAsInput(c: Contact): ContactInput {
  const meta = (p: {
    id: string;
    vendorType: string | null;
    usageContext: string | null;
    description: string | null;
  }) => ({
    id: p.id,
    vendorType: p.vendorType,
    usageContext: p.usageContext as "PERSONAL" | null,
    description: p.description,
  });
  return {
    divisionId: c.divisionId,
    firstName: c.firstName,
    middleName: c.middleName,
    lastName: c.lastName,
    salutation: c.salutation,
    title: c.title,
    displayName: c.displayName,
    dateOfBirth: c.dateOfBirth,
    anniversary: c.anniversary,
    organizationId: c.organizationId,
    surveyOptOut: c.surveyOptOut,
    externalSystemUrl: c.externalSystemUrl,
    phones: c.phones.map((p) => ({
      ...meta(p),
      usages: p.usages as "CALL"[],
      type: p.type,
      display: p.userInput || p.display,
      extension: p.extension,
      acceptsSms: p.acceptsSms,
      normalizationCountryCode: p.normalizationCountryCode,
    })),
    emails: c.emails.map((e) => ({ ...meta(e), type: e.type, address: e.address })),
    addresses: c.addresses.map((a) => ({
      ...a,
      usages: a.usages as "SHIPPING"[],
      usageContext: a.usageContext,
    })),
    webAddresses: c.webAddresses.map((w) => ({ ...meta(w), type: w.type, url: w.url })),
    externalIds: c.externalIds.map((e) => ({ sourceId: e.sourceId, value: e.value })),
    schemaId: c.schemaId,
    schemaVersion: c.schemaVersion,
    customFields: c.customFields,
    extensions: c.extensions,
  };
}

/** `input` with one bound value written: a column, or the first email / cell phone / address (added if none). */
export function writeBound(input: ContactInput, canonical: string, value: string | null): void {
  if (isNameColumn(canonical)) {
    input[canonical] = value;
    return;
  }
  if (canonical === "primaryEmail") {
    const emails = [...(input.emails ?? [])];
    if (value === null) emails.splice(0, 1);
    else if (emails[0]) emails[0] = { ...emails[0], address: value };
    else emails.push({ type: "personal", address: value });
    input.emails = emails;
    return;
  }
  if (canonical === "primaryMobile") {
    const phones = [...(input.phones ?? [])];
    const at = phones.findIndex((p) => p.type === "cell");
    if (value === null) {
      if (at >= 0) phones.splice(at, 1);
    } else if (at >= 0) phones[at] = { ...phones[at]!, display: value };
    else phones.push({ type: "cell", display: value });
    input.phones = phones;
    return;
  }
  if (canonical.startsWith("primaryAddress.")) {
    const field = ADDRESS_FIELDS[canonical.slice("primaryAddress.".length) as keyof typeof ADDRESS_FIELDS];
    if (!field) return;
    const addresses = [...(input.addresses ?? [])];
    if (addresses[0]) addresses[0] = { ...addresses[0], [field]: value };
    else if (value !== null) addresses.push({ type: "home", [field]: value });
    input.addresses = addresses;
  }
}

async function storedDocument(ctx: Context, contactId: string) {
  const [row] = await ctx.db
    .select({ details: dfsDetails.details })
    .from(dfsDetails)
    .where(
      and(
        eq(dfsDetails.tenantId, ctx.tenantId),
        eq(dfsDetails.ownerKind, "contact"),
        eq(dfsDetails.ownerId, contactId),
      ),
    );
  return row?.details ?? {};
}

/** A contact's DFS details now (its caller checks permissions; `getContact` checks view). */
export async function contactDetailsState(ctx: Context, contactId: string): Promise<ContactDetailsState> {
  const contact = await getContact(ctx, contactId);
  const schema = await detailsSchemaOf(ctx, "contact");
  return detailsStateOf(contact, schema, await storedDocument(ctx, contact.id));
}

/** The details of `contact` under `schema`: its stored `document` with the bound paths read from the contact. */
export function detailsStateOf(
  contact: Contact,
  schema: DetailsSchema,
  document: Record<string, unknown>,
): ContactDetailsState {
  const paths = flattenDetails(document);
  for (const field of schema.definition.fields) {
    if (!field.binding) continue;
    const value = boundValue(contact, field.binding);
    if (value === null) paths.delete(field.key);
    else paths.set(field.key, value);
  }
  return { contact, schema, paths };
}

export const detailsObject = (state: Pick<ContactDetailsState, "paths">) => nestDetails(state.paths);

/**
 * Writes `target` (every leaf path of the new details) over `state` as one submission under `ctx.actor`: bound
 * paths through the canonical contact (one change set, so Genesys and enfore see them), the others into the
 * contact's DFS details document (a change set of `dfsDetails.<path>` changes in the same transaction).
 * Paths in `keep` are left as they are (held for approval or verification).
 */
export async function writeContactDetails(
  tx: Context,
  state: ContactDetailsState,
  target: DetailsPaths,
  keep: ReadonlySet<string> = new Set(),
): Promise<void> {
  const { contact, schema } = state;
  const bound = new Map(
    schema.definition.fields.flatMap((f) => (f.binding ? [[f.key, f.binding] as const] : [])),
  );
  const boundChanges: [string, string | null][] = [];
  for (const [path, canonical] of bound) {
    if (keep.has(path)) continue;
    const next = target.get(path);
    const value = next === undefined || next === null ? null : String(next);
    if (value !== boundValue(contact, canonical)) boundChanges.push([canonical, value]);
  }
  if (boundChanges.length)
    await patchContact(tx, contact.id, (current) => {
      const input = contactAsInput(current);
      for (const [canonical, value] of boundChanges) writeBound(input, canonical, value);
      return input;
    });

  const before = new Map([...state.paths].filter(([p]) => !bound.has(p)));
  const after = new Map([...target].filter(([p]) => !bound.has(p)));
  for (const p of keep) {
    if (bound.has(p)) continue;
    if (before.has(p)) after.set(p, before.get(p));
    else after.delete(p);
  }
  const changes: FieldChange[] = [];
  for (const p of [...new Set([...before.keys(), ...after.keys()])].sort()) {
    const a = before.get(p) ?? null;
    const b = after.get(p) ?? null;
    if (JSON.stringify(a) !== JSON.stringify(b))
      changes.push({ path: `${DETAILS_HISTORY_PREFIX}.${p}`, old: a, new: b });
  }
  if (!changes.length) return;
  const details = nestDetails(after);
  await tx.db
    .insert(dfsDetails)
    .values({
      tenantId: tx.tenantId,
      ownerKind: "contact",
      ownerId: contact.id,
      details,
      schemaVersion: schema.version,
    })
    .onConflictDoUpdate({
      target: [dfsDetails.tenantId, dfsDetails.ownerKind, dfsDetails.ownerId],
      set: { details, schemaVersion: schema.version, modifiedAt: new Date() },
    });
  await recordChangeSet(tx, { entityType: "contact", entityId: contact.id, action: "update", changes });
}
