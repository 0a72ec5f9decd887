import { members } from "@switchboard/db";
import { describe, expect, it } from "vitest";
import {
  addNote,
  createContact,
  createOrganization,
  createRelationship,
  deleteNote,
  deleteRelationship,
  getNote,
  getRelationship,
  listNotes,
  listOrganizationRelationships,
  PERMISSIONS,
  updateNote,
  updateRelationship,
} from "../src";
import { changeSetsOf } from "../src/history";
import { failure, withTestTenant } from "./helpers";

const tenant = withTestTenant();

describe("notes", () => {
  it("adds, lists newest first, edits and deletes notes on a contact, with history", async () => {
    const t = tenant();
    const c = await createContact(t.admin, { firstName: "Noted" });
    const parent = { type: "contact" as const, id: c.id };
    const first = await addNote(t.admin, parent, { text: "first call" });
    const second = await addNote(t.admin, parent, { text: "second call" });
    expect(first).toMatchObject({ createdById: t.admin.actor.id, createdByName: "Test Admin" });

    const page = await listNotes(t.admin, parent, { pageSize: 1 });
    expect(page.total).toBe(2);
    expect(page.entities.map((n) => n.id)).toEqual([second.id]);
    expect((await listNotes(t.admin, parent, { direction: "asc" })).entities[0]!.id).toBe(first.id);

    const edited = await updateNote(t.admin, parent, first.id, { text: "first call, rescheduled" });
    expect(edited.text).toBe("first call, rescheduled");
    await deleteNote(t.admin, parent, first.id);
    expect((await failure(getNote(t.admin, parent, first.id)))!.code).toBe("NOT_FOUND");
    const history = await changeSetsOf(t.admin, "note", first.id);
    expect(history.map((h) => h.action)).toEqual(["delete", "update", "create"]);
  });

  it("needs the parent's permissions and an existing parent", async () => {
    const t = tenant();
    const org = await createOrganization(t.admin, { name: "Noted Org" });
    const parent = { type: "organization" as const, id: org.id };
    const viewer = t.as([PERMISSIONS.organizationView]);
    expect((await failure(addNote(viewer, parent, { text: "x" })))!.code).toBe("FORBIDDEN");
    expect((await listNotes(viewer, parent)).total).toBe(0);
    const missing = { type: "contact" as const, id: crypto.randomUUID() };
    expect((await failure(addNote(t.admin, missing, { text: "x" })))!.code).toBe("NOT_FOUND");
    expect((await failure(addNote(t.admin, parent, { text: "" })))!.code).toBe("VALIDATION");
  });
});

describe("relationships", () => {
  it("links a member to an organization, lists, updates and deletes", async () => {
    const t = tenant();
    const org = await createOrganization(t.admin, { name: "Related Org" });
    const [member] = await t.database.db.select().from(members);
    const rel = await createRelationship(t.admin, {
      organizationId: org.id,
      memberId: member!.id,
      relationship: "Account Manager",
    });
    expect(await getRelationship(t.admin, rel.id)).toEqual(rel);
    const updated = await updateRelationship(t.admin, rel.id, {
      organizationId: org.id,
      memberId: member!.id,
      relationship: "Executive Sponsor",
    });
    expect(updated.relationship).toBe("Executive Sponsor");
    expect((await listOrganizationRelationships(t.admin, org.id)).entities.map((r) => r.id)).toEqual([
      rel.id,
    ]);
    await deleteRelationship(t.admin, rel.id);
    expect((await listOrganizationRelationships(t.admin, org.id)).total).toBe(0);
  });

  it("refuses unknown users and organizations, and needs organization edit", async () => {
    const t = tenant();
    const error = await failure(
      createRelationship(t.admin, {
        organizationId: crypto.randomUUID(),
        memberId: crypto.randomUUID(),
        relationship: "x",
      }),
    );
    expect(error!.issues.map((i) => i.path).sort()).toEqual(["memberId", "organizationId"]);
    const viewer = t.as([PERMISSIONS.organizationView]);
    expect((await failure(deleteRelationship(viewer, crypto.randomUUID())))!.code).toBe("FORBIDDEN");
  });
});
