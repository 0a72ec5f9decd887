import { and, contacts, eq, isNull, sql } from "@switchboard/db";
import {
  createContact,
  createOrganization,
  JOBS,
  localFileStorage,
  PERMISSIONS,
  runDfsExport,
  systemActor,
} from "@switchboard/domain";
import { DEFAULT_CONTACT_SCHEMA } from "@switchboard/domain/details-schemas";
import {
  dfsFieldAt,
  dfsFieldsOf,
  evaluateFilter,
  type Filter,
  filterCondition,
  LEAF_OPERATORS,
  type LeafOperator,
  type Scalar,
} from "@switchboard/domain/dfs-transfer";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { apiError, json, systemOf } from "./dfs-helpers-ext";
import { type Harness, withRestHarness } from "./harness";

const harness = withRestHarness();
const CONTACTS = "/dfs/v1.0/contacts/export";
const LEGAL = "/dfs/v1.0/legal-entities/export";
const SEED_QUERY =
  'query { contacts( where: { and: [{ personalInformation: { displayName: { contains: "Shannon" } } }] } ) { items { } } }';
/** `id`, then the default contact schema's exportable fields in schema order. */
const HEADER =
  "id,personalInformation.salutation,personalInformation.title,personalInformation.firstName," +
  "personalInformation.middleName,personalInformation.lastName,personalInformation.displayName," +
  "personalInformation.dateOfBirth,personalInformation.nationality,communicationMethods.primaryEmail," +
  "communicationMethods.primaryPhoneNumber";

/** Runs the queued `dfs-export` jobs as the worker does (the worker's own test drives it through pg-boss). */
async function runQueued(h: Harness) {
  const jobs = await h.jobs.boss.fetch<{ tenantId: string; exportId: string }>("dfs-export", {
    batchSize: 20,
  });
  for (const job of jobs) {
    const { tenantId, exportId } = JOBS["dfs-export"].parse(job.data);
    await runDfsExport(
      { db: h.database.db, tenantId, actor: systemActor("worker") },
      exportId,
      localFileStorage(h.storageDir),
    );
    await h.jobs.boss.complete("dfs-export", job.id);
  }
  return jobs.length;
}

async function start(h: Harness, path: string, body?: string, type = "text/plain", token?: string) {
  return h.request(path, {
    method: "POST",
    token,
    ...(body !== undefined && { body, headers: { "content-type": type } }),
  });
}

/** Starts an export, runs it, and answers the CSV's lines. */
async function exported(h: Harness, path: string, body?: string, type?: string): Promise<string[]> {
  const { exportJobId } = await json<{ exportJobId: string }>(await start(h, path, body, type), 200);
  await runQueued(h);
  const response = await h.request(`${path}/${exportJobId}`);
  const text = await response.text();
  expect(response.status, text).toBe(200);
  return text.trimEnd().split("\r\n").length > 1 ? text.trimEnd().split("\r\n") : text.trimEnd().split("\n");
}

let seeded: Promise<{ shannon: number; lee: number; bob: number }> | undefined;
function seed(h: Harness) {
  seeded ??= (async () => {
    const ctx = systemOf(h);
    const shannon = await createContact(ctx, {
      firstName: "Shannon",
      lastName: "Crawford",
      displayName: "Shannon Crawford",
      dateOfBirth: "1980-05-17",
      emails: [{ type: "work", address: "Shannon.Crawford@example.com" }],
      phones: [{ type: "cell", display: "+41 79 123 45 67" }],
    });
    // Nationality is not bound to a contact column: it lives in the contact's DFS details document.
    const patched = await h.request(`/dfs/v1.0/contacts/${shannon.number}/details`, {
      method: "PATCH",
      json: { details: { personalInformation: { nationality: "CH" } } },
    });
    expect(patched.status, await patched.text()).toBe(200);
    const lee = await createContact(ctx, {
      firstName: "Shannon",
      lastName: "Lee",
      displayName: "Shannon Lee",
    });
    const bob = await createContact(ctx, { firstName: "Bob", lastName: "Builder", title: "Dr." });
    return { shannon: shannon.number, lee: lee.number, bob: bob.number };
  })();
  return seeded;
}

const idsOf = (lines: string[]) => lines.slice(1).map((l) => Number(l.split(",")[0]));

describe("DFS contacts export (#30, #28)", () => {
  it("exports every contact for an empty body: a header of id and the exportable paths, then one row each", async () => {
    const h = harness();
    const { shannon, lee, bob } = await seed(h);
    const { exportJobId } = await json<{ exportJobId: string }>(await start(h, CONTACTS), 200);
    expect(exportJobId).toMatch(/^[0-9a-f-]{36}$/);
    // Not run yet: no file, whatever is asked (422, never a partial file).
    await apiError(await h.request(`${CONTACTS}/${exportJobId}`), 422, "UnprocessableEntity");
    expect(await runQueued(h)).toBe(1);
    const response = await h.request(`${CONTACTS}/${exportJobId}`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("content-disposition")).toMatch(/^attachment; filename=".+\.csv"$/);
    const lines = (await response.text()).trimEnd().split("\n");
    expect(lines[0]).toBe(HEADER);
    expect(idsOf(lines)).toEqual(expect.arrayContaining([shannon, lee, bob]));
    expect(lines.find((l) => l.startsWith(`${shannon},`))).toBe(
      `${shannon},,,Shannon,,Crawford,Shannon Crawford,1980-05-17,CH,Shannon.Crawford@example.com,+41791234567`,
    );
    expect(lines.find((l) => l.startsWith(`${bob},`))).toBe(`${bob},,Dr.,Bob,,Builder,,,,,`);
    // Downloading again gives the same file.
    const again = await h.request(`${CONTACTS}/${exportJobId}`);
    expect((await again.text()).trimEnd().split("\n")).toEqual(lines);
  });

  it("filters with the reference's query, sent as text, as application/graphql or as JSON", async () => {
    const h = harness();
    const { shannon, lee } = await seed(h);
    for (const [body, type] of [
      [SEED_QUERY, "text/plain"],
      [SEED_QUERY, "application/graphql"],
      [JSON.stringify({ query: SEED_QUERY }), "application/json"],
    ] as const) {
      const lines = await exported(h, CONTACTS, body, type);
      expect(lines[0]).toBe(HEADER);
      expect(idsOf(lines).sort((a, b) => a - b)).toEqual([shannon, lee].sort((a, b) => a - b));
    }
  });

  it("combines or, and and the leaf operators over bound fields", async () => {
    const h = harness();
    const { shannon, lee, bob } = await seed(h);
    const q = (where: string) => `query { contacts(where: ${where}) { items { id } } }`;
    const cases: [string, number[]][] = [
      [
        '{ or: [{ personalInformation: { lastName: { eq: "Lee" } } }, { personalInformation: { title: { neq: null } } }] }',
        [lee, bob],
      ],
      ['{ personalInformation: { firstName: { in: ["Bob", "Nobody"] } } }', [bob]],
      ['{ personalInformation: { dateOfBirth: { gte: "1980-01-01", lt: "1981-01-01" } } }', [shannon]],
      ['{ communicationMethods: { primaryEmail: { endsWith: "@example.com" } } }', [shannon]],
      [
        '{ personalInformation: { displayName: { startsWith: "Shannon L" }, firstName: { eq: "Shannon" } } }',
        [lee],
      ],
      ['{ communicationMethods: { primaryPhoneNumber: { startsWith: "+4179" } } }', [shannon]],
      // An unbound field, from the DFS details document.
      ['{ personalInformation: { nationality: { in: ["CH", "LI"] } } }', [shannon]],
    ];
    for (const [where, expected] of cases) {
      const lines = await exported(h, CONTACTS, q(where));
      expect(
        idsOf(lines).filter((id) => [shannon, lee, bob].includes(id)),
        where,
      ).toEqual(expected.sort((a, b) => a - b));
    }
  });

  it("compares text whatever its case and accents, in every operator", async () => {
    const h = harness();
    const { shannon, lee, bob } = await seed(h);
    const emile = (await createContact(systemOf(h), { firstName: "Émile", lastName: "Ångström" })).number;
    const q = (where: string) => `query { contacts(where: ${where}) { items { id } } }`;
    const cases: [string, number[]][] = [
      ['{ and: [{ personalInformation: { displayName: { contains: "shannon" } } }] }', [shannon, lee]],
      ['{ personalInformation: { lastName: { eq: "LEE" } } }', [lee]],
      ['{ personalInformation: { firstName: { in: ["bob", "nobody"] } } }', [bob]],
      ['{ personalInformation: { lastName: { neq: "lee" } } }', [shannon, bob, emile]],
      ['{ communicationMethods: { primaryEmail: { startsWith: "shannon.crawford@" } } }', [shannon]],
      ['{ personalInformation: { displayName: { endsWith: "CRAWFORD" } } }', [shannon]],
      // Order ignores case too: "Crawford" is between "c" and "d", not before every lower-case letter.
      ['{ personalInformation: { lastName: { gte: "c", lt: "d" } } }', [shannon]],
      // Accented capitals fold as well (the embedded database's C locale lower-cases only A to Z).
      ['{ personalInformation: { firstName: { eq: "EMILE" } } }', [emile]],
      ['{ personalInformation: { lastName: { startsWith: "ång" } } }', [emile]],
    ];
    for (const [where, expected] of cases) {
      const lines = await exported(h, CONTACTS, q(where));
      expect(
        idsOf(lines).filter((id) => [shannon, lee, bob, emile].includes(id)),
        where,
      ).toEqual(expected.sort((a, b) => a - b));
    }
  });

  it("refuses a query it cannot read with 400 BadRequest naming the problem", async () => {
    const h = harness();
    const cases: [string, string][] = [
      [
        "query { contacts(where: { personalInformation: { displayName: { contains: Shannon } } }) { items { } } }",
        "quote strings",
      ],
      ["query { contacts(where: { and: [ }) { items { } } }", "Syntax error"],
      [
        'query { legalentities(where: { details: { name: { eq: "x" } } }) { items { id } } }',
        'must be "contacts"',
      ],
      [
        'query { contacts(where: { personalInformation: { shoeSize: { eq: "44" } } }) { items { } } }',
        "shoeSize",
      ],
      [
        'query { contacts(where: { personalInformation: { firstName: { like: "B%" } } }) { items { } } }',
        "like",
      ],
    ];
    for (const [body, message] of cases)
      expect(await apiError(await start(h, CONTACTS, body), 400, "BadRequest")).toContain(message);
    await apiError(await start(h, CONTACTS, "{", "application/json"), 400, "BadRequest");
  });

  it("answers 404 for an unknown job, a malformed id, or a job of the other kind", async () => {
    const h = harness();
    await apiError(await h.request(`${CONTACTS}/8a16feed-2e0d-4228-8fbb-a05bb4aba530`), 404, "NotFound");
    await apiError(await h.request(`${CONTACTS}/not-a-uuid`), 404, "NotFound");
    const { exportJobId } = await json<{ exportJobId: string }>(await start(h, LEGAL), 200);
    await runQueued(h);
    await apiError(await h.request(`${CONTACTS}/${exportJobId}`), 404, "NotFound");
  });

  it("needs the export and view permissions (403)", async () => {
    const h = harness();
    const viewer = await h.tokenFor([PERMISSIONS.contactView, PERMISSIONS.exportView]);
    await apiError(await start(h, CONTACTS, undefined, undefined, viewer), 403, "Forbidden");
  });
});

describe("DFS legal-entities export (#31, #29)", () => {
  it("filters on details.name with the reference's query; columns id and the exportable details", async () => {
    const h = harness();
    const ctx = systemOf(h);
    const globales = await createOrganization(ctx, { name: "Globales Holding AG" });
    const other = await createOrganization(ctx, { name: "Local GmbH" });
    const lines = await exported(
      h,
      LEGAL,
      'query { legalentities( where: { and: [{ details: { name: { contains: "Globales" } } }] } ) { items { id } } }',
    );
    const header =
      "id,details.name,details.legalForm,details.registrationNumber,details.countryOfIncorporation";
    expect(lines).toEqual([header, `${globales.number},Globales Holding AG,,,`]);
    const all = await exported(h, LEGAL);
    expect(all).toEqual(expect.arrayContaining([`${other.number},Local GmbH,,,`]));
    const byId = await exported(
      h,
      LEGAL,
      `{ legalEntities(where: { id: { eq: ${other.number} } }) { items { id } } }`,
    );
    expect(byId).toEqual([header, `${other.number},Local GmbH,,,`]);
  });
});

// ------------------------------------------------------------------------------------------- SQL = evaluator

const FIELDS = {
  "personalInformation.firstName": "firstName",
  "personalInformation.lastName": "lastName",
  "personalInformation.title": "title",
  "personalInformation.dateOfBirth": "dateOfBirth",
} as const;
type Person = {
  firstName: string | null;
  lastName: string | null;
  title: string | null;
  dateOfBirth: string | null;
};
const words = [
  "Ann",
  "ann",
  "ANN",
  "Bo",
  "Bob",
  "Émile",
  "emile",
  "ÉMILE",
  "10",
  "9",
  "-2.5",
  "1e3",
  "a b",
  "x",
  'q"t',
];
const PEOPLE: Person[] = Array.from({ length: 24 }, (_, i) => ({
  firstName: i % 5 === 0 ? null : words[i % words.length]!,
  lastName: i % 7 === 0 ? null : words[(i * 5) % words.length]!,
  title: i % 3 === 0 ? null : words[(i * 7 + 3) % words.length]!,
  dateOfBirth: i % 4 === 0 ? null : `19${70 + i}-0${1 + (i % 9)}-1${i % 10}`,
}));

describe("the filter's SQL matches the in-memory evaluator", () => {
  it("for random and/or trees over the bound fields (property)", async () => {
    const h = harness();
    const ctx = { ...systemOf(h), tenantId: h.tenantId };
    const tag = `prop-${crypto.randomUUID()}`;
    const fields = dfsFieldsOf("contacts", DEFAULT_CONTACT_SCHEMA);
    const numbers = new Map<number, Person>();
    for (const p of PEOPLE) {
      const c = await createContact(ctx, { ...p, middleName: tag, lastName: p.lastName });
      numbers.set(c.number, p);
    }
    const scalar: fc.Arbitrary<Scalar> = fc.oneof(
      fc.constantFrom(...words, "", "B", "nn", "1980", "1975-03-1"),
      fc.integer({ min: -5, max: 20 }),
      fc.constant(null),
      fc.boolean(),
    );
    const text = fc.constantFrom(...words, "", "B", "nn", "19", "-1");
    const leaf = fc.constantFrom(...LEAF_OPERATORS).chain((op: LeafOperator) =>
      fc.record({
        kind: fc.constant("leaf" as const),
        path: fc.constantFrom(...Object.keys(FIELDS)).map((p) => p.split(".")),
        op: fc.constant(op),
        value:
          op === "in"
            ? fc.array(scalar, { maxLength: 3 })
            : ["contains", "startsWith", "endsWith"].includes(op)
              ? text
              : ["eq", "neq"].includes(op)
                ? scalar
                : fc.oneof(text, fc.integer({ min: -5, max: 20 })),
      }),
    );
    const { filter } = fc.letrec<{ filter: Filter }>((tie) => ({
      filter: fc.oneof(
        { depthSize: "small" },
        leaf as fc.Arbitrary<Filter>,
        fc.record({
          kind: fc.constantFrom("and" as const, "or" as const),
          of: fc.array(tie("filter"), { maxLength: 3 }),
        }),
      ),
    }));
    await fc.assert(
      fc.asyncProperty(filter, async (where) => {
        const rows = await h.database.db
          .select({ number: contacts.number })
          .from(contacts)
          .where(
            and(
              eq(contacts.tenantId, h.tenantId),
              isNull(contacts.deletedAt),
              sql`${contacts.middleName} = ${tag}`,
              filterCondition(where, (path) => dfsFieldAt(fields, path)),
            ),
          );
        const got = rows.map((r) => r.number).sort((a, b) => a - b);
        const expected = [...numbers]
          .filter(([, p]) =>
            evaluateFilter(where, (path) => p[FIELDS[path.join(".") as keyof typeof FIELDS]] ?? null),
          )
          .map(([n]) => n)
          .sort((a, b) => a - b);
        expect(got).toEqual(expected);
      }),
      { numRuns: 150 },
    );
  });
});
