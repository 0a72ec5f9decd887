import { changeSets, contacts, eq, sql } from "@switchboard/db";
import { describe, expect, it } from "vitest";
import {
  addMember,
  createContact,
  createOrganization,
  createRelationship,
  deleteContact,
  deleteDivision,
  deleteRelationship,
  deleteRole,
  ensureTenant,
  listDivisionSummaries,
  listMembers,
  listRoleSummaries,
  PERMISSIONS,
  removeMember,
  saveDivision,
  saveRole,
  setPrincipalRoles,
  setRoleDivisions,
  signInMember,
} from "../src";
import { failure, withTestTenant } from "./helpers";

const tenant = withTestTenant();

describe("administration for the web admin pages", () => {
  it("adds a member with a role who can then sign in; field errors name the field", async () => {
    const t = tenant();
    const role = await saveRole(t.admin, { name: "Agents", permissions: [PERMISSIONS.contactView] });
    const { id } = await addMember(t.admin, {
      email: "Ada@Example.com",
      name: "Ada",
      password: "long-enough-pw",
      roleIds: [role.id],
    });
    const listed = (await listMembers(t.admin)).find((m) => m.id === id)!;
    expect(listed).toMatchObject({ email: "ada@example.com", roles: [{ id: role.id, name: "Agents" }] });
    await signInMember(t.database.db, { email: "ada@example.com", password: "long-enough-pw" });

    const invalid = await failure(addMember(t.admin, { email: "nope", name: " ", password: "short" }));
    expect(invalid!.code).toBe("VALIDATION");
    expect(invalid!.issues.map((i) => i.path).sort()).toEqual(["email", "name", "password"]);

    const taken = await failure(
      addMember(t.admin, { email: "ada@example.com", name: "Ada 2", password: "long-enough-pw" }),
    );
    expect(taken!.code).toBe("CONFLICT");
    expect(taken!.message).toBe("a member with email ada@example.com already exists");
    expect(taken!.issues).toEqual([{ path: "email", message: "is already in use", conflict: true }]);

    // PostgreSQL text cannot hold NUL: a clear refusal naming the field, not a database error.
    const nul = await failure(
      addMember(t.admin, { email: "nul@example.com", name: "Nu\u0000ll", password: "long-enough-pw" }),
    );
    expect(nul).toMatchObject({
      code: "VALIDATION",
      issues: [{ path: "name", message: expect.stringContaining("NUL") }],
    });

    // Handing out roles needs the roles permission, not only the members one.
    const memberManager = t.as([PERMISSIONS.membersManage]);
    const escalation = await failure(
      addMember(memberManager, {
        email: "eve@example.com",
        name: "Eve",
        password: "long-enough-pw",
        roleIds: [t.adminRoleId],
      }),
    );
    expect(escalation!.code).toBe("FORBIDDEN");
    await addMember(memberManager, { email: "bob@example.com", name: "Bob", password: "long-enough-pw" });
  });

  it("adds a member whose email another tenant holds (issue 19); one held here is in use, in any letter case", async () => {
    const t = tenant();
    const other = await ensureTenant(t.database.db, { slug: "other-tenant", name: "Other Tenant Ltd" });
    const otherAdmin = { ...t.admin, tenantId: other.tenantId };
    await addMember(otherAdmin, {
      email: "theirs@example.com",
      name: "Their Member",
      password: "their-password",
    });
    await addMember(t.admin, { email: "ours@example.com", name: "Our Member", password: "long-enough-pw" });

    // Another tenant's address is no refusal at all, so nothing tells that it exists there.
    const { id } = await addMember(t.admin, {
      email: "Theirs@Example.com",
      name: "Our Theirs",
      password: "our-password",
    });
    expect((await listMembers(t.admin)).find((m) => m.id === id)?.email).toBe("theirs@example.com");
    expect((await listMembers(otherAdmin)).map((m) => m.name)).toContain("Their Member");

    const taken = await failure(
      addMember(t.admin, { email: "OURS@example.com", name: "New", password: "long-enough-pw" }),
    );
    expect(taken).toMatchObject({
      code: "CONFLICT",
      message: "a member with email ours@example.com already exists",
      issues: [{ path: "email", message: "is already in use", conflict: true }],
    });
  });

  it("adding one email twice at once makes one member and refuses the other as in use", async () => {
    const t = tenant();
    const add = () =>
      addMember(t.admin, { email: "twice@example.com", name: "Twice", password: "long-enough-pw" });
    // Open the pool's connections first, so the three really run side by side.
    await Promise.all([1, 2, 3].map(() => t.database.db.execute(sql`select pg_sleep(0.05)`)));
    const results = await Promise.all([add(), add(), add()].map((p) => failure(p)));
    expect(results.filter((r) => r === null)).toHaveLength(1);
    for (const refused of results.filter((r) => r !== null))
      expect(refused).toMatchObject({
        code: "CONFLICT",
        issues: [{ path: "email", message: "is already in use" }],
      });
    expect((await listMembers(t.admin)).filter((m) => m.email === "twice@example.com")).toHaveLength(1);
  });

  it("removes a member: sign-in stops, history keeps the name; refuses self and members in relationships", async () => {
    const t = tenant();
    const { id } = await addMember(t.admin, {
      email: "gone@example.com",
      name: "Gone Soon",
      password: "long-enough-pw",
    });
    const org = await createOrganization(t.admin, { name: "Holds a relationship" });
    const rel = await createRelationship(t.admin, {
      organizationId: org.id,
      memberId: id,
      relationship: "Account manager",
    });
    const inUse = await failure(removeMember(t.admin, id));
    expect(inUse!.code).toBe("CONFLICT");
    expect(inUse!.message).toContain("1 organization relationship");
    await deleteRelationship(t.admin, rel.id);

    await removeMember(t.admin, id);
    expect((await listMembers(t.admin)).map((m) => m.id)).not.toContain(id);
    expect(
      (await failure(signInMember(t.database.db, { email: "gone@example.com", password: "long-enough-pw" })))!
        .code,
    ).toBe("UNAUTHENTICATED");
    const [deleted] = await t.database.db.select().from(changeSets).where(eq(changeSets.entityId, id));
    expect(deleted).toBeDefined();
    expect((await failure(removeMember(t.admin, id)))!.code).toBe("NOT_FOUND");
    expect((await failure(removeMember(t.admin, t.admin.actor.id)))!.code).toBe("VALIDATION");
    expect((await failure(removeMember(t.as([PERMISSIONS.contactView]), id)))!.code).toBe("FORBIDDEN");
  });

  it("deletes only roles nobody holds, and counts holders", async () => {
    const t = tenant();
    const role = await saveRole(t.admin, { name: "Temporary", permissions: [] });
    const { id } = await addMember(t.admin, {
      email: "holder@example.com",
      name: "Holder",
      password: "long-enough-pw",
      roleIds: [role.id],
    });
    expect((await listRoleSummaries(t.admin)).find((r) => r.id === role.id)!.holders).toBe(1);
    const held = await failure(deleteRole(t.admin, role.id));
    expect(held!.code).toBe("CONFLICT");

    await setPrincipalRoles(t.admin, id, []);
    await deleteRole(t.admin, role.id);
    expect((await listRoleSummaries(t.admin)).map((r) => r.id)).not.toContain(role.id);
    expect((await failure(deleteRole(t.admin, role.id)))!.code).toBe("NOT_FOUND");
    expect((await failure(deleteRole(t.as([PERMISSIONS.membersManage]), role.id)))!.code).toBe("FORBIDDEN");
  });

  it("deletes only empty divisions, never Home; deleted records there move to Home", async () => {
    const t = tenant();
    const division = await saveDivision(t.admin, { name: "APAC" });
    const contact = await createContact(t.admin, { firstName: "Filed", divisionId: division.id });
    await createOrganization(t.admin, { name: "Filed too", divisionId: division.id });

    const summary = (await listDivisionSummaries(t.admin)).find((d) => d.id === division.id)!;
    expect(summary).toMatchObject({ name: "APAC", isHome: false, contacts: 1, organizations: 1 });
    const busy = await failure(deleteDivision(t.admin, division.id));
    expect(busy!.code).toBe("CONFLICT");
    expect(busy!.message).toContain("1 contact(s) and 1 organization(s)");

    const empty = await saveDivision(t.admin, { name: "Empty" });
    const stillFiled = await createContact(t.admin, { firstName: "Deleted", divisionId: empty.id });
    await deleteContact(t.admin, stillFiled.id);
    await deleteDivision(t.admin, empty.id);
    expect((await listDivisionSummaries(t.admin)).map((d) => d.id)).not.toContain(empty.id);
    const [moved] = await t.database.db.select().from(contacts).where(eq(contacts.id, stillFiled.id));
    expect(moved!.divisionId).toBe(t.homeDivisionId);

    expect((await failure(deleteDivision(t.admin, t.homeDivisionId)))!.code).toBe("CONFLICT");
    expect((await failure(deleteDivision(t.admin, empty.id)))!.code).toBe("NOT_FOUND");
    expect((await failure(listDivisionSummaries(t.as([PERMISSIONS.contactView]))))!.code).toBe("FORBIDDEN");
    expect(contact.divisionId).toBe(division.id);
  });

  it("lists each role's divisions; deleting a division takes it out of the roles limited to it", async () => {
    const t = tenant();
    const north = await saveDivision(t.admin, { name: "North" });
    const south = await saveDivision(t.admin, { name: "South" });
    const both = await saveRole(t.admin, { name: "North and south", permissions: [PERMISSIONS.contactView] });
    const northOnly = await saveRole(t.admin, { name: "North only", permissions: [PERMISSIONS.contactView] });
    await setRoleDivisions(t.admin, both.id, [north.id, south.id]);
    await setRoleDivisions(t.admin, northOnly.id, [north.id]);
    const before = await listRoleSummaries(t.admin);
    expect(before.find((r) => r.id === both.id)!.divisionIds!.sort()).toEqual([north.id, south.id].sort());
    expect(before.find((r) => r.name === "Admin")!.divisionIds).toBeNull();

    await deleteDivision(t.admin, north.id);
    const after = await listRoleSummaries(t.admin);
    expect(after.find((r) => r.id === both.id)!.divisionIds).toEqual([south.id]);
    // Limited to the deleted division alone: it now applies nowhere, not everywhere.
    expect(after.find((r) => r.id === northOnly.id)!.divisionIds).toEqual([]);
  });
});
