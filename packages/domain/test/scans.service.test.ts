import { describe, expect, it } from "vitest";
import {
  addNote,
  createContact,
  createOrganization,
  deleteContact,
  PERMISSIONS,
  scanContacts,
  scanNotes,
  scanOrganizations,
  scanRelationships,
} from "../src";
import { encodeCursor } from "../src/shared/cursor";
import { failure, withTestTenant } from "./helpers";

const tenant = withTestTenant();

describe("scans", () => {
  it("enumerate every contact exactly once while contacts are added and deleted between pages", async () => {
    const t = tenant();
    const before = (await scanContacts(t.admin, { limit: 200 })).entities.length;
    const created = [];
    for (let i = 0; i < 25; i++) created.push(await createContact(t.admin, { firstName: `Scan ${i}` }));

    const seen: string[] = [];
    let cursor: string | undefined;
    let round = 0;
    do {
      const page = await scanContacts(t.admin, { limit: 10, cursor });
      seen.push(...page.entities.map((c) => c.id));
      cursor = page.nextCursor ?? undefined;
      // Writes between pages: one new contact appears later, one not yet seen disappears.
      if (round === 0) {
        created.push(await createContact(t.admin, { firstName: "Late arrival" }));
        await deleteContact(t.admin, created[20]!.id);
      }
      round++;
    } while (cursor);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toContain(created.at(-1)!.id);
    expect(seen).not.toContain(created[20]!.id);
    expect(seen.length).toBe(before + 25);
  });

  it("filter by division and refuse bad limits, forged and expired cursors", async () => {
    const t = tenant();
    await createContact(t.admin, { firstName: "Home" });
    expect((await scanContacts(t.admin, { divisionId: t.homeDivisionId })).entities.length).toBeGreaterThan(
      0,
    );
    expect((await scanContacts(t.admin, { divisionId: crypto.randomUUID() })).entities).toEqual([]);
    expect((await failure(scanContacts(t.admin, { limit: 5 })))!.code).toBe("VALIDATION");
    expect((await failure(scanContacts(t.admin, { cursor: "forged" })))!.issues[0]!.path).toBe("cursor");
    const expired = encodeCursor(0, Date.now() - 25 * 60 * 60 * 1000);
    expect((await failure(scanContacts(t.admin, { cursor: expired })))!.issues[0]!.message).toMatch(
      /expired/,
    );
  });

  it("scan organizations, notes and relationships with their permissions", async () => {
    const t = tenant();
    const org = await createOrganization(t.admin, { name: "Scanned" });
    await addNote(t.admin, { type: "organization", id: org.id }, { text: "scanned note" });
    expect((await scanOrganizations(t.admin)).entities.map((o) => o.id)).toContain(org.id);
    expect((await scanNotes(t.admin)).entities.map((n) => n.text)).toContain("scanned note");
    expect((await scanRelationships(t.admin)).entities).toEqual([]);
    expect((await failure(scanOrganizations(t.as([PERMISSIONS.contactView]))))!.code).toBe("FORBIDDEN");
    expect((await failure(scanContacts(t.as([PERMISSIONS.organizationView]))))!.code).toBe("FORBIDDEN");
  });
});
