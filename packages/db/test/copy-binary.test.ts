import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  asc,
  contactPoints,
  contacts,
  copyBinary,
  copyEncoder,
  divisions,
  type Executor,
  eq,
  int4Field,
  sql,
  tenants,
} from "../src";
import { createTestDatabase, type TestDatabase } from "../src/testing";

let database: TestDatabase;
let tenantId: string;
let divisionId: string;
beforeAll(async () => {
  database = await createTestDatabase();
  const [tenant] = await database.db.insert(tenants).values({ slug: "copy-binary", name: "T" }).returning();
  const [division] = await database.db
    .insert(divisions)
    .values({ tenantId: tenant!.id, name: "Home", isHome: true })
    .returning();
  tenantId = tenant!.id;
  divisionId = division!.id;
});
afterAll(() => database.close());

const CONTACT = copyEncoder(
  contacts,
  [
    "tenantId",
    "id",
    "divisionId",
    "firstName",
    "lastName",
    "dateOfBirth",
    "anniversary",
    "surveyOptOut",
    "schemaVersion",
    "customFields",
    "extensions",
    "searchText",
  ],
  ["number"],
);
const POINT = copyEncoder(contactPoints, [
  "tenantId",
  "id",
  "ownerKind",
  "ownerId",
  "kind",
  "type",
  "value",
  "details",
  "position",
  "usages",
]);

type ContactRow = Parameters<typeof CONTACT.row>[0];
const contact = (fields: Partial<ContactRow>): ContactRow => ({
  tenantId,
  id: crypto.randomUUID(),
  divisionId,
  firstName: null,
  lastName: null,
  dateOfBirth: null,
  anniversary: null,
  surveyOptOut: null,
  schemaVersion: null,
  customFields: null,
  extensions: {},
  searchText: "",
  ...fields,
});

const randomLetter = () => String.fromCharCode(97 + Math.floor(Math.random() * 26));

let nextNumber = 1000;
/** COPYs contacts encoded by `CONTACT`, numbered from `nextNumber`, and returns them as drizzle reads them. */
async function copyContacts(rows: ContactRow[], db: Executor = database.db) {
  const first = nextNumber;
  nextNumber += rows.length;
  const encoded = rows.map((r) => CONTACT.row(r));
  await db.transaction((tx) =>
    copyBinary(
      tx,
      contacts,
      CONTACT.columns,
      encoded.flatMap((row, i) => [row, int4Field(first + i)]),
    ),
  );
  const ids = new Set(rows.map((r) => r.id));
  const read = await database.db
    .select()
    .from(contacts)
    .where(eq(contacts.tenantId, tenantId))
    .orderBy(asc(contacts.number));
  return read.filter((r) => ids.has(r.id!));
}

describe("copyEncoder and copyBinary", () => {
  it("write each type as PostgreSQL reads it back, with the trailing number given at write time", async () => {
    const given = [
      contact({
        firstName: "Édith 😀 tab\there\nnew line\r\\N",
        lastName: `O"Brien \\ {x}, NULL`,
        dateOfBirth: "1899-12-31",
        anniversary: "2000-02-29",
        surveyOptOut: true,
        schemaVersion: -7,
        customFields: { quote: 'say "\\t"', umlaut: "ü", list: [1, null, { deep: true }] },
        extensions: { empty: {} },
        searchText: "édith o'brien",
      }),
      contact({
        dateOfBirth: "0099-01-01",
        anniversary: "2000-01-01",
        surveyOptOut: false,
        schemaVersion: 0,
      }),
      contact({}),
    ];
    const read = await copyContacts(given);
    expect(read.map((r) => r.number)).toEqual([nextNumber - 3, nextNumber - 2, nextNumber - 1]);
    expect(read.map(({ number: _n, createdAt: _c, modifiedAt: _m, ...rest }) => rest)).toMatchObject(given);

    // The table's statement triggers run: the search text's words are kept for typo-tolerant search.
    const words = await database.db.execute<{ word: string }>(
      sql`select word from search_words where tenant_id = ${tenantId} and word in ('édith', 'o''brien')`,
    );
    expect([...words].map((w) => w.word).sort()).toEqual(["o'brien", "édith"]);

    const owner = given[0]!.id as string;
    const points = [
      { usages: [] as string[], details: {} },
      // A null element: the column's type says string[], PostgreSQL's text[] takes it.
      {
        usages: ["work", null as unknown as string, "ünï\tcode"],
        details: { display: "+1 503-226-7348", acceptsSms: false },
      },
      { usages: null, details: { line1: "Straße 1\n2. OG" } },
    ].map((p, position) => ({
      tenantId,
      id: crypto.randomUUID(),
      ownerKind: "contact" as const,
      ownerId: owner,
      kind: "phone" as const,
      type: "work",
      value: `+1503226734${position}`,
      position,
      ...p,
    }));
    await database.db.transaction((tx) =>
      copyBinary(
        tx,
        contactPoints,
        POINT.columns,
        points.map((p) => POINT.row(p)),
      ),
    );
    const readPoints = await database.db
      .select()
      .from(contactPoints)
      .where(eq(contactPoints.ownerId, owner))
      .orderBy(asc(contactPoints.position));
    expect(readPoints).toMatchObject(points.map(({ usages: _u, ...rest }) => rest));
    // As JSON: drizzle reads a null element of a text[] as the string "NULL".
    const usages = await database.db.execute<{ usages: unknown }>(
      sql`select to_jsonb(usages) as usages from contact_points where owner_id = ${owner} order by position`,
    );
    expect([...usages].map((u) => u.usages)).toEqual(points.map((p) => p.usages));
  });

  it("write rows larger than a slab, and many rows across slabs", async () => {
    // In a column no index holds: an index entry is limited to a third of a page.
    const large = [
      contact({ customFields: { text: "x".repeat(1_500_000) } }),
      contact({ firstName: "Large", customFields: { text: "é".repeat(700_000), more: "ß".repeat(300_000) } }),
    ];
    const many = Array.from({ length: 5000 }, (_, i) => contact({ lastName: `Many ${i} ☃` }));
    const read = await copyContacts([...large, ...many]);
    expect(read.map((r) => [r.firstName, r.lastName, r.customFields])).toEqual(
      [...large, ...many].map((r) => [r.firstName, r.lastName, r.customFields]),
    );
  });

  it("refuse a value of the wrong form, and the next row is written whole", async () => {
    expect(() => CONTACT.row({ ...contact({}), id: "not-a-uuid" })).toThrow(/contacts.id takes a uuid/);
    expect(() => CONTACT.row({ ...contact({}), divisionId: undefined as never })).toThrow(
      /every row must set divisionId/,
    );
    expect(() => CONTACT.row(contact({ dateOfBirth: "2021-02-30" }))).toThrow(/takes a date/);
    expect(() => CONTACT.row(contact({ schemaVersion: 2 ** 31 }))).toThrow(/takes an int4/);
    expect(() => CONTACT.row(contact({ surveyOptOut: "yes" as never }))).toThrow(/takes a boolean/);
    const [read] = await copyContacts([contact({ firstName: "After refusals" })]);
    expect(read!.firstName).toBe("After refusals");
  });

  it("fail with the server's error when PostgreSQL refuses a row, writing none of them", async () => {
    const before = await database.db.$count(contacts);
    // Too long for the name sort index, and not compressible to fit: refused mid-COPY.
    const refused = contact({ firstName: Array.from({ length: 3000 }, () => randomLetter()).join("") });
    await expect(
      copyContacts([
        contact({ firstName: "Before" }),
        refused,
        ...Array.from({ length: 2000 }, () => contact({})),
      ]),
    ).rejects.toThrow(/index row size/);
    expect(await database.db.$count(contacts)).toBe(before);
  });

  it("refuse, when it is made, a column it cannot encode", () => {
    expect(() => copyEncoder(contacts, ["tenantId", "mergedFrom"])).toThrow(
      /merged_from .* no binary encoding/,
    );
    expect(() => copyEncoder(contacts, ["tenantId", "createdAt"])).toThrow(
      /created_at .* no binary encoding/,
    );
  });
});
