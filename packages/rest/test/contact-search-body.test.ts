import {
  createApiClient,
  createContact,
  PERMISSIONS,
  saveDivision,
  saveRole,
  setRoleDivisions,
  systemActor,
} from "@switchboard/domain";
import { beforeAll, describe, expect, it } from "vitest";
import { withRestHarness } from "./harness";

const harness = withRestHarness();
const API = "/api/v2/externalcontacts";
type Json = Record<string, unknown> & { id: string };
interface Listing {
  entities: Json[];
  total: number;
  pageSize: number;
  pageNumber: number;
  pageCount: number;
}

const search = (json: unknown, token?: string) =>
  harness().request(`${API}/contacts/search`, { method: "POST", json, token });
const simple = (simpleSearch: Record<string, unknown>, more: Record<string, unknown> = {}) => ({
  ...more,
  operation: { simpleSearch },
});

const ids: Record<string, string> = {};
let westId = "";

beforeAll(async () => {
  const h = harness();
  const system = { db: h.database.db, tenantId: h.tenantId, actor: systemActor("test") };
  westId = (await saveDivision(system, { name: "West (body search)" })).id;
  for (const [lastName, title, division] of [
    ["Adams", "B", undefined],
    ["Baker", "A", undefined],
    ["Clark", "A", westId],
    ["Dixon", "C", undefined],
  ] as const) {
    const contact = await createContact(system, {
      firstName: "Bodysearch",
      lastName,
      title,
      divisionId: division,
      emails: [{ type: "work", address: `${lastName.toLowerCase()}@body.example` }],
    });
    ids[lastName] = contact.id;
  }
});

const lastNames = async (response: Response) => {
  expect(response.status).toBe(200);
  return ((await response.json()) as Listing).entities.map((e) => e.lastName);
};

describe("Genesys POST /contacts/search", () => {
  it("answers the same ContactListing as GET /contacts for the same query, order and page", async () => {
    const h = harness();
    const response = await search(
      simple({ query: "bodysearch", sortOrder: ["lastName:desc"] }, { pageSize: 2, pageNumber: 2 }),
    );
    expect(response.status).toBe(200);
    const body = (await response.json()) as Listing;
    expect(body).toMatchObject({ total: 4, pageSize: 2, pageNumber: 2, pageCount: 2 });
    expect(body.entities.map((e) => e.lastName)).toEqual(["Baker", "Adams"]);
    const got = (await (
      await h.request(`${API}/contacts?q=bodysearch&sortOrder=lastName:desc&pageSize=2&pageNumber=2`)
    ).json()) as Listing;
    expect(body.entities).toEqual(got.entities);
    // Typos are forgiven as in GET.
    expect(await lastNames(await search(simple({ query: "bodysaerch dixon" })))).toEqual(["Dixon"]);
    // No body fields: every contact, first page of 20.
    const all = (await (await search({})).json()) as Listing;
    expect(all).toMatchObject({ pageSize: 20, pageNumber: 1 });
    expect(all.total).toBeGreaterThanOrEqual(4);
  });

  it("sorts by several keys, keeps only the ids asked for, filters by division and expands", async () => {
    expect(
      await lastNames(
        await search(simple({ query: "bodysearch", sortOrder: ["title:asc", "lastName:DESC"] })),
      ),
    ).toEqual(["Clark", "Baker", "Adams", "Dixon"]);
    expect(await lastNames(await search(simple({ ids: [ids.Dixon, ids.Adams] })))).toEqual([
      "Adams",
      "Dixon",
    ]);
    expect(await lastNames(await search(simple({ query: "clark", ids: [ids.Dixon] })))).toEqual([]);
    expect(await lastNames(await search({ divisionIds: [westId] }))).toEqual(["Clark"]);
    // Empty lists are no filter.
    expect((await lastNames(await search(simple({ query: "bodysearch", ids: [] }), undefined))).length).toBe(
      4,
    );

    const expanded = await search({ ...simple({ ids: [ids.Clark] }), expand: ["division", "identifiers"] });
    const [clark] = ((await expanded.json()) as Listing).entities;
    expect(clark).toMatchObject({ id: ids.Clark, division: { id: westId, name: "West (body search)" } });
    expect(clark!.identifiers).toEqual([]);
  });

  it("refuses bad paging, sort keys, expands, ids and bodies with a 400 naming the field", async () => {
    const cases: [unknown, string][] = [
      [{ pageSize: 0 }, "pageSize"],
      [{ pageSize: "ten" }, "pageSize"],
      [{ pageSize: 100, pageNumber: 11 }, "pageNumber"],
      [{ expand: ["everything"] }, "expand.0"],
      [simple({ sortOrder: ["email:asc"] }), "operation.simpleSearch.sortOrder.0"],
      [simple({ sortOrder: "lastName:asc" }), "operation.simpleSearch.sortOrder"],
      [simple({ ids: ["not-a-uuid"] }), "operation.simpleSearch.ids.0"],
      [{ divisionIds: ["nope"] }, "divisionIds.0"],
    ];
    for (const [body, field] of cases) {
      const response = await search(body);
      expect(response.status, JSON.stringify(body)).toBe(400);
      const error = (await response.json()) as { code: string; details: { fieldName: string }[] };
      expect(error.code).toBe("bad.request");
      expect(
        error.details.map((d) => d.fieldName),
        JSON.stringify(body),
      ).toContain(field);
    }
    const text = await harness().request(`${API}/contacts/search`, {
      method: "POST",
      body: "q=x",
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
    expect(text.status).toBe(415);
    const malformed = await harness().request(`${API}/contacts/search`, {
      method: "POST",
      body: "{",
      headers: { "content-type": "application/json" },
    });
    expect(malformed.status).toBe(400);
  });

  it("needs the contact view permission and sees only the caller's divisions", async () => {
    const h = harness();
    const refused = await search({}, await h.tokenFor([PERMISSIONS.organizationView]));
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { message: string }).message).toContain(
      "externalContacts:contact:view",
    );
    expect(
      await lastNames(await search(simple({ query: "adams" }), await h.tokenFor([PERMISSIONS.contactView]))),
    ).toEqual(["Adams"]);

    const system = { db: h.database.db, tenantId: h.tenantId, actor: systemActor("test") };
    const role = await saveRole(system, { name: "West searchers", permissions: [PERMISSIONS.contactView] });
    await setRoleDivisions(system, role.id, [westId]);
    const token = await h.issueToken(
      await createApiClient(system, { name: "west search", roleIds: [role.id] }),
    );
    expect(await lastNames(await search(simple({ query: "bodysearch" }), token))).toEqual(["Clark"]);
    expect(await lastNames(await search(simple({ ids: [ids.Adams, ids.Clark] }), token))).toEqual(["Clark"]);
  });
});
