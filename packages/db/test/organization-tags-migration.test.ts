import { describe, expect, it } from "vitest";
import { useMigrationDatabase } from "./migration-database";

// The profile tables' migration on a database holding organizations with `tags` arrays: the arrays become the
// tenant's tags and their assignments, in the same order, and the column goes.
const BEFORE = "0026_professional_identities";

const { sql, migrateUpTo } = useMigrationDatabase("org_tags");

describe("organization tags migration", () => {
  it("carries every organization's tags over to tag assignments, in order, one tag per tenant and name", async () => {
    await migrateUpTo(BEFORE);
    const tenants: string[] = [];
    const orgs: Record<string, string> = {};
    for (const slug of ["a", "b"]) {
      const [t] = await sql<{ id: string }[]>`
        insert into tenants (name, slug) values (${slug}, ${slug}) returning id`;
      const tenant = t!.id;
      const [d] = await sql<{ id: string }[]>`
        insert into divisions (tenant_id, name, is_home) values (${tenant}, 'Home', true) returning id`;
      const division = d!.id;
      tenants.push(tenant);
      const rows: [string, string[] | null][] = [
        [`${slug}-one`, ["VIP", "key", "VIP"]],
        [`${slug}-two`, ["key", "vip"]],
        [`${slug}-none`, null],
        [`${slug}-empty`, []],
      ];
      for (const [orgName, tags] of rows) {
        const [o] = await sql<{ id: string }[]>`
          insert into organizations (tenant_id, division_id, name, tags)
          values (${tenant}, ${division}, ${orgName}, ${tags}) returning id`;
        orgs[orgName] = o!.id;
      }
    }

    await migrateUpTo();

    const tagsOf = async (orgName: string) =>
      (
        await sql<{ name: string }[]>`
          select t.name from tag_assignments a join tags t on t.tenant_id = a.tenant_id and t.id = a.tag_id
          where a.owner_kind = 'organization' and a.owner_id = ${orgs[orgName]!} order by a.position`
      ).map((r) => r.name);
    expect(await tagsOf("a-one")).toEqual(["VIP", "key"]);
    expect(await tagsOf("a-two")).toEqual(["key", "vip"]);
    expect(await tagsOf("b-one")).toEqual(["VIP", "key"]);
    expect(await tagsOf("a-none")).toEqual([]);
    expect(await tagsOf("a-empty")).toEqual([]);
    for (const tenant of tenants) {
      const names = await sql<{ name: string }[]>`select name from tags where tenant_id = ${tenant}`;
      expect(names.map((r) => r.name).sort()).toEqual(["VIP", "key", "vip"]);
    }
    const [column] = await sql`
      select 1 from information_schema.columns where table_name = 'organizations' and column_name = 'tags'`;
    expect(column).toBeUndefined();
  });
});
