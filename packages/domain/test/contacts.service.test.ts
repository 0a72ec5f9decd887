import { describe, expect, it } from "vitest";
import {
  contactHistory,
  createContact,
  deleteContact,
  getContact,
  PERMISSIONS,
  searchContacts,
  updateContact,
} from "../src";
import { rejection, withTestTenant } from "./helpers";

const tenant = withTestTenant();

const ada = {
  firstName: "  Ada ",
  lastName: "Lovelace",
  phones: [{ type: "cell" as const, display: "(201) 555-0100" }],
  emails: [{ type: "work" as const, address: "ada@engine.example" }],
  addresses: [{ type: "home" as const, city: "London", countryCode: "GB" }],
};

describe("contacts service", () => {
  it("creates a contact in the Home division with normalized fields and a create change set", async () => {
    const t = tenant();
    const c = await createContact(t.admin, ada);
    expect(c).toMatchObject({
      firstName: "Ada",
      lastName: "Lovelace",
      type: "Curated",
      version: 1,
      divisionId: t.homeDivisionId,
    });
    expect(c.phones[0]).toMatchObject({ e164: "+12015550100", userInput: "(201) 555-0100" });
    expect(await getContact(t.admin, c.id)).toEqual(c);

    const [created] = await contactHistory(t.admin, c.id);
    expect(created).toMatchObject({ action: "create", actorName: "Test Admin" });
    expect(created!.changes).toContainEqual({ path: "firstName", old: null, new: "Ada" });
  });

  it("rejects bad input with each bad field named and writes nothing", async () => {
    const t = tenant();
    const before = await searchContacts(t.admin, { q: "Broken" });
    const error = await rejection(
      createContact(t.admin, {
        firstName: "Broken",
        lastName: "x".repeat(1001),
        emails: [{ type: "work", address: "not-an-email" }],
      }),
    );
    expect(error.code).toBe("VALIDATION");
    expect(error.issues.map((i) => i.path).sort()).toEqual(["emails.0.address", "lastName"]);
    expect((await searchContacts(t.admin, { q: "Broken" })).total).toBe(before.total);
  });

  it("updates with optimistic concurrency and records old → new", async () => {
    const t = tenant();
    const c = await createContact(t.admin, ada);
    const updated = await updateContact(t.admin, c.id, { ...ada, title: "Countess" }, { expectedVersion: 1 });
    expect(updated).toMatchObject({ title: "Countess", version: 2 });

    const stale = await rejection(
      updateContact(t.admin, c.id, { ...ada, title: "Stale" }, { expectedVersion: 1 }),
    );
    expect(stale.code).toBe("CONFLICT");

    const unchanged = await updateContact(t.admin, c.id, { ...ada, title: "Countess" });
    expect(unchanged.version).toBe(2);
    const history = await contactHistory(t.admin, c.id);
    expect(history.map((h) => h.action)).toEqual(["update", "create"]);
    expect(history[0]!.changes).toEqual([{ path: "title", old: null, new: "Countess" }]);
  });

  it("soft-deletes: the contact is gone from reads and search", async () => {
    const t = tenant();
    const c = await createContact(t.admin, { firstName: "Ephemera", lastName: "Gone" });
    await deleteContact(t.admin, c.id);
    expect((await rejection(getContact(t.admin, c.id))).code).toBe("NOT_FOUND");
    expect((await searchContacts(t.admin, { q: "Ephemera" })).total).toBe(0);
  });

  it("finds contacts by name without accents, by email and by phone in another format", async () => {
    const t = tenant();
    const c = await createContact(t.admin, {
      firstName: "Zoë",
      lastName: "Ångström",
      phones: [{ type: "work", display: "+1 415 555 0142" }],
      emails: [{ type: "personal", address: "zoe.angstrom@example.org" }],
    });
    for (const q of ["zoe angstrom", "ANGSTR", "zoe.angstrom@example", "(415) 555-0142", "4155550142"]) {
      const page = await searchContacts(t.admin, { q });
      expect(
        page.entities.map((e) => e.id),
        q,
      ).toContain(c.id);
    }
    expect((await searchContacts(t.admin, { q: "zoe nobody" })).entities).toEqual([]);
  });

  it("pages and sorts", async () => {
    const t = tenant();
    for (const name of ["Paging-C", "Paging-A", "Paging-B"])
      await createContact(t.admin, { firstName: "Pager", lastName: name });
    const first = await searchContacts(t.admin, {
      q: "pager",
      pageSize: 2,
      pageNumber: 1,
      sort: { field: "lastName", direction: "desc" },
    });
    expect(first.total).toBe(3);
    expect(first.entities.map((e) => e.lastName)).toEqual(["Paging-C", "Paging-B"]);
    const second = await searchContacts(t.admin, {
      q: "pager",
      pageSize: 2,
      pageNumber: 2,
      sort: { field: "lastName", direction: "desc" },
    });
    expect(second.entities.map((e) => e.lastName)).toEqual(["Paging-A"]);
  });

  it("refuses each verb without its permission", async () => {
    const t = tenant();
    const c = await createContact(t.admin, ada);
    const viewer = t.as([PERMISSIONS.contactView]);
    expect(await getContact(viewer, c.id)).toMatchObject({ id: c.id });
    expect((await rejection(createContact(viewer, ada))).code).toBe("FORBIDDEN");
    expect((await rejection(updateContact(viewer, c.id, ada))).code).toBe("FORBIDDEN");
    expect((await rejection(deleteContact(viewer, c.id))).code).toBe("FORBIDDEN");
    expect((await rejection(getContact(t.as([]), c.id))).code).toBe("FORBIDDEN");
    // The legacy `relate:` alias Genesys still honours grants the same permission.
    expect(await getContact(t.as(["relate:contact:view"]), c.id)).toMatchObject({ id: c.id });
  });

  it("never shows another tenant's contacts", async () => {
    const t = tenant();
    const c = await createContact(t.admin, ada);
    const stranger = { ...t.admin, tenantId: crypto.randomUUID() };
    expect((await rejection(getContact(stranger, c.id))).code).toBe("NOT_FOUND");
    expect((await searchContacts(stranger, {})).total).toBe(0);
  });

  it("rejects an unknown division or organization", async () => {
    const t = tenant();
    const error = await rejection(
      createContact(t.admin, {
        firstName: "X",
        divisionId: crypto.randomUUID(),
        organizationId: crypto.randomUUID(),
      }),
    );
    expect(error.issues.map((i) => i.path).sort()).toEqual(["divisionId", "organizationId"]);
  });
});
