import { describe, expect, it } from "vitest";
import { useMigrationDatabase } from "./migration-database";

// Migration 0036 on contacts written before it: a word of digits that repeats an earlier one or that another
// word of digits holds (a phone typed beside its E.164 digits) leaves the search text; other words stay, in order.
const BEFORE = "0035_organization_websites_as_web_points";

const { sql, migrateUpTo } = useMigrationDatabase("search_text_numbers");

describe("search text numbers migration", () => {
  it("keeps each number once in stored search texts, and the search words of later writes", async () => {
    await migrateUpTo(BEFORE);
    const [t] = await sql<{ id: string }[]>`insert into tenants (name, slug) values ('s', 's') returning id`;
    const tenant = t!.id;
    const [d] = await sql<{ id: string }[]>`
      insert into divisions (tenant_id, name, is_home) values (${tenant}, 'Home', true) returning id`;
    const texts = [
      "ann lee agent 007 ann@example.com 15032267348 15032267348 13122618634 3122618634 442079460958 4402079460958",
      "bo li 12",
      "",
    ];
    for (const text of texts)
      await sql`insert into contacts (tenant_id, division_id, first_name, search_text)
                values (${tenant}, ${d!.id}, 'x', ${text})`;

    await migrateUpTo();

    const stored = await sql<{ search_text: string }[]>`select search_text from contacts order by number`;
    expect(stored.map((r) => r.search_text)).toEqual([
      "ann lee agent 007 ann@example.com 15032267348 13122618634 442079460958 4402079460958",
      "bo li 12",
      "",
    ]);
    // The search words trigger still keeps the words a typo can be corrected to, and only those.
    await sql`insert into contacts (tenant_id, division_id, search_text)
              values (${tenant}, ${d!.id}, 'zebulon featherstone z@q.example 15550100199 ab')`;
    const words = await sql<{ word: string }[]>`
      select word from search_words where tenant_id = ${tenant} order by word`;
    expect(words.map((w) => w.word)).toEqual(expect.arrayContaining(["featherstone", "zebulon"]));
    expect(words.map((w) => w.word)).not.toContain("ab");
    expect(words.map((w) => w.word)).not.toContain("z@q.example");
  });
});
