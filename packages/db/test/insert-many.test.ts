import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { changeSets, contacts, desc, divisions, eq, insertMany, sql, tenants } from "../src";
import { createTestDatabase, type TestDatabase } from "../src/testing";

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());

describe("insertMany", () => {
  it("inserts rows in the order given and returns them as drizzle reads them", async () => {
    const { db } = database;
    const [tenant] = await db.insert(tenants).values({ slug: "insert-many", name: "T" }).returning();
    const [division] = await db
      .insert(divisions)
      .values({ tenantId: tenant!.id, name: "Home", isHome: true })
      .returning();
    const given = ["Ada", "Grace", null, "Édith", `O"Brien \\ {x}, NULL`, "tab\there\nnew line\r\\N"].map(
      (firstName, i) => ({
        tenantId: tenant!.id,
        divisionId: division!.id,
        firstName,
        lastName: `Last ${i}`,
        extensions: { position: i, nested: { ok: true } },
        searchText: `${firstName ?? ""} last ${i}`,
      }),
    );
    const inserted = await insertMany(db, contacts, given);
    expect(inserted.map((c) => [c.firstName, c.lastName])).toEqual(
      given.map((g) => [g.firstName, g.lastName]),
    );
    const read = await db
      .select()
      .from(contacts)
      .where(eq(contacts.tenantId, tenant!.id))
      .orderBy(contacts.number);
    // Same values and types as a drizzle select: numbers, dates, JSON, defaults.
    expect(inserted).toEqual(read);
    expect(inserted[0]).toMatchObject({
      type: "Curated",
      version: 1,
      extensions: { position: 0, nested: { ok: true } },
    });
    expect(inserted[0]!.createdAt).toBeInstanceOf(Date);
    expect(typeof inserted[0]!.number).toBe("number");

    const [change] = await insertMany(db, changeSets, [
      {
        tenantId: tenant!.id,
        entityType: "contact",
        entityId: inserted[0]!.id,
        action: "create",
        actorKind: "system",
        actorId: "test",
        actorName: null,
        changes: [{ path: "firstName", old: null, new: 'Ada\t\\ "x"' }],
      },
    ]);
    expect(change!.changes).toEqual([{ path: "firstName", old: null, new: 'Ada\t\\ "x"' }]);

    // Array columns, and a write that does not read its rows back.
    const merged = [inserted[1]!.id, inserted[2]!.id];
    const count = (await db.select().from(contacts).where(eq(contacts.tenantId, tenant!.id))).length;
    expect(count).toBe(given.length);
    expect(
      await insertMany(
        db,
        contacts,
        [{ tenantId: tenant!.id, divisionId: division!.id, mergedFrom: merged }],
        { returning: false },
      ),
    ).toBeUndefined();
    const [withArray] = await db
      .select()
      .from(contacts)
      .where(eq(contacts.tenantId, tenant!.id))
      .orderBy(desc(contacts.number))
      .limit(1);
    expect(withArray!.mergedFrom).toEqual(merged);
    expect(await insertMany(db, contacts, [])).toEqual([]);

    // A write that returns nothing: its statement's triggers still run.
    await db.transaction((tx) =>
      insertMany(
        tx,
        contacts,
        [{ tenantId: tenant!.id, divisionId: division!.id, searchText: "zebrafinch" }],
        { returning: false },
      ),
    );
    const words = await db.execute(
      sql`select word from search_words where tenant_id = ${tenant!.id} and word like 'zebrafinch%'`,
    );
    expect([...words].map((w) => (w as { word: string }).word)).toEqual(["zebrafinch"]);
  });
});
