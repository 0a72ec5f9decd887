import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  evaluateFilter,
  type Filter,
  FilterSyntaxError,
  LEAF_OPERATORS,
  type LeafOperator,
  parseExportQuery,
  printExportQuery,
  type Scalar,
} from "../src/dfs-transfer/filter";

const SEED_CONTACTS =
  'query { contacts( where: { and: [{ personalInformation: { displayName: { contains: "Shannon" } } }] } ) { items { } } }';
const SEED_LEGAL =
  'query { legalentities( where: { and: [{ details: { name: { contains: "Globales" } } }] } ) { items { id } } }';

describe("parseExportQuery", () => {
  it("reads the reference's two samples", () => {
    expect(parseExportQuery(SEED_CONTACTS, "contacts")).toEqual({
      root: "contacts",
      where: {
        kind: "and",
        of: [
          { kind: "leaf", path: ["personalInformation", "displayName"], op: "contains", value: "Shannon" },
        ],
      },
    });
    expect(parseExportQuery(SEED_LEGAL, "legalentities").where).toEqual({
      kind: "and",
      of: [{ kind: "leaf", path: ["details", "name"], op: "contains", value: "Globales" }],
    });
  });

  it("reads every leaf operator, or, nesting under a path, implicit and, commas and comments", () => {
    const q = parseExportQuery(
      `# all the Smiths born after 1980, or in Zurich
      {
        contacts(where: {
          or: [
            { personalInformation: { lastName: { eq: "Smith" }, dateOfBirth: { gte: "1980-01-01" } } },
            { addresses: { primaryAddress: { city: { in: ["Zurich", "Zürich", null] } } } },
            { personalInformation: { or: [{ title: { neq: null } }, { firstName: { startsWith: "A\\u00e9\\n" } }] } },
            { n: { gt: 1, lt: 2.5e3 }, m: { endsWith: "x", lte: "z" } }
          ]
        }) { items { id personalInformation { firstName } } }
      }`,
      "contacts",
    );
    expect(q.where).toEqual({
      kind: "or",
      of: [
        {
          kind: "and",
          of: [
            { kind: "leaf", path: ["personalInformation", "lastName"], op: "eq", value: "Smith" },
            { kind: "leaf", path: ["personalInformation", "dateOfBirth"], op: "gte", value: "1980-01-01" },
          ],
        },
        {
          kind: "leaf",
          path: ["addresses", "primaryAddress", "city"],
          op: "in",
          value: ["Zurich", "Zürich", null],
        },
        {
          kind: "or",
          of: [
            { kind: "leaf", path: ["personalInformation", "title"], op: "neq", value: null },
            { kind: "leaf", path: ["personalInformation", "firstName"], op: "startsWith", value: "Aé\n" },
          ],
        },
        {
          kind: "and",
          of: [
            {
              kind: "and",
              of: [
                { kind: "leaf", path: ["n"], op: "gt", value: 1 },
                { kind: "leaf", path: ["n"], op: "lt", value: 2500 },
              ],
            },
            {
              kind: "and",
              of: [
                { kind: "leaf", path: ["m"], op: "endsWith", value: "x" },
                { kind: "leaf", path: ["m"], op: "lte", value: "z" },
              ],
            },
          ],
        },
      ],
    });
  });

  it("without a where argument exports everything", () => {
    expect(parseExportQuery("query { contacts { items { id } } }", "contacts")).toEqual({
      root: "contacts",
      where: null,
    });
    expect(parseExportQuery("{ legalEntities { items { id } } }", "legalentities").where).toBeNull();
  });

  it.each([
    ["", "expected"],
    [
      "query { contacts(where: { personalInformation: { displayName: { contains: Shannon } } }) }",
      "quote strings",
    ],
    ["query { contacts(where: { and: { a: { eq: 1 } } }) { items { id } } }", '"and" takes a list'],
    ['query { contacts(where: { contains: "x" }) { items { id } } }', "needs a field"],
    ["query { contacts(where: { a: { contains: 1 } }) { items { id } } }", '"contains" takes a string'],
    ['query { contacts(where: { a: { in: "x" } }) { items { id } } }', '"in" takes a list'],
    ["query { contacts(where: { a: { gt: true } }) { items { id } } }", "string or a number"],
    ['query { contacts(where: { a: { eq: "x } }) { items { id } } }', "unterminated string"],
    ["query { contacts(where: { a: { eq: 1 } }) { items { id } }", "ends too early"],
    ["query { contacts(where: { a: { eq: 1 } }) { items { id } } } }", "after the query"],
    ["query { contacts(where: {}) { items { id } } }", "empty filter"],
    ["query { contacts(where: { a: {} }) { items { id } } }", "empty filter"],
    ["query { contacts(order: { a: ASC }) { items { id } } }", "ASC"],
    ["query { contacts(first: 3) { items { id } } }", 'unsupported argument "first"'],
    ["query { legalentities { items { id } } }", 'must be "contacts"'],
    ["mutation { contacts { items { id } } }", "only queries"],
    ["query ($x: String) { contacts(where: { a: { eq: $x } }) { items { id } } }", "variables"],
    ["query { contacts(where: { a: { eq: 1 }, a: { eq: 2 } }) { items { id } } }", "given twice"],
    ["query { contacts(where: { a: { eq: 01 } }) { items { id } } }", "malformed number"],
    ['query { contacts(where: { a: { eq: "\\q" } }) { items { id } } }', "invalid escape"],
    ["query { contacts(where: { a: { eq: 1 } }) { items { id } } other { id } }", "one root field"],
  ])("refuses %s with a message naming the problem", (source, message) => {
    expect(() => parseExportQuery(source, "contacts")).toThrow(FilterSyntaxError);
    expect(() => parseExportQuery(source, "contacts")).toThrow(message);
  });
});

// ------------------------------------------------------------------------------------------- properties

const segment = fc.constantFrom(
  "personalInformation",
  "firstName",
  "city",
  "a",
  "b_2",
  "_x",
  "and2",
  "items",
);
const text = fc.string({
  maxLength: 6,
  unit: fc.constantFrom("a", "b", "A", "é", '"', "\\", "\n", " ", "1", "😀"),
});
const scalar: fc.Arbitrary<Scalar> = fc.oneof(
  text,
  fc.integer({ min: -1000, max: 1000 }),
  fc.double({ min: -1e6, max: 1e6, noNaN: true, noDefaultInfinity: true }).filter((n) => !Object.is(n, -0)),
  fc.boolean(),
  fc.constant(null),
);

function leafOf(op: LeafOperator): fc.Arbitrary<Filter> {
  const value: fc.Arbitrary<Scalar | Scalar[]> =
    op === "in"
      ? fc.array(scalar, { maxLength: 3 })
      : op === "contains" || op === "startsWith" || op === "endsWith"
        ? text
        : op === "eq" || op === "neq"
          ? scalar
          : fc.oneof(text, fc.integer({ min: -1000, max: 1000 }));
  return fc.record({
    kind: fc.constant("leaf" as const),
    path: fc.array(segment, { minLength: 1, maxLength: 3 }),
    op: fc.constant(op),
    value,
  });
}

const { filter } = fc.letrec<{ filter: Filter }>((tie) => ({
  filter: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    fc.constantFrom(...LEAF_OPERATORS).chain(leafOf),
    fc.record({
      kind: fc.constantFrom("and" as const, "or" as const),
      of: fc.array(tie("filter"), { maxLength: 3 }),
    }),
  ),
}));

describe("filter properties", () => {
  it("printing then parsing a filter gives the same tree", () => {
    fc.assert(
      fc.property(filter, (where) => {
        const printed = printExportQuery({ root: "contacts", where });
        expect(parseExportQuery(printed, "contacts")).toEqual({ root: "contacts", where });
      }),
      { numRuns: 500 },
    );
  });

  const values = fc.dictionary(
    fc.constantFrom("a", "b", "c"),
    fc.oneof(fc.constantFrom("1", "10", "-2.5", "abc", "", "A", "é"), text),
  );
  const read = (record: Record<string, string>) => (path: string[]) => record[path.join(".")] ?? null;
  const flatLeaf = fc
    .constantFrom(...LEAF_OPERATORS)
    .chain(leafOf)
    .map((f) => ({ ...f, path: [(f as { path: string[] }).path[0]!.length % 2 ? "a" : "b"] }) as Filter);

  it("and holds when every part holds, or when one does", () => {
    fc.assert(
      fc.property(fc.array(flatLeaf, { maxLength: 4 }), values, (parts, record) => {
        const each = parts.map((p) => evaluateFilter(p, read(record)));
        expect(evaluateFilter({ kind: "and", of: parts }, read(record))).toBe(each.every(Boolean));
        expect(evaluateFilter({ kind: "or", of: parts }, read(record))).toBe(each.some(Boolean));
      }),
    );
  });

  it("neq is the negation of eq, and in is an or of eq", () => {
    fc.assert(
      fc.property(
        fc.array(segment, { minLength: 1, maxLength: 1 }),
        scalar,
        fc.array(scalar),
        values,
        (path, v, list, record) => {
          const r = read(record);
          const eq = evaluateFilter({ kind: "leaf", path: ["a"], op: "eq", value: v }, r);
          expect(evaluateFilter({ kind: "leaf", path: ["a"], op: "neq", value: v }, r)).toBe(!eq);
          const inList = evaluateFilter({ kind: "leaf", path: ["a"], op: "in", value: list }, r);
          const ors = {
            kind: "or" as const,
            of: list.map((x) => ({ kind: "leaf" as const, path: ["a"], op: "eq" as const, value: x })),
          };
          expect(inList).toBe(evaluateFilter(ors, r));
          expect(path.length).toBe(1);
        },
      ),
    );
  });
});
