import { describe, expect, it } from "vitest";
import { useMigrationDatabase } from "./migration-database";

// Migration 0025 on a database holding records from before it, then the numbering it leaves in place.
const BEFORE = "0024_member_tokens_principal_notify";
const INT32_MAX = 2_147_483_647;

const { sql, migrateUpTo } = useMigrationDatabase("numbers");

type Numbered = { tenant: string; name: string; number: number };

describe("record numbers", () => {
  let tenants: { id: string }[] = [];
  const tenant = (i: number) => tenants[i]!;

  it("numbers the records that existed before, per tenant in creation order, from 1", async () => {
    await migrateUpTo(BEFORE);
    tenants = await sql<
      { id: string }[]
    >`insert into tenants (name, slug) values ('A', 'a'), ('B', 'b') returning id`;
    const [a, b] = [tenant(0), tenant(1)];
    const [division] =
      await sql`insert into divisions (tenant_id, name, is_home) values (${a.id}, 'Home', true), (${b.id}, 'Home', true) returning id`;
    const [divisionB] = await sql`select id from divisions where tenant_id = ${b.id}`;
    // Interleaved across tenants, and inserted in an order other than their creation times.
    const contact = (tenant: string, divisionId: string, first: string, createdAt: string) => sql`
      insert into contacts (tenant_id, division_id, first_name, created_at)
      values (${tenant}, ${divisionId}, ${first}, ${createdAt})`;
    await contact(a.id, division!.id, "a-second", "2024-01-02");
    await contact(b.id, divisionB!.id, "b-first", "2024-01-01");
    await contact(a.id, division!.id, "a-first", "2024-01-01");
    await contact(a.id, division!.id, "a-third", "2024-01-03");
    await sql`insert into organizations (tenant_id, division_id, name) values (${b.id}, ${divisionB!.id}, 'b-org')`;
    for (const [tenant, who] of [
      [a.id, "a-m1"],
      [b.id, "b-m1"],
      [a.id, "a-m2"],
    ] as const) {
      await sql`insert into members (tenant_id, email, name, password_hash) values (${tenant}, ${`${who}@x.test`}, ${who}, 'x')`;
      await sql`insert into api_clients (tenant_id, client_id, name, secret_hash) values (${tenant}, ${who}, ${who}, 'x')`;
    }

    await migrateUpTo();

    const numbered = (table: string, column: string) =>
      sql<Numbered[]>`select t.slug as tenant, r.${sql(column)} as name, r.number
        from ${sql(table)} r join tenants t on t.id = r.tenant_id order by t.slug, r.number`;
    expect(await numbered("contacts", "first_name")).toEqual([
      { tenant: "a", name: "a-first", number: 1 },
      { tenant: "a", name: "a-second", number: 2 },
      { tenant: "a", name: "a-third", number: 3 },
      { tenant: "b", name: "b-first", number: 1 },
    ]);
    expect(await numbered("organizations", "name")).toEqual([{ tenant: "b", name: "b-org", number: 1 }]);
    expect(await numbered("members", "name")).toEqual([
      { tenant: "a", name: "a-m1", number: 1 },
      { tenant: "a", name: "a-m2", number: 2 },
      { tenant: "b", name: "b-m1", number: 1 },
    ]);
    expect((await numbered("api_clients", "name")).map((r) => r.number)).toEqual([1, 2, 1]);
    const [type] = await sql`select data_type from information_schema.columns
      where table_name = 'contacts' and column_name = 'number'`;
    expect(type!.data_type).toBe("integer");
  });

  it("numbers new records after the existing ones, one tenant apart from another", async () => {
    const [a, b] = [tenant(0), tenant(1)];
    const [division] = await sql`select id from divisions where tenant_id = ${a.id}`;
    const [created] = await sql<{ number: number }[]>`
      insert into contacts (tenant_id, division_id, first_name) values (${a.id}, ${division!.id}, 'new') returning number`;
    expect(created!.number).toBe(4);
    const [member] = await sql<{ number: number }[]>`
      insert into members (tenant_id, email, name, password_hash) values (${b.id}, 'new@x.test', 'n', 'x') returning number`;
    expect(member!.number).toBe(2);
  });

  it("never gives a number again, even after the record that had it is deleted", async () => {
    const a = tenant(0);
    await sql`delete from members where tenant_id = ${a.id} and number = 2`;
    const [member] = await sql<{ number: number }[]>`
      insert into members (tenant_id, email, name, password_hash) values (${a.id}, 'again@x.test', 'n', 'x') returning number`;
    expect(member!.number).toBe(3);
  });

  it("numbers a large raw insert in blocks, each row once", async () => {
    const b = tenant(1);
    const [division] = await sql`select id from divisions where tenant_id = ${b.id}`;
    const started = performance.now();
    await sql`insert into contacts (tenant_id, division_id, first_name)
      select ${b.id}, ${division!.id}, 'bulk ' || g from generate_series(1, 30000) g`;
    console.log(`30,000 contacts numbered by the trigger in ${Math.round(performance.now() - started)} ms`);
    const [stats] = await sql<{ count: number; distinct: number; min: number; max: number }[]>`
      select count(*)::int as count, count(distinct number)::int as distinct, min(number) as min, max(number) as max
      from contacts where tenant_id = ${b.id} and first_name like 'bulk %'`;
    expect(stats).toMatchObject({ count: 30000, distinct: 30000, min: 2 });
    // Blocks double up to 1024: at most the rest of the last block is left unused.
    expect(stats!.max).toBeLessThan(2 + 30000 + 1024);
  });

  it("lets a tenant's creates go on while another transaction that took a number is still open", async () => {
    const a = tenant(0);
    const [division] = await sql`select id from divisions where tenant_id = ${a.id}`;
    let inserted!: () => void;
    let release!: () => void;
    const insertedOpen = new Promise<void>((resolve) => (inserted = resolve));
    const released = new Promise<void>((resolve) => (release = resolve));
    const open = sql.begin(async (tx) => {
      await tx`insert into contacts (tenant_id, division_id, first_name) values (${a.id}, ${division!.id}, 'open')`;
      inserted();
      await released;
    });
    await insertedOpen;
    // With a counter row locked until commit, this insert waited for the open transaction (forever, here).
    const other = sql<{ number: number }[]>`
      insert into contacts (tenant_id, division_id, first_name) values (${a.id}, ${division!.id}, 'other') returning number`;
    const timeout = new Promise<never>((_, reject) => setTimeout(() => reject(new Error("waited")), 3000));
    try {
      const [row] = await Promise.race([other, timeout]);
      expect(row!.number).toBeGreaterThan(0);
    } finally {
      release();
      await open;
      await other.catch(() => {});
    }
  });

  it("refuses a number past int32", async () => {
    const a = tenant(0);
    await sql`select setval(record_number_sequence(${a.id}, 'apiClient'), ${INT32_MAX})`;
    await expect(
      sql`insert into api_clients (tenant_id, client_id, name, secret_hash) values (${a.id}, 'past', 'p', 'x')`,
    ).rejects.toThrow(/maximum value/);
  });

  it("keeps numbers unique per tenant: a number given twice is refused", async () => {
    const a = tenant(0);
    const [division] = await sql`select id from divisions where tenant_id = ${a.id}`;
    await expect(
      sql`insert into contacts (tenant_id, division_id, number) values (${a.id}, ${division!.id}, 1)`,
    ).rejects.toMatchObject({ constraint_name: "contacts_number_uq" });
  });
});
