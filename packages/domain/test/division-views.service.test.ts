import { describe, expect, it } from "vitest";
import {
  addNote,
  type Context,
  createContact,
  createOrganization,
  createRelationship,
  divisionView,
  getContact,
  getOrganization,
  PERMISSIONS,
  runBulk,
  saveDivision,
  scanContacts,
  scanNotes,
  scanOrganizations,
  scanRelationships,
} from "../src";
import { failure, withTestTenant } from "./helpers";

const tenant = withTestTenant();

describe("division views (every division, for callers allowed to see them all)", () => {
  it("scan and fetch every division's records with the viewAll and search permissions alone", async () => {
    const t = tenant();
    const north = await saveDivision(t.admin, { name: "North (views)" });
    const org = await createOrganization(t.admin, { name: "Northwind", divisionId: north.id });
    const home = await createContact(t.admin, { firstName: "Home view" });
    const far = await createContact(t.admin, { firstName: "North view", divisionId: north.id });
    const note = await addNote(t.admin, { type: "contact", id: far.id }, { text: "far note" });
    const [member] = await t.database.db.query.members.findMany({ limit: 1 });
    const relationship = await createRelationship(t.admin, {
      memberId: member!.id,
      organizationId: org.id,
      relationship: "Owner",
    });

    const contactsViewer = t.as([PERMISSIONS.contactViewAll]);
    const ids = async (page: Promise<{ entities: { id: string }[] }>) =>
      (await page).entities.map((e) => e.id);
    expect(await ids(scanContacts(divisionView(contactsViewer, "contacts"), { limit: 200 }))).toEqual(
      expect.arrayContaining([home.id, far.id]),
    );
    expect(await ids(scanNotes(divisionView(contactsViewer, "notes"), { limit: 200 }))).toContain(note.id);
    expect(
      await ids(scanRelationships(divisionView(contactsViewer, "relationships"), { limit: 200 })),
    ).toContain(relationship.id);
    const orgViewer = t.as([PERMISSIONS.organizationViewAll]);
    expect(await ids(scanOrganizations(divisionView(orgViewer, "organizations"), { limit: 200 }))).toContain(
      org.id,
    );

    const searcher = divisionView(t.as([PERMISSIONS.contactSearch]), "bulkContacts");
    const fetched = await runBulk(searcher, [{ id: far.id }, { id: crypto.randomUUID() }], (ctx, item) =>
      getContact(ctx, item.id),
    );
    expect(fetched.map((r) => r.ok)).toEqual([true, false]);
    const orgSearcher = divisionView(t.as([PERMISSIONS.organizationSearch]), "bulkOrganizations");
    expect((await getOrganization(orgSearcher, org.id)).name).toBe("Northwind");
  });

  it("refuse a caller without the view's permission, or whose roles are limited to some divisions", async () => {
    const t = tenant();
    expect(() => divisionView(t.as([PERMISSIONS.contactView]), "contacts")).toThrow(
      expect.objectContaining({ code: "FORBIDDEN" }),
    );
    expect(() => divisionView(t.as([PERMISSIONS.contactViewAll]), "organizations")).toThrow(
      expect.objectContaining({ code: "FORBIDDEN" }),
    );
    // Even `*` limited to a division opens no other division this way.
    const limited: Context = {
      ...t.admin,
      actor: { ...t.admin.actor, divisionIds: new Set([t.homeDivisionId]) },
    };
    for (const view of ["contacts", "notes", "relationships", "organizations", "bulkContacts"] as const) {
      let error: unknown;
      try {
        divisionView(limited, view);
      } catch (e) {
        error = e;
      }
      expect(error, view).toMatchObject({
        code: "FORBIDDEN",
        issues: [{ message: "access to every division" }],
      });
    }
  });

  it("read only: the view's context cannot write, whatever the caller holds", async () => {
    const t = tenant();
    const view = divisionView(t.admin, "contacts");
    expect((await failure(createContact(view, { firstName: "Sneaky" })))!.code).toBe("FORBIDDEN");
    expect((await failure(scanOrganizations(view, {})))!.code).toBe("FORBIDDEN");
  });
});
