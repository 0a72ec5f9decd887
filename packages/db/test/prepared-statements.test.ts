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

  it("leave pattern matches unnamed, so each is planned for its pattern, never by a generic plan", async () => {
    const { db, close } = createDb(database.url, { max: 1 });
    try {
      for (let i = 0; i < 8; i++)
        await db
          .select()
          .from(tenants)
          .where(sql`${tenants.name} like ${`%${i}%`}`);
      const rows = await db.execute<{ statement: string }>(sql`select statement from pg_prepared_statements`);
      expect(rows.filter((r) => r.statement.includes("like"))).toEqual([]);
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
