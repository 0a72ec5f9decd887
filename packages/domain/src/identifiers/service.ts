import {
  and,
  asc,
  contactIdentifiers,
  eq,
  externalSources,
  organizationIdentifiers,
  type PgColumn,
} from "@switchboard/db";
import { PERMISSIONS } from "../access/permissions";
import type { Contact } from "../contacts/model";
import { contactExists, getContact } from "../contacts/service";
import { recordChangeSet } from "../history";
import type { Organization } from "../organizations/model";
import { getOrganization, organizationExists } from "../organizations/service";
import { type Context, inTransaction, requirePermission } from "../shared/context";
import { DomainError, notFound, validationFailed } from "../shared/errors";
import { parseInput } from "../shared/validation";
import {
  type ContactIdentifier,
  IDENTIFIER_TYPES,
  type IdentifierInput,
  type IdentifierType,
  identifierInput,
  ORGANIZATION_IDENTIFIER_TYPES,
  type OrganizationIdentifier,
} from "./model";
import { normalizeIdentifier } from "./rules";

/**
 * What holds identifiers: contacts (every type) and external organizations (`ExternalId` only). Both keep them
 * alike, in a table of their own: a (type, value) is held by at most one contact, and by at most one
 * organization, of the tenant at a time.
 */
interface Holder<H> {
  entity: "contact" | "organization";
  // Both tables have the same columns but the holder's; one typed view of them keeps the queries readable.
  table: typeof contactIdentifiers;
  holderColumn: PgColumn;
  /** The holder column's field name in an insert. */
  holderKey: "contactId" | "organizationId";
  types: readonly IdentifierType[];
  view: string;
  edit: string;
  /** The holder as the caller may see it (not found otherwise). */
  get: (ctx: Context, id: string) => Promise<H & { id: string; divisionId: string }>;
  exists: (ctx: Context, id: string) => Promise<boolean>;
}

const CONTACTS: Holder<Contact> = {
  entity: "contact",
  table: contactIdentifiers,
  holderColumn: contactIdentifiers.contactId,
  holderKey: "contactId",
  types: IDENTIFIER_TYPES,
  view: PERMISSIONS.contactView,
  edit: PERMISSIONS.contactEdit,
  get: getContact,
  exists: contactExists,
};

const ORGANIZATIONS: Holder<Organization> = {
  entity: "organization",
  table: organizationIdentifiers as unknown as typeof contactIdentifiers,
  holderColumn: organizationIdentifiers.organizationId,
  holderKey: "organizationId",
  types: ORGANIZATION_IDENTIFIER_TYPES,
  view: PERMISSIONS.organizationView,
  edit: PERMISSIONS.organizationEdit,
  get: getOrganization,
  exists: organizationExists,
};

interface StoredIdentifier {
  id: string;
  holderId: string;
  type: IdentifierType;
  value: string;
  divisionId: string;
  sourceId: string | null;
  createdAt: Date;
}

/** The columns of an identifier row, its holder's id as `holderId`. */
const columnsOf = (holder: Holder<unknown>) => {
  const t = holder.table;
  return {
    id: t.id,
    holderId: holder.holderColumn,
    type: t.type,
    value: t.value,
    divisionId: t.divisionId,
    sourceId: t.sourceId,
    createdAt: t.createdAt,
  };
};

const asRows = (rows: unknown[]) => rows as StoredIdentifier[];

const toContactIdentifier = ({ holderId, ...rest }: StoredIdentifier): ContactIdentifier => ({
  ...rest,
  contactId: holderId,
});

const toOrganizationIdentifier = ({ holderId, ...rest }: StoredIdentifier): OrganizationIdentifier => ({
  ...rest,
  type: "ExternalId",
  organizationId: holderId,
});

function validIdentifier(holder: Holder<unknown>, input: IdentifierInput) {
  const valid = parseInput(identifierInput, input);
  if (!holder.types.includes(valid.type))
    throw validationFailed([
      { path: "type", message: `an ${holder.entity} identifier is of type ${holder.types.join(" or ")}` },
    ]);
  const normalized = normalizeIdentifier(valid.type, valid.value);
  if ("issue" in normalized) throw validationFailed([normalized.issue]);
  return { ...valid, value: normalized.value };
}

const sameIdentifier = (holder: Holder<unknown>, ctx: Context, type: string, value: string) =>
  and(eq(holder.table.tenantId, ctx.tenantId), eq(holder.table.type, type), eq(holder.table.value, value));

async function listOf(holder: Holder<unknown>, ctx: Context, holderId: string) {
  requirePermission(ctx, holder.view);
  await holder.get(ctx, holderId);
  const rows = await ctx.db
    .select(columnsOf(holder))
    .from(holder.table)
    .where(and(eq(holder.table.tenantId, ctx.tenantId), eq(holder.holderColumn, holderId)))
    .orderBy(asc(holder.table.createdAt));
  return asRows(rows);
}

/**
 * Claims an identifier for its holder. A (type, value) is held by one holder at a time: claiming one held
 * elsewhere is a 409 naming the holder (to a caller who may see it); claiming one the holder already holds
 * changes nothing. Claims of one value at once end the same way: the unique index decides which one holds it.
 */
async function claim(holder: Holder<unknown>, ctx: Context, holderId: string, input: IdentifierInput) {
  requirePermission(ctx, holder.edit);
  const valid = validIdentifier(holder, input);
  return inTransaction(ctx, async (tx) => {
    const owner = await holder.get(tx, holderId);
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
    const [claimed] = await tx.db
      .insert(holder.table)
      .values({
        tenantId: tx.tenantId,
        [holder.holderKey]: holderId,
        type: valid.type,
        value: valid.value,
        divisionId: owner.divisionId,
        sourceId: valid.sourceId ?? null,
      } as unknown as typeof contactIdentifiers.$inferInsert)
      .onConflictDoNothing()
      .returning(columnsOf(holder));
    if (!claimed) {
      const [held] = asRows(
        await tx.db
          .select(columnsOf(holder))
          .from(holder.table)
          .where(sameIdentifier(holder, tx, valid.type, valid.value)),
      );
      if (held?.holderId === holderId) return held;
      // Values are unique across divisions; the holder is named only to a caller who may see it.
      const other = `another ${holder.entity}`;
      const name =
        held && (await holder.exists(tx, held.holderId)) ? `${holder.entity} ${held.holderId}` : other;
      throw new DomainError("CONFLICT", `${valid.type} ${valid.value} is already claimed by ${name}`, [
        { path: "identifier.value", message: `claimed by ${name}`, conflict: true },
      ]);
    }
    await recordChangeSet(tx, {
      entityType: holder.entity,
      entityId: holderId,
      action: "update",
      changes: [{ path: `identifiers.${valid.type}`, old: null, new: valid.value }],
    });
    return claimed as StoredIdentifier;
  });
}

/** Releases an identifier the holder holds; releasing one it does not hold is not found. */
async function release(holder: Holder<unknown>, ctx: Context, holderId: string, input: IdentifierInput) {
  requirePermission(ctx, holder.edit);
  const valid = validIdentifier(holder, input);
  return inTransaction(ctx, async (tx) => {
    await holder.get(tx, holderId);
    const [released] = asRows(
      await tx.db
        .delete(holder.table)
        .where(and(sameIdentifier(holder, tx, valid.type, valid.value), eq(holder.holderColumn, holderId)))
        .returning(columnsOf(holder)),
    );
    if (!released) throw notFound("identifier", `${valid.type} ${valid.value}`);
    await recordChangeSet(tx, {
      entityType: holder.entity,
      entityId: holderId,
      action: "update",
      changes: [{ path: `identifiers.${valid.type}`, old: valid.value, new: null }],
    });
    return released;
  });
}

/** The holder of an identifier, as the caller may see it. */
async function lookup<H>(holder: Holder<H>, ctx: Context, input: IdentifierInput): Promise<H> {
  requirePermission(ctx, holder.view);
  const valid = validIdentifier(holder, input);
  const [held] = asRows(
    await ctx.db
      .select(columnsOf(holder))
      .from(holder.table)
      .where(sameIdentifier(holder, ctx, valid.type, valid.value)),
  );
  // Held by a record the caller cannot see: not found, as that record would be, without naming it.
  if (!held || !(await holder.exists(ctx, held.holderId)))
    throw notFound("identifier", `${valid.type} ${valid.value}`);
  return holder.get(ctx, held.holderId);
}

// ------------------------------------------------------------------------------------------- contacts

export async function listIdentifiers(ctx: Context, contactId: string): Promise<ContactIdentifier[]> {
  return (await listOf(CONTACTS, ctx, contactId)).map(toContactIdentifier);
}

/** Claims an identifier for a contact (see `claim`: one contact holds a value at a time). */
export async function claimIdentifier(
  ctx: Context,
  contactId: string,
  input: IdentifierInput,
): Promise<ContactIdentifier> {
  return toContactIdentifier(await claim(CONTACTS, ctx, contactId, input));
}

export async function releaseIdentifier(
  ctx: Context,
  contactId: string,
  input: IdentifierInput,
): Promise<ContactIdentifier> {
  return toContactIdentifier(await release(CONTACTS, ctx, contactId, input));
}

/** The contact holding an identifier (phones in E.164 with `+`, emails in any case). */
export function lookupByIdentifier(ctx: Context, input: IdentifierInput): Promise<Contact> {
  return lookup(CONTACTS, ctx, input);
}

// ------------------------------------------------------------------------------------------- organizations

export async function listOrganizationIdentifiers(
  ctx: Context,
  organizationId: string,
): Promise<OrganizationIdentifier[]> {
  return (await listOf(ORGANIZATIONS, ctx, organizationId)).map(toOrganizationIdentifier);
}

/** Claims an `ExternalId` identifier for an organization: one organization holds a value at a time. */
export async function claimOrganizationIdentifier(
  ctx: Context,
  organizationId: string,
  input: IdentifierInput,
): Promise<OrganizationIdentifier> {
  return toOrganizationIdentifier(await claim(ORGANIZATIONS, ctx, organizationId, input));
}

export async function releaseOrganizationIdentifier(
  ctx: Context,
  organizationId: string,
  input: IdentifierInput,
): Promise<OrganizationIdentifier> {
  return toOrganizationIdentifier(await release(ORGANIZATIONS, ctx, organizationId, input));
}

/** The organization holding an identifier; only `ExternalId` identifiers are looked up (others are a 400). */
export function lookupOrganizationByIdentifier(ctx: Context, input: IdentifierInput): Promise<Organization> {
  return lookup(ORGANIZATIONS, ctx, input);
}
