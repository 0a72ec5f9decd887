import { describe, expect, it } from "vitest";
import {
  addNote,
  createContact,
  createOrganization,
  type DomainError,
  getOrganization,
  linkTrustor,
  PERMISSIONS,
  patchContact,
  patchNote,
  patchOrganization,
  searchOrganizations,
  unlinkTrustor,
} from "../src";
import { changeSetsOf } from "../src/history";
import { withTestTenant } from "./helpers";

const tenant = withTestTenant();
const failure = (p: Promise<unknown>) =>
  p.then(
    () => null,
    (e: DomainError) => e.code,
  );

describe("trustor links", () => {
  it("links, searches by trustor in the order asked, refuses a second holder, unlinks, with history", async () => {
    const t = tenant();
    const a = await createOrganization(t.admin, { name: "Trusted A" });
    const b = await createOrganization(t.admin, { name: "Trusted B" });
    const [ta, tb] = [crypto.randomUUID(), crypto.randomUUID()];
    const link = await linkTrustor(t.admin, a.id, ta);
    expect(link).toMatchObject({ organizationId: a.id, trustorOrgId: ta, divisionId: a.divisionId });
    await linkTrustor(t.admin, b.id, tb);
    expect((await getOrganization(t.admin, a.id)).trustor).toMatchObject({
      trustorOrgId: ta,
      linkedBy: t.admin.actor.id,
    });
    const found = await searchOrganizations(t.admin, { trustorIds: [tb, ta], q: "ignored" });
    expect(found.entities.map((o) => o.id)).toEqual([b.id, a.id]);
    expect(await failure(linkTrustor(t.admin, b.id, ta))).toBe("CONFLICT");
    expect(await failure(linkTrustor(t.admin, a.id, "nope"))).toBe("VALIDATION");
    expect(await failure(linkTrustor(t.as([PERMISSIONS.organizationView]), a.id, ta))).toBe("FORBIDDEN");

    await unlinkTrustor(t.admin, a.id);
    expect((await getOrganization(t.admin, a.id)).trustor).toBeNull();
    expect(await failure(unlinkTrustor(t.admin, a.id))).toBe("NOT_FOUND");
    const history = await changeSetsOf(t.admin, "organization", a.id);
    const trustorChanges = history.flatMap((h) => h.changes).filter((c) => c.path === "trustorOrgId");
    // Newest first.
    expect(trustorChanges).toEqual([
      expect.objectContaining({ old: ta, new: null }),
      expect.objectContaining({ old: null, new: ta }),
    ]);
  });
});

describe("partial updates", () => {
  it("patch goes through the full update's validation and history, and refuses without the edit permission", async () => {
    const t = tenant();
    const contact = await createContact(t.admin, { firstName: "Pat", lastName: "Ch" });
    const patched = await patchContact(t.admin, contact.id, (c) => ({ ...c, title: "Dr", lastName: "Chen" }));
    expect(patched).toMatchObject({ firstName: "Pat", lastName: "Chen", title: "Dr", version: 2 });
    const history = await changeSetsOf(t.admin, "contact", contact.id);
    expect(history[0]!.changes.map((c) => c.path).sort()).toEqual(["lastName", "title"]);
    expect(
      await failure(
        patchContact(t.admin, contact.id, (c) => ({ ...c, emails: [{ type: "work", address: "x" }] })),
      ),
    ).toBe("VALIDATION");
    expect(await failure(patchContact(t.as([PERMISSIONS.contactView]), contact.id, (c) => c))).toBe(
      "FORBIDDEN",
    );

    const org = await createOrganization(t.admin, { name: "Patchable" });
    expect((await patchOrganization(t.admin, org.id, (o) => ({ ...o, industry: "Retail" }))).industry).toBe(
      "Retail",
    );
    expect(await failure(patchOrganization(t.admin, org.id, (o) => ({ ...o, name: "" })))).toBe("VALIDATION");

    const parent = { type: "contact" as const, id: contact.id };
    const note = await addNote(t.admin, parent, { text: "draft" });
    expect((await patchNote(t.admin, parent, note.id, () => ({ text: "final" }))).text).toBe("final");
    const noteHistory = await changeSetsOf(t.admin, "note", note.id);
    expect(noteHistory[0]!.changes).toEqual([
      expect.objectContaining({ path: "text", old: "draft", new: "final" }),
    ]);
  });
});
