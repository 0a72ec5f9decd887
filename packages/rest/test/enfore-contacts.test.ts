import { PERMISSIONS } from "@switchboard/domain";
import { describe, expect, it } from "vitest";
import { call, ORG } from "./enfore-helpers";
import { ADMIN, withRestHarness } from "./harness";

const harness = withRestHarness();
const h = () => harness();

const basic = (id: string, secret: string) => `Basic ${btoa(`${id}:${secret}`)}`;

describe("enfore auth and org scoping", () => {
  it("issues an org token with HTTP Basic, valid for that org (by slug or uuid) only", async () => {
    const response = await h().request("/enfore/auth/authorize/rest", {
      token: null,
      headers: { authorization: basic(ADMIN.clientId, ADMIN.clientSecret) },
    });
    expect(response.status).toBe(200);
    const { accessToken } = (await response.json()) as { accessToken: string };
    expect(typeof accessToken).toBe("string");
    await call(h(), "GET", `${ORG}/individual`, 200, undefined, accessToken);
    await call(h(), "GET", `/enfore/org/${h().tenantId}/individual`, 200, undefined, accessToken);
    const other = await call(h(), "GET", "/enfore/org/someone-else/individual", 403, undefined, accessToken);
    expect(other).toMatchObject({ title: "Forbidden", type: expect.any(String), detail: expect.any(String) });
  });

  it("refuses wrong credentials and another org's authorize with 403, never 401", async () => {
    for (const [org, auth] of [
      ["rest", basic(ADMIN.clientId, "wrong")],
      ["another-org", basic(ADMIN.clientId, ADMIN.clientSecret)],
      ["rest", undefined],
    ] as const) {
      const response = await h().request(`/enfore/auth/authorize/${org}`, {
        token: null,
        headers: auth ? { authorization: auth } : {},
      });
      expect(response.status).toBe(403);
      expect(response.headers.get("content-type")).toMatch(/^application\/problem\+json/);
    }
  });

  it("answers 403 without a token, with a bad token and without the permission", async () => {
    await call(h(), "GET", `${ORG}/individual`, 403, undefined, null);
    await call(h(), "GET", `${ORG}/individual`, 403, undefined, "not-a-token");
    const viewer = await h().tokenFor([PERMISSIONS.organizationView]);
    await call(h(), "GET", `${ORG}/individual`, 403, undefined, viewer);
    await call(h(), "POST", `${ORG}/individual`, 403, { name: "X" }, viewer);
  });

  it("serves its OpenAPI document and reference page publicly", async () => {
    const doc = await h().request("/enfore/openapi.json", { token: null });
    expect(doc.status).toBe(200);
    const body = (await doc.json()) as { paths: Record<string, unknown> };
    expect(body.paths["/org/{org-id}/individual/{contact-id}"]).toBeDefined();
    expect(body.paths["/auth/authorize/{org-id}"]).toBeDefined();
    const page = await h().request("/enfore/reference", { token: null });
    expect(page.status).toBe(200);
  });
});

describe("enfore individual contacts (ops 1-5)", () => {
  it("creates, reads, replaces and soft-deletes an individual", async () => {
    const created = await call(h(), "POST", `${ORG}/individual`, 201, {
      name: "Grace Hopper",
      date_of_birth: "1906-12-09",
      external_id: "erp-grace",
    });
    expect(Object.keys(created)).toEqual(["id", "external_id", "name", "date_of_birth", "deleted"]);
    expect(created).toMatchObject({ name: "Grace Hopper", external_id: "erp-grace", deleted: false });
    const read = await call(h(), "GET", `${ORG}/individual/${created.id}`, 200);
    expect(read).toEqual(created);
    const put = await call(h(), "PUT", `${ORG}/individual/${created.id}`, 200, {
      name: "Grace B. Hopper",
      anniversary: "1930-06-15",
    });
    expect(put).toEqual({
      id: created.id,
      name: "Grace B. Hopper",
      anniversary: "1930-06-15",
      deleted: false,
    });
    await call(h(), "DELETE", `${ORG}/individual/${created.id}`, 204);
    expect(await call(h(), "GET", `${ORG}/individual/${created.id}`, 200)).toMatchObject({ deleted: true });
    await call(h(), "DELETE", `${ORG}/individual/${created.id}`, 404);
    await call(h(), "PUT", `${ORG}/individual/${created.id}`, 404, { name: "Again" });
    const listed = await call(h(), "GET", `${ORG}/individual?limit=5000`, 200);
    expect(listed.items.find((i) => i.id === created.id)).toMatchObject({ deleted: true });
    expect(listed.problems).toEqual([]);
  });

  it("refuses invalid bodies with 400 and unknown ids with 404", async () => {
    await call(h(), "POST", `${ORG}/individual`, 400, { name: "" });
    await call(h(), "POST", `${ORG}/individual`, 400, {});
    await call(h(), "POST", `${ORG}/individual`, 400, { name: "A", date_of_birth: "09.12.1906" });
    await call(h(), "POST", `${ORG}/individual`, 400, { name: "A", external_id: "x".repeat(257) });
    const response = await h().request(`${ORG}/individual`, {
      method: "POST",
      body: "{not json",
      headers: { "content-type": "application/json" },
    });
    expect(response.status).toBe(400);
    await call(h(), "GET", `${ORG}/individual/${crypto.randomUUID()}`, 404);
    await call(h(), "GET", `${ORG}/individual/not-a-uuid`, 404);
    await call(h(), "PUT", `${ORG}/individual/${crypto.randomUUID()}`, 404, { name: "X" });
    await call(h(), "DELETE", `${ORG}/individual/${crypto.randomUUID()}`, 404);
  });

  it("refuses a duplicate external_id with 400", async () => {
    await call(h(), "POST", `${ORG}/individual`, 201, { name: "One", external_id: "dup-1" });
    await call(h(), "POST", `${ORG}/individual`, 400, { name: "Two", external_id: "dup-1" });
  });

  it("pages with limit and offset in creation order, and refuses out-of-range paging with 400", async () => {
    const made: string[] = [];
    for (const name of ["Page A", "Page B", "Page C"])
      made.push((await call(h(), "POST", `${ORG}/individual`, 201, { name })).id);
    const all = await call(h(), "GET", `${ORG}/individual?limit=5000`, 200);
    const at = all.items.findIndex((i) => i.id === made[0]);
    const page = await call(h(), "GET", `${ORG}/individual?limit=2&offset=${at + 1}`, 200);
    expect(page.items.map((i) => i.id)).toEqual([made[1], made[2]]);
    const def = await call(h(), "GET", `${ORG}/individual`, 200);
    expect(def.items.length).toBe(Math.min(all.items.length, 200));
    for (const query of ["limit=0", "limit=5001", "offset=-1", "limit=abc", "limit=1.5"])
      await call(h(), "GET", `${ORG}/individual?${query}`, 400);
    expect((await call(h(), "GET", `${ORG}/individual?offset=100000`, 200)).items).toEqual([]);
  });
});
