import {
  and,
  contactIdentifiers,
  contacts,
  conversationAssociations,
  eq,
  externalIds,
  inArray,
  notes,
  or,
} from "@switchboard/db";
import { PERMISSIONS } from "../access/permissions";
import { recordChangeSets } from "../history";
import { moveProfessionalIdentities } from "../professional-identities/service";
import { moveProfileRecords } from "../profile/merge";
import { type Context, inTransaction, requirePermission } from "../shared/context";
import { validationFailed } from "../shared/errors";
import { isUuid } from "../shared/ids";
import type { Contact, ContactInput } from "./model";
import { SCALAR_FIELDS } from "./rows";
import { addressableContacts } from "./scope";
import { createContact, getContact } from "./service";

/** Genesys: a merge takes 2 to 25 contacts, and a merge set may hold at most 52. */
export const MERGE_INPUTS = { min: 2, max: 25 } as const;
export const MERGE_SET_LIMIT = 52;

/**
 * The merged record's values: each field from the first contact (in the order given) that has it, phones
 * and emails per type likewise, external ids from all of them, the schema of the first with a schema and
 * each custom field from the first contact on that same schema version that has it; `override` wins over
 * all of that (its `customFields` replace them all), then `customFieldOverrides` set single custom fields
 * (`null` leaves the field out).
 */
export function mergedInput(
  inputs: Contact[],
  override: ContactInput = {},
  customFieldOverrides: Record<string, unknown> = {},
): ContactInput {
  const first = <T>(pick: (c: Contact) => T | null | undefined) =>
    inputs.map(pick).find((v) => v !== null && v !== undefined);
  const byType = <T extends { type: string }>(lists: T[][]) => {
    const seen = new Map<string, T>();
    for (const list of lists) for (const item of list) if (!seen.has(item.type)) seen.set(item.type, item);
    return [...seen.values()];
  };
  const withSchema = inputs.find((c) => c.schemaId);
  // Values of one schema version are valid for it; another version's or schema's might not be.
  const sameSchema = inputs.filter(
    (c) => withSchema && c.schemaId === withSchema.schemaId && c.schemaVersion === withSchema.schemaVersion,
  );
  const customFields = Object.assign({}, ...[...sameSchema].reverse().map((c) => c.customFields ?? {}));
  const merged: ContactInput = {
    divisionId: inputs[0]?.divisionId,
    phones: byType(inputs.map((c) => c.phones)).map((p) => ({
      vendorType: p.vendorType,
      usageContext: p.usageContext,
      usages: p.usages,
      description: p.description,
      type: p.type,
      display: p.userInput,
      extension: p.extension ?? undefined,
      acceptsSms: p.acceptsSms ?? undefined,
      normalizationCountryCode: p.normalizationCountryCode ?? undefined,
    })),
    emails: byType(inputs.map((c) => c.emails)),
    addresses: inputs.find((c) => c.addresses.length)?.addresses ?? [],
    webAddresses: inputs.find((c) => c.webAddresses.length)?.webAddresses ?? [],
    externalIds: [
      ...new Map(
        inputs
          .flatMap((c) => c.externalIds)
          .map((e) => [`${e.sourceId}\u0000${e.value}`, { sourceId: e.sourceId, value: e.value }]),
      ).values(),
    ].slice(0, 10),
    schemaId: withSchema?.schemaId,
    schemaVersion: withSchema?.schemaVersion,
    customFields: Object.keys(customFields).length ? customFields : withSchema?.customFields,
    extensions: Object.assign({}, ...[...inputs].reverse().map((c) => c.extensions)),
  };
  for (const field of SCALAR_FIELDS) (merged as Record<string, unknown>)[field] = first((c) => c[field]);
  const overrides = Object.fromEntries(Object.entries(override).filter(([, v]) => v !== undefined));
  const result: ContactInput = { ...merged, ...overrides };
  const picked = Object.entries(customFieldOverrides).filter(([, v]) => v !== undefined);
  if (picked.length === 0) return result;
  const fields = { ...(result.customFields ?? {}) };
  for (const [key, value] of picked) {
    if (value === null) delete fields[key];
    else fields[key] = value;
  }
  return { ...result, customFields: fields };
}

/**
 * Merges 2 to 25 contacts into a NEW contact (Genesys semantics): the inputs point at it as their canonical
 * contact (as does anything merged into them before), it records them as `mergedFrom`, and their notes,
 * identifiers, external ids and conversations move to it. Reading an input afterwards resolves to the new one.
 * `valueOverride` and `customFieldOverrides` are the values picked per field (see `mergedInput`).
 */
export async function mergeContacts(
  ctx: Context,
  input: {
    contactIds: string[];
    valueOverride?: ContactInput;
    customFieldOverrides?: Record<string, unknown>;
  },
): Promise<Contact> {
  requirePermission(ctx, PERMISSIONS.identityMerge);
  const ids = [...new Set(input.contactIds)];
  if (ids.length < MERGE_INPUTS.min || ids.length > MERGE_INPUTS.max)
    throw validationFailed([
      {
        path: "contactIds",
        message: `a merge takes ${MERGE_INPUTS.min} to ${MERGE_INPUTS.max} different contacts`,
      },
    ]);
  return inTransaction(ctx, async (tx) => {
    const inputs: Contact[] = [];
    for (const id of ids) {
      const contact = await getContact(tx, id);
      if (contact.id !== id)
        throw validationFailed([
          { path: "contactIds", message: `contact ${id} was already merged into ${contact.id}` },
        ]);
      inputs.push(contact);
    }
    const tenant = eq(contacts.tenantId, tx.tenantId);
    const inSet = or(inArray(contacts.id, ids), inArray(contacts.canonicalContactId, ids));
    const members = await tx.db.select({ id: contacts.id }).from(contacts).where(and(tenant, inSet));
    if (members.length + 1 > MERGE_SET_LIMIT)
      throw validationFailed([
        { path: "contactIds", message: `a merge set may hold at most ${MERGE_SET_LIMIT} contacts` },
      ]);

    // External ids name one record per source: free them before the merged contact takes them over.
    await tx.db
      .delete(externalIds)
      .where(
        and(
          eq(externalIds.tenantId, tx.tenantId),
          eq(externalIds.entityType, "contact"),
          inArray(externalIds.entityId, ids),
        ),
      );
    const type = inputs.some((c) => c.type === "Curated") ? "Curated" : inputs[0]!.type;
    const merged = await createContact(
      tx,
      mergedInput(inputs, input.valueOverride, input.customFieldOverrides),
      { type },
    );

    await tx.db
      .update(contacts)
      .set({ canonicalContactId: merged.id, modifiedAt: new Date() })
      .where(and(tenant, inSet));
    await tx.db
      .update(contacts)
      .set({ mergedFrom: ids })
      .where(and(tenant, eq(contacts.id, merged.id)));
    await tx.db
      .update(notes)
      .set({ entityId: merged.id })
      .where(
        and(eq(notes.tenantId, tx.tenantId), eq(notes.entityType, "contact"), inArray(notes.entityId, ids)),
      );
    await tx.db
      .update(contactIdentifiers)
      .set({ contactId: merged.id })
      .where(and(eq(contactIdentifiers.tenantId, tx.tenantId), inArray(contactIdentifiers.contactId, ids)));
    await tx.db
      .update(conversationAssociations)
      .set({ contactId: merged.id })
      .where(
        and(
          eq(conversationAssociations.tenantId, tx.tenantId),
          inArray(conversationAssociations.contactId, ids),
        ),
      );
    await moveProfileRecords(tx, ids, merged.id);
    await moveProfessionalIdentities(tx, ids, merged.id);
    await recordChangeSets(tx, [
      {
        entityType: "contact",
        entityId: merged.id,
        action: "merge",
        changes: [{ path: "mergedFrom", old: null, new: ids }],
      },
      ...members.map((m) => ({
        entityType: "contact",
        entityId: m.id,
        action: "merge" as const,
        changes: [{ path: "canonicalContactId", old: null, new: merged.id }],
      })),
    ]);
    return getContact(tx, merged.id);
  });
}

/** The deprecated two-contact merge: the target's values win, and two Curated contacts cannot be merged. */
export async function mergeTwoContacts(
  ctx: Context,
  input: { sourceContactId: string; targetContactId: string },
): Promise<Contact> {
  requirePermission(ctx, PERMISSIONS.identityMerge);
  const [source, target] = await Promise.all([
    getContact(ctx, input.sourceContactId),
    getContact(ctx, input.targetContactId),
  ]);
  if (source.type === "Curated" && target.type === "Curated")
    throw validationFailed([{ path: "sourceContactId", message: "two Curated contacts cannot be merged" }]);
  return mergeContacts(ctx, { contactIds: [target.id, source.id] });
}

/** Where a contact sits in its merge tree (Genesys `mergeSet`, `mergedTo`, `canonicalContact`). */
export interface MergePlace {
  canonicalContactId: string;
  /** Every live contact of the tree, the canonical one first, then in creation order. */
  mergeSet: string[];
  /** The contact this one was merged into directly (absent for the canonical contact). */
  mergedTo: string | null;
}

/**
 * The merge places of `contacts` that take part in a merge (the others are left out), in one query over
 * their trees: the canonical contacts and the contacts pointing at them (an index serves the latter).
 */
export async function mergePlacesOf(
  ctx: Context,
  read: Pick<Contact, "id" | "canonicalContactId" | "mergedFrom">[],
): Promise<Map<string, MergePlace>> {
  requirePermission(ctx, PERMISSIONS.contactView);
  const inMerge = read.filter((c) => c.canonicalContactId || c.mergedFrom?.length);
  const heads = [...new Set(inMerge.map((c) => c.canonicalContactId ?? c.id))].filter(isUuid);
  const places = new Map<string, MergePlace>();
  if (heads.length === 0) return places;
  const rows = await ctx.db
    .select({
      id: contacts.id,
      number: contacts.number,
      canonicalContactId: contacts.canonicalContactId,
      mergedFrom: contacts.mergedFrom,
    })
    .from(contacts)
    .where(
      and(
        addressableContacts(ctx),
        or(inArray(contacts.id, heads), inArray(contacts.canonicalContactId, heads)),
      ),
    );
  const mergedTo = new Map<string, string>();
  for (const row of rows) for (const from of row.mergedFrom ?? []) mergedTo.set(from, row.id);
  for (const head of heads) {
    const tree = rows
      .filter((r) => r.id === head || r.canonicalContactId === head)
      .sort((a, b) => (a.id === head ? -1 : b.id === head ? 1 : a.number - b.number));
    for (const member of tree)
      places.set(member.id, {
        canonicalContactId: head,
        mergeSet: tree.map((r) => r.id),
        mergedTo: member.id === head ? null : (mergedTo.get(member.id) ?? head),
      });
  }
  return places;
}
