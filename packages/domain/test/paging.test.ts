import { describe, expect, it } from "vitest";
import { createContacts, searchContactSummaries, searchContacts, searchContactsPage } from "../src";
import { withTestTenant } from "./helpers";

const tenant = withTestTenant();

describe("page-number listings", () => {
  it("report the total of all matches on every page, also past the last one", async () => {
    const t = tenant();
    await createContacts(
      t.admin,
      ["Ames", "Bates", "Cole"].map((lastName) => ({ firstName: "Pagewise", lastName })),
    );
    const page = (pageNumber: number) => searchContacts(t.admin, { q: "pagewise", pageSize: 2, pageNumber });
    const first = await page(1);
    expect(first.entities.map((c) => c.lastName)).toEqual(["Ames", "Bates"]);
    expect(first.total).toBe(3);
    expect(await page(2)).toMatchObject({ total: 3, entities: [{ lastName: "Cole" }] });
    expect(await page(5)).toMatchObject({ total: 3, entities: [] });
    expect(await searchContacts(t.admin, { q: "nobody-is-called-this" })).toMatchObject({ total: 0 });
  });

  it("read a page past the middle from the end when the total is known, with the same rows", async () => {
    const t = tenant();
    // Ties and missing titles, so the reversed order must be the exact reverse (ids break ties, nulls flip).
    await createContacts(
      t.admin,
      ["Ames", "Ames", "Bates", "Cole", "Cole", "Dunn", "Eames"].map((lastName, i) => ({
        firstName: `Backward${i % 3}`,
        lastName,
        title: i % 3 === 0 ? undefined : `Title ${i % 2}`,
      })),
    );
    const sorts = [
      undefined,
      { field: "title" as const, direction: "asc" as const },
      { field: "title" as const, direction: "desc" as const },
      { field: "firstName" as const, direction: "desc" as const },
    ];
    for (const sort of sorts)
      for (const pageNumber of [1, 2, 3, 4, 5]) {
        const params = { q: "backward", sort, pageSize: 2, pageNumber };
        const forward = await searchContactsPage(t.admin, params);
        const fromEnd = await searchContactsPage(t.admin, params, 7);
        expect(fromEnd.entities.map((c) => c.id)).toEqual(forward.entities.map((c) => c.id));
      }
  });

  it("give the same page without counting, for a client that knows the total", async () => {
    const t = tenant();
    await createContacts(
      t.admin,
      ["Dunn", "Eames", "Frey"].map((lastName) => ({ firstName: "Uncounted", lastName })),
    );
    const sort = { field: "lastName" as const, direction: "desc" as const };
    for (const pageNumber of [1, 2]) {
      const { total, ...counted } = await searchContacts(t.admin, {
        q: "uncounted",
        sort,
        pageSize: 2,
        pageNumber,
      });
      expect(total).toBe(3);
      const page = await searchContactsPage(t.admin, { q: "uncounted", sort, pageSize: 2, pageNumber });
      expect(page).toEqual(counted);
      expect(page).not.toHaveProperty("total");
    }
    // The typo-tolerant pass still applies when nothing matches exactly.
    const fuzzy = await searchContactsPage(t.admin, { q: "Uncountd", pageSize: 2 });
    expect(fuzzy.entities.length).toBe(2);
  });

  it("give a keyword page in the order asked, whether its matches spread along that order or sit together", async () => {
    const t = tenant();
    // 300 contacts: a third have the title "Spreadwide" (along every order); the last ten by first name are
    // "Zz… Clustered" (together at one end of it, past the rows a page of 5 walks before it collects).
    await createContacts(
      t.admin,
      Array.from({ length: 300 }, (_, i) => ({
        firstName: i < 10 ? `Zz${i}` : `Aa${String(i).padStart(3, "0")}`,
        lastName: i < 10 ? "Clustered" : `Other${i % 7}`,
        title: i % 3 === 0 ? "Spreadwide" : undefined,
      })),
    );
    const sorts = [
      { field: "firstName" as const, direction: "asc" as const },
      { field: "firstName" as const, direction: "desc" as const },
      { field: "title" as const, direction: "asc" as const },
    ];
    for (const q of ["spreadwide", "clustered"])
      for (const sort of sorts)
        for (const pageNumber of [1, 2, 3, 21]) {
          const params = { q, sort, pageSize: 5, pageNumber };
          // The counted page collects every match and sorts them; the uncounted one may walk the order.
          const { total: _, ...counted } = await searchContacts(t.admin, params);
          expect(await searchContactsPage(t.admin, params), `${q} ${sort.field} ${pageNumber}`).toEqual(
            counted,
          );
        }
    const clustered = await searchContactsPage(t.admin, {
      q: "clustered",
      sort: { field: "firstName", direction: "asc" },
      pageSize: 5,
    });
    expect(clustered.entities.map((c) => c.firstName)).toEqual(["Zz0", "Zz1", "Zz2", "Zz3", "Zz4"]);
  });

  it("summarize the same page for a list: names, title, type, first email and phone, in the same order", async () => {
    const t = tenant();
    await createContacts(t.admin, [
      {
        firstName: "Summary",
        lastName: "Avery",
        title: "Buyer",
        emails: [
          { type: "work", address: "first@summary.example" },
          { type: "personal", address: "second@summary.example" },
        ],
        phones: [
          { type: "cell", display: "+1 202 555 0101" },
          { type: "work", display: "+1 202 555 0102" },
        ],
      },
      { firstName: "Summary", lastName: "Blake", displayName: "Dr. Blake" },
      { firstName: "Summary", lastName: "Cruz", phones: [{ type: "cell", display: "+44 20 7946 0018" }] },
    ]);
    const params = { q: "summary", pageSize: 2 };
    const full = await searchContacts(t.admin, params);
    const summaries = await searchContactSummaries(t.admin, params);
    expect(summaries).toMatchObject({ total: 3, pageSize: 2, pageNumber: 1 });
    expect(summaries.entities).toEqual(
      full.entities.map((c) => ({
        id: c.id,
        displayName: c.displayName,
        firstName: c.firstName,
        lastName: c.lastName,
        title: c.title,
        type: c.type,
        email: c.emails[0]?.address ?? null,
        phone: c.phones[0]?.display ?? null,
        modifiedAt: c.modifiedAt,
      })),
    );
    expect(summaries.entities[0]).toMatchObject({ email: "first@summary.example", phone: "+1 202 555 0101" });
    // Uncounted, and read from the end when the total is known: the same rows, in the same order.
    const sort = { field: "lastName" as const, direction: "desc" as const };
    const last = await searchContactSummaries(
      t.admin,
      { ...params, sort, pageNumber: 2 },
      { withTotal: false, knownTotal: 3 },
    );
    expect(last.total).toBeNull();
    expect(last.entities.map((s) => s.lastName)).toEqual(["Avery"]);
    expect((await searchContactSummaries(t.admin, { q: "Sumary" })).entities).toHaveLength(3);
  });
});
