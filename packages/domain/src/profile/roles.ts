import {
  and,
  asc,
  contactPoints,
  eq,
  inArray,
  type ProfileRoleRow,
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
      );
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
    if (kind === "customer")
      rejectIssues(
        await customerIssues(tx, owner, {
          number,
          isActive,
          since,
          ...attributes,
        } as ProfileRoleFields<"customer">),
      );
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
    const values = { number, isActive, since, attributes: stored };
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
    if (kind === "alternativePayer") {
      const customers = await alternativePayerReferences(tx, owner.id);
      if (customers.length)
        throw unprocessable(
          `${owner.kind} ${owner.id} is the alternative payer of ${customers[0]!.kind} ${customers[0]!.id}`,
          {
            reason: "AlternativePayerInUse",
            entity: { type: customers[0]!.kind, id: customers[0]!.id },
          },
        );
    }
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
