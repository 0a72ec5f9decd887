import { apiTokens, eq } from "@switchboard/db";
import { hashToken } from "@switchboard/domain";
import { describe, expect, it } from "vitest";
import { ADMIN, withRestHarness } from "./harness";

const harness = withRestHarness();
const form = (body: string, headers: Record<string, string> = {}) => ({
  method: "POST",
  token: null,
  headers: { "content-type": "application/x-www-form-urlencoded", ...headers },
  body,
});

describe("POST /oauth/token", () => {
  it("issues a bearer token for HTTP Basic credentials, which then opens the API", async () => {
    const basic = `Basic ${btoa(`${ADMIN.clientId}:${ADMIN.clientSecret}`)}`;
    const response = await harness().request(
      "/oauth/token",
      form("grant_type=client_credentials", { authorization: basic }),
    );
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("no-store");
    const token = (await response.json()) as { access_token: string; token_type: string; expires_in: number };
    expect(token).toMatchObject({ token_type: "bearer", expires_in: 86400 });
    const contacts = await harness().request("/api/v2/externalcontacts/contacts", {
      token: token.access_token,
    });
    expect(contacts.status).toBe(200);
  });

  it("accepts credentials as form fields or as a JSON body", async () => {
    const body = `grant_type=client_credentials&client_id=${ADMIN.clientId}&client_secret=${ADMIN.clientSecret}`;
    expect((await harness().request("/oauth/token", form(body))).status).toBe(200);
    const json = await harness().request("/oauth/token", {
      method: "POST",
      token: null,
      json: {
        grant_type: "client_credentials",
        client_id: ADMIN.clientId,
        client_secret: ADMIN.clientSecret,
      },
    });
    expect(json.status).toBe(200);
    expect(await json.json()).toMatchObject({ token_type: "bearer" });
  });

  it("refuses a wrong secret with invalid_client and another grant with unsupported_grant_type", async () => {
    const wrong = await harness().request(
      "/oauth/token",
      form(`grant_type=client_credentials&client_id=${ADMIN.clientId}&client_secret=nope`),
    );
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get("www-authenticate")).toMatch(/^Basic/);
    expect(await wrong.json()).toEqual({
      error: "invalid_client",
      description: "client authentication failed",
      error_description: "client authentication failed",
    });
    const grant = await harness().request("/oauth/token", form("grant_type=authorization_code&code=a"));
    expect(grant.status).toBe(400);
    expect(await grant.json()).toMatchObject({ error: "unsupported_grant_type" });
    const none = await harness().request("/oauth/token", form("grant_type=client_credentials"));
    expect(none.status).toBe(401);
    const missing = await harness().request("/oauth/token", form(`client_id=${ADMIN.clientId}`));
    expect(missing.status).toBe(400);
    expect(await missing.json()).toMatchObject({ error: "invalid_request" });
  });
});

describe("bearer authentication", () => {
  it("answers 401 with the Genesys ErrorBody without a token or with a bad one", async () => {
    const missing = await harness().request("/api/v2/externalcontacts/contacts", { token: null });
    expect(missing.status).toBe(401);
    expect(await missing.json()).toMatchObject({
      status: 401,
      code: "authentication.required",
      message: "No authentication bearer token specified in authorization header.",
    });
    const bad = await harness().request("/api/v2/externalcontacts/contacts", { token: "forged" });
    expect(bad.status).toBe(401);
    expect(await bad.json()).toMatchObject({
      status: 401,
      code: "bad.credentials",
      contextId: expect.stringMatching(/^[0-9a-f-]{36}$/),
    });
  });

  it("answers 401 once a token has expired (an expiry moved earlier: within the principal cache's second)", async () => {
    const h = harness();
    const token = await h.tokenFor(["externalContacts:contact:view"]);
    expect((await h.request("/api/v2/externalcontacts/contacts", { token })).status).toBe(200);
    await h.database.db
      .update(apiTokens)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(apiTokens.tokenHash, hashToken(token)));
    const get = () => h.request("/api/v2/externalcontacts/contacts", { token });
    // Refused at once when the change is notified, and at the latest to a request sent a second after it.
    const deadline = Date.now() + 1000;
    let expired = await get();
    while (expired.status === 200 && Date.now() < deadline) {
      await new Promise((done) => setTimeout(done, 20));
      expired = await get();
    }
    if (expired.status === 200) expired = await get();
    expect(expired.status).toBe(401);
    expect(await expired.json()).toMatchObject({ status: 401, code: "bad.credentials" });
  });
});
