import { sql } from "@switchboard/db";
import { type ContactRecord, readContact } from "../contacts";
import { type OrganizationRecord, readOrganization } from "../organizations";
import {
  listProfessionalIdentities,
  type ProfessionalIdentity,
  professionalIdentitiesAt,
  professionalIdentityPoints,
} from "../professional-identities";
import {
  type Department,
  type Location,
  listDepartments,
  listLocations,
  listMemberships,
  listPersonalRelationships,
  listProfileRoles,
  type Membership,
  type PersonalRelationship,
  type ProfileRole,
} from "../profile";
import { type Context, inTransaction } from "../shared/context";

// A record with everything around it, read as one consistent snapshot (enfore `/full`, reference §6.3): one
// read-only repeatable-read transaction. Each part checks its own permission.

/** Runs `read` in one read-only transaction that sees one snapshot of the store. */
const snapshot = <T>(ctx: Context, read: (tx: Context) => Promise<T>) =>
  inTransaction(ctx, async (tx) => {
    await tx.db.execute(sql`set transaction isolation level repeatable read, read only`);
    return read(tx);
  });

type IdentityPoints = Awaited<ReturnType<typeof professionalIdentityPoints>>;
export interface IdentityWithPoints {
  identity: ProfessionalIdentity;
  points: IdentityPoints;
}

async function identitiesWithPoints(
  tx: Context,
  contactId: string,
  only?: string,
): Promise<IdentityWithPoints[]> {
  const identities = (await listProfessionalIdentities(tx, contactId)).filter(
    (pi) => !only || pi.id === only,
  );
  const out: IdentityWithPoints[] = [];
  for (const identity of identities)
    out.push({ identity, points: await professionalIdentityPoints(tx, contactId, identity.id) });
  return out;
}

/** A live person with its points, PIs (each with its points), personal relationships and roles. */
export async function readPersonWithSubresources(
  ctx: Context,
  contactId: string,
): Promise<{
  contact: ContactRecord;
  identities: IdentityWithPoints[];
  relationships: PersonalRelationship[];
  roles: ProfileRole[];
}> {
  return snapshot(ctx, async (tx) => {
    const contact = await readContact(tx, { id: contactId });
    const owner = { kind: "contact" as const, id: contact.id };
    return {
      contact,
      identities: await identitiesWithPoints(tx, contact.id),
      relationships: await listPersonalRelationships(tx, owner),
      roles: await listProfileRoles(tx, owner),
    };
  });
}

/** A person's PIs, each with its points (all of them, or the one `identityId`; 404 when it has none such). */
export async function readIdentitiesWithPoints(
  ctx: Context,
  contactId: string,
  identityId?: string,
): Promise<IdentityWithPoints[]> {
  return snapshot(ctx, async (tx) => {
    if (identityId !== undefined) await professionalIdentityPoints(tx, contactId, identityId);
    return identitiesWithPoints(tx, contactId, identityId);
  });
}

/**
 * A live organization with its points, the PIs at it (its representatives and its locations' leaders),
 * departments, locations, memberships and roles.
 */
export async function readOrganizationWithSubresources(
  ctx: Context,
  organizationId: string,
): Promise<{
  organization: OrganizationRecord;
  identities: ProfessionalIdentity[];
  departments: Department[];
  locations: Location[];
  memberships: Membership[];
  roles: ProfileRole[];
}> {
  return snapshot(ctx, async (tx) => {
    const organization = await readOrganization(tx, { id: organizationId });
    const owner = { kind: "organization" as const, id: organization.id };
    return {
      organization,
      identities: (await professionalIdentitiesAt(tx, [organization.id])).get(organization.id) ?? [],
      departments: await listDepartments(tx, owner),
      locations: await listLocations(tx, owner),
      memberships: await listMemberships(tx, owner),
      roles: await listProfileRoles(tx, owner),
    };
  });
}
