import {
  and,
  asc,
  type ContactRow,
  contactPoints,
  contacts,
  desc,
  eq,
  inArray,
  isNull,
  organizations,
  type ProfessionalIdentityRow,
  professionalIdentities as pis,
} from "@switchboard/db";
import { z } from "zod";
import { PERMISSIONS } from "../access/permissions";
import {
  addressInput,
  contactPointsOf,
  contactPointValues,
  emailInput,
  fromContactPoints,
  type OwnedContactPoints,
  phoneInput,
  pointsOf,
  replaceContactPoints,
  webAddressInput,
} from "../contact-points";
import { diff, recordChangeSet, recordChangeSets } from "../history";
import { organizationStructureIssues } from "../profile/structure";
import { type Context, inTransaction, requirePermission } from "../shared/context";
import { notFound, rejectIssues, validationFailed } from "../shared/errors";
import { isUuid } from "../shared/ids";
import { liveRecords } from "../shared/records";
import { parseInput } from "../shared/validation";
import {
  type ProfessionalIdentity,
  type ProfessionalIdentityInput,
  type ProfessionalIdentityUpdate,
  professionalIdentityInput,
  professionalIdentityUpdate,
} from "./model";

// Professional identities (PIs): the one person ↔ organization link (cross-dialect contract §4). A PI belongs
// to its person: reading it needs the contact view permission, writing it the contact edit permission, and
// every write locks the person's row, so the person's PIs (and which one is primary) change one write at a time.
//
// The person's primary active PI is the Genesys `externalOrganization`. `contacts.organization_id` caches its
// organization for the contact reads, searches, filters and exports that use it: every PI write here sets the
// column in the same transaction (with the contact's version and history), and the other direction (any
// writer of the column: contact writes, imports, merges, organization deletes) is the contacts_employer triggers' (migration 0029).

const ENTITY = "professionalIdentity";
const people = liveRecords(contacts, "contact", isNull(contacts.canonicalContactId));
// Its own lookup, not the organizations module's: that module calls this one when an organization goes.
const organizationExists = liveRecords(organizations, "organization").exists;

const toIdentity = (row: ProfessionalIdentityRow): ProfessionalIdentity => ({
  id: row.id,
  contactId: row.contactId,
  organizationId: row.organizationId,
  isActive: row.isActive,
  isPrimary: row.isPrimary,
  jobTitle: row.jobTitle,
  activationDate: row.activationDate,
  deactivationDate: row.deactivationDate,
  departmentIds: row.departmentIds,
  locationIds: row.locationIds,
  accessPolicyKeys: row.accessPolicyKeys,
  share: row.share,
  createdAt: row.createdAt,
  modifiedAt: row.modifiedAt,
});

const historyFields = (p: Omit<ProfessionalIdentity, "id" | "createdAt" | "modifiedAt">) => ({
  contactId: p.contactId,
  organizationId: p.organizationId,
  isActive: p.isActive,
  isPrimary: p.isPrimary,
  jobTitle: p.jobTitle,
  activationDate: p.activationDate?.toISOString() ?? null,
  deactivationDate: p.deactivationDate?.toISOString() ?? null,
  departmentIds: p.departmentIds,
  locationIds: p.locationIds,
  accessPolicyKeys: p.accessPolicyKeys,
  share: p.share,
});

const ofPerson = (ctx: Context, contactId: string) =>
  and(eq(pis.tenantId, ctx.tenantId), eq(pis.contactId, contactId));

async function findRow(ctx: Context, contactId: string, id: string): Promise<ProfessionalIdentityRow> {
  if (!isUuid(id)) throw notFound(ENTITY, id);
  const [row] = await ctx.db
    .select()
    .from(pis)
    .where(and(ofPerson(ctx, contactId), eq(pis.id, id)));
  if (!row) throw notFound(ENTITY, id);
  return row;
}

/** The values a write stores: dates follow `isActive` changes unless the input gives them. */
function valuesOf(valid: z.output<typeof professionalIdentityUpdate>, before?: ProfessionalIdentityRow) {
  const now = new Date();
  let activationDate = before?.activationDate ?? null;
  let deactivationDate = before?.deactivationDate ?? null;
  if (valid.isActive && !before?.isActive) [activationDate, deactivationDate] = [now, null];
  if (!valid.isActive && before?.isActive) deactivationDate = now;
  return {
    isActive: valid.isActive,
    jobTitle: valid.jobTitle ?? null,
    activationDate: valid.activationDate !== undefined ? valid.activationDate : activationDate,
    deactivationDate: valid.deactivationDate !== undefined ? valid.deactivationDate : deactivationDate,
    departmentIds: valid.departmentIds,
    locationIds: valid.locationIds,
    accessPolicyKeys: valid.accessPolicyKeys,
    share: valid.share ?? null,
  };
}

/** An active PI needs a live organization the caller sees (an inactive one may outlive its organization). */
async function checkOrganization(ctx: Context, organizationId: string, active: boolean) {
  if (active && !(await organizationExists(ctx, organizationId)))
    throw validationFailed([
      { path: "organizationId", message: `organization ${organizationId} does not exist` },
    ]);
}

/**
 * Departments and locations must be the PI's organization's (enfore: of its `organization_contact`). Ids the PI
 * already holds are not checked again, so a PI whose department was removed can still be updated or ended.
 */
async function checkStructure(
  ctx: Context,
  organizationId: string,
  valid: Pick<z.output<typeof professionalIdentityUpdate>, "departmentIds" | "locationIds">,
  before?: ProfessionalIdentityRow,
) {
  const issues = await organizationStructureIssues(ctx, organizationId, valid);
  rejectIssues(
    issues.filter((issue) => {
      const [list, index] = issue.path.split(".") as ["departmentIds" | "locationIds", string];
      return !before?.[list].includes(valid[list][Number(index)] ?? "");
    }),
  );
}

/** No other PI of the person is primary any more (before this one becomes it: one primary per person). */
async function dropOtherPrimary(tx: Context, contactId: string, keep?: string) {
  const others = await tx.db
    .select()
    .from(pis)
    .where(and(ofPerson(tx, contactId), eq(pis.isPrimary, true)));
  for (const other of others.filter((o) => o.id !== keep)) {
    await tx.db
      .update(pis)
      .set({ isPrimary: false, modifiedAt: new Date() })
      .where(and(eq(pis.tenantId, tx.tenantId), eq(pis.id, other.id)));
    await recordChangeSet(tx, {
      entityType: ENTITY,
      entityId: other.id,
      action: "update",
      changes: [{ path: "isPrimary", old: true, new: false }],
    });
  }
}

/** Sets the person's cached employer to the organization of its primary active PI, with the contact's history. */
async function syncEmployer(tx: Context, person: ContactRow) {
  const [primary] = await tx.db
    .select({ organizationId: pis.organizationId })
    .from(pis)
    .where(and(ofPerson(tx, person.id), eq(pis.isPrimary, true), eq(pis.isActive, true)));
  const employer = primary?.organizationId ?? null;
  if (employer === person.organizationId) return;
  await tx.db
    .update(contacts)
    .set({ organizationId: employer, version: person.version + 1, modifiedAt: new Date() })
    .where(and(eq(contacts.tenantId, tx.tenantId), eq(contacts.id, person.id)));
  await recordChangeSet(tx, {
    entityType: "contact",
    entityId: person.id,
    action: "update",
    changes: [{ path: "organizationId", old: person.organizationId, new: employer }],
  });
}

export async function getProfessionalIdentity(
  ctx: Context,
  contactId: string,
  id: string,
): Promise<ProfessionalIdentity> {
  requirePermission(ctx, PERMISSIONS.contactView);
  await people.find(ctx, contactId);
  return toIdentity(await findRow(ctx, contactId, id));
}

/** A person's PIs in creation order. */
export async function listProfessionalIdentities(
  ctx: Context,
  contactId: string,
): Promise<ProfessionalIdentity[]> {
  requirePermission(ctx, PERMISSIONS.contactView);
  await people.find(ctx, contactId);
  const rows = await ctx.db.select().from(pis).where(ofPerson(ctx, contactId)).orderBy(asc(pis.number));
  return rows.map(toIdentity);
}

/** The PIs at an organization (enfore `representatives`), of the live people the caller sees, in creation order. */
export async function listOrganizationProfessionalIdentities(
  ctx: Context,
  organizationId: string,
): Promise<ProfessionalIdentity[]> {
  requirePermission(ctx, PERMISSIONS.organizationView, PERMISSIONS.contactView);
  if (!(await organizationExists(ctx, organizationId))) throw notFound("organization", organizationId);
  const rows = await ctx.db
    .select()
    .from(pis)
    .where(
      and(
        eq(pis.tenantId, ctx.tenantId),
        eq(pis.organizationId, organizationId),
        inArray(pis.contactId, ctx.db.select({ id: contacts.id }).from(contacts).where(people.scope(ctx))),
      ),
    )
    .orderBy(asc(pis.number));
  return rows.map(toIdentity);
}

/**
 * Adds a PI to a person. It becomes the primary when asked, or when it is active and the person has no active
 * primary PI (cross-dialect §4); a primary active PI makes the person's employer.
 */
export async function createProfessionalIdentity(
  ctx: Context,
  contactId: string,
  input: ProfessionalIdentityInput,
): Promise<ProfessionalIdentity> {
  requirePermission(ctx, PERMISSIONS.contactEdit);
  const valid = parseInput(professionalIdentityInput, input);
  return inTransaction(ctx, async (tx) => {
    const person = await people.find(tx, contactId, true);
    await checkOrganization(tx, valid.organizationId, true);
    await checkStructure(tx, valid.organizationId, valid);
    const [activePrimary] = await tx.db
      .select({ id: pis.id })
      .from(pis)
      .where(and(ofPerson(tx, contactId), eq(pis.isPrimary, true), eq(pis.isActive, true)));
    const isPrimary = valid.isPrimary ?? (valid.isActive && !activePrimary);
    if (isPrimary) await dropOtherPrimary(tx, contactId);
    const [row] = await tx.db
      .insert(pis)
      .values({
        tenantId: tx.tenantId,
        contactId,
        organizationId: valid.organizationId,
        isPrimary,
        ...valuesOf(valid),
      })
      .returning();
    const created = toIdentity(row!);
    await recordChangeSet(tx, {
      entityType: ENTITY,
      entityId: created.id,
      action: "create",
      changes: diff({}, historyFields(created)),
    });
    await syncEmployer(tx, person);
    return created;
  });
}

/** A full update (enfore PUT): what is not sent is cleared; the organization never changes. */
export async function updateProfessionalIdentity(
  ctx: Context,
  contactId: string,
  id: string,
  input: ProfessionalIdentityUpdate,
): Promise<ProfessionalIdentity> {
  requirePermission(ctx, PERMISSIONS.contactEdit);
  const valid = parseInput(professionalIdentityUpdate, input);
  return inTransaction(ctx, async (tx) => writeUpdate(tx, contactId, id, valid));
}

/** Ends a PI, keeping everything else about it; ending the primary clears the person's employer. */
export async function deactivateProfessionalIdentity(
  ctx: Context,
  contactId: string,
  id: string,
): Promise<ProfessionalIdentity> {
  requirePermission(ctx, PERMISSIONS.contactEdit);
  return inTransaction(ctx, async (tx) => {
    await people.find(tx, contactId, true);
    const before = toIdentity(await findRow(tx, contactId, id));
    return writeUpdate(tx, contactId, id, {
      ...before,
      isActive: false,
      activationDate: undefined,
      deactivationDate: undefined,
    });
  });
}

async function writeUpdate(
  tx: Context,
  contactId: string,
  id: string,
  valid: z.output<typeof professionalIdentityUpdate>,
): Promise<ProfessionalIdentity> {
  const person = await people.find(tx, contactId, true);
  const before = await findRow(tx, contactId, id);
  await checkOrganization(tx, before.organizationId, valid.isActive && !before.isActive);
  await checkStructure(tx, before.organizationId, valid, before);
  const isPrimary = valid.isPrimary ?? before.isPrimary;
  const values = { ...valuesOf(valid, before), isPrimary };
  const changes = diff(
    historyFields(toIdentity(before)),
    historyFields({ ...toIdentity(before), ...values }),
  );
  if (changes.length === 0) return toIdentity(before);
  if (isPrimary && !before.isPrimary) await dropOtherPrimary(tx, contactId, id);
  const [row] = await tx.db
    .update(pis)
    .set({ ...values, modifiedAt: new Date() })
    .where(and(eq(pis.tenantId, tx.tenantId), eq(pis.id, id)))
    .returning();
  await recordChangeSet(tx, { entityType: ENTITY, entityId: id, action: "update", changes });
  await syncEmployer(tx, person);
  return toIdentity(row!);
}

/** Removes a PI and its own contact points (enfore has no such operation; the web app and DFS do). */
export async function deleteProfessionalIdentity(ctx: Context, contactId: string, id: string): Promise<void> {
  requirePermission(ctx, PERMISSIONS.contactEdit);
  await inTransaction(ctx, async (tx) => {
    const person = await people.find(tx, contactId, true);
    const before = await findRow(tx, contactId, id);
    await tx.db
      .delete(contactPoints)
      .where(
        and(
          eq(contactPoints.tenantId, tx.tenantId),
          eq(contactPoints.ownerKind, "identity"),
          eq(contactPoints.ownerId, id),
        ),
      );
    await tx.db.delete(pis).where(and(eq(pis.tenantId, tx.tenantId), eq(pis.id, id)));
    await recordChangeSet(tx, {
      entityType: ENTITY,
      entityId: id,
      action: "delete",
      changes: diff(historyFields(toIdentity(before)), {}),
    });
    await syncEmployer(tx, person);
  });
}

/**
 * Ends every active PI at an organization being deleted, with their change sets (enfore: the PIs stay, inactive,
 * and leave `representatives`). Run by the organization delete, in its transaction, after it unlinked the
 * organization's contacts (which ended their primary PIs there).
 */
export async function endProfessionalIdentitiesAt(tx: Context, organizationId: string): Promise<void> {
  const at = and(
    eq(pis.tenantId, tx.tenantId),
    eq(pis.organizationId, organizationId),
    eq(pis.isActive, true),
  );
  const active = await tx.db.select().from(pis).where(at).for("update");
  if (active.length === 0) return;
  const now = new Date();
  await tx.db.update(pis).set({ isActive: false, deactivationDate: now, modifiedAt: now }).where(at);
  await recordChangeSets(
    tx,
    active.map((p) => ({
      entityType: ENTITY,
      entityId: p.id,
      action: "update" as const,
      changes: diff(
        historyFields(toIdentity(p)),
        historyFields({ ...toIdentity(p), isActive: false, deactivationDate: now }),
      ),
    })),
  );
}

// ----------------------------------------------------------------------------- a PI's own contact points

/** A PI's own points lists (its `identity`-owned contact points) in position order. */
export type IdentityPoints = Required<OwnedContactPoints>;

const identityPointsInput = z.object({
  phones: z.array(phoneInput).max(50),
  emails: z.array(emailInput).max(50),
  addresses: z.array(addressInput).max(10),
  webAddresses: z.array(webAddressInput).max(50),
});

async function pointsOfIdentity(ctx: Context, id: string): Promise<IdentityPoints> {
  const rows = await contactPointsOf(ctx, "identity", [id]);
  return fromContactPoints(rows.get(id) ?? []);
}

/** The contact points a person's PI owns (enfore PI addresses, emails, phones and web addresses). */
export async function professionalIdentityPoints(
  ctx: Context,
  contactId: string,
  id: string,
): Promise<IdentityPoints> {
  requirePermission(ctx, PERMISSIONS.contactView);
  await people.find(ctx, contactId);
  await findRow(ctx, contactId, id);
  return pointsOfIdentity(ctx, id);
}

/**
 * Rewrites a PI's own points with `edit` under the person's row lock, in one transaction with its change set:
 * kept points keep their ids (see `pointsOf`). For the per-point use cases (contact-points/use-cases).
 */
export async function editProfessionalIdentityPoints(
  ctx: Context,
  contactId: string,
  id: string,
  edit: (current: IdentityPoints) => Partial<Record<keyof IdentityPoints, unknown[]>>,
): Promise<IdentityPoints> {
  requirePermission(ctx, PERMISSIONS.contactEdit);
  return inTransaction(ctx, async (tx) => {
    await people.find(tx, contactId, true);
    await findRow(tx, contactId, id);
    const before = await pointsOfIdentity(tx, id);
    const valid = parseInput(identityPointsInput, { ...before, ...edit(before) });
    const after = pointsOf(valid, before);
    const changes = diff({ ...before }, { ...after });
    if (changes.length === 0) return before;
    await replaceContactPoints(tx, "identity", id, contactPointValues(after));
    await recordChangeSet(tx, { entityType: ENTITY, entityId: id, action: "update", changes });
    return pointsOfIdentity(tx, id);
  });
}

/**
 * The PIs at each of `organizationIds` (enfore `representatives`), of live people, in creation order, in one
 * query: for organization reads and listings, deleted organizations included (theirs were ended).
 */
export async function professionalIdentitiesAt(
  ctx: Context,
  organizationIds: string[],
): Promise<Map<string, ProfessionalIdentity[]>> {
  requirePermission(ctx, PERMISSIONS.organizationView);
  const byOrganization = new Map<string, ProfessionalIdentity[]>(organizationIds.map((id) => [id, []]));
  const ids = organizationIds.filter(isUuid);
  if (ids.length === 0) return byOrganization;
  const rows = await ctx.db
    .select()
    .from(pis)
    .where(
      and(
        eq(pis.tenantId, ctx.tenantId),
        inArray(pis.organizationId, ids),
        inArray(pis.contactId, ctx.db.select({ id: contacts.id }).from(contacts).where(people.scope(ctx))),
      ),
    )
    .orderBy(asc(pis.number));
  for (const row of rows) byOrganization.get(row.organizationId)?.push(toIdentity(row));
  return byOrganization;
}

/**
 * A contact merge: the merged-away contacts' PIs (with their own contact points) become the surviving
 * contact's. Where the survivor already has a PI at an organization (the one the merge's employer made), the
 * inputs' PI there (the primary, else an active one, else the oldest) takes its place and its primary flag;
 * every other moved PI is not primary. Runs in the merge's transaction.
 */
export async function moveProfessionalIdentities(
  tx: Context,
  fromIds: string[],
  toId: string,
): Promise<void> {
  if (fromIds.length === 0) return;
  const moving = await tx.db
    .select()
    .from(pis)
    .where(and(eq(pis.tenantId, tx.tenantId), inArray(pis.contactId, fromIds)))
    .orderBy(desc(pis.isPrimary), desc(pis.isActive), asc(pis.number));
  if (moving.length === 0) return;
  const own = await tx.db.select().from(pis).where(ofPerson(tx, toId));
  const replaced = own.filter((o) => moving.some((m) => m.organizationId === o.organizationId));
  if (replaced.length)
    await tx.db.delete(pis).where(
      and(
        eq(pis.tenantId, tx.tenantId),
        inArray(
          pis.id,
          replaced.map((r) => r.id),
        ),
      ),
    );
  const now = new Date();
  await tx.db
    .update(pis)
    .set({ contactId: toId, isPrimary: false, modifiedAt: now })
    .where(
      and(
        eq(pis.tenantId, tx.tenantId),
        inArray(
          pis.id,
          moving.map((m) => m.id),
        ),
      ),
    );
  for (const r of replaced) {
    const heir = moving.find((m) => m.organizationId === r.organizationId)!;
    await tx.db
      .update(pis)
      .set({
        isPrimary: r.isPrimary,
        isActive: r.isActive || heir.isActive,
        activationDate: heir.isActive ? heir.activationDate : r.activationDate,
        deactivationDate: r.isActive || heir.isActive ? null : heir.deactivationDate,
      })
      .where(and(eq(pis.tenantId, tx.tenantId), eq(pis.id, heir.id)));
  }
  await recordChangeSets(tx, [
    ...replaced.map((r) => ({
      entityType: ENTITY,
      entityId: r.id,
      action: "delete" as const,
      changes: diff(historyFields(toIdentity(r)), {}),
    })),
    ...moving.map((m) => ({
      entityType: ENTITY,
      entityId: m.id,
      action: "update" as const,
      changes: [
        { path: "contactId", old: m.contactId, new: toId },
        ...(m.isPrimary ? [{ path: "isPrimary", old: true, new: false }] : []),
      ],
    })),
  ]);
}
