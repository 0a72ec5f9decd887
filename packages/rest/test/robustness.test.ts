import { describe, expect, it } from "vitest";
import { withRestHarness } from "./harness";

const harness = withRestHarness();
const API = "/api/v2/externalcontacts";
const NUL = "\u0000";
type Json = Record<string, unknown> & { id: string };

async function created(path: string, body: unknown): Promise<Json> {
  const response = await harness().request(`${API}${path}`, { method: "POST", json: body });
  expect(response.status, path).toBe(200);
  return (await response.json()) as Json;
}

/** A 400 with the Genesys ErrorBody naming `field`. */
async function expectBadField(response: Response | Promise<Response>, field: string) {
  const r = await response;
  const body = (await r.json()) as { status: number; code: string; details: { fieldName?: string }[] };
  expect(r.status, JSON.stringify(body)).toBe(400);
  expect(body).toMatchObject({ status: 400, code: "bad.request" });
  expect(body.details.map((d) => d.fieldName)).toContain(field);
}

describe("NUL characters (PostgreSQL text cannot hold them)", () => {
  it("answers 400 naming the query parameter", async () => {
    const h = harness();
    await expectBadField(h.request(`${API}/contacts?q=%00`), "q");
    await expectBadField(h.request(`${API}/organizations?q=a%00b`), "q");
    await expectBadField(h.request(`${API}/reversewhitepageslookup?lookupVal=%00`), "lookupVal");
  });

  it("answers 400 naming the body field on create, PUT, PATCH, notes and organizations", async () => {
    const h = harness();
    const contact = await created("/contacts", { firstName: "Nul", lastName: "Probe" });
    await expectBadField(
      h.request(`${API}/contacts`, { method: "POST", json: { firstName: `a${NUL}b` } }),
      "firstName",
    );
    await expectBadField(
      h.request(`${API}/contacts/${contact.id}`, {
        method: "PUT",
        json: { firstName: "Nul", address: { city: NUL } },
      }),
      "address.city",
    );
    await expectBadField(
      h.request(`${API}/contacts/${contact.id}`, {
        method: "PATCH",
        json: { changes: [{ field: "$.title", action: "Update", value: `Dr${NUL}` }] },
      }),
      "changes.0.value",
    );
    await expectBadField(
      h.request(`${API}/contacts/${contact.id}/notes`, { method: "POST", json: { noteText: NUL } }),
      "noteText",
    );
    await expectBadField(
      h.request(`${API}/organizations`, { method: "POST", json: { name: `Acme${NUL}` } }),
      "name",
    );
    const org = await created("/organizations", { name: "Nul Org" });
    await expectBadField(
      h.request(`${API}/organizations/${org.id}`, { method: "PUT", json: { name: "Nul Org", tags: [NUL] } }),
      "tags.0",
    );
    // Nothing was written.
    const read = (await (await h.request(`${API}/contacts/${contact.id}`)).json()) as Json;
    expect(read).toMatchObject({ firstName: "Nul", lastName: "Probe" });
  });

  it("fails only the bulk item that holds one", async () => {
    const h = harness();
    const response = await h.request(`${API}/bulk/contacts/add`, {
      method: "POST",
      json: {
        entities: [{ firstName: "Bulk fine" }, { firstName: `Bulk${NUL}bad` }, { lastName: "Also fine" }],
      },
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as {
      results: { success: boolean; status: number; error?: { details: { fieldName: string }[] } }[];
      errorIndexes: number[];
    };
    expect(body.errorIndexes).toEqual([1]);
    expect(body.results.map((r) => r.success)).toEqual([true, false, true]);
    expect(body.results[1]).toMatchObject({ status: 400 });
    expect(body.results[1]!.error!.details.map((d) => d.fieldName)).toContain("firstName");

    const contact = await created("/contacts", { firstName: "Noted" });
    const notes = await h.request(`${API}/bulk/notes/add`, {
      method: "POST",
      json: {
        entities: [
          { entityType: "contact", entityId: contact.id, noteText: NUL },
          { entityType: "contact", entityId: contact.id, noteText: "ok" },
        ],
      },
    });
    expect(notes.status).toBe(200);
    const noted = (await notes.json()) as { results: { status: number }[] };
    expect(noted.results.map((r) => r.status)).toEqual([400, 201]);
    const fetched = await h.request(`${API}/bulk/contacts`, {
      method: "POST",
      json: { entities: [{ id: NUL }, { id: contact.id }] },
    });
    expect(fetched.status).toBe(200);
    const got = (await fetched.json()) as { results: { status: number }[] };
    expect(got.results.map((r) => r.status)).toEqual([404, 200]);
  });
});

describe("malformed requests answer 4xx, never 500", () => {
  it("a path that is not valid percent-encoded UTF-8", async () => {
    const h = harness();
    for (const token of [undefined, null]) {
      for (const path of [`${API}/contacts/%ff%fe`, `${API}/%ff%fe`, `${API}/contacts/%ff%fe/notes`]) {
        const response = await h.request(path, { token });
        expect([400, 404], path).toContain(response.status);
        expect(await response.json()).toMatchObject({ status: response.status, code: expect.any(String) });
      }
    }
  });

  it("Basic credentials that are not percent-encoded", async () => {
    const response = await harness().request("/oauth/token", {
      method: "POST",
      token: null,
      headers: { authorization: "Basic JTp4", "content-type": "application/x-www-form-urlencoded" },
      body: "grant_type=client_credentials",
    });
    expect([400, 401]).toContain(response.status);
    expect(await response.json()).toMatchObject({ error: "invalid_client" });
    const nul = await harness().request("/oauth/token", {
      method: "POST",
      token: null,
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "grant_type=client_credentials&client_id=%00&client_secret=x",
    });
    expect(nul.status).toBe(401);
    expect(await nul.json()).toMatchObject({ error: "invalid_client" });
  });

  it("export queryConditions nested too deep", async () => {
    let filters: unknown = { eq: { field: "DivisionId", value: crypto.randomUUID() } };
    for (let i = 0; i < 1000; i++) filters = { not: filters };
    const response = await harness().request(`${API}/contacts/exports`, {
      method: "POST",
      json: { queryConditions: { filters } },
    });
    const body = (await response.json()) as { status: number; message: string; details: unknown[] };
    expect(response.status, JSON.stringify(body).slice(0, 300)).toBe(400);
    expect(body.message).toMatch(/deep|nest/i);
    expect(JSON.stringify(body.details)).toContain("queryConditions.filters");
  });
});
