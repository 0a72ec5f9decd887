import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../src/testing";

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());

describe("migrated test database", () => {
  it("has the extensions search depends on", async () => {
    const rows = await database.client<{ extname: string }[]>`select extname from pg_extension order by 1`;
    expect(rows.map((r) => r.extname)).toEqual(expect.arrayContaining(["btree_gin", "pg_trgm", "unaccent"]));
  });

  it("leads every index with tenant_id, except the documented global lookups", async () => {
    const rows = await database.client<{ indexname: string; indexdef: string }[]>`
      select indexname, indexdef from pg_indexes where schemaname = 'public'`;
    // Tokens, client ids and sign-in emails are looked up before any tenant is known; tenants, heartbeats and
    // rate limits are not tenant data.
    const global = new Set([
      "api_clients_client_id_uq",
      "api_tokens_token_uq",
      "member_sessions_token_uq",
      "members_email_idx",
      "rate_limits_pkey",
      "tenants_pkey",
      "tenants_slug_unique",
      "worker_heartbeats_pkey",
    ]);
    const offenders = rows.filter((r) => !global.has(r.indexname) && !/\("?tenant_id"?[,)]/.test(r.indexdef));
    expect(offenders).toEqual([]);
  });
});

describe("members", () => {
  it("may share an email across tenants, but not (in any letter case) within one", async () => {
    const sql = database.client;
    const [a, b] = await sql<{ id: string }[]>`
      insert into tenants (name, slug) values ('A', 'email-a'), ('B', 'email-b') returning id`;
    const member = (tenantId: string, email: string) => sql`
      insert into members (tenant_id, email, name, password_hash) values (${tenantId}, ${email}, 'M', 'x')`;
    await member(a!.id, "same@example.com");
    await member(b!.id, "same@example.com");
    await expect(member(a!.id, "Same@Example.com")).rejects.toMatchObject({
      constraint_name: "members_tenant_email_uq",
    });
  });
});
