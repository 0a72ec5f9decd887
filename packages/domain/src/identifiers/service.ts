import {
  and,
  asc,
  type ContactIdentifierRow,
  contactIdentifiers,
  eq,
  externalSources,
} from "@switchboard/db";
import { PERMISSIONS } from "../access/permissions";
import type { Contact } from "../contacts/model";
import { contactExists, getContact } from "../contacts/service";
import { recordChangeSet } from "../history";
import { type Context, inTransaction, requirePermission } from "../shared/context";
import { DomainError, notFound, validationFailed } from "../shared/errors";
import { parseInput } from "../shared/validation";
import { type ContactIdentifier, type IdentifierInput, type IdentifierType, identifierInput } from "./model";
import { normalizeIdentifier } from "./rules";

const toIdentifier = (r: ContactIdentifierRow): ContactIdentifier => ({
  id: r.id,
  contactId: r.contactId,
  type: r.type as IdentifierType,
  value: r.value,
  divisionId: r.divisionId,
  sourceId: r.sourceId,
  createdAt: r.createdAt,
});

function validIdentifier(input: IdentifierInput) {
  const valid = parseInput(identifierInput, input);
  const normalized = normalizeIdentifier(valid.type, valid.value);
  if ("issue" in normalized) throw validationFailed([normalized.issue]);
  return { ...valid, value: normalized.value };
}

const sameIdentifier = (ctx: Context, type: string, value: string) =>
  and(
    eq(contactIdentifiers.tenantId, ctx.tenantId),
    eq(contactIdentifiers.type, type),
    eq(contactIdentifiers.value, value),
  );

export async function listIdentifiers(ctx: Context, contactId: string): Promise<ContactIdentifier[]> {
  requirePermission(ctx, PERMISSIONS.contactView);
  await getContact(ctx, contactId);
  const rows = await ctx.db
    .select()
    .from(contactIdentifiers)
    .where(and(eq(contactIdentifiers.tenantId, ctx.tenantId), eq(contactIdentifiers.contactId, contactId)))
    .orderBy(asc(contactIdentifiers.createdAt));
  return rows.map(toIdentifier);
}

/**
 * Claims an identifier for a contact. A (type, value) is held by one contact at a time: claiming one held
 * elsewhere is a 409 naming the holder; claiming one the contact already holds changes nothing.
 */
export async function claimIdentifier(
  ctx: Context,
  contactId: string,
  input: IdentifierInput,
): Promise<ContactIdentifier> {
  requirePermission(ctx, PERMISSIONS.contactEdit);
  const valid = validIdentifier(input);
  return inTransaction(ctx, async (tx) => {
    const contact = await getContact(tx, contactId);
    if (valid.sourceId) {
      const [source] = await tx.db
        .select({ id: externalSources.id })
        .from(externalSources)
        .where(and(eq(externalSources.tenantId, tx.tenantId), eq(externalSources.id, valid.sourceId)));
      if (!source)
        throw validationFailed([
          { path: "identifier.sourceId", message: `external source ${valid.sourceId} does not exist` },
        ]);
    }
    const [held] = await tx.db
      .select()
      .from(contactIdentifiers)
      .where(sameIdentifier(tx, valid.type, valid.value))
      .for("update");
    if (held?.contactId === contactId) return toIdentifier(held);
    if (held) {
      // Values are unique across divisions; the holder is named only to a caller who may see it.
      const holder = (await contactExists(tx, held.contactId))
        ? `contact ${held.contactId}`
        : "another contact";
      throw new DomainError("CONFLICT", `${valid.type} ${valid.value} is already claimed by ${holder}`, [
        { path: "identifier.value", message: `claimed by ${holder}`, conflict: true },
      ]);
    }
    const [row] = await tx.db
      .insert(contactIdentifiers)
      .values({
        tenantId: tx.tenantId,
        contactId,
        type: valid.type,
        value: valid.value,
        divisionId: contact.divisionId,
        sourceId: valid.sourceId ?? null,
      })
      .returning();
    await recordChangeSet(tx, {
      entityType: "contact",
      entityId: contactId,
      action: "update",
      changes: [{ path: `identifiers.${valid.type}`, old: null, new: valid.value }],
    });
    return toIdentifier(row!);
  });
}

/** Releases an identifier the contact holds; releasing one it does not hold is not found. */
export async function releaseIdentifier(
  ctx: Context,
  contactId: string,
  input: IdentifierInput,
): Promise<ContactIdentifier> {
  requirePermission(ctx, PERMISSIONS.contactEdit);
  const valid = validIdentifier(input);
  return inTransaction(ctx, async (tx) => {
    await getContact(tx, contactId);
    const [released] = await tx.db
      .delete(contactIdentifiers)
      .where(and(sameIdentifier(tx, valid.type, valid.value), eq(contactIdentifiers.contactId, contactId)))
      .returning();
    if (!released) throw notFound("identifier", `${valid.type} ${valid.value}`);
    await recordChangeSet(tx, {
      entityType: "contact",
      entityId: contactId,
      action: "update",
      changes: [{ path: `identifiers.${valid.type}`, old: valid.value, new: null }],
    });
    return toIdentifier(released);
  });
}

/** The contact holding an identifier (phones in E.164 with `+`, emails in any case). */
export async function lookupByIdentifier(ctx: Context, input: IdentifierInput): Promise<Contact> {
  requirePermission(ctx, PERMISSIONS.contactView);
  const valid = validIdentifier(input);
  const [held] = await ctx.db
    .select()
    .from(contactIdentifiers)
    .where(sameIdentifier(ctx, valid.type, valid.value));
  // Held by a contact the caller cannot see: not found, as that contact would be, without naming it.
  if (!held || !(await contactExists(ctx, held.contactId)))
    throw notFound("identifier", `${valid.type} ${valid.value}`);
  return getContact(ctx, held.contactId);
}
