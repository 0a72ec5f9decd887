import { describe, expect, it } from "vitest";
import { useMigrationDatabase } from "./migration-database";

// Migration 0035 on organizations written before it: their `websites` become web contact points (after the web
// points they had, each url once, in order) and the column holds every web point's url.
const BEFORE = "0034_dfs_details_change_requests_verification";

const { sql, migrateUpTo } = useMigrationDatabase("org_websites");

describe("organization websites migration", () => {
  it("carries websites over to web points and caches every web url", async () => {
    await migrateUpTo(BEFORE);
    const [t] = await sql<{ id: string }[]>`insert into tenants (name, slug) values ('w', 'w') returning id`;
    const tenant = t!.id;
    const [d] = await sql<{ id: string }[]>`
      insert into divisions (tenant_id, name, is_home) values (${tenant}, 'Home', true) returning id`;
    const orgs: Record<string, string> = {};
    for (const [name, websites] of [
      ["plain", ["https://a.example", "b.example", "https://a.example"]],
      ["mixed", ["https://shared.example", "https://new.example"]],
      ["none", null],
    ] as const) {
      const [o] = await sql<{ id: string }[]>`
        insert into organizations (tenant_id, division_id, name, websites)
        values (${tenant}, ${d!.id}, ${name}, ${websites as string[] | null}) returning id`;
      orgs[name] = o!.id;
    }
    // An enfore web address the organization already had, one of its websites among them.
    for (const [url, position] of [
      ["https://blog.example", 0],
      ["https://shared.example", 1],
    ] as const)
      await sql`
        insert into contact_points (tenant_id, owner_kind, owner_id, kind, type, value, details, vendor_type, position)
        values (${tenant}, 'organization', ${orgs.mixed!}, 'web', 'blog', ${url}, ${sql.json({ url })},
                'ORGANIZATION_BLOG', ${position})`;

    await migrateUpTo();

    const points = async (name: string) =>
      sql<{ type: string; value: string; vendor_type: string | null }[]>`
        select type, value, vendor_type from contact_points
        where owner_kind = 'organization' and owner_id = ${orgs[name]!} and kind = 'web' order by position`;
    const websites = async (name: string) =>
      (
        await sql<
          { websites: string[] | null }[]
        >`select websites from organizations where id = ${orgs[name]!}`
      )[0]!.websites;
    expect(await points("plain")).toEqual([
      { type: "website", value: "https://a.example", vendor_type: null },
      { type: "website", value: "b.example", vendor_type: null },
    ]);
    expect(await websites("plain")).toEqual(["https://a.example", "b.example"]);
    expect((await points("mixed")).map((p) => p.value)).toEqual([
      "https://blog.example",
      "https://shared.example",
      "https://new.example",
    ]);
    expect(await websites("mixed")).toEqual([
      "https://blog.example",
      "https://shared.example",
      "https://new.example",
    ]);
    expect(await points("none")).toEqual([]);
    expect(await websites("none")).toBeNull();
  });
});
