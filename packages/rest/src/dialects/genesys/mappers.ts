import type {
  Contact,
  ContactIdentifier,
  ContactInput,
  ExportJob,
  ExternalId,
  MergePlace,
  Note,
  Organization,
  OrganizationInput,
  Phone,
  Relationship,
  TrustorLink,
} from "@switchboard/domain";
import { isReservedSourceName, writeSlot } from "@switchboard/domain";
import { type ExternalContactInput, type ExternalOrganizationInput, SOCIAL_FIELDS } from "./wire";

/** Translation only: Genesys wire ↔ canonical. No rules and no SQL live here. */

export const BASE = "/api/v2/externalcontacts";
export const contactUri = (id: string) => `${BASE}/contacts/${id}`;
export const organizationUri = (id: string) => `${BASE}/organizations/${id}`;
const divisionUri = (id: string) => `/api/v2/authorization/divisions/${id}`;

const PHONE_SLOTS = { workPhone: "work", cellPhone: "cell", homePhone: "home", otherPhone: "other" } as const;
const EMAIL_SLOTS = { workEmail: "work", personalEmail: "personal", otherEmail: "other" } as const;
// Walked for every contact read (contactToWire).
const PHONE_SLOT_ENTRIES = Object.entries(PHONE_SLOTS);
const EMAIL_SLOT_ENTRIES = Object.entries(EMAIL_SLOTS);

/** Absent and empty mean the same on the wire; the canonical model uses null. */
const blank = (s: string | undefined) => (s === undefined || s.trim() === "" ? null : s);

type WirePhone = ExternalContactInput["workPhone"];

/** The phone a slot gives, or null for an empty slot. */
function phoneFromWire<T extends string>(type: T, p: WirePhone) {
  // `display` is the input field; an SDK echoing a read record may only have e164 filled in.
  const display = p?.display ?? p?.e164;
  return p && display
    ? {
        type,
        display,
        extension: p.extension,
        acceptsSms: p.acceptsSMS,
        normalizationCountryCode: p.normalizationCountryCode,
      }
    : null;
}

const emailFromWire = <T extends string>(type: T, address: string | undefined) => {
  const value = blank(address);
  return value ? { type, address: value } : null;
};

export function contactInputFromWire(wire: ExternalContactInput): ContactInput {
  const phones = Object.entries(PHONE_SLOTS).flatMap(([slot, type]) => {
    const p = phoneFromWire(type, wire[slot as keyof typeof PHONE_SLOTS]);
    return p ? [p] : [];
  });
  const emails = Object.entries(EMAIL_SLOTS).flatMap(([slot, type]) => {
    const e = emailFromWire(type, wire[slot as keyof typeof EMAIL_SLOTS]);
    return e ? [e] : [];
  });
  const social = Object.fromEntries(
    SOCIAL_FIELDS.filter((f) => wire[f] !== undefined).map((f) => [f, wire[f]]),
  );
  return {
    divisionId: wire.division?.id,
    firstName: wire.firstName,
    middleName: wire.middleName,
    lastName: wire.lastName,
    salutation: wire.salutation,
    title: wire.title,
    phones,
    emails,
    addresses: wire.address ? [{ type: "home", ...wire.address }] : [],
    organizationId: wire.externalOrganization?.id,
    surveyOptOut: wire.surveyOptOut,
    externalSystemUrl: wire.externalSystemUrl,
    schemaId: wire.schema?.id,
    schemaVersion: wire.schema?.version,
    customFields: wire.customFields,
    externalIds: (wire.externalIds ?? []).map((e) => ({
      sourceId: e.externalSource.id ?? "",
      value: e.value,
    })),
    extensions: Object.keys(social).length ? { genesys: social } : {},
  };
}

const CANONICAL_TO_WIRE: Record<string, string> = {
  divisionId: "division.id",
  organizationId: "externalOrganization.id",
  schemaId: "schema.id",
  schemaVersion: "schema.version",
  acceptsSms: "acceptsSMS",
  sourceId: "externalSource.id",
};

/**
 * Names a canonical input path (as a domain error reports it) the way the Genesys caller wrote it:
 * `emails.1.address` → `personalEmail`, `phones.0.display` → `cellPhone.display`, `addresses.0.city` →
 * `address.city`, `extensions.genesys.lineId` → `lineId`.
 */
export function contactPathToWire(input: ContactInput, path: string): string {
  const [head, index, ...rest] = path.split(".");
  const tail = rest.map((p) => CANONICAL_TO_WIRE[p] ?? p);
  const slotOf = (slots: Record<string, string>, type: string | undefined) =>
    Object.entries(slots).find(([, t]) => t === type)?.[0];
  const i = Number(index);
  if (head === "phones") {
    const name = slotOf(PHONE_SLOTS, input.phones?.[i]?.type);
    if (name) return [name, ...tail].join(".");
  }
  if (head === "emails") {
    const name = slotOf(EMAIL_SLOTS, input.emails?.[i]?.type);
    if (name) return name;
  }
  if (head === "addresses") return ["address", ...tail].join(".");
  if (head === "extensions" && index === "genesys") return tail.join(".");
  if (head === "externalIds") return [head, index, ...tail].join(".");
  return path.replace(/^[^.]+/, (h) => CANONICAL_TO_WIRE[h] ?? h);
}

/** Only the fields a merge override names: absent fields must not blank the merged values. */
export function contactInputOverride(wire: ExternalContactInput): ContactInput {
  const full = contactInputFromWire(wire);
  const given = (key: keyof ExternalContactInput) => wire[key] !== undefined;
  const picked: ContactInput = {};
  for (const field of [
    "firstName",
    "middleName",
    "lastName",
    "salutation",
    "title",
    "surveyOptOut",
    "externalSystemUrl",
  ] as const)
    if (given(field)) Object.assign(picked, { [field]: full[field] });
  if (given("externalOrganization")) picked.organizationId = full.organizationId;
  if (given("division")) picked.divisionId = full.divisionId;
  if (
    ["workPhone", "cellPhone", "homePhone", "otherPhone"].some((k) => given(k as keyof ExternalContactInput))
  )
    picked.phones = full.phones;
  if (["workEmail", "personalEmail", "otherEmail"].some((k) => given(k as keyof ExternalContactInput)))
    picked.emails = full.emails;
  if (given("address")) picked.addresses = full.addresses;
  if (given("schema"))
    Object.assign(picked, {
      schemaId: full.schemaId,
      schemaVersion: full.schemaVersion,
      customFields: full.customFields,
    });
  return picked;
}

const phoneAsInput = (p: Phone) => ({
  id: p.id,
  vendorType: p.vendorType,
  usageContext: p.usageContext,
  usages: p.usages,
  description: p.description,
  type: p.type,
  display: p.userInput,
  extension: p.extension,
  acceptsSms: p.acceptsSms,
  normalizationCountryCode: p.normalizationCountryCode,
});

/**
 * The Genesys slots are views of the record's points: each shows the first point of its canonical type
 * (`address` the first address). Writing a slot updates that point in place (its id, vendor type, usages
 * and description kept), an empty slot deletes that one point, and points no slot shows are kept.
 */
function writeSlots<P extends { type: string }>(
  points: P[],
  slots: Record<string, string>,
  slotValue: (slot: string, type: string) => object | null,
) {
  let out: { type: string; id?: string }[] = points;
  for (const [slot, type] of Object.entries(slots))
    out = writeSlot(out, (p) => p.type === type, slotValue(slot, type)) as typeof out;
  return out as never[];
}

/** The wire has one address, the first; a written one keeps the type the record gave it. */
const writeAddressSlot = (
  current: Contact["addresses"],
  wire: ExternalContactInput["address"],
  type: "home" | "work",
) => writeSlot(current, () => true, wire ? { ...wire, type: current[0]?.type ?? type } : null) as never[];

/**
 * A Genesys PUT or PATCH changes only what the Genesys model shows: the points its slots show (in place),
 * and never what it has no slot for (display name, dates, further points of a type, fax numbers, web
 * addresses, other dialects' extensions).
 */
export function contactPatchInput(current: Contact, wire: ExternalContactInput): ContactInput {
  const patched = contactInputFromWire(wire);
  return {
    ...patched,
    displayName: current.displayName,
    dateOfBirth: current.dateOfBirth,
    anniversary: current.anniversary,
    phones: writeSlots(current.phones.map(phoneAsInput), PHONE_SLOTS, (slot, type) =>
      phoneFromWire(type, wire[slot as keyof typeof PHONE_SLOTS]),
    ),
    emails: writeSlots(current.emails, EMAIL_SLOTS, (slot, type) =>
      emailFromWire(type, wire[slot as keyof typeof EMAIL_SLOTS]),
    ),
    addresses: writeAddressSlot(current.addresses, wire.address, "home"),
    webAddresses: current.webAddresses,
    externalIds: [...current.externalIds.filter(isReservedId), ...(patched.externalIds ?? [])],
    extensions: { ...current.extensions, genesys: patched.extensions?.genesys ?? {} },
  };
}

const ORGANIZATION_PHONE_SLOTS = { phoneNumber: "work", faxNumber: "fax" } as const;

/** As `contactPatchInput`, for organizations: the main phone, fax and address slots; the rest is kept. */
export function organizationPatchInput(
  current: Organization,
  wire: ExternalOrganizationInput,
): OrganizationInput {
  const patched = organizationInputFromWire(wire);
  return {
    ...patched,
    phones: writeSlots(current.phones.map(phoneAsInput), ORGANIZATION_PHONE_SLOTS, (slot, type) =>
      phoneFromWire(type, wire[slot as keyof typeof ORGANIZATION_PHONE_SLOTS]),
    ),
    addresses: writeAddressSlot(current.addresses, wire.address, "work"),
    emails: current.emails,
    webAddresses: current.webAddresses,
    externalIds: [...current.externalIds.filter(isReservedId), ...(patched.externalIds ?? [])],
    extensions: { ...current.extensions, genesys: patched.extensions?.genesys ?? {} },
  };
}

function phoneToWire(p: Phone) {
  return {
    display: p.display,
    ...(p.extension != null && { extension: p.extension }),
    ...(p.acceptsSms != null && { acceptsSMS: p.acceptsSms }),
    ...(p.normalizationCountryCode && { normalizationCountryCode: p.normalizationCountryCode }),
    userInput: p.userInput,
    ...(p.e164 && { e164: p.e164 }),
    ...(p.countryCode && { countryCode: p.countryCode }),
  };
}

/** An id of a reserved enfore source (its ID mappings): Genesys neither shows nor replaces it (cross-dialect §6). */
const isReservedId = (e: ExternalId) => (e.source ? isReservedSourceName(e.source.name) : false);
const shownIds = (ids: ExternalId[]) => ids.filter((e) => !isReservedId(e));

export function externalIdToWire(e: ExternalId) {
  return {
    externalSource: {
      id: e.sourceId,
      ...(e.source && {
        name: e.source.name,
        active: e.source.active,
        ...(e.source.uriTemplate && { linkConfiguration: { uriTemplate: e.source.uriTemplate } }),
      }),
      selfUri: `${BASE}/externalsources/${e.sourceId}`,
    },
    value: e.value,
  };
}

export interface ContactExpansions {
  divisions?: Map<string, string>;
  organizations?: Map<string, Organization>;
  identifiers?: Map<string, ContactIdentifier[]>;
  /** Merge trees of the contacts that take part in a merge (see `mergePlacesOf`). */
  mergePlaces?: Map<string, MergePlace>;
}

/** The Genesys ExternalContact for a canonical contact; absent fields are left out, as Genesys does. */
export function contactToWire(c: Contact, expand: ContactExpansions = {}) {
  const wire: Record<string, unknown> = {
    id: c.id,
    division: {
      id: c.divisionId,
      ...(expand.divisions?.has(c.divisionId) && { name: expand.divisions.get(c.divisionId) }),
      selfUri: divisionUri(c.divisionId),
    },
  };
  for (const field of ["firstName", "middleName", "lastName", "salutation", "title"] as const)
    if (c[field] !== null) wire[field] = c[field];
  for (const [slot, type] of PHONE_SLOT_ENTRIES) {
    const p = c.phones.find((x) => x.type === type);
    if (p) wire[slot] = phoneToWire(p);
  }
  for (const [slot, type] of EMAIL_SLOT_ENTRIES) {
    const e = c.emails.find((x) => x.type === type);
    if (e) wire[slot] = e.address;
  }
  const address = c.addresses[0];
  if (address) {
    const { type: _type, ...lines } = address;
    wire.address = Object.fromEntries(Object.entries(lines).filter(([, v]) => v != null));
  }
  Object.assign(wire, c.extensions.genesys ?? {});
  const externalIds = c.externalIds.length ? shownIds(c.externalIds) : [];
  if (externalIds.length) wire.externalIds = externalIds.map(externalIdToWire);
  if (c.organizationId) {
    const org = expand.organizations?.get(c.organizationId);
    wire.externalOrganization = org
      ? { id: org.id, name: org.name, selfUri: organizationUri(org.id) }
      : { id: c.organizationId, selfUri: organizationUri(c.organizationId) };
  }
  if (c.surveyOptOut !== null) wire.surveyOptOut = c.surveyOptOut;
  if (c.externalSystemUrl) wire.externalSystemUrl = c.externalSystemUrl;
  if (c.schemaId)
    wire.schema = {
      id: c.schemaId,
      version: c.schemaVersion,
      selfUri: `${BASE}/contacts/schemas/${c.schemaId}/versions/${c.schemaVersion}`,
    };
  if (c.customFields) wire.customFields = c.customFields;
  const identifiers = expand.identifiers?.get(c.id);
  if (identifiers)
    wire.identifiers = identifiers.map((i) => ({
      type: i.type,
      value: i.value,
      dateCreated: i.createdAt.toISOString(),
    }));
  // Merge bookkeeping (ContactAddressableEntityRef: id + selfUri); all absent for a contact in no merge.
  const contactRef = (id: string) => ({ id, selfUri: contactUri(id) });
  const place = expand.mergePlaces?.get(c.id);
  const canonical = place?.canonicalContactId ?? c.canonicalContactId ?? (c.mergedFrom?.length ? c.id : null);
  if (canonical) wire.canonicalContact = contactRef(canonical);
  if (place) wire.mergeSet = place.mergeSet.map(contactRef);
  if (c.mergedFrom?.length) wire.mergedFrom = c.mergedFrom.map(contactRef);
  const mergedTo = place ? place.mergedTo : c.canonicalContactId;
  if (mergedTo) wire.mergedTo = contactRef(mergedTo);
  wire.type = c.type;
  wire.version = c.version;
  wire.modifyDate = c.modifiedAt.toISOString();
  wire.createDate = c.createdAt.toISOString();
  wire.selfUri = contactUri(c.id);
  return wire;
}

/** Any kind of export; each kind lives under its own path (`/contacts/exports`, `/notes/exports`, ...). */
export function exportToWire(job: ExportJob, origin: string) {
  const selfUri = `${BASE}/${job.entityType}/exports/${job.id}`;
  return {
    id: job.id,
    ...(job.divisionIds.length && { divisionIds: job.divisionIds }),
    createdBy: { id: job.createdBy.id },
    dateCreated: job.createdAt.toISOString(),
    ...(job.completedAt && { dateCompletion: job.completedAt.toISOString() }),
    status: job.status,
    ...(job.status === "SUCCEEDED" && { downloadUrl: `${origin}${selfUri}/download` }),
    ...(job.rowCount !== null && { resultRowCount: job.rowCount }),
    ...(job.queryConditions && { queryConditions: job.queryConditions }),
    selfUri,
  };
}

const wirePhoneInput = (type: "work" | "fax", p: ExternalOrganizationInput["phoneNumber"]) => {
  const display = p?.display ?? p?.e164;
  return p && display
    ? [
        {
          type,
          display,
          extension: p.extension,
          acceptsSms: p.acceptsSMS,
          normalizationCountryCode: p.normalizationCountryCode,
        },
      ]
    : [];
};

export function organizationInputFromWire(wire: ExternalOrganizationInput): OrganizationInput {
  return {
    divisionId: wire.division?.id,
    name: wire.name,
    companyType: wire.companyType,
    industry: wire.industry,
    employeeCount: wire.employeeCount,
    revenue: wire.revenue,
    tags: wire.tags ?? [],
    websites: wire.websites ?? [],
    tickers: wire.tickers ?? [],
    externalSystemUrl: wire.externalSystemUrl,
    phones: [...wirePhoneInput("work", wire.phoneNumber), ...wirePhoneInput("fax", wire.faxNumber)],
    addresses: wire.address ? [{ type: "work", ...wire.address }] : [],
    schemaId: wire.schema?.id,
    schemaVersion: wire.schema?.version,
    customFields: wire.customFields,
    externalIds: (wire.externalIds ?? []).map((e) => ({
      sourceId: e.externalSource.id ?? "",
      value: e.value,
    })),
    extensions: wire.twitterId ? { genesys: { twitterId: wire.twitterId } } : {},
  };
}

/** `Trustor`: the Genesys Cloud org that trusts this one, as far as this server knows it (the link). */
export function trustorToWire(t: NonNullable<Organization["trustor"]>) {
  return {
    id: t.trustorOrgId,
    enabled: true,
    dateCreated: t.linkedAt.toISOString(),
    ...(t.linkedBy && { createdBy: { id: t.linkedBy, selfUri: `/api/v2/users/${t.linkedBy}` } }),
    organization: { id: t.trustorOrgId, selfUri: `/api/v2/organizations/${t.trustorOrgId}` },
    selfUri: `/api/v2/orgauthorization/trustors/${t.trustorOrgId}`,
  };
}

export function trustorLinkToWire(link: TrustorLink) {
  return {
    division: { id: link.divisionId, selfUri: divisionUri(link.divisionId) },
    externalOrganizationId: link.organizationId,
    trustorOrgId: link.trustorOrgId,
    dateCreated: link.linkedAt.toISOString(),
    externalOrganizationUri: organizationUri(link.organizationId),
  };
}

/** `includeTrustors` embeds the trustor of a linked organization (Genesys leaves it out otherwise). */
export function organizationToWire(
  o: Organization,
  divisions?: Map<string, string>,
  options: { includeTrustors?: boolean } = {},
) {
  const phone = o.phones.find((p) => p.type === "work");
  const fax = o.phones.find((p) => p.type === "fax");
  const address = o.addresses[0];
  return {
    id: o.id,
    name: o.name,
    division: {
      id: o.divisionId,
      ...(divisions?.has(o.divisionId) && { name: divisions.get(o.divisionId) }),
      selfUri: divisionUri(o.divisionId),
    },
    ...(o.companyType && { companyType: o.companyType }),
    ...(o.industry && { industry: o.industry }),
    ...(address && {
      address: Object.fromEntries(Object.entries(address).filter(([k, v]) => k !== "type" && v != null)),
    }),
    ...(phone && { phoneNumber: phoneToWire(phone) }),
    ...(fax && { faxNumber: phoneToWire(fax) }),
    ...(o.employeeCount !== null && { employeeCount: o.employeeCount }),
    ...(o.revenue !== null && { revenue: o.revenue }),
    ...(o.tags.length && { tags: o.tags }),
    ...(o.websites.length && { websites: o.websites }),
    ...(o.tickers.length && { tickers: o.tickers }),
    ...(o.extensions.genesys ?? {}),
    ...(o.externalSystemUrl && { externalSystemUrl: o.externalSystemUrl }),
    ...(o.schemaId && {
      schema: {
        id: o.schemaId,
        version: o.schemaVersion,
        selfUri: `${BASE}/organizations/schemas/${o.schemaId}/versions/${o.schemaVersion}`,
      },
    }),
    ...(o.customFields && { customFields: o.customFields }),
    ...(shownIds(o.externalIds).length && { externalIds: shownIds(o.externalIds).map(externalIdToWire) }),
    ...(options.includeTrustors && o.trustor && { trustor: trustorToWire(o.trustor) }),
    version: o.version,
    modifyDate: o.modifiedAt.toISOString(),
    createDate: o.createdAt.toISOString(),
    selfUri: organizationUri(o.id),
  };
}

export function noteToWire(n: Note) {
  const parent = n.entityType === "contact" ? contactUri(n.entityId) : organizationUri(n.entityId);
  return {
    id: n.id,
    entityId: n.entityId,
    entityType: n.entityType,
    noteText: n.text,
    modifyDate: n.modifiedAt.toISOString(),
    createDate: n.createdAt.toISOString(),
    createdBy: {
      id: n.createdById,
      ...(n.createdByName && { name: n.createdByName }),
      selfUri: `/api/v2/users/${n.createdById}`,
    },
    selfUri: `${parent}/notes/${n.id}`,
  };
}

export function relationshipToWire(r: Relationship) {
  return {
    id: r.id,
    user: { id: r.memberId, selfUri: `/api/v2/users/${r.memberId}` },
    externalOrganization: { id: r.organizationId, selfUri: organizationUri(r.organizationId) },
    relationship: r.relationship,
    selfUri: `${BASE}/relationships/${r.id}`,
  };
}
