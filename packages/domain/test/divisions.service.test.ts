import { members } from "@switchboard/db";
import { describe, expect, it } from "vitest";
import {
  addMember,
  addNote,
  type Context,
  createApiClient,
  createContact,
  createOrganization,
  createRelationship,
  type DomainError,
  deleteContact,
  divisionsOf,
  getContact,
  getOrganization,
  getRelationship,
  getUnresolvedContact,
  issueAccessToken,
  listApiClients,
  listNotes,
  listRoleSummaries,
  mergeContacts,
  PERMISSIONS,
  patchContact,
  resolveAccessToken,
  rotateApiClientSecret,
  saveDivision,
  saveRole,
  scanContacts,
  scanNotes,
  scanOrganizations,
  scanRelationships,
  searchContacts,
  searchOrganizations,
  setPrincipalRoles,
  setRoleDivisions,
  updateContact,
} from "../src";
import { withTestTenant } from "./helpers";

const tenant = withTestTenant();
const failure = (p: Promise<unknown>) =>
  p.then(
    () => null,
    (e: DomainError) => e.code,
  );
const limitedTo = (ctx: Context, divisionIds: string[]): Context => ({
  ...ctx,
  actor: { ...ctx.actor, divisionIds: new Set(divisionIds) },
});

describe("division-based visibility", () => {
  it("an actor limited to some divisions reads, lists, scans and writes only records in them", async () => {
    const t = tenant();
    const sales = await saveDivision(t.admin, { name: "Sales" });
    const home = t.homeDivisionId;
    const [member] = await t.database.db.select().from(members);

    const homeContact = await createContact(t.admin, { firstName: "Divvy", lastName: "Home" });
    const salesContact = await createContact(t.admin, {
      firstName: "Divvy",
      lastName: "Sales",
      divisionId: sales.id,
    });
    const homeOrg = await createOrganization(t.admin, { name: "Divvy Home Org" });
    const salesOrg = await createOrganization(t.admin, { name: "Divvy Sales Org", divisionId: sales.id });
    const homeNote = await addNote(t.admin, { type: "contact", id: homeContact.id }, { text: "home note" });
    const salesNote = await addNote(t.admin, { type: "organization", id: salesOrg.id }, { text: "sales" });
    const rel = (organizationId: string) =>
      createRelationship(t.admin, { organizationId, memberId: member!.id, relationship: "Owner" });
    const homeRel = await rel(homeOrg.id);
    const salesRel = await rel(salesOrg.id);

    const seller = limitedTo(t.admin, [sales.id]);

    // Reads of another division's records are not found; listings, searches and scans leave them out.
    expect(await failure(getContact(seller, homeContact.id))).toBe("NOT_FOUND");
    expect(await failure(getUnresolvedContact(seller, homeContact.id))).toBe("NOT_FOUND");
    expect((await getContact(seller, salesContact.id)).id).toBe(salesContact.id);
    expect((await searchContacts(seller, { q: "divvy" })).entities.map((c) => c.id)).toEqual([
      salesContact.id,
    ]);
    const scanned = (await scanContacts(seller, { limit: 200 })).entities.map((c) => c.id);
    expect(scanned).toContain(salesContact.id);
    expect(scanned).not.toContain(homeContact.id);
    // Asking a scan for a division outside the actor's finds nothing.
    expect((await scanContacts(seller, { limit: 200, divisionId: home })).entities).toEqual([]);

    expect(await failure(getOrganization(seller, homeOrg.id))).toBe("NOT_FOUND");
    expect((await searchOrganizations(seller, { q: "divvy" })).entities.map((o) => o.id)).toEqual([
      salesOrg.id,
    ]);
    expect((await scanOrganizations(seller, { limit: 200 })).entities.map((o) => o.id)).toEqual([
      salesOrg.id,
    ]);

    // Notes and relationships follow their parent's division.
    expect(await failure(listNotes(seller, { type: "contact", id: homeContact.id }))).toBe("NOT_FOUND");
    const notes = (await scanNotes(seller, { limit: 200 })).entities.map((n) => n.id);
    expect(notes).toEqual([salesNote.id]);
    expect(notes).not.toContain(homeNote.id);
    expect(await failure(getRelationship(seller, homeRel.id))).toBe("NOT_FOUND");
    expect((await scanRelationships(seller, { limit: 200 })).entities.map((r) => r.id)).toEqual([
      salesRel.id,
    ]);

    // Writes: into another division 403, to another division's record 404, within its own fine.
    expect(await failure(createContact(seller, { firstName: "Nowhere" }))).toBe("FORBIDDEN");
    expect(await failure(createContact(seller, { firstName: "Home", divisionId: home }))).toBe("FORBIDDEN");
    expect((await createContact(seller, { firstName: "Mine", divisionId: sales.id })).divisionId).toBe(
      sales.id,
    );
    expect(
      await failure(updateContact(seller, salesContact.id, { firstName: "Moved", divisionId: home })),
    ).toBe("FORBIDDEN");
    expect(await failure(updateContact(seller, homeContact.id, { firstName: "Theirs" }))).toBe("NOT_FOUND");
    expect(await failure(deleteContact(seller, homeContact.id))).toBe("NOT_FOUND");
    // An update naming no division keeps the contact in its own.
    const kept = await updateContact(seller, salesContact.id, { firstName: "Divvy", lastName: "Kept" });
    expect(kept.divisionId).toBe(sales.id);
    const patched = await patchContact(seller, salesContact.id, (c) => ({ ...c, title: "Dr" }));
    expect(patched).toMatchObject({ title: "Dr", divisionId: sales.id });
    expect(await failure(mergeContacts(seller, { contactIds: [salesContact.id, homeContact.id] }))).toBe(
      "NOT_FOUND",
    );

    // An actor limited to no division sees nothing; an unlimited one sees both.
    expect((await searchContacts(limitedTo(t.admin, []), { q: "divvy" })).total).toBe(0);
    expect((await searchContacts(t.admin, { q: "divvy" })).total).toBe(2);
  });

  it("a principal's divisions come from its roles: the union, or every division when one role is unlimited", async () => {
    const t = tenant();
    expect(divisionsOf([])).toBeNull();
    expect(divisionsOf([["a"], null])).toBeNull();
    expect([...divisionsOf([["a"], ["b", "a"]])!].sort()).toEqual(["a", "b"]);

    const east = await saveDivision(t.admin, { name: "East" });
    const role = await saveRole(t.admin, { name: "East only", permissions: ["*"] });
    await setRoleDivisions(t.admin, role.id, [east.id]);
    const client = await createApiClient(t.admin, { name: "east client", roleIds: [role.id] });
    const token = await issueAccessToken(t.database.db, client);
    const principal = await resolveAccessToken(t.database.db, token.accessToken);
    expect([...(principal!.actor.divisionIds ?? [])]).toEqual([east.id]);

    await setRoleDivisions(t.admin, role.id, null);
    const unlimited = await resolveAccessToken(t.database.db, token.accessToken);
    expect(unlimited!.actor.divisionIds).toBeNull();

    expect(await failure(setRoleDivisions(t.admin, role.id, [crypto.randomUUID()]))).toBe("VALIDATION");
    expect(await failure(setRoleDivisions(t.as(["externalContacts:contact:view"]), role.id, [east.id]))).toBe(
      "FORBIDDEN",
    );
  });
});

describe("granting divisions (issue 19)", () => {
  it("a division-limited admin grants no division beyond its own: not by widening a role, nor by assigning one", async () => {
    const t = tenant();
    const east = await saveDivision(t.admin, { name: "Grant East" });
    const west = await saveDivision(t.admin, { name: "Grant West" });
    const eastAdmin = limitedTo(
      t.as(
        [
          PERMISSIONS.rolesManage,
          PERMISSIONS.membersManage,
          PERMISSIONS.apiClientsManage,
          PERMISSIONS.contactView,
        ],
        "East admin",
      ),
      [east.id],
    );
    const viewers = async (name: string, divisionIds: string[] | null) => {
      const role = await saveRole(t.admin, { name, permissions: [PERMISSIONS.contactView] });
      await setRoleDivisions(t.admin, role.id, divisionIds);
      return role;
    };
    const eastRole = await viewers("Viewers East", [east.id]);
    const westRole = await viewers("Viewers West", [west.id]);
    const everywhere = await viewers("Viewers everywhere", null);
    const divisionsOfRole = async (id: string) =>
      (await listRoleSummaries(t.admin)).find((r) => r.id === id)!.divisionIds;

    // Widening a role: to another division, or to every one (null), is refused and changes nothing.
    expect(await failure(setRoleDivisions(eastAdmin, eastRole.id, [east.id, west.id]))).toBe("FORBIDDEN");
    expect(await failure(setRoleDivisions(eastAdmin, eastRole.id, null))).toBe("FORBIDDEN");
    expect(await failure(setRoleDivisions(eastAdmin, westRole.id, [west.id]))).toBe("FORBIDDEN");
    expect(await divisionsOfRole(eastRole.id)).toEqual([east.id]);
    // Within its own divisions it may set them, narrowing a wider role too.
    await setRoleDivisions(eastAdmin, eastRole.id, [east.id]);
    await setRoleDivisions(eastAdmin, everywhere.id, [east.id]);
    expect(await divisionsOfRole(everywhere.id)).toEqual([east.id]);
    await setRoleDivisions(t.admin, everywhere.id, null);

    // Assigning a role limited differently (or not at all) is granting those divisions.
    const client = await createApiClient(eastAdmin, { name: "East client", roleIds: [eastRole.id] });
    const member = { email: "west@example.com", name: "West", password: "long-enough-pw" };
    const attempts = {
      createApiClient: () => createApiClient(eastAdmin, { name: "Everywhere", roleIds: [everywhere.id] }),
      addMember: () => addMember(eastAdmin, { ...member, roleIds: [westRole.id] }),
      setPrincipalRoles: () => setPrincipalRoles(eastAdmin, client.id, [eastRole.id, westRole.id]),
    };
    for (const [name, attempt] of Object.entries(attempts))
      expect({ name, code: await failure(attempt()) }).toEqual({ name, code: "FORBIDDEN" });
    expect((await listApiClients(t.admin)).find((c) => c.id === client.id)!.roles.map((r) => r.id)).toEqual([
      eastRole.id,
    ]);

    // Rotating a secret hands over the client's divisions too.
    const wide = await createApiClient(t.admin, { name: "Wide client", roleIds: [everywhere.id] });
    expect(await failure(rotateApiClientSecret(eastAdmin, wide.id))).toBe("FORBIDDEN");
    await rotateApiClientSecret(eastAdmin, client.id);

    // A role it creates is limited to its divisions; it adds no permission to a role reaching further.
    const created = await saveRole(eastAdmin, {
      name: "Made in East",
      permissions: [PERMISSIONS.contactView],
    });
    expect(await divisionsOfRole(created.id)).toEqual([east.id]);
    const empty = await saveRole(t.admin, { name: "Nothing yet", permissions: [] });
    expect(
      await failure(
        saveRole(eastAdmin, { id: empty.id, name: "Nothing yet", permissions: [PERMISSIONS.contactView] }),
      ),
    ).toBe("FORBIDDEN");
  });

  it("widening a role's divisions needs the role's permissions", async () => {
    const t = tenant();
    const east = await saveDivision(t.admin, { name: "Star East" });
    const star = await saveRole(t.admin, { name: "Everything in East", permissions: ["*"] });
    await setRoleDivisions(t.admin, star.id, [east.id]);
    const roleManager = t.as([PERMISSIONS.rolesManage]);
    expect(await failure(setRoleDivisions(roleManager, star.id, null))).toBe("FORBIDDEN");
    // Narrowing gives nothing away.
    await setRoleDivisions(roleManager, star.id, []);
  });
});
