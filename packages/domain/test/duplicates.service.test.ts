import { describe, expect, it } from "vitest";
import {
  createContact,
  type DomainError,
  deleteContact,
  ensureTenant,
  groupDuplicates,
  mergeContacts,
  PERMISSIONS,
  saveDivision,
  suggestDuplicateGroups,
} from "../src";
import { withTestTenant } from "./helpers";

const tenant = withTestTenant();

describe("grouping duplicate edges", () => {
  const email = (value: string) => ({ kind: "email" as const, value });
  const name = (value: string) => ({ kind: "name" as const, value, similarity: 0.7 });

  it("joins transitive matches into one group, strongest reason first, largest group first", () => {
    const groups = groupDuplicates([
      { a: "x", b: "y", reason: name("x ~ y") },
      { a: "a", b: "b", reason: name("ann ~ anne") },
      { a: "b", b: "c", reason: email("ann@example.com") },
      { a: "a", b: "c", reason: email("ann@example.com") },
    ]);
    expect(groups).toEqual([
      { ids: ["a", "b", "c"], reasons: [email("ann@example.com"), name("ann ~ anne")] },
      { ids: ["x", "y"], reasons: [name("x ~ y")] },
    ]);
  });

  it("caps a group at the merge limit", () => {
    const edges = Array.from({ length: 30 }, (_, i) => ({
      a: "hub",
      b: `m${String(i).padStart(2, "0")}`,
      reason: email("shared@example.com"),
    }));
    expect(groupDuplicates(edges, 25)[0]!.ids).toHaveLength(25);
  });
});

describe("suggesting duplicate groups", () => {
  it("groups live contacts by normalized email, E.164 phone and similar names, within the tenant", async () => {
    const t = tenant();
    const create = (input: Parameters<typeof createContact>[1]) => createContact(t.admin, input);
    const a = await create({
      firstName: "Ada",
      lastName: "Lovelace",
      emails: [{ type: "work", address: "Ada@Example.com" }],
    });
    const b = await create({
      firstName: "Augusta",
      lastName: "King",
      emails: [{ type: "personal", address: "ada@example.com" }],
    });
    const c = await create({
      firstName: "Alan",
      lastName: "Turing",
      phones: [{ type: "cell", display: "+44 20 7946 0018" }],
    });
    const d = await create({
      firstName: "A.",
      lastName: "T.",
      phones: [{ type: "work", display: "+442079460018" }],
    });
    const e = await create({ firstName: "Katherine", lastName: "Johnson" });
    const f = await create({ firstName: "Katharine", lastName: "Johnson" });
    await create({
      firstName: "Someone",
      lastName: "Else",
      emails: [{ type: "work", address: "else@example.com" }],
    });
    // Deleted and merged-away contacts are no longer candidates.
    const deleted = await create({
      firstName: "Gone",
      emails: [{ type: "work", address: "ada@example.com" }],
    });
    await deleteContact(t.admin, deleted.id);
    const m1 = await create({ firstName: "Margaret", lastName: "Hamilton" });
    const m2 = await create({ firstName: "Margaret", lastName: "Hamilton" });
    const merged = await mergeContacts(t.admin, { contactIds: [m1.id, m2.id] });
    // Another tenant's look-alike never joins a group.
    const other = await ensureTenant(t.database.db, { slug: "other-tenant" });
    await createContact(
      { ...t.admin, tenantId: other.tenantId },
      { firstName: "Ada", lastName: "Lovelace", emails: [{ type: "work", address: "ada@example.com" }] },
    );

    const groups = await suggestDuplicateGroups(t.admin);
    const byMembers = new Map(
      groups.map((g) => [
        g.contacts
          .map((x) => x.id)
          .sort()
          .join(","),
        g,
      ]),
    );
    expect(
      groups.every(
        (g) =>
          g.key ===
          g.contacts
            .map((x) => x.id)
            .sort()
            .join(","),
      ),
    ).toBe(true);

    expect(byMembers.get([a.id, b.id].sort().join(","))?.reasons).toEqual([
      { kind: "email", value: "ada@example.com" },
    ]);
    expect(byMembers.get([c.id, d.id].sort().join(","))?.reasons).toEqual([
      { kind: "phone", value: "+442079460018" },
    ]);
    const names = byMembers.get([e.id, f.id].sort().join(","));
    expect(names?.reasons).toHaveLength(1);
    expect(names?.reasons[0]).toMatchObject({ kind: "name", value: expect.stringContaining("johnson") });
    expect(names?.reasons[0]?.similarity).toBeGreaterThanOrEqual(0.6);

    const members = groups.flatMap((g) => g.contacts.map((x) => x.id));
    expect(members).not.toContain(deleted.id);
    expect(members).not.toContain(m1.id);
    expect(members).not.toContain(merged.id);
    expect(groups).toHaveLength(3);
    // Each group carries the full contacts, for a side-by-side view.
    expect(byMembers.get([a.id, b.id].sort().join(","))?.contacts[0]?.emails[0]?.address).toBeDefined();

    // Stricter name similarity drops the name group; `limit` bounds the answer.
    expect(await suggestDuplicateGroups(t.admin, { nameSimilarity: 0.95 })).toHaveLength(2);
    expect(await suggestDuplicateGroups(t.admin, { limit: 1 })).toHaveLength(1);
  });

  it("suggests to a division-limited actor only duplicates inside its divisions, naming no other", async () => {
    const t = tenant();
    const west = await saveDivision(t.admin, { name: "West (duplicates)" });
    const westover = (divisionId?: string) =>
      createContact(t.admin, {
        firstName: "Quentin",
        lastName: "Westover",
        divisionId,
        emails: [{ type: "work", address: "q.westover@example.com" }],
      });
    const a = await westover(west.id);
    const b = await westover(west.id);
    const hidden = await westover();
    const limited = { ...t.admin, actor: { ...t.admin.actor, divisionIds: new Set([west.id]) } };
    const ofWestover = (groups: { key: string; contacts: { lastName: string | null }[] }[]) =>
      groups.filter((g) => g.contacts.some((c) => c.lastName === "Westover"));
    expect(
      ofWestover(await suggestDuplicateGroups(t.admin))[0]!
        .key.split(",")
        .sort(),
    ).toEqual([a.id, b.id, hidden.id].sort());
    const seen = ofWestover(await suggestDuplicateGroups(limited));
    expect(seen).toHaveLength(1);
    expect(seen[0]!.key.split(",").sort()).toEqual([a.id, b.id].sort());
  });

  it("needs the contact view permission and refuses out-of-range bounds", async () => {
    const t = tenant();
    const forbidden = await suggestDuplicateGroups(t.as([PERMISSIONS.contactEdit])).catch(
      (e: DomainError) => e,
    );
    expect((forbidden as DomainError).code).toBe("FORBIDDEN");
    const invalid = await suggestDuplicateGroups(t.admin, { limit: 1000 }).catch((e: DomainError) => e);
    expect((invalid as DomainError).code).toBe("VALIDATION");
  });
});
