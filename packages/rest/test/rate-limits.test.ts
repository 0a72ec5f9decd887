import { createTestDatabase, type TestDatabase } from "@switchboard/db/testing";
import { ensureTenant, localFileStorage, type RateLimitSettings } from "@switchboard/domain";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRestApp } from "../src";

// Small limits, so a test reaches them in a few requests rather than 300.
const limits: RateLimitSettings = {
  tokenPerMinute: 5,
  loginPerMinute: 10,
  loginPerIpPerMinute: 4,
  lockoutAfterFailures: 3,
  lockoutSeconds: 30,
  maxLockoutSeconds: 3600,
};
const CLIENT = { clientId: "limited-client", clientSecret: "limited-secret" };

let database: TestDatabase;
let app: ReturnType<typeof createRestApp>;
beforeAll(async () => {
  database = await createTestDatabase();
  await ensureTenant(database.db, {
    slug: "limits",
    adminClientId: CLIENT.clientId,
    adminClientSecret: CLIENT.clientSecret,
  });
  // Behind a proxy (trusted): the tests name each request's address in X-Forwarded-For, as the proxy would.
  app = createRestApp({
    db: database.db,
    storage: localFileStorage("/nonexistent"),
    rateLimits: limits,
    trustProxy: true,
  });
});
afterAll(() => database?.close());

/** The fixed windows turn at whole minutes: keep a burst of requests inside one. */
async function awayFromWindowEdge() {
  const into = Date.now() % 60_000;
  if (into > 55_000) await new Promise((done) => setTimeout(done, 60_000 - into + 200));
}

const tokenRequest = (clientId: string, clientSecret: string, ip?: string) =>
  app.request("http://localhost/oauth/token", {
    method: "POST",
    headers: {
      authorization: `Basic ${btoa(`${clientId}:${clientSecret}`)}`,
      "content-type": "application/x-www-form-urlencoded",
      ...(ip ? { "x-forwarded-for": ip } : {}),
    },
    body: "grant_type=client_credentials",
  });

async function expectTooManyRequests(response: Response, maxSeconds: number) {
  expect(response.status).toBe(429);
  const retryAfter = Number(response.headers.get("retry-after"));
  expect(retryAfter).toBeGreaterThanOrEqual(1);
  expect(retryAfter).toBeLessThanOrEqual(maxSeconds);
  const body = (await response.json()) as Record<string, unknown>;
  expect(body).toMatchObject({
    code: "too.many.requests",
    status: 429,
    message: `Rate limit exceeded the maximum. Retry the request in [${retryAfter}] seconds`,
    messageParams: { seconds: String(retryAfter) },
  });
  expect(typeof body.contextId).toBe("string");
}

describe("rate limits", () => {
  it("answers the request past a token's per-minute limit with 429 and Retry-After", async () => {
    const token = (
      (await (await tokenRequest(CLIENT.clientId, CLIENT.clientSecret)).json()) as {
        access_token: string;
      }
    ).access_token;
    const get = () =>
      app.request("http://localhost/api/v2/externalcontacts/contacts", {
        headers: { authorization: `Bearer ${token}` },
      });
    await awayFromWindowEdge();
    for (let i = 1; i <= limits.tokenPerMinute; i++) expect((await get()).status, `request ${i}`).toBe(200);
    await expectTooManyRequests(await get(), 60);

    // Another token is counted on its own; a wrong token is still a 401.
    const other = (
      (await (await tokenRequest(CLIENT.clientId, CLIENT.clientSecret)).json()) as {
        access_token: string;
      }
    ).access_token;
    const fresh = await app.request("http://localhost/api/v2/externalcontacts/contacts", {
      headers: { authorization: `Bearer ${other}` },
    });
    expect(fresh.status).toBe(200);
    const wrong = await app.request("http://localhost/api/v2/externalcontacts/contacts", {
      headers: { authorization: "Bearer not-a-token" },
    });
    expect(wrong.status).toBe(401);
  });

  it("locks a client id out after wrong secrets: then even the right secret gets 429", async () => {
    for (let i = 0; i < limits.lockoutAfterFailures; i++)
      expect((await tokenRequest(CLIENT.clientId, `wrong-${i}`)).status).toBe(401);
    await expectTooManyRequests(
      await tokenRequest(CLIENT.clientId, CLIENT.clientSecret),
      limits.lockoutSeconds,
    );
  });

  it("limits token requests per IP address", async () => {
    await awayFromWindowEdge();
    for (let i = 0; i < limits.loginPerIpPerMinute; i++)
      expect((await tokenRequest(`unknown-${i}`, "x", "203.0.113.9")).status).toBe(401);
    await expectTooManyRequests(await tokenRequest("unknown-x", "x", "203.0.113.9"), 60);
    expect((await tokenRequest("unknown-y", "x", "203.0.113.10")).status).toBe(401);
  });

  it("locks a member's email out per organization named: wrong passwords at one tenant leave the other's member alone", async () => {
    // One email, a member of two tenants with a password of its own in each.
    const email = "shared-member@example.com";
    for (const slug of ["limits-a", "limits-b"])
      await ensureTenant(database.db, { slug, adminEmail: email, adminPassword: `${slug}-password` });
    const passwordGrant = (organization: string, password: string) =>
      app.request("http://localhost/oauth/token", {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ grant_type: "password", username: email, password, organization }),
      });
    for (let i = 0; i < limits.lockoutAfterFailures; i++)
      expect((await passwordGrant("limits-a", `wrong-${i}`)).status).toBe(400);
    await expectTooManyRequests(await passwordGrant("limits-a", "limits-a-password"), limits.lockoutSeconds);
    // The slug as typed in another case is the same tenant, so it is locked too.
    await expectTooManyRequests(await passwordGrant("Limits-A", "limits-a-password"), limits.lockoutSeconds);
    // The member of the other tenant signs in.
    expect((await passwordGrant("limits-b", "limits-b-password")).status).toBe(200);
  });

  it("counts the connection's address, not a client's X-Forwarded-For, when no proxy is trusted", async () => {
    await awayFromWindowEdge();
    const direct = createRestApp({
      db: database.db,
      storage: localFileStorage("/nonexistent"),
      rateLimits: limits,
    });
    // One connection (its socket address) naming a new address in every request: still one caller.
    const connection = { incoming: { socket: { remoteAddress: "198.51.100.77" } } };
    const attempt = (i: number) =>
      direct.request(
        "http://localhost/oauth/token",
        {
          method: "POST",
          headers: {
            authorization: `Basic ${btoa(`spoofer-${i}:x`)}`,
            "content-type": "application/x-www-form-urlencoded",
            "x-forwarded-for": `192.0.2.${i}`,
          },
          body: "grant_type=client_credentials",
        },
        connection,
      );
    for (let i = 0; i < limits.loginPerIpPerMinute; i++) expect((await attempt(i)).status).toBe(401);
    await expectTooManyRequests(await attempt(200), 60);
  });
});
