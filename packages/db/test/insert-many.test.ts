import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  changeSets,
  contacts,
  copyEncoder,
  copyLines,
  desc,
  divisions,
  eq,
  insertMany,
  sql,
  tenants,
} from "../src";
import { createTestDatabase, type TestDatabase } from "../src/testing";

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());

describe.each([
  { via: "a JSON document", copy: false },
  { via: "COPY into a staging table", copy: true },
])("insertMany through $via", ({ copy }) => {
  it("inserts rows in the order given and returns them as drizzle reads them", async () => {
    const { db } = database;
    const [tenant] = await db
      .insert(tenants)
      .values({ slug: `insert-many-${copy}`, name: "T" })
      .returning();
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
    const inserted = await insertMany(db, contacts, given, { copy });
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

    const [change] = await insertMany(
      db,
      changeSets,
      [
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
      ],
      { copy },
    );
    expect(change!.changes).toEqual([{ path: "firstName", old: null, new: 'Ada\t\\ "x"' }]);

    // Array columns, and a write that does not read its rows back.
    const merged = [inserted[1]!.id, inserted[2]!.id];
    // Also several batches of one table in one transaction (an import batch stages each write).
    // and the same statements again in later transactions, their staging table made anew each time.
    if (copy)
      for (let round = 0; round < 3; round++)
        await db.transaction(async (tx) => {
          await insertMany(tx, contacts, [given[0]!], { copy, returning: false });
          await insertMany(tx, contacts, [given[1]!, given[2]!], { copy, returning: false });
        });
    const count = (await db.select().from(contacts).where(eq(contacts.tenantId, tenant!.id))).length;
    expect(count).toBe(given.length + (copy ? 9 : 0));
    expect(
      await insertMany(
        db,
        contacts,
        [{ tenantId: tenant!.id, divisionId: division!.id, mergedFrom: merged }],
        { returning: false, copy },
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

    // A write that returns nothing COPYs straight into the table: its statement's triggers still run.
    await db.transaction((tx) =>
      insertMany(
        tx,
        contacts,
        [{ tenantId: tenant!.id, divisionId: division!.id, searchText: `zebrafinch${copy}` }],
        { returning: false, copy },
      ),
    );
    const words = await db.execute(
      sql`select word from search_words where tenant_id = ${tenant!.id} and word like 'zebrafinch%'`,
    );
    expect([...words].map((w) => (w as { word: string }).word)).toEqual([`zebrafinch${copy}`]);
  });
});

describe("copyEncoder and copyLines", () => {
  it("write rows encoded ahead of the statement as insertMany would, a column added to each line", async () => {
    const { db } = database;
    const [tenant] = await db.insert(tenants).values({ slug: "copy-encoder", name: "T" }).returning();
    const [division] = await db
      .insert(divisions)
      .values({ tenantId: tenant!.id, name: "Home", isHome: true })
      .returning();
    const encoder = copyEncoder(contacts, [
      "tenantId",
      "divisionId",
      "firstName",
      "extensions",
      "mergedFrom",
    ]);
    const given = [
      { firstName: "tab\there\nnew line\r\\N", extensions: { quote: 'say "\\t"' }, mergedFrom: null },
      { firstName: null, extensions: {}, mergedFrom: [crypto.randomUUID()] },
    ];
    const lines = given.map(
      (g, i) => `${encoder.line({ tenantId: tenant!.id, divisionId: division!.id, ...g })}\t${900 + i}\n`,
    );
    await db.transaction((tx) => copyLines(tx, contacts, [...encoder.columns, "number"], lines));
    const read = await db
      .select()
      .from(contacts)
      .where(eq(contacts.tenantId, tenant!.id))
      .orderBy(contacts.number);
    expect(
      read.map((r) => ({ firstName: r.firstName, extensions: r.extensions, mergedFrom: r.mergedFrom })),
    ).toEqual(given);
    expect(read.map((r) => r.number)).toEqual([900, 901]);
    expect(() => encoder.line({ tenantId: tenant!.id } as never)).toThrow(/every row must set divisionId/);
  });
});
