import {
  and,
  asc,
  contactPoints,
  contacts,
  eq,
  inArray,
  isNull,
  type ProfileRoleRow,
  professionalIdentities,
  profileRoles,
  sql,
} from "@switchboard/db";
import { PERMISSIONS } from "../access/permissions";
import { diff, recordChangeSet } from "../history";
import { type Context, inTransaction, requirePermission } from "../shared/context";
import { type FieldIssue, notFound, rejectIssues, unprocessable, validationFailed } from "../shared/errors";
import { parseInput } from "../shared/validation";
import {
  type DeliveryAndInvoicingConfiguration,
  type ProfessionalIdentityRef,
  type ProfileOwner,
  type ProfileRole,
  type ProfileRoleFields,
  type ProfileRoleInput,
  type ProfileRoleKind,
  ROLE_KINDS,
  roleInputs,
} from "./model";
import { historyOf, requireOwner } from "./owners";

const ofOwner = (ctx: Context, owner: ProfileOwner) =>
  and(
    eq(profileRoles.tenantId, ctx.tenantId),
    eq(profileRoles.ownerKind, owner.kind),
    eq(profileRoles.ownerId, owner.id),
  );

function toRole(row: ProfileRoleRow): ProfileRole {
  return {
    kind: row.kind,
    owner: { kind: row.ownerKind, id: row.ownerId },
    number: row.number,
    isActive: row.isActive,
    since: row.since,
    ...row.attributes,
    ...(row.accountNumber === null ? {} : { accountNumber: String(row.accountNumber) }),
    createdAt: row.createdAt,
    modifiedAt: row.modifiedAt,
  } as ProfileRole;
}

function requireKind(kind: ProfileRoleKind): void {
  if (!ROLE_KINDS.includes(kind))
    throw validationFailed([{ path: "kind", message: `must be one of ${ROLE_KINDS.join(", ")}` }]);
}

/** The roles a contact or organization holds (customer, supplier, alternative payer), by kind. */
export async function listProfileRoles(ctx: Context, owner: ProfileOwner): Promise<ProfileRole[]> {
  requirePermission(ctx, PERMISSIONS.roleView);
  await requireOwner(ctx, owner);
  const rows = await ctx.db
    .select()
    .from(profileRoles)
    .where(ofOwner(ctx, owner))
    .orderBy(asc(profileRoles.kind));
  return rows.map(toRole);
}

/** The contacts and organizations holding a role of `kind` (the web app's alternative-payer choices), by id. */
export async function listProfileRoleHolders(
  ctx: Context,
  kind: ProfileRoleKind,
  limit = 500,
): Promise<(ProfileOwner & { number: string })[]> {
  requirePermission(ctx, PERMISSIONS.roleView);
  requireKind(kind);
  return ctx.db
    .select({ kind: profileRoles.ownerKind, id: profileRoles.ownerId, number: profileRoles.number })
    .from(profileRoles)
    .where(and(eq(profileRoles.tenantId, ctx.tenantId), eq(profileRoles.kind, kind)))
    .orderBy(asc(profileRoles.number), asc(profileRoles.ownerId))
    .limit(Math.min(Math.max(limit, 1), 1000));
}

/** One role of a contact or organization; 404 when it does not hold that role. */
export async function getProfileRole<K extends ProfileRoleKind>(
  ctx: Context,
  owner: ProfileOwner,
  kind: K,
): Promise<ProfileRole<K>> {
  requirePermission(ctx, PERMISSIONS.roleView);
  requireKind(kind);
  await requireOwner(ctx, owner);
  const [row] = await ctx.db
    .select()
    .from(profileRoles)
    .where(and(ofOwner(ctx, owner), eq(profileRoles.kind, kind)));
  if (!row) throw notFound(`${kind} role`, owner.id);
  return toRole(row) as ProfileRole<K>;
}

/** No two configurations with the same limitations, at most one without any (enfore §6.1 item 8). */
export function configurationIssues(configs: DeliveryAndInvoicingConfiguration[]): FieldIssue[] {
  const seen = new Map<string, number>();
  const issues: FieldIssue[] = [];
  configs.forEach((c, i) => {
    const key = JSON.stringify(Object.entries(c.limitations ?? {}).filter(([, v]) => v !== undefined));
    const first = seen.get(key);
    if (first !== undefined)
      issues.push({
        path: `deliveryAndInvoicingConfigurations.${i}.limitations`,
        message:
          key === "[]"
            ? `only one configuration may have no limitations (see item ${first})`
            : `the same limitations as item ${first}`,
      });
    else seen.set(key, i);
  });
  return issues;
}

/** A customer's references: alternative payers must hold that role, addresses must be the owner's own. */
async function customerIssues(
  tx: Context,
  owner: ProfileOwner,
  fields: ProfileRoleFields<"customer">,
): Promise<FieldIssue[]> {
  const configs = fields.deliveryAndInvoicingConfigurations ?? [];
  const issues = configurationIssues(configs);
  const payers = [
    ...(fields.alternativePayer ? [{ path: "alternativePayer.id", id: fields.alternativePayer.id }] : []),
    ...configs.flatMap((c, i) =>
      c.alternativePayer
        ? [{ path: `deliveryAndInvoicingConfigurations.${i}.alternativePayer.id`, id: c.alternativePayer.id }]
        : [],
    ),
  ];
  if (payers.length) {
    const holders = await tx.db
      .select({ ownerId: profileRoles.ownerId })
      .from(profileRoles)
      .where(
        and(
          eq(profileRoles.tenantId, tx.tenantId),
          eq(profileRoles.kind, "alternativePayer"),
          inArray(
            profileRoles.ownerId,
            payers.map((p) => p.id),
          ),
        ),
      )
      // A payer being deleted locks this row (refuseReferencedPayer): one of the two waits for the other.
      .for("share");
    const held = new Set(holders.map((h) => h.ownerId));
    for (const p of payers)
      if (!held.has(p.id))
        issues.push({ path: p.path, message: `contact ${p.id} holds no alternative-payer role` });
  }
  const addresses = configs.flatMap((c, i) =>
    (["invoiceAddressId", "deliveryAddressId"] as const).flatMap((field) =>
      c[field] ? [{ path: `deliveryAndInvoicingConfigurations.${i}.${field}`, id: c[field] }] : [],
    ),
  );
  if (addresses.length) {
    const own = await tx.db
      .select({ id: contactPoints.id })
      .from(contactPoints)
      .where(
        and(
          eq(contactPoints.tenantId, tx.tenantId),
          eq(contactPoints.ownerKind, owner.kind),
          eq(contactPoints.ownerId, owner.id),
          eq(contactPoints.kind, "address"),
          inArray(
            contactPoints.id,
            addresses.map((a) => a.id),
          ),
        ),
      );
    const ids = new Set(own.map((a) => a.id));
    for (const a of addresses)
      if (!ids.has(a.id)) issues.push({ path: a.path, message: `${a.id} is not an address of this record` });
  }
  return issues;
}

/**
 * `managedBy` names a professional identity: it must be one of the tenant's, of the live person it names (400
 * otherwise).
 */
async function managedByIssues(
  tx: Context,
  managedBy: { contactId: string; professionalIdentityId: string } | undefined,
): Promise<FieldIssue[]> {
  if (!managedBy) return [];
  const [found] = await tx.db
    .select({ id: professionalIdentities.id })
    .from(professionalIdentities)
    .innerJoin(
      contacts,
      and(
        eq(contacts.tenantId, professionalIdentities.tenantId),
        eq(contacts.id, professionalIdentities.contactId),
      ),
    )
    .where(
      and(
        eq(professionalIdentities.tenantId, tx.tenantId),
        eq(professionalIdentities.id, managedBy.professionalIdentityId),
        eq(professionalIdentities.contactId, managedBy.contactId),
        isNull(contacts.deletedAt),
        isNull(contacts.canonicalContactId),
      ),
    );
  return found
    ? []
    : [
        {
          path: "managedBy",
          message: `no professional identity ${managedBy.professionalIdentityId} of contact ${managedBy.contactId}`,
        },
      ];
}

/** Which number sequence a role kind's account comes from: customers and alternative payers share a debtor account. */
const ACCOUNT_OF = {
  customer: "debtorAccount",
  alternativePayer: "debtorAccount",
  supplier: "creditorAccount",
} as const;

/**
 * The account number a role gets: the one it has; else, for a debtor account, the one the owner's other debtor
 * role (customer / alternative payer) has; else a new one from the tenant's sequence.
 */
async function accountNumberFor(
  tx: Context,
  owner: ProfileOwner,
  kind: ProfileRoleKind,
  before: ProfileRoleRow | undefined,
): Promise<number> {
  if (before?.accountNumber != null) return before.accountNumber;
  const account = ACCOUNT_OF[kind];
  const sharing = ROLE_KINDS.filter((k) => k !== kind && ACCOUNT_OF[k] === account);
  if (sharing.length) {
    const [other] = await tx.db
      .select({ accountNumber: profileRoles.accountNumber })
      .from(profileRoles)
      .where(and(ofOwner(tx, owner), inArray(profileRoles.kind, sharing)));
    if (other?.accountNumber != null) return other.accountNumber;
  }
  const [row] = (await tx.db.execute(
    sql`select allocate_record_numbers(${tx.tenantId}, ${account}, 1) as n`,
  )) as unknown as { n: number }[];
  return row!.n;
}

/**
 * Gives a contact or organization a role, or replaces the one it holds completely (enfore role PUT: create or
 * update). The kind's attributes are validated by its schema; history records each changed field under
 * `roles.<kind>`.
 */
export async function putProfileRole<K extends ProfileRoleKind>(
  ctx: Context,
  owner: ProfileOwner,
  kind: K,
  input: ProfileRoleInput<K>,
): Promise<ProfileRole<K>> {
  requirePermission(ctx, PERMISSIONS.roleEdit);
  requireKind(kind);
  const { number, isActive, since, ...attributes } = parseInput(roleInputs[kind], input) as ProfileRoleFields;
  return inTransaction(ctx, async (tx) => {
    await requireOwner(tx, owner, true);
    rejectIssues([
      ...(kind === "customer"
        ? await customerIssues(tx, owner, {
            number,
            isActive,
            since,
            ...attributes,
          } as ProfileRoleFields<"customer">)
        : []),
      ...(await managedByIssues(tx, (attributes as { managedBy?: ProfessionalIdentityRef }).managedBy)),
    ]);
    const [before] = await tx.db
      .select()
      .from(profileRoles)
      .where(and(ofOwner(tx, owner), eq(profileRoles.kind, kind)));
    const stored: Record<string, unknown> = { ...attributes };
    // The server stamps when a customer card number is first stored or changed (enfore `external_card.added`).
    if ("externalCard" in attributes && attributes.externalCard) {
      const previous = before?.attributes as {
        externalCard?: { number: string };
        externalCardAdded?: string;
      };
      stored.externalCardAdded =
        previous?.externalCard?.number === attributes.externalCard.number && previous.externalCardAdded
          ? previous.externalCardAdded
          : new Date().toISOString();
    }
    const accountNumber = await accountNumberFor(tx, owner, kind, before);
    const values = { number, isActive, since, attributes: stored, accountNumber };
    const [row] = await tx.db
      .insert(profileRoles)
      .values({ tenantId: tx.tenantId, ownerKind: owner.kind, ownerId: owner.id, kind, ...values })
      .onConflictDoUpdate({
        target: [profileRoles.tenantId, profileRoles.ownerKind, profileRoles.ownerId, profileRoles.kind],
        set: { ...values, modifiedAt: new Date() },
      })
      .returning();
    const view = (r: ProfileRoleRow | undefined) =>
      r
        ? { roles: { [kind]: { number: r.number, isActive: r.isActive, since: r.since, ...r.attributes } } }
        : {};
    const changes = diff(view(before), view(row));
    if (changes.length) await recordChangeSet(tx, { ...historyOf(owner), action: "update", changes });
    return toRole(row!) as ProfileRole<K>;
  });
}

/**
 * The contacts and organizations whose customer role names `payerId` as its alternative payer (itself or in a
 * delivery and invoicing configuration). enfore refuses (422) to delete a contact so referenced.
 */
export async function alternativePayerReferences(ctx: Context, payerId: string): Promise<ProfileOwner[]> {
  const rows = await ctx.db
    .select({ kind: profileRoles.ownerKind, id: profileRoles.ownerId })
    .from(profileRoles)
    .where(
      and(
        eq(profileRoles.tenantId, ctx.tenantId),
        eq(profileRoles.kind, "customer"),
        sql`(${profileRoles.attributes} -> 'alternativePayer' ->> 'id' = ${payerId}
          or exists (select 1 from jsonb_array_elements(coalesce(${profileRoles.attributes} -> 'deliveryAndInvoicingConfigurations', '[]'::jsonb)) c
                     where c -> 'alternativePayer' ->> 'id' = ${payerId}))`,
      ),
    )
    .orderBy(asc(profileRoles.ownerId));
  return rows;
}

/**
 * An alternative payer a customer role names is neither deleted nor stripped of its role (enfore §6: 422,
 * reason AlternativePayerInUse). Called in the deleting transaction: it locks the payer's role row, which a
 * customer PUT naming the payer reads `for share`, so the two cannot both commit.
 */
export async function refuseReferencedPayer(tx: Context, payer: ProfileOwner): Promise<void> {
  await tx.db
    .select({ id: profileRoles.ownerId })
    .from(profileRoles)
    .where(and(ofOwner(tx, payer), eq(profileRoles.kind, "alternativePayer")))
    .for("update");
  const [customer] = await alternativePayerReferences(tx, payer.id);
  if (customer)
    throw unprocessable(
      `${payer.kind} ${payer.id} is the alternative payer of ${customer.kind} ${customer.id}`,
      {
        reason: "AlternativePayerInUse",
        entity: { type: customer.kind, id: customer.id },
      },
    );
}

/**
 * An address a delivery and invoicing configuration of the owner's customer role uses is not deleted (enfore
 * §6.3: 422, reason AddressInUse). For the contact-point delete use case.
 */
export async function refuseReferencedAddress(
  ctx: Context,
  owner: ProfileOwner,
  addressId: string,
): Promise<void> {
  // Under the owner's row lock (the caller's transaction): a customer PUT takes it before naming an address.
  await requireOwner(ctx, owner, true);
  const [row] = await ctx.db
    .select({ kind: profileRoles.kind })
    .from(profileRoles)
    .where(
      and(
        ofOwner(ctx, owner),
        eq(profileRoles.kind, "customer"),
        sql`exists (select 1 from jsonb_array_elements(coalesce(${profileRoles.attributes} -> 'deliveryAndInvoicingConfigurations', '[]'::jsonb)) c
                    where c ->> 'invoiceAddressId' = ${addressId} or c ->> 'deliveryAddressId' = ${addressId})`,
      ),
    );
  if (row)
    throw unprocessable(
      `address ${addressId} is used by a delivery and invoicing configuration of the customer role`,
      {
        reason: "AddressInUse",
        entity: { type: owner.kind, id: owner.id },
      },
    );
}

/**
 * Takes a role away from a contact or organization; 404 when it does not hold it. An alternative-payer role
 * that a customer role names stays (422).
 */
export async function deleteProfileRole(
  ctx: Context,
  owner: ProfileOwner,
  kind: ProfileRoleKind,
): Promise<void> {
  requirePermission(ctx, PERMISSIONS.roleEdit);
  requireKind(kind);
  await inTransaction(ctx, async (tx) => {
    await requireOwner(tx, owner, true);
    if (kind === "alternativePayer") await refuseReferencedPayer(tx, owner);
    const [row] = await tx.db
      .delete(profileRoles)
      .where(and(ofOwner(tx, owner), eq(profileRoles.kind, kind)))
      .returning();
    if (!row) throw notFound(`${kind} role`, owner.id);
    const { number, isActive, since, attributes } = row;
    await recordChangeSet(tx, {
      ...historyOf(owner),
      action: "update",
      changes: diff({ roles: { [kind]: { number, isActive, since, ...attributes } } }, {}),
    });
  });
}
