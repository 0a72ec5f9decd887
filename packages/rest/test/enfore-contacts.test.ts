import { ensureTenant, PERMISSIONS } from "@switchboard/domain";
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

describe("enfore organization contacts (ops 68-72)", () => {
  it("creates, reads, replaces and soft-deletes an organization with its enfore fields", async () => {
    const person = await call(h(), "POST", `${ORG}/individual`, 201, { name: "Founder Person" });
    const holder = await call(h(), "POST", `${ORG}/organization`, 201, { name: "Holder" });
    const pi = await call(h(), "POST", `${ORG}/individual/${person.id}/professional-identities`, 201, {
      organization_contact: holder.id,
      is_active: true,
    });
    const ref = { contact_id: person.id, professional_identity_id: pi.id };
    const created = await call(h(), "POST", `${ORG}/organization`, 201, {
      name: "Acme GmbH",
      external_id: "erp-acme",
      founded: "1949-01-01",
      founders: [ref],
      leaders: [ref],
      external_organization_id: "other-org-7",
    });
    expect(Object.keys(created)).toEqual([
      "id",
      "external_id",
      "name",
      "founded",
      "representatives",
      "founders",
      "leaders",
      "external_organization_id",
      "deleted",
    ]);
    expect(created).toMatchObject({ representatives: [], founders: [ref], leaders: [ref], deleted: false });
    expect(await call(h(), "GET", `${ORG}/organization/${created.id}`, 200)).toEqual(created);
    const put = await call(h(), "PUT", `${ORG}/organization/${created.id}`, 200, { name: "Acme AG" });
    expect(put).toEqual({
      id: created.id,
      name: "Acme AG",
      representatives: [],
      founders: [],
      leaders: [],
      deleted: false,
    });
    await call(h(), "DELETE", `${ORG}/organization/${created.id}`, 204);
    expect(await call(h(), "GET", `${ORG}/organization/${created.id}`, 200)).toMatchObject({ deleted: true });
    await call(h(), "DELETE", `${ORG}/organization/${created.id}`, 404);
    await call(h(), "PUT", `${ORG}/organization/${created.id}`, 404, { name: "Again" });
    const listed = await call(h(), "GET", `${ORG}/organization?limit=5000`, 200);
    expect(listed.items.find((i) => i.id === created.id)).toMatchObject({ deleted: true });
    // Deleting the represented organization ends its PIs and empties its representatives.
    await call(h(), "DELETE", `${ORG}/organization/${holder.id}`, 204);
    expect(await call(h(), "GET", `${ORG}/organization/${holder.id}`, 200)).toMatchObject({
      representatives: [],
      deleted: true,
    });
    expect(
      await call(h(), "GET", `${ORG}/individual/${person.id}/professional-identities/${pi.id}`, 200),
    ).toMatchObject({ is_active: false });
  });

  it("refuses invalid organizations with 400, unknown and other-kind ids with 404, and pages", async () => {
    await call(h(), "POST", `${ORG}/organization`, 400, {});
    await call(h(), "POST", `${ORG}/organization`, 400, { name: "X", founded: "1949" });
    await call(h(), "POST", `${ORG}/organization`, 400, { name: "X", founders: [{ contact_id: "a" }] });
    const person = await call(h(), "POST", `${ORG}/individual`, 201, { name: "Not An Org" });
    await call(h(), "GET", `${ORG}/organization/${person.id}`, 404);
    await call(h(), "PUT", `${ORG}/organization/${person.id}`, 404, { name: "X" });
    await call(h(), "DELETE", `${ORG}/organization/${person.id}`, 404);
    const org = await call(h(), "POST", `${ORG}/organization`, 201, { name: "Not A Person" });
    await call(h(), "GET", `${ORG}/individual/${org.id}`, 404);
    for (const query of ["limit=0", "limit=5001", "offset=-1"])
      await call(h(), "GET", `${ORG}/organization?${query}`, 400);
    expect((await call(h(), "GET", `${ORG}/organization?limit=1`, 200)).items).toHaveLength(1);
    const viewer = await h().tokenFor([PERMISSIONS.contactView]);
    await call(h(), "GET", `${ORG}/organization`, 403, undefined, viewer);
    await call(h(), "POST", `${ORG}/organization`, 403, { name: "X" }, viewer);
    await call(h(), "DELETE", `${ORG}/organization/${org.id}`, 403, undefined, viewer);
  });
});

describe("enfore tenants", () => {
  it("answers 404 for another tenant's ids and 403 for a path of another org", async () => {
    const { database } = h();
    await ensureTenant(database.db, {
      slug: "other-org",
      adminClientId: "other-admin",
      adminClientSecret: "other-admin-secret",
    });
    const otherToken = await h().issueToken({ clientId: "other-admin", clientSecret: "other-admin-secret" });
    const theirs = await call(
      h(),
      "POST",
      "/enfore/org/other-org/individual",
      201,
      { name: "Theirs" },
      otherToken,
    );
    const theirOrg = await call(
      h(),
      "POST",
      "/enfore/org/other-org/organization",
      201,
      { name: "T" },
      otherToken,
    );
    await call(h(), "GET", `${ORG}/individual/${theirs.id}`, 404);
    await call(h(), "GET", `${ORG}/individual/${theirs.id}/emails`, 404);
    await call(h(), "PUT", `${ORG}/individual/${theirs.id}`, 404, { name: "Mine now" });
    await call(h(), "DELETE", `${ORG}/individual/${theirs.id}`, 404);
    await call(h(), "GET", `${ORG}/organization/${theirOrg.id}`, 404);
    await call(h(), "GET", `${ORG}/individual/external-id-from-id/${theirs.id}`, 404);
    await call(h(), "POST", `${ORG}/individual-id-mapping`, 422, {
      items: [{ internal: theirs.id, external: "steal" }],
    });
    const mine = await call(h(), "POST", `${ORG}/individual`, 201, { name: "Mine" });
    await call(h(), "GET", `/enfore/org/other-org/individual/${mine.id}`, 403);
    await call(h(), "GET", `/enfore/org/rest/individual/${mine.id}`, 403, undefined, otherToken);
    const listed = await call(h(), "GET", `${ORG}/individual?limit=5000`, 200);
    expect(listed.items.some((i) => i.id === theirs.id)).toBe(false);
  });
});

describe("enfore contact deletes still referenced", () => {
  it("refuses (422) to delete an individual or organization a customer names as alternative payer", async () => {
    const payer = { alternative_payer_id: "AP-9", is_active: true, since: "2023-05-01" };
    const customer = {
      customer_id: "C-9",
      is_active: true,
      is_suspended: false,
      customer_since: "2024-01-31",
    };
    const buyer = await call(h(), "POST", `${ORG}/individual`, 201, { name: "Buyer Person" });
    for (const kind of ["individual", "organization"] as const) {
      const paying = await call(h(), "POST", `${ORG}/${kind}`, 201, { name: `Paying ${kind}` });
      await call(h(), "PUT", `${ORG}/${kind}/${paying.id}/roles/alternative-payer`, 200, payer);
      await call(h(), "PUT", `${ORG}/individual/${buyer.id}/roles/customer`, 200, {
        ...customer,
        alternative_payer: { id: paying.id },
      });
      await call(h(), "DELETE", `${ORG}/${kind}/${paying.id}`, 422);
      expect(await call(h(), "GET", `${ORG}/${kind}/${paying.id}`, 200)).toMatchObject({ deleted: false });
      await call(h(), "PUT", `${ORG}/individual/${buyer.id}/roles/customer`, 200, customer);
      await call(h(), "DELETE", `${ORG}/${kind}/${paying.id}`, 204);
    }
  });
});
