import { and, contacts, eq, organizations } from "@switchboard/db";
import { createContact, saveDivision, systemActor } from "@switchboard/domain";
import { describe, expect, it } from "vitest";
import { withRestHarness } from "./harness";

const harness = withRestHarness();
const API = "/api/v2/externalcontacts";
type Json = Record<string, unknown> & { id: string };

const enrich = (json: unknown, query = "", token?: string) =>
  harness().request(`${API}/contacts/enrich${query}`, { method: "POST", json, token });
const bulk = (json: unknown, query = "") =>
  harness().request(`${API}/bulk/contacts/enrich${query}`, { method: "POST", json });
const email = (value: string) => ({ type: "Email", value });
const lookup = (identifier: unknown) =>
  harness().request(`${API}/identifierlookup/contacts`, { method: "POST", json: identifier });
const read = async (id: string) => (await (await harness().request(`${API}/contacts/${id}`)).json()) as Json;

/** Contacts stored (merged-away and deleted ones too) with this first name: what an enrich really wrote. */
async function storedNamed(firstName: string) {
  const h = harness();
  return h.database.db
    .select({ id: contacts.id })
    .from(contacts)
    .where(and(eq(contacts.tenantId, h.tenantId), eq(contacts.firstName, firstName)));
}

async function answer(response: Response, status: number): Promise<Json> {
  const text = await response.text();
  expect(`${response.status} ${text.slice(0, 300)}`).toMatch(new RegExp(`^${status} `));
  return JSON.parse(text) as Json;
}

describe("POST /contacts/enrich", () => {
  it("Upsert creates a contact (201) holding the identifiers, then updates that one (200)", async () => {
    const created = await answer(
      await enrich({
        action: "Upsert",
        matchingIdentifiers: [email("Upsert@Enrich.example"), { type: "Phone", value: "+1 212 555 0101" }],
        contact: { firstName: "Upsert", lastName: "First", workEmail: "upsert@enrich.example" },
      }),
      201,
    );
    expect(created).toMatchObject({ firstName: "Upsert", lastName: "First", type: "Curated" });
    // Both identifiers were claimed, normalized as claims are.
    expect(((await answer(await lookup(email("upsert@enrich.example")), 200)) as Json).id).toBe(created.id);
    expect(((await answer(await lookup({ type: "Phone", value: "+12125550101" }), 200)) as Json).id).toBe(
      created.id,
    );

    const updated = await answer(
      await enrich({
        action: "Upsert",
        matchingIdentifiers: [{ type: "Phone", value: "+1 (212) 555-0101" }],
        contact: { title: "Dr" },
      }),
      200,
    );
    // PreferProvided by default: what is sent wins, what is not sent is kept.
    expect(updated).toMatchObject({ id: created.id, firstName: "Upsert", lastName: "First", title: "Dr" });
    expect(await storedNamed("Upsert")).toHaveLength(1);
  });

  it("Insert creates (201), and refuses (409, ErrorBody) when a contact holds an identifier", async () => {
    const created = await answer(
      await enrich({
        action: "Insert",
        matchingIdentifiers: [{ type: "Cookie", value: "insert-cookie" }],
        contact: { firstName: "Inserted" },
      }),
      201,
    );
    const refused = await answer(
      await enrich({
        action: "Insert",
        matchingIdentifiers: [
          { type: "Cookie", value: "other-cookie" },
          { type: "Cookie", value: "insert-cookie" },
        ],
        contact: { firstName: "Inserted" },
      }),
      409,
    );
    expect(refused).toMatchObject({ status: 409, code: "conflict" });
    expect(refused.details).toEqual([
      { errorCode: "invalid.value", fieldName: "matchingIdentifiers.1.value" },
    ]);
    expect(String(refused.message)).toContain(created.id);
    // Nothing of the refused call stays: not the contact, not the claim of the new identifier.
    expect(await storedNamed("Inserted")).toHaveLength(1);
    expect((await lookup({ type: "Cookie", value: "other-cookie" })).status).toBe(404);
  });

  it("Update answers 404 when no contact holds an identifier, else updates the first one found", async () => {
    const missing = await answer(
      await enrich({
        action: "Update",
        matchingIdentifiers: [email("nobody@enrich.example")],
        contact: { firstName: "Nobody" },
      }),
      404,
    );
    expect(missing).toMatchObject({ status: 404, code: "not.found" });
    expect(await storedNamed("Nobody")).toHaveLength(0);

    const first = await answer(
      await enrich({
        action: "Insert",
        matchingIdentifiers: [email("first@enrich.example")],
        contact: { firstName: "First" },
      }),
      201,
    );
    const second = await answer(
      await enrich({
        action: "Insert",
        matchingIdentifiers: [email("second@enrich.example")],
        contact: { firstName: "Second" },
      }),
      201,
    );
    const updated = await answer(
      await enrich({
        action: "Update",
        matchingIdentifiers: [
          email("nobody@enrich.example"),
          email("second@enrich.example"),
          email("first@enrich.example"),
        ],
        contact: { lastName: "Updated" },
      }),
      200,
    );
    expect(updated).toMatchObject({ id: second.id, firstName: "Second", lastName: "Updated" });
    expect((await read(first.id)).lastName).toBeUndefined();
    // The identifier no one held is claimed by the updated contact; the other contact keeps its own.
    expect(((await answer(await lookup(email("nobody@enrich.example")), 200)) as Json).id).toBe(second.id);
    expect(((await answer(await lookup(email("first@enrich.example")), 200)) as Json).id).toBe(first.id);
  });

  it("Merge merges every contact found into a new one (200) and applies the data; with one found it updates it", async () => {
    const a = await answer(
      await enrich({
        action: "Insert",
        matchingIdentifiers: [email("merge-a@enrich.example")],
        contact: { firstName: "Merge A", workEmail: "merge-a@enrich.example" },
      }),
      201,
    );
    const b = await answer(
      await enrich({
        action: "Insert",
        matchingIdentifiers: [{ type: "Phone", value: "+1 212 555 0177" }],
        contact: { firstName: "Merge B", lastName: "Bee", cellPhone: { display: "+1 212 555 0177" } },
      }),
      201,
    );
    const merged = await answer(
      await enrich({
        action: "Merge",
        matchingIdentifiers: [
          email("merge-a@enrich.example"),
          { type: "Phone", value: "+12125550177" },
          { type: "Cookie", value: "merge-cookie" },
        ],
        contact: { title: "Merged" },
      }),
      200,
    );
    expect(merged.id).not.toBe(a.id);
    expect(merged).toMatchObject({
      firstName: "Merge A",
      lastName: "Bee",
      title: "Merged",
      workEmail: "merge-a@enrich.example",
      cellPhone: { e164: "+12125550177" },
    });
    expect((merged.mergedFrom as { id: string }[]).map((m) => m.id)).toEqual([a.id, b.id]);
    // As the merge route and every read answer it: the whole merge set.
    expect((merged.mergeSet as { id: string }[]).map((m) => m.id)).toEqual([merged.id, a.id, b.id]);
    expect((await read(b.id)).id).toBe(merged.id);
    for (const identifier of [
      email("merge-a@enrich.example"),
      { type: "Phone", value: "+12125550177" },
      { type: "Cookie", value: "merge-cookie" },
    ])
      expect(((await answer(await lookup(identifier), 200)) as Json).id).toBe(merged.id);

    const again = await answer(
      await enrich({
        action: "Merge",
        matchingIdentifiers: [{ type: "Cookie", value: "merge-cookie" }],
        contact: { title: "Once" },
      }),
      200,
    );
    expect(again).toMatchObject({ id: merged.id, title: "Once" });
    const fresh = await answer(
      await enrich({
        action: "Merge",
        matchingIdentifiers: [email("merge-new@enrich.example")],
        contact: { firstName: "Merge New" },
      }),
      201,
    );
    expect(fresh.mergedFrom).toBeUndefined();
  });

  it("combines data per fieldRules", async () => {
    const h = harness();
    const source = await answer(
      await h.request(`${API}/externalsources`, { method: "POST", json: { name: "Enrich CRM" } }),
      200,
    );
    const ref = (value: string) => ({ externalSource: { id: source.id }, value });
    const cookie = { type: "Cookie", value: "rules-cookie" };
    await answer(
      await enrich({
        action: "Insert",
        matchingIdentifiers: [cookie],
        contact: {
          firstName: "Rules",
          lastName: "Kept",
          title: "Mx",
          address: { city: "Oslo", postalCode: "0150" },
          externalIds: [ref("crm-1")],
        },
      }),
      201,
    );
    const combined = await answer(
      await enrich({
        action: "Update",
        matchingIdentifiers: [cookie],
        contact: { firstName: "Ignored", address: { city: "Bergen" }, externalIds: [ref("crm-2")] },
        fieldRules: {
          rules: [
            { field: "$.firstName", action: "PreferExisting" },
            { field: "$.title", action: "AlwaysUseProvided" },
          ],
        },
      }),
      200,
    );
    expect(combined).toMatchObject({
      firstName: "Rules",
      lastName: "Kept",
      address: { city: "Bergen", postalCode: "0150" },
    });
    expect(combined.title).toBeUndefined();
    expect((combined.externalIds as { value: string }[]).map((e) => e.value)).toEqual(["crm-1", "crm-2"]);

    const replaced = await answer(
      await enrich({
        action: "Update",
        matchingIdentifiers: [cookie],
        contact: { externalIds: [ref("crm-3")] },
        fieldRules: { defaultArrayAction: "Replace" },
      }),
      200,
    );
    expect((replaced.externalIds as { value: string }[]).map((e) => e.value)).toEqual(["crm-3"]);

    const refused = await answer(
      await enrich({
        action: "Update",
        matchingIdentifiers: [cookie],
        fieldRules: { rules: [{ field: "$.id", action: "AlwaysUseProvided" }] },
      }),
      400,
    );
    expect(refused.details).toEqual([{ errorCode: "invalid.value", fieldName: "fieldRules.rules.0.field" }]);
  });

  it("dryRun changes nothing and answers what the call would have done", async () => {
    const identifier = { type: "Cookie", value: "dry-cookie" };
    const wouldCreate = await answer(
      await enrich(
        { action: "Upsert", matchingIdentifiers: [identifier], contact: { firstName: "Dry" } },
        "?dryRun=true",
      ),
      201,
    );
    expect(wouldCreate).toMatchObject({ firstName: "Dry" });
    expect(await storedNamed("Dry")).toHaveLength(0);
    expect((await lookup(identifier)).status).toBe(404);

    const stored = await answer(
      await enrich(
        { action: "Upsert", matchingIdentifiers: [identifier], contact: { firstName: "Dry" } },
        "?dryRun=false",
      ),
      201,
    );
    const wouldUpdate = await answer(
      await enrich(
        { action: "Upsert", matchingIdentifiers: [identifier], contact: { title: "Wet" } },
        "?dryRun=true",
      ),
      200,
    );
    expect(wouldUpdate).toMatchObject({
      id: stored.id,
      title: "Wet",
      version: (stored.version as number) + 1,
    });
    expect(await read(stored.id)).toMatchObject({ version: stored.version });
    expect((await read(stored.id)).title).toBeUndefined();
    // A dry run is refused as the real call would be.
    expect(
      (await enrich({ action: "Insert", matchingIdentifiers: [identifier] }, "?dryRun=true")).status,
    ).toBe(409);
    expect(
      (await enrich({ action: "Upsert", matchingIdentifiers: [identifier] }, "?dryRun=maybe")).status,
    ).toBe(400);
  });

  it("puts a new contact into the request's division; an existing one stays where it is", async () => {
    const h = harness();
    const system = { db: h.database.db, tenantId: h.tenantId, actor: systemActor("test") };
    const west = await saveDivision(system, { name: "West (enrich)" });
    const identifier = { type: "Cookie", value: "division-cookie" };
    const created = await answer(
      await enrich({ action: "Upsert", division: { id: west.id }, matchingIdentifiers: [identifier] }),
      201,
    );
    expect((created.division as Json).id).toBe(west.id);
    const home = await answer(
      await enrich({ action: "Insert", matchingIdentifiers: [{ type: "Cookie", value: "home-cookie" }] }),
      201,
    );
    const kept = await answer(
      await enrich({
        action: "Update",
        division: { id: west.id },
        matchingIdentifiers: [{ type: "Cookie", value: "home-cookie" }],
        contact: { title: "Kept" },
      }),
      200,
    );
    expect((kept.division as Json).id).toBe((home.division as Json).id);
  });

  it("promotes a matched contact to Curated only when options.promote is set", async () => {
    const h = harness();
    const system = { db: h.database.db, tenantId: h.tenantId, actor: systemActor("test") };
    const observed = await createContact(system, { firstName: "Observed" }, { type: "Ephemeral" });
    await answer(
      await h.request(`${API}/contacts/${observed.id}/identifiers`, {
        method: "PATCH",
        json: { operation: "Claim", identifier: { type: "Cookie", value: "observed-cookie" } },
      }),
      200,
    );
    const kept = await answer(
      await enrich({
        action: "Update",
        matchingIdentifiers: [{ type: "Cookie", value: "observed-cookie" }],
        contact: { title: "A" },
      }),
      200,
    );
    expect(kept.type).toBe("Ephemeral");
    const promoted = await answer(
      await enrich({
        action: "Update",
        matchingIdentifiers: [{ type: "Cookie", value: "observed-cookie" }],
        options: { promote: true },
      }),
      200,
    );
    expect(promoted).toMatchObject({ id: observed.id, type: "Curated", title: "A" });
  });

  it("refuses bad requests with an ErrorBody naming the field, and needs only the enrich permission", async () => {
    const h = harness();
    const cases: [unknown, string][] = [
      [{ action: "Upsert", matchingIdentifiers: [] }, "matchingIdentifiers"],
      [{ action: "Replace", matchingIdentifiers: [email("bad@enrich.example")] }, "action"],
      [
        { action: "Upsert", matchingIdentifiers: [{ type: "Phone", value: "212 555" }] },
        "matchingIdentifiers.0.value",
      ],
      [
        {
          action: "Upsert",
          matchingIdentifiers: [email("bad@enrich.example")],
          contact: { workEmail: "not-an-email" },
        },
        "contact.workEmail",
      ],
      [
        {
          action: "Upsert",
          matchingIdentifiers: [email("bad@enrich.example")],
          contact: { externalOrganization: { id: crypto.randomUUID() } },
        },
        "contact.externalOrganization.id",
      ],
    ];
    for (const [body, field] of cases) {
      const refused = await answer(await enrich(body), 400);
      expect(refused, JSON.stringify(body)).toMatchObject({ status: 400, code: "bad.request" });
      expect((refused.details as { fieldName: string }[]).map((d) => d.fieldName)).toContain(field);
    }
    expect(await storedNamed("bad")).toHaveLength(0);
    expect((await lookup(email("bad@enrich.example"))).status).toBe(404);

    const onlyEnrich = await h.tokenFor(["externalContacts:contact:enrich"]);
    await answer(
      await enrich(
        {
          action: "Upsert",
          matchingIdentifiers: [email("only@enrich.example")],
          contact: { firstName: "Only Enrich" },
        },
        "",
        onlyEnrich,
      ),
      201,
    );
    const withoutEnrich = await h.tokenFor(["externalContacts:contact:add", "externalContacts:contact:edit"]);
    const forbidden = await answer(
      await enrich({ action: "Upsert", matchingIdentifiers: [email("x@enrich.example")] }, "", withoutEnrich),
      403,
    );
    expect(String(forbidden.message)).toContain("externalContacts:contact:enrich");
  });

  it("20 enriches of one new identifier at once make exactly one contact", async () => {
    const identifier = { type: "Email", value: "race@enrich.example" };
    const responses = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        enrich({
          action: "Upsert",
          matchingIdentifiers: [identifier],
          contact: { firstName: "Racer", title: `T${i}` },
        }),
      ),
    );
    const statuses = responses.map((r) => r.status).sort((a, b) => a - b);
    expect(statuses).toEqual([...Array(19).fill(200), 201]);
    const ids = new Set(await Promise.all(responses.map(async (r) => ((await r.json()) as Json).id)));
    expect(ids.size).toBe(1);
    expect(await storedNamed("Racer")).toHaveLength(1);
    expect(((await answer(await lookup(identifier), 200)) as Json).id).toBe([...ids][0]);
  });
});

describe("concurrent merges through different identifiers of one contact", () => {
  it("merge it once: every identifier ends on one contact", async () => {
    const scenarios = Array.from({ length: 5 }, (_, n) => ({
      shared: [email(`both-${n}@enrich.example`), { type: "Cookie", value: `both-${n}` }],
      left: { type: "Cookie", value: `left-${n}` },
      right: { type: "Cookie", value: `right-${n}` },
    }));
    for (const { shared, left, right } of scenarios) {
      await answer(
        await enrich({ action: "Insert", matchingIdentifiers: shared, contact: { firstName: "Shared" } }),
        201,
      );
      await answer(
        await enrich({ action: "Insert", matchingIdentifiers: [left], contact: { firstName: "Left" } }),
        201,
      );
      await answer(
        await enrich({ action: "Insert", matchingIdentifiers: [right], contact: { firstName: "Right" } }),
        201,
      );
    }
    // Each pair reaches the shared contact by another of its identifiers, at the same time.
    const responses = await Promise.all(
      scenarios.flatMap(({ shared, left, right }) => [
        enrich({ action: "Merge", matchingIdentifiers: [shared[0], left] }),
        enrich({ action: "Merge", matchingIdentifiers: [shared[1], right] }),
      ]),
    );
    expect(responses.map((r) => r.status)).toEqual(Array(10).fill(200));
    for (const { shared, left, right } of scenarios) {
      const holders = await Promise.all(
        [...shared, left, right].map(async (i) => ((await answer(await lookup(i), 200)) as Json).id),
      );
      expect(new Set(holders).size).toBe(1);
    }
  });
});

describe("POST /bulk/contacts/enrich", () => {
  it("enriches up to 10 items with per-item results carrying the caller's ids; an item fails alone", async () => {
    const body = {
      entities: [
        {
          id: "t1",
          action: "Insert",
          matchingIdentifiers: [email("bulk-1@enrich.example")],
          contact: { firstName: "Bulk" },
        },
        { id: "t2", action: "Insert", matchingIdentifiers: [email("bulk-1@enrich.example")] },
        {
          id: "t3",
          action: "Upsert",
          matchingIdentifiers: [email("bulk-1@enrich.example")],
          contact: { title: "Ms" },
        },
        { id: "t4", action: "Nope", matchingIdentifiers: [] },
        "not an object",
      ],
    };
    const response = await answer(await bulk(body), 200);
    const results = response.results as {
      id?: string;
      success: boolean;
      status: number;
      entity?: Json;
      error?: Json;
    }[];
    expect(results.map((r) => [r.id, r.success, r.status])).toEqual([
      ["t1", true, 201],
      ["t2", false, 409],
      ["t3", true, 200],
      ["t4", false, 400],
      [undefined, false, 400],
    ]);
    expect(results[2]!.entity).toMatchObject({ id: results[0]!.entity!.id, firstName: "Bulk", title: "Ms" });
    expect(results[1]!.error).toMatchObject({ code: "conflict", status: 409, entity: body.entities[1] });
    expect(response).toMatchObject({ errorCount: 3, errorIndexes: [1, 3, 4] });
  });

  it("refuses more than 10 items (422) and, with dryRun, changes nothing", async () => {
    const item = (i: number) => ({
      id: `d${i}`,
      action: "Upsert",
      matchingIdentifiers: [email(`bulk-dry-${i}@enrich.example`)],
      contact: { firstName: "Bulk Dry" },
    });
    const tooMany = await answer(
      await bulk({ entities: Array.from({ length: 11 }, (_, i) => item(i)) }),
      422,
    );
    expect(tooMany).toMatchObject({ status: 422, details: [{ fieldName: "entities" }] });
    expect(await storedNamed("Bulk Dry")).toHaveLength(0);

    const dry = await answer(
      await bulk({ entities: Array.from({ length: 10 }, (_, i) => item(i)) }, "?dryRun=true"),
      200,
    );
    expect((dry.results as { status: number }[]).map((r) => r.status)).toEqual(Array(10).fill(201));
    expect(await storedNamed("Bulk Dry")).toHaveLength(0);
  });

  it("a dry run answers each item as the whole request would, later items seeing earlier ones", async () => {
    const identifier = email("bulk-chain@enrich.example");
    const dry = await answer(
      await bulk(
        {
          entities: [
            {
              id: "c1",
              action: "Insert",
              matchingIdentifiers: [identifier],
              contact: { firstName: "Chain" },
            },
            { id: "c2", action: "Upsert", matchingIdentifiers: [identifier], contact: { title: "Second" } },
            { id: "c3", action: "Insert", matchingIdentifiers: [identifier] },
          ],
        },
        "?dryRun=true",
      ),
      200,
    );
    const results = dry.results as { id: string; status: number; entity?: Json }[];
    expect(results.map((r) => [r.id, r.status])).toEqual([
      ["c1", 201],
      ["c2", 200],
      ["c3", 409],
    ]);
    expect(results[1]!.entity).toMatchObject({
      id: results[0]!.entity!.id,
      firstName: "Chain",
      title: "Second",
    });
    expect(await storedNamed("Chain")).toHaveLength(0);
    expect((await lookup(identifier)).status).toBe(404);
  });
});

describe("POST /organizations/enrich", () => {
  const enrichOrg = (json: unknown, query = "") =>
    harness().request(`${API}/organizations/enrich${query}`, { method: "POST", json });
  const externalId = (value: string) => ({ type: "ExternalId", value });
  const lookupOrg = (identifier: unknown) =>
    harness().request(`${API}/identifierlookup/organizations`, { method: "POST", json: identifier });

  it("Upsert creates (201) an organization holding the identifier, then updates it (200) per fieldRules", async () => {
    const created = await answer(
      await enrichOrg({
        action: "Upsert",
        matchingIdentifiers: [externalId("erp-100")],
        externalOrganization: { name: "Enrich Org", industry: "Retail", tags: ["a"] },
      }),
      201,
    );
    expect(created).toMatchObject({ name: "Enrich Org", industry: "Retail", tags: ["a"] });
    expect(((await answer(await lookupOrg(externalId("erp-100")), 200)) as Json).id).toBe(created.id);

    const updated = await answer(
      await enrichOrg({
        action: "Upsert",
        matchingIdentifiers: [externalId("erp-100")],
        externalOrganization: { industry: "Wholesale", tags: ["b"] },
        fieldRules: { rules: [{ field: "$.industry", action: "PreferExisting" }] },
      }),
      200,
    );
    expect(updated).toMatchObject({
      id: created.id,
      name: "Enrich Org",
      industry: "Retail",
      tags: ["a", "b"],
    });
  });

  it("Insert refuses a held identifier (409), Update one no organization holds (404); a dry run writes nothing", async () => {
    await answer(
      await enrichOrg({
        action: "Insert",
        matchingIdentifiers: [externalId("erp-200")],
        externalOrganization: { name: "Held Org" },
      }),
      201,
    );
    expect(
      await answer(
        await enrichOrg({
          action: "Insert",
          matchingIdentifiers: [externalId("erp-200")],
          externalOrganization: { name: "Again" },
        }),
        409,
      ),
    ).toMatchObject({ code: "conflict" });
    expect(
      await answer(await enrichOrg({ action: "Update", matchingIdentifiers: [externalId("erp-404")] }), 404),
    ).toMatchObject({ code: "not.found" });
    // A new organization needs its name; only ExternalId identifiers exist for organizations.
    const nameless = await answer(
      await enrichOrg({ action: "Upsert", matchingIdentifiers: [externalId("erp-300")] }),
      400,
    );
    expect((nameless.details as { fieldName: string }[]).map((d) => d.fieldName)).toContain(
      "externalOrganization.name",
    );
    expect(
      (await enrichOrg({ action: "Upsert", matchingIdentifiers: [email("x@org.example")] })).status,
    ).toBe(400);
    expect((await enrichOrg({ action: "Merge", matchingIdentifiers: [externalId("erp-300")] })).status).toBe(
      400,
    );

    const dry = await answer(
      await enrichOrg(
        {
          action: "Upsert",
          matchingIdentifiers: [externalId("erp-dry")],
          externalOrganization: { name: "Dry Org" },
        },
        "?dryRun=true",
      ),
      201,
    );
    expect(dry).toMatchObject({ name: "Dry Org" });
    expect((await lookupOrg(externalId("erp-dry"))).status).toBe(404);
  });

  it("20 enriches of one new identifier at once make exactly one organization", async () => {
    const responses = await Promise.all(
      Array.from({ length: 20 }, () =>
        enrichOrg({
          action: "Upsert",
          matchingIdentifiers: [externalId("erp-race")],
          externalOrganization: { name: "Racing Org" },
        }),
      ),
    );
    expect(responses.map((r) => r.status).sort((a, b) => a - b)).toEqual([...Array(19).fill(200), 201]);
    const ids = new Set(await Promise.all(responses.map(async (r) => ((await r.json()) as Json).id)));
    expect(ids.size).toBe(1);
    const h = harness();
    const stored = await h.database.db
      .select({ id: organizations.id })
      .from(organizations)
      .where(and(eq(organizations.tenantId, h.tenantId), eq(organizations.name, "Racing Org")));
    expect(stored).toHaveLength(1);
  });

  it("bulk: per-item results with the caller's ids, at most 10 items", async () => {
    const response = await answer(
      await harness().request(`${API}/bulk/organizations/enrich`, {
        method: "POST",
        json: {
          entities: [
            {
              id: "o1",
              action: "Upsert",
              matchingIdentifiers: [externalId("erp-bulk")],
              externalOrganization: { name: "Bulk Org" },
            },
            {
              id: "o2",
              action: "Upsert",
              matchingIdentifiers: [externalId("erp-bulk")],
              externalOrganization: { industry: "Tea" },
            },
            { id: "o3", action: "Update", matchingIdentifiers: [externalId("erp-none")] },
          ],
        },
      }),
      200,
    );
    const results = response.results as { id: string; status: number; entity?: Json }[];
    expect(results.map((r) => [r.id, r.status])).toEqual([
      ["o1", 201],
      ["o2", 200],
      ["o3", 404],
    ]);
    expect(results[1]!.entity).toMatchObject({
      id: results[0]!.entity!.id,
      name: "Bulk Org",
      industry: "Tea",
    });
    expect(
      (
        await harness().request(`${API}/bulk/organizations/enrich`, {
          method: "POST",
          json: { entities: Array.from({ length: 11 }, () => ({ action: "Insert" })) },
        })
      ).status,
    ).toBe(422);
  });
});

describe("the enrich operations in the reference", () => {
  it("are documented with their permission, request models, dryRun, and 201 beside 200 for a single enrich", async () => {
    const document = (await answer(
      await harness().request(`${API}/openapi.json`, { token: null }),
      200,
    )) as unknown as {
      paths: Record<
        string,
        { post: { description: string; parameters: { name: string }[]; responses: object } }
      >;
      components: { schemas: Record<string, { properties?: Record<string, unknown> }> };
    };
    const operations = {
      "/contacts/enrich": ["externalContacts:contact:enrich", ["200", "201"]],
      "/organizations/enrich": ["externalContacts:externalOrganization:enrich", ["200", "201"]],
      "/bulk/contacts/enrich": ["externalContacts:contact:enrich", ["200"]],
      "/bulk/organizations/enrich": ["externalContacts:externalOrganization:enrich", ["200"]],
    } as const;
    for (const [path, [permission, statuses]] of Object.entries(operations)) {
      const post = document.paths[`${API}${path}`]!.post;
      expect(post.description, path).toContain(permission);
      expect(post.parameters.map((p) => p.name)).toContain("dryRun");
      for (const status of statuses) expect(post.responses, path).toHaveProperty(status);
    }
    expect(Object.keys(document.components.schemas.ContactEnrichRequest!.properties!)).toEqual(
      expect.arrayContaining(["matchingIdentifiers", "action", "contact", "fieldRules", "options"]),
    );
    expect(document.components.schemas).toHaveProperty("BulkOrganizationsEnrichResponse");
  });
});
