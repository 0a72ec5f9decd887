import { and, contacts, eq, isNull, type SQL, sql } from "@switchboard/db";
import { describe, expect, it } from "vitest";
import {
  createContact,
  createContacts,
  createOrganization,
  ensureTenant,
  saveDivision,
  searchContacts,
  searchContactsPage,
  searchOrganizations,
  updateContact,
} from "../src";
import { keywordsFilter } from "../src/contacts/service";
import { exactTermFilters, fuzzyKeywords } from "../src/shared/search";
import { withTestTenant } from "./helpers";

const tenant = withTestTenant();
const names = (page: { entities: { firstName: string | null; lastName: string | null }[] }) =>
  page.entities.map((c) => `${c.firstName} ${c.lastName}`);

describe("typo-tolerant q search", () => {
  it("finds names despite typos, ranked, while accents and case still fold and exact matches win", async () => {
    const t = tenant();
    await createContact(t.admin, {
      firstName: "John",
      lastName: "Smith",
      emails: [{ type: "work", address: "js@example.com" }],
    });
    await createContact(t.admin, { firstName: "Joanna", lastName: "Smart" });
    await createContact(t.admin, { firstName: "José", lastName: "Núñez" });
    await createContact(t.admin, { firstName: "Zed", lastName: "Unrelated" });

    expect(names(await searchContacts(t.admin, { q: "Jonh Smiht" }))).toEqual(["John Smith"]);
    expect(names(await searchContacts(t.admin, { q: "jon smiht" }))[0]).toBe("John Smith");
    expect(names(await searchContacts(t.admin, { q: "JOHN smith" }))).toEqual(["John Smith"]);
    expect(names(await searchContacts(t.admin, { q: "jose nunez" }))).toEqual(["José Núñez"]);
    expect(names(await searchContacts(t.admin, { q: "JÖSÉ" }))).toEqual(["José Núñez"]);
    expect(names(await searchContacts(t.admin, { q: "Nunex" }))).toEqual(["José Núñez"]);
    // An exact match exists, so no near matches are added: Smart is not a Smith.
    expect(names(await searchContacts(t.admin, { q: "smith" }))).toEqual(["John Smith"]);
    // Phone digits and emails stay exact; nothing similar to nonsense is returned.
    expect((await searchContacts(t.admin, { q: "qqqxxxzzz" })).total).toBe(0);
    expect((await searchContacts(t.admin, { q: "js@exmaple.com" })).total).toBe(0);
    expect((await searchContacts(t.admin, { q: "smiht2" })).total).toBe(0);
    // A misspelt name still finds its contact next to an exact email.
    expect(names(await searchContacts(t.admin, { q: "Smiht js@example.com" }))).toEqual(["John Smith"]);
    expect(names(await searchContacts(t.admin, { q: "O'Nunez" }))).toEqual(["José Núñez"]);
    const page = await searchContacts(t.admin, {
      q: "Smiht",
      sort: { field: "firstName", direction: "asc" },
    });
    expect(names(page)).toContain("John Smith");

    await createOrganization(t.admin, { name: "Acme Corporation" });
    const orgs = await searchOrganizations(t.admin, { q: "Acme Corporatoin" });
    expect(orgs.entities.map((o) => o.name)).toEqual(["Acme Corporation"]);
  });

  it("corrects a typo to the words of every write: a new contact, a changed name, a bulk create", async () => {
    const t = tenant();
    const zebulon = await createContact(t.admin, { firstName: "Zebulon", lastName: "Quill" });
    await updateContact(t.admin, zebulon.id, { firstName: "Zebulon", lastName: "Featherstone" });
    await createContacts(t.admin, [{ firstName: "Bartholomew", lastName: "Ng" }]);
    expect(names(await searchContacts(t.admin, { q: "Feathrestone" }))).toEqual(["Zebulon Featherstone"]);
    expect(names(await searchContacts(t.admin, { q: "Bartholomeu" }))).toEqual(["Bartholomew Ng"]);
    // The old name is still a word a typo corrects to, but no contact has it any more.
    expect((await searchContacts(t.admin, { q: "Qiull" })).total).toBe(0);
  });

  it("matches the contacts of an organization by its name, together with the other terms", async () => {
    const t = tenant();
    const globex = await createOrganization(t.admin, { name: "Globex Südwerk" });
    await createContact(t.admin, { firstName: "Hank", lastName: "Scorpio", organizationId: globex.id });
    await createContact(t.admin, { firstName: "Homer", lastName: "Simpson", organizationId: globex.id });
    await createContact(t.admin, { firstName: "Globex", lastName: "Fan" });
    await createContact(t.admin, { firstName: "Hank", lastName: "Elsewhere" });

    expect(names(await searchContacts(t.admin, { q: "globex" })).sort()).toEqual([
      "Globex Fan",
      "Hank Scorpio",
      "Homer Simpson",
    ]);
    // Every term must match the contact or its organization; accents fold as everywhere.
    expect(names(await searchContacts(t.admin, { q: "hank SUDWERK" }))).toEqual(["Hank Scorpio"]);
    // Each term by the contact's text, by its organization's, or both terms by the organization's.
    expect(names(await searchContacts(t.admin, { q: "simpson globex" }))).toEqual(["Homer Simpson"]);
    expect(names(await searchContacts(t.admin, { q: "hank elsewhere" }))).toEqual(["Hank Elsewhere"]);
    expect(names(await searchContacts(t.admin, { q: "südwerk globex" })).sort()).toEqual([
      "Hank Scorpio",
      "Homer Simpson",
    ]);
    expect((await searchContacts(t.admin, { q: "hank simpson" })).total).toBe(0);
    // The same through a read without its total, and one with five terms (a statement built per call).
    expect(names(await searchContactsPage(t.admin, { q: "hank SUDWERK" }))).toEqual(["Hank Scorpio"]);
    expect(names(await searchContacts(t.admin, { q: "hank scorpio globex südwerk scor" }))).toEqual([
      "Hank Scorpio",
    ]);
  });

  it("answers a keyword search the same for every shape: its own divisions only, pages past the end, many terms", async () => {
    const t = tenant();
    const west = await saveDivision(t.admin, { name: "Prepared West" });
    for (const n of [1, 2, 3])
      await createContact(t.admin, { firstName: `Quill${n}`, lastName: "Paging Keyword Alpha Beta" });
    await createContact(t.admin, {
      firstName: "Quill4",
      lastName: "Paging Keyword Alpha Beta",
      divisionId: west.id,
    });
    const westOnly = {
      ...t.as(["*"], "West agent"),
      actor: { ...t.as(["*"]).actor, divisionIds: new Set([west.id]) },
    };
    const nowhere = { ...westOnly, actor: { ...westOnly.actor, divisionIds: new Set<string>() } };

    const all = await searchContacts(t.admin, { q: "paging keyword", pageSize: 2 });
    expect(all.total).toBe(4);
    expect(names(all)).toEqual(["Quill1 Paging Keyword Alpha Beta", "Quill2 Paging Keyword Alpha Beta"]);
    const second = await searchContacts(t.admin, { q: "paging keyword", pageSize: 2, pageNumber: 2 });
    expect(names(second)).toEqual(["Quill3 Paging Keyword Alpha Beta", "Quill4 Paging Keyword Alpha Beta"]);
    // Past the last page: no rows, and still the total.
    expect(await searchContacts(t.admin, { q: "paging keyword", pageSize: 2, pageNumber: 9 })).toMatchObject({
      entities: [],
      total: 4,
    });
    expect(names(await searchContacts(westOnly, { q: "paging keyword" }))).toEqual([
      "Quill4 Paging Keyword Alpha Beta",
    ]);
    expect((await searchContacts(nowhere, { q: "paging keyword" })).total).toBe(0);
    // Five terms take the statement built per search, four the one built once: the same answer.
    const five = await searchContacts(t.admin, { q: "paging keyword alpha beta quill" });
    const four = await searchContacts(t.admin, { q: "paging keyword alpha quill" });
    expect(five.total).toBe(4);
    expect(names(five)).toEqual(names(four));
  });

  it("serves both the exact and the typo-tolerant filters from the trigram index, never a table scan", async () => {
    const t = tenant();
    // Tenants of different sizes share the table, as in production: 200, 2,000 and 20,000 contacts.
    const sized: { tenantId: string; size: number }[] = [];
    let from = 1;
    for (const size of [200, 2_000, 20_000]) {
      const other = await ensureTenant(t.database.db, { slug: `search-${size}` });
      await t.database.db.execute(sql`
        insert into contacts (tenant_id, division_id, first_name, last_name, search_text)
        select ${other.tenantId}, ${other.homeDivisionId}, md5(g::text), md5((g * 7)::text),
               md5(g::text) || ' ' || md5((g * 7)::text)
        from generate_series(${from}::int, ${from + size - 1}::int) g`);
      from += size;
      sized.push({ tenantId: other.tenantId, size });
    }
    await t.database.db.execute(sql`analyze contacts`);
    // Each misspelt term as itself or the words like it (here "john" and "smith"), every one matched exactly.
    const typoFilters = async (tenantId: string) => {
      const ctx = { ...t.admin, tenantId };
      await createContact(ctx, { firstName: "John", lastName: "Smith" });
      const { keywords } = await fuzzyKeywords(ctx, contacts.searchText, ["jonh", "smiht"]);
      expect(keywords).toBeDefined();
      return [keywords!];
    };
    const plan = async (tenantId: string, filters: SQL[]) => {
      const query = t.database.db
        .select({ id: contacts.id })
        .from(contacts)
        .where(and(eq(contacts.tenantId, tenantId), isNull(contacts.deletedAt), ...filters));
      const rows = await t.database.db.execute<{ "QUERY PLAN": string }>(sql`explain ${query}`);
      return [...rows].map((r) => r["QUERY PLAN"]).join("\n");
    };
    const exact = exactTermFilters(contacts.searchText, ["john", "smith"]);
    for (const { tenantId, size } of sized)
      for (const filters of [await typoFilters(tenantId), exact]) {
        const text = await plan(tenantId, filters);
        expect(text, `${size} contacts`).toContain("%smith%");
        expect(text, `${size} contacts`).not.toMatch(/Seq Scan on contacts/);
        // A small tenant's rows are cheaper to filter through its tenant index (for a typo, several words
        // each); a large one's come from the trigram index.
        if (size >= 20_000)
          expect(text, `${size} contacts`).toMatch(/Bitmap Index Scan on contacts_search_trgm_idx/);
      }
    // A keyword search of several terms, each of which may also name an organization, reads the contacts with
    // every term from one trigram index scan, as a plain LIKE search would (not one term's, tested row by row).
    const large = sized.at(-1)!;
    const keywords = keywordsFilter({ ...t.admin, tenantId: large.tenantId }, ["john", "smith"]);
    const text = await plan(large.tenantId, [keywords!]);
    expect(text).toMatch(/Index Cond: .*search_text ~~ '%john%'.*search_text ~~ '%smith%'/);
  });
});
