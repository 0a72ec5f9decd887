import { addMember, PERMISSIONS, saveRole, systemActor } from "@switchboard/domain";
import { describe, expect, it } from "vitest";
import { withRestHarness } from "./harness";

const harness = withRestHarness();
const STATUSES = "/dfs/v1.0/contacts/change-requests/statuses";

async function memberToken(permissions: string[]) {
  const h = harness();
  const system = { db: h.database.db, tenantId: h.tenantId, actor: systemActor("test") };
  const role = await saveRole(system, { name: "dfs skeleton member", permissions });
  await addMember(system, {
    email: "skeleton@example.com",
    name: "Skel",
    password: "pw-skeleton-1",
    roleIds: [role.id],
  });
  const response = await h.request("/oauth/token", {
    method: "POST",
    token: null,
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({
      grant_type: "password",
      username: "skeleton@example.com",
      password: "pw-skeleton-1",
    }).toString(),
  });
  return ((await response.json()) as { access_token: string }).access_token;
}

const expectApiError = async (response: Response, status: number, code: string) => {
  expect(response.status).toBe(status);
  const body = (await response.json()) as Record<string, string>;
  expect(body).toMatchObject({ code, subCode: "NA" });
  expect(body.message).toEqual(expect.any(String));
  expect(body.correlationId).toMatch(/^[0-9a-f]{32}$/);
  expect(response.headers.get("x-correlation-id")).toBe(body.correlationId);
  return body;
};

describe("DFS dialect skeleton", () => {
  it("answers 401 ApiError without a token, 403 without the permission, 404 for an unknown path", async () => {
    const h = harness();
    await expectApiError(await h.request(STATUSES, { token: null }), 401, "Unauthorized");
    await expectApiError(await h.request(STATUSES, { token: "not-a-token" }), 401, "Unauthorized");
    const noView = await h.tokenFor([PERMISSIONS.contactEdit]);
    await expectApiError(await h.request(STATUSES, { token: noView }), 403, "Forbidden");
    await expectApiError(await h.request("/dfs/v1.0/nothing-here"), 404, "NotFound");
  });

  it("answers 400 BadRequest for a malformed JSON body", async () => {
    const response = await harness().request("/dfs/v1.0/contacts", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{not json",
    });
    const body = await expectApiError(response, 400, "BadRequest");
    expect(body.message).toContain("The request was not in the required format");
  });

  it("sends the correlation id header on success too, derived from the request id", async () => {
    const response = await harness().request(STATUSES, {
      headers: { "x-request-id": "0f8fad5b-d9cb-469f-a165-70867728950e" },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get("x-correlation-id")).toBe("0f8fad5bd9cb469fa16570867728950e");
  });

  it("names one correlation id in the error body and its header, whatever request id the caller sent", async () => {
    const h = harness();
    const response = await h.request("/dfs/v1.0/nothing-here", {
      headers: { "x-request-id": "trace-not-hex" },
    });
    await expectApiError(response, 404, "NotFound");
  });

  it("localizes status names by the language query, then Accept-Language, else English", async () => {
    const h = harness();
    const names = async (path: string, headers: Record<string, string> = {}) =>
      (
        (await (await h.request(path, { headers })).json()) as {
          changeRequestStatuses: { id: number; name: string }[];
        }
      ).changeRequestStatuses;
    expect(await names(STATUSES)).toEqual([
      { id: 1, name: "Pending" },
      { id: 2, name: "Approved" },
      { id: 3, name: "Rejected" },
      { id: 4, name: "Cancelled" },
    ]);
    expect((await names(STATUSES, { "accept-language": "de-CH, en;q=0.5" }))[0]!.name).toBe("Ausstehend");
    expect((await names(`${STATUSES}?language=en`, { "accept-language": "de" }))[0]!.name).toBe("Pending");
    expect((await names(`${STATUSES}?language=de`))[1]!.name).toBe("Genehmigt");
    expect((await names(`${STATUSES}?language=fr`))[2]!.name).toBe("Rejected");
  });

  it("takes a member's token from the password grant", async () => {
    const token = await memberToken([PERMISSIONS.contactView]);
    const response = await harness().request(STATUSES, { token });
    expect(response.status).toBe(200);
  });

  it("serves its OpenAPI document and a reference page without a token", async () => {
    const h = harness();
    const doc = (await (await h.request("/dfs/openapi.json", { token: null })).json()) as {
      paths: Record<string, unknown>;
    };
    expect(Object.keys(doc.paths)).toContain("/v1.0/contacts/change-requests/statuses");
    const page = await h.request("/dfs/reference", { token: null });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("/v1.0/contacts/change-requests/statuses");
  });
});
