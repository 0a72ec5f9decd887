import { describe, expect, it } from "vitest";
import {
  createContact,
  createDepartment,
  createLocation,
  createMembership,
  createOrganization,
  createPersonalRelationship,
  createProfessionalIdentity,
  deleteDepartment,
  deleteLocation,
  deleteMembership,
  deletePersonalRelationship,
  ensureTenant,
  getDepartment,
  getProfessionalIdentity,
  listDepartments,
  listLocations,
  listMemberships,
  listPersonalRelationships,
  organizationStructureIssues,
  PERMISSIONS,
  updateDepartment,
  updateLocation,
  updateMembership,
  updatePersonalRelationship,
} from "../src";
import { changeSetsOf } from "../src/history";
import { rejection, withTestTenant } from "./helpers";

const tenant = withTestTenant();

async function otherTenantAdmin(slug: string) {
  const t = tenant();
  const { tenantId } = await ensureTenant(t.database.db, { slug });
  return { ...t.admin, tenantId };
}

describe("departments and locations", () => {
  it("an organization's departments and locations: create, list, update, delete, with history", async () => {
    const t = tenant();
    const org = {
      kind: "organization" as const,
      id: (await createOrganization(t.admin, { name: "Struct" })).id,
    };
    const sales = await createDepartment(t.admin, org, { name: "Sales", area: "SALES", code: "S1" });
    const admin = await createDepartment(t.admin, org, { name: "Admin", description: "Back office" });
    expect((await listDepartments(t.admin, org)).map((d) => d.name)).toEqual(["Sales", "Admin"]);
    const renamed = await updateDepartment(t.admin, org, sales.id, { name: "Sales EU", area: "SALES" });
    expect(renamed).toMatchObject({ id: sales.id, name: "Sales EU", code: null, area: "SALES" });
    await deleteDepartment(t.admin, org, admin.id);
    expect((await rejection(getDepartment(t.admin, org, admin.id))).code).toBe("NOT_FOUND");
    expect((await rejection(createDepartment(t.admin, org, { name: "X", area: "NOPE" as never }))).code).toBe(
      "VALIDATION",
    );

    const boss = await createContact(t.admin, { firstName: "Boss" });
    const leader = (await createProfessionalIdentity(t.admin, boss.id, { organizationId: org.id })).id;
    const hq = await createLocation(t.admin, org, {
      name: "HQ",
      leaderIds: [leader, leader],
      memberCount: 3,
    });
    expect(hq).toMatchObject({ name: "HQ", leaderIds: [leader], memberCount: 3 });
    expect((await updateLocation(t.admin, org, hq.id, { name: "Head office" })).leaderIds).toEqual([]);
    expect((await listLocations(t.admin, org)).map((l) => l.name)).toEqual(["Head office"]);
    await deleteLocation(t.admin, org, hq.id);
    expect(await listLocations(t.admin, org)).toEqual([]);

    const paths = (await changeSetsOf(t.admin, "organization", org.id)).flatMap((c) =>
      c.changes.map((x) => x.path),
    );
    expect(paths).toEqual(
      expect.arrayContaining([
        `departments.${sales.id}.name`,
        `departments.${sales.id}.code`,
        `locations.${hq.id}.name`,
      ]),
    );
  });

  it("professional identities reference them: checked against the organization, and let go on delete", async () => {
    const t = tenant();
    const org = {
      kind: "organization" as const,
      id: (await createOrganization(t.admin, { name: "PI Org" })).id,
    };
    const elsewhere = {
      kind: "organization" as const,
      id: (await createOrganization(t.admin, { name: "Else" })).id,
    };
    const sales = await createDepartment(t.admin, org, { name: "Sales" });
    const foreignDept = await createDepartment(t.admin, elsewhere, { name: "Their sales" });
    const hq = await createLocation(t.admin, org, { name: "HQ" });
    expect(
      await organizationStructureIssues(t.admin, org.id, { departmentIds: [sales.id], locationIds: [hq.id] }),
    ).toEqual([]);
    expect(
      (await organizationStructureIssues(t.admin, org.id, { departmentIds: [sales.id, foreignDept.id] })).map(
        (i) => i.path,
      ),
    ).toEqual(["departmentIds.1"]);

    const person = await createContact(t.admin, { firstName: "Worker" });
    const pi = await createProfessionalIdentity(t.admin, person.id, {
      organizationId: org.id,
      departmentIds: [sales.id],
      locationIds: [hq.id],
    });
    // A location's leaders are professional identities at that organization.
    const led = await updateLocation(t.admin, org, hq.id, { name: "HQ", leaderIds: [pi.id] });
    expect(led.leaderIds).toEqual([pi.id]);
    const notHere = await rejection(
      createLocation(t.admin, elsewhere, { name: "Else HQ", leaderIds: [pi.id] }),
    );
    expect(notHere.issues.map((i) => i.path)).toEqual(["leaderIds.0"]);

    await deleteDepartment(t.admin, org, sales.id);
    await deleteLocation(t.admin, org, hq.id);
    expect(await getProfessionalIdentity(t.admin, person.id, pi.id)).toMatchObject({
      departmentIds: [],
      locationIds: [],
    });
  });

  it("belong to organizations, need their permissions, and stay in their tenant", async () => {
    const t = tenant();
    const person = {
      kind: "contact" as const,
      id: (await createContact(t.admin, { firstName: "Not an org" })).id,
    };
    expect((await rejection(createDepartment(t.admin, person, { name: "Sales" }))).code).toBe("VALIDATION");
    const org = { kind: "organization" as const, id: (await createOrganization(t.admin, { name: "P" })).id };
    const viewer = t.as([PERMISSIONS.departmentView, PERMISSIONS.locationView]);
    expect((await rejection(createDepartment(viewer, org, { name: "Sales" }))).code).toBe("FORBIDDEN");
    expect((await rejection(createLocation(viewer, org, { name: "HQ" }))).code).toBe("FORBIDDEN");
    expect(await listDepartments(viewer, org)).toEqual([]);

    const other = await otherTenantAdmin("structure-other");
    const foreign = {
      kind: "organization" as const,
      id: (await createOrganization(other, { name: "Theirs" })).id,
    };
    expect((await rejection(createDepartment(t.admin, foreign, { name: "Sales" }))).code).toBe("NOT_FOUND");
    const theirs = await createDepartment(other, foreign, { name: "Their sales" });
    // Their department is not reachable under one of our organizations either.
    expect((await rejection(updateDepartment(t.admin, org, theirs.id, { name: "Mine" }))).code).toBe(
      "NOT_FOUND",
    );
  });
});

describe("memberships and personal relationships", () => {
  it("a membership names an organization of the tenant", async () => {
    const t = tenant();
    const club = await createOrganization(t.admin, { name: "Club" });
    const person = {
      kind: "contact" as const,
      id: (await createContact(t.admin, { firstName: "Member" })).id,
    };
    const m = await createMembership(t.admin, person, {
      type: "CLUB",
      organizationId: club.id,
      name: "Gold",
    });
    expect(m).toMatchObject({ type: "CLUB", organizationId: club.id, name: "Gold", reference: null });
    expect((await updateMembership(t.admin, person, m.id, { ...m, reference: "R-1" })).reference).toBe("R-1");
    expect((await listMemberships(t.admin, person)).map((x) => x.id)).toEqual([m.id]);

    const other = await otherTenantAdmin("membership-other");
    const theirs = await createOrganization(other, { name: "Their club" });
    const refused = await rejection(
      createMembership(t.admin, person, { type: "CLUB", organizationId: theirs.id, name: "x" }),
    );
    expect(refused.code).toBe("VALIDATION");
    expect(refused.issues.map((i) => i.path)).toEqual(["organizationId"]);
    await deleteMembership(t.admin, person, m.id);
    expect(await listMemberships(t.admin, person)).toEqual([]);
  });

  it("a personal relationship links two people of the tenant", async () => {
    const t = tenant();
    const ada = { kind: "contact" as const, id: (await createContact(t.admin, { firstName: "Ada" })).id };
    const bob = await createContact(t.admin, { firstName: "Bob" });
    const r = await createPersonalRelationship(t.admin, ada, { type: "SPOUSE", relatedContactId: bob.id });
    expect(r).toMatchObject({ type: "SPOUSE", relatedContactId: bob.id, owner: ada });
    expect(
      (await updatePersonalRelationship(t.admin, ada, r.id, { type: "FRIEND", relatedContactId: bob.id }))
        .type,
    ).toBe("FRIEND");
    expect((await listPersonalRelationships(t.admin, ada)).map((x) => x.type)).toEqual(["FRIEND"]);

    const self = await rejection(
      createPersonalRelationship(t.admin, ada, { type: "FRIEND", relatedContactId: ada.id }),
    );
    expect(self.code).toBe("VALIDATION");
    const org = await createOrganization(t.admin, { name: "Not a person" });
    expect(
      (
        await rejection(
          createPersonalRelationship(t.admin, ada, { type: "FRIEND", relatedContactId: org.id }),
        )
      ).code,
    ).toBe("VALIDATION");
    expect(
      (
        await rejection(
          createPersonalRelationship(
            t.admin,
            { kind: "organization", id: org.id },
            {
              type: "FRIEND",
              relatedContactId: bob.id,
            },
          ),
        )
      ).code,
    ).toBe("VALIDATION");
    const other = await otherTenantAdmin("relationship-other");
    const theirs = await createContact(other, { firstName: "Eve" });
    expect(
      (
        await rejection(
          createPersonalRelationship(t.admin, ada, { type: "FRIEND", relatedContactId: theirs.id }),
        )
      ).code,
    ).toBe("VALIDATION");
    expect(
      (
        await rejection(
          createPersonalRelationship(
            t.admin,
            { kind: "contact", id: theirs.id },
            {
              type: "FRIEND",
              relatedContactId: bob.id,
            },
          ),
        )
      ).code,
    ).toBe("NOT_FOUND");
    await deletePersonalRelationship(t.admin, ada, r.id);
    expect(await listPersonalRelationships(t.admin, ada)).toEqual([]);
  });
});
