import { contactPoints, departments, eq, locations } from "@switchboard/db";
import { describe, expect, it } from "vitest";
import {
  createContact,
  createOrganization,
  createProfessionalIdentity,
  deactivateProfessionalIdentity,
  deleteOrganization,
  deleteProfessionalIdentity,
  getContact,
  getProfessionalIdentity,
  listOrganizationProfessionalIdentities,
  listProfessionalIdentities,
  PERMISSIONS,
  updateContact,
  updateProfessionalIdentity,
} from "../src";
import { changeSetsOf } from "../src/history";
import { failure, withTestTenant } from "./helpers";

const tenant = withTestTenant();

async function personAndOrgs(names = ["Acme", "Globex"]) {
  const t = tenant();
  const person = await createContact(t.admin, { firstName: "Ada", lastName: "Lovelace" });
  const orgs = await Promise.all(names.map((name) => createOrganization(t.admin, { name })));
  return { t, person, orgs };
}

async function departmentOf(organizationId: string, name = "R&D") {
  const t = tenant();
  const [row] = await t.database.db
    .insert(departments)
    .values({ tenantId: t.tenantId, ownerKind: "organization", ownerId: organizationId, name })
    .returning();
  return row!.id;
}

describe("professional identities", () => {
  it("a person's first active PI becomes the primary and makes the person's employer", async () => {
    const { t, person, orgs } = await personAndOrgs();
    const pi = await createProfessionalIdentity(t.admin, person.id, {
      organizationId: orgs[0]!.id,
      jobTitle: "Engineer",
    });
    expect(pi).toMatchObject({
      contactId: person.id,
      organizationId: orgs[0]!.id,
      isActive: true,
      isPrimary: true,
      jobTitle: "Engineer",
      deactivationDate: null,
    });
    expect(pi.activationDate).toBeInstanceOf(Date);
    expect((await getContact(t.admin, person.id)).organizationId).toBe(orgs[0]!.id);

    // A second PI elsewhere is not the primary: the employer stays.
    const second = await createProfessionalIdentity(t.admin, person.id, { organizationId: orgs[1]!.id });
    expect(second.isPrimary).toBe(false);
    expect((await getContact(t.admin, person.id)).organizationId).toBe(orgs[0]!.id);
    expect((await listProfessionalIdentities(t.admin, person.id)).map((p) => p.id)).toEqual([
      pi.id,
      second.id,
    ]);
    expect((await listOrganizationProfessionalIdentities(t.admin, orgs[1]!.id)).map((p) => p.id)).toEqual([
      second.id,
    ]);

    // Made primary, it takes over the employer; the former primary stays active.
    await updateProfessionalIdentity(t.admin, person.id, second.id, { isActive: true, isPrimary: true });
    expect((await getContact(t.admin, person.id)).organizationId).toBe(orgs[1]!.id);
    expect(await getProfessionalIdentity(t.admin, person.id, pi.id)).toMatchObject({
      isActive: true,
      isPrimary: false,
      jobTitle: "Engineer",
    });
  });

  it("deactivating the primary PI clears the employer and records when; reactivating restores it", async () => {
    const { t, person, orgs } = await personAndOrgs();
    const pi = await createProfessionalIdentity(t.admin, person.id, { organizationId: orgs[0]!.id });
    const ended = await deactivateProfessionalIdentity(t.admin, person.id, pi.id);
    expect(ended).toMatchObject({ isActive: false, isPrimary: true });
    expect(ended.deactivationDate).toBeInstanceOf(Date);
    expect((await getContact(t.admin, person.id)).organizationId).toBeNull();

    const back = await updateProfessionalIdentity(t.admin, person.id, pi.id, { isActive: true });
    expect(back).toMatchObject({ isActive: true, isPrimary: true, deactivationDate: null });
    expect((await getContact(t.admin, person.id)).organizationId).toBe(orgs[0]!.id);
  });

  it("a full update keeps the organization and clears what it does not send", async () => {
    const { t, person, orgs } = await personAndOrgs();
    const department = await departmentOf(orgs[0]!.id);
    const pi = await createProfessionalIdentity(t.admin, person.id, {
      organizationId: orgs[0]!.id,
      jobTitle: "CTO",
      departmentIds: [department],
      accessPolicyKeys: ["Owner"],
      share: 0.25,
    });
    expect(pi).toMatchObject({ departmentIds: [department], accessPolicyKeys: ["Owner"], share: 0.25 });
    const updated = await updateProfessionalIdentity(t.admin, person.id, pi.id, { isActive: true });
    expect(updated).toMatchObject({
      organizationId: orgs[0]!.id,
      jobTitle: null,
      departmentIds: [],
      accessPolicyKeys: [],
      share: null,
    });
  });

  it("deleting a PI removes it and its own contact points; deleting the primary clears the employer", async () => {
    const { t, person, orgs } = await personAndOrgs();
    const pi = await createProfessionalIdentity(t.admin, person.id, { organizationId: orgs[0]!.id });
    await t.database.db.insert(contactPoints).values({
      tenantId: t.tenantId,
      ownerKind: "identity",
      ownerId: pi.id,
      kind: "email",
      type: "work",
      value: "ada@acme.test",
    });
    await deleteProfessionalIdentity(t.admin, person.id, pi.id);
    expect((await failure(getProfessionalIdentity(t.admin, person.id, pi.id)))!.code).toBe("NOT_FOUND");
    expect((await getContact(t.admin, person.id)).organizationId).toBeNull();
    const left = await t.database.db.select().from(contactPoints);
    expect(left.filter((p) => p.ownerId === pi.id)).toEqual([]);
  });

  it("writes one change set per PI write, and the person's employer change on the contact", async () => {
    const { t, person, orgs } = await personAndOrgs();
    const pi = await createProfessionalIdentity(t.admin, person.id, { organizationId: orgs[0]!.id });
    await updateProfessionalIdentity(t.admin, person.id, pi.id, { isActive: true, jobTitle: "Lead" });
    await deleteProfessionalIdentity(t.admin, person.id, pi.id);
    // Newest first.
    const sets = (await changeSetsOf(t.admin, "professionalIdentity", pi.id)).reverse();
    expect(sets.map((s) => s.action)).toEqual(["create", "update", "delete"]);
    expect(sets[1]!.changes).toEqual([{ path: "jobTitle", old: null, new: "Lead" }]);
    const contactSets = (await changeSetsOf(t.admin, "contact", person.id)).reverse();
    const employer = contactSets.flatMap((s) => s.changes).filter((c) => c.path === "organizationId");
    expect(employer.map((c) => c.new)).toEqual([orgs[0]!.id, null]);
  });

  it("the employer set or cleared through a contact write creates or ends the primary PI", async () => {
    const { t, person, orgs } = await personAndOrgs();
    const current = await getContact(t.admin, person.id);
    await updateContact(t.admin, person.id, { ...current, organizationId: orgs[0]!.id });
    const [pi] = await listProfessionalIdentities(t.admin, person.id);
    expect(pi).toMatchObject({ organizationId: orgs[0]!.id, isActive: true, isPrimary: true });

    const later = await getContact(t.admin, person.id);
    await updateContact(t.admin, person.id, { ...later, organizationId: null });
    expect(await listProfessionalIdentities(t.admin, person.id)).toMatchObject([
      { id: pi!.id, isActive: false, isPrimary: true },
    ]);
  });

  it("refuses an unknown organization, and callers without the contact permissions", async () => {
    const { t, person, orgs } = await personAndOrgs();
    const unknown = await failure(
      createProfessionalIdentity(t.admin, person.id, { organizationId: crypto.randomUUID() }),
    );
    expect(unknown!.code).toBe("VALIDATION");
    expect(unknown!.issues?.map((i) => i.path)).toEqual(["organizationId"]);

    const viewer = t.as([PERMISSIONS.contactView, PERMISSIONS.organizationView]);
    const denied = await failure(
      createProfessionalIdentity(viewer, person.id, { organizationId: orgs[0]!.id }),
    );
    expect(denied!.code).toBe("FORBIDDEN");
    expect(await listProfessionalIdentities(viewer, person.id)).toEqual([]);
    expect((await failure(listProfessionalIdentities(t.as([]), person.id)))!.code).toBe("FORBIDDEN");
  });

  it("deleting an organization ends the PIs there", async () => {
    const { t, person, orgs } = await personAndOrgs();
    const primary = await createProfessionalIdentity(t.admin, person.id, { organizationId: orgs[0]!.id });
    // Another person's PI there that is not their primary (they work for Globex first).
    const other = await createContact(t.admin, { firstName: "Grace" });
    await createProfessionalIdentity(t.admin, other.id, { organizationId: orgs[1]!.id });
    const secondary = await createProfessionalIdentity(t.admin, other.id, { organizationId: orgs[0]!.id });
    await deleteOrganization(t.admin, orgs[0]!.id);
    expect(await getProfessionalIdentity(t.admin, person.id, primary.id)).toMatchObject({ isActive: false });
    const ended = await getProfessionalIdentity(t.admin, other.id, secondary.id);
    expect(ended).toMatchObject({ isActive: false, isPrimary: false });
    expect(ended.deactivationDate).toBeInstanceOf(Date);
    expect((await getContact(t.admin, other.id)).organizationId).toBe(orgs[1]!.id);
    expect((await getContact(t.admin, person.id)).organizationId).toBeNull();
  });

  it("refuses departments and locations that are not the PI's organization's", async () => {
    const { t, person, orgs } = await personAndOrgs();
    const own = await departmentOf(orgs[0]!.id);
    const elsewhere = await departmentOf(orgs[1]!.id);
    const [place] = await t.database.db
      .insert(locations)
      .values({ tenantId: t.tenantId, ownerKind: "organization", ownerId: orgs[1]!.id, name: "Berlin" })
      .returning();
    const refused = await failure(
      createProfessionalIdentity(t.admin, person.id, {
        organizationId: orgs[0]!.id,
        departmentIds: [own, elsewhere],
        locationIds: [place!.id],
      }),
    );
    expect(refused!.code).toBe("VALIDATION");
    expect(refused!.issues?.map((i) => i.path)).toEqual(["departmentIds.1", "locationIds.0"]);

    const pi = await createProfessionalIdentity(t.admin, person.id, {
      organizationId: orgs[0]!.id,
      departmentIds: [own],
    });
    const update = await failure(
      updateProfessionalIdentity(t.admin, person.id, pi.id, { isActive: true, departmentIds: [elsewhere] }),
    );
    expect(update!.issues?.map((i) => i.path)).toEqual(["departmentIds.0"]);

    // A department removed later does not block ending the PI that still names it.
    await t.database.db.delete(departments).where(eq(departments.id, own));
    expect(await deactivateProfessionalIdentity(t.admin, person.id, pi.id)).toMatchObject({
      isActive: false,
      departmentIds: [own],
    });
  });
});
