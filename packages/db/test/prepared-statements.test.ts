import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, preparedStatements, sql, tenants } from "../src";
import { createTestDatabase, type TestDatabase } from "../src/testing";

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());

/** The statements the one connection of a fresh pool has prepared after running two queries twice each. */
async function preparedAfterQuerying(prepare?: boolean): Promise<string[]> {
  const { db, close } = createDb(database.url, { max: 1, prepare });
  try {
    for (let i = 0; i < 2; i++)
      await db
        .select()
        .from(tenants)
        .where(sql`${tenants.slug} = ${`probe-${i}`}`);
    // One more, twice, in a transaction and in a savepoint.
    await db.transaction(async (tx) => {
      await tx.select().from(tenants).where(sql`${tenants.name} = ${"probe"}`);
      await tx.transaction((inner) => inner.select().from(tenants).where(sql`${tenants.name} = ${"probe"}`));
    });
    const rows = await db.execute<{ statement: string }>(sql`select statement from pg_prepared_statements`);
    return rows.map((r) => r.statement).filter((s) => s.includes('"tenants"'));
  } finally {
    await close();
  }
}

describe("prepared statements", () => {
  it("are on by default: a query is prepared once per connection and reused, in transactions too", async () => {
    expect(await preparedAfterQuerying()).toHaveLength(2);
    expect(await preparedAfterQuerying(true)).toHaveLength(2);
  });

  it("run pattern matches named on connections that plan each run for its pattern, and unnamed in transactions", async () => {
    const { db, close } = createDb(database.url, { max: 1 });
    const likeTenants = (on: Pick<typeof db, "select">, i: number) =>
      on
        .select()
        .from(tenants)
        .where(sql`${tenants.name} like ${`%${i}%`}`);
    /** The statements prepared on the connection a query goes to (a pattern match: the pattern pool's one). */
    const preparedOn = async (pool: "patterns" | "plain") => {
      const rows = await db.execute<{ statement: string; mode: string }>(
        pool === "patterns"
          ? sql`select statement, current_setting('plan_cache_mode') as mode from pg_prepared_statements
                where statement like ${'%from "tenants"%'}`
          : sql`select statement, current_setting('plan_cache_mode') as mode from pg_prepared_statements
                where position('from "tenants"' in statement) > 0`,
      );
      return rows.map((r) => ({ like: r.statement.includes('"name" like'), mode: r.mode }));
    };
    try {
      for (let i = 0; i < 8; i++) await likeTenants(db, i);
      // Parsed once; never a generic plan, whatever the pattern (a generic one cannot tell "%a%" from "%zq%").
      expect(await preparedOn("patterns")).toEqual([{ like: true, mode: "force_custom_plan" }]);
      // A transaction keeps to its one connection, where the pattern match goes unnamed.
      await db.transaction(async (tx) => {
        for (let i = 0; i < 3; i++) await likeTenants(tx, i);
      });
      expect(await preparedOn("plain")).toEqual([]);
    } finally {
      await close();
    }
  });

  it("are off with DATABASE_PREPARE=false, for PgBouncer in transaction mode", async () => {
    expect(await preparedAfterQuerying(false)).toEqual([]);
    for (const off of ["false", "FALSE", "0", "off", " no "])
      expect(preparedStatements({ DATABASE_PREPARE: off }), off).toBe(false);
    for (const on of [undefined, "", "true", "1"])
      expect(preparedStatements({ DATABASE_PREPARE: on }), on).toBe(true);
  });
});
