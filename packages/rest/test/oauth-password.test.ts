import { and, apiTokens, changeSets, eq, tenants } from "@switchboard/db";
import {
  addMember,
  createContact,
  ensureTenant,
  hashToken,
  localFileStorage,
  PERMISSIONS,
  type RateLimitSettings,
  saveDivision,
  saveRole,
  setMemberActive,
  setRoleDivisions,
  systemActor,
} from "@switchboard/domain";
import { describe, expect, it } from "vitest";
import { createRestApp } from "../src";
import { withRestHarness } from "./harness";

const harness = withRestHarness();
const API = "/api/v2/externalcontacts";
const system = () => ({
  db: harness().database.db,
  tenantId: harness().tenantId,
  actor: systemActor("test"),
});

const passwordGrant = (fields: Record<string, string>, request = harness().request) =>
  request("/oauth/token", {
    method: "POST",
    token: null,
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ grant_type: "password", ...fields }).toString(),
  });

let count = 0;
/** A member of the harness tenant holding a new role with `permissions`, limited to `divisionIds` when given. */
async function member(permissions: string[], divisionIds?: string[]) {
  const n = ++count;
  const role = await saveRole(system(), { name: `password grant role ${n}`, permissions });
  if (divisionIds) await setRoleDivisions(system(), role.id, divisionIds);
  const credentials = { username: `member-${n}@example.com`, password: `password-${n}` };
  const { id } = await addMember(system(), {
    email: credentials.username,
    name: `Member ${n}`,
    password: credentials.password,
    roleIds: [role.id],
  });
  return { id, ...credentials };
}

async function tokenOf(credentials: Record<string, string>) {
  const response = await passwordGrant(credentials);
  expect(response.status).toBe(200);
  return ((await response.json()) as { access_token: string }).access_token;
}

describe("POST /oauth/token with grant_type=password", () => {
  it("issues a bearer token that acts as the member, with the member's roles and divisions", async () => {
    const h = harness();
    const west = await saveDivision(system(), { name: "Password West" });
    const inWest = await createContact(system(), { firstName: "Granted", divisionId: west.id });
    const inHome = await createContact(system(), { firstName: "Granted" });
    const agent = await member([PERMISSIONS.contactView, PERMISSIONS.contactAdd], [west.id]);

    const response = await passwordGrant({
      username: agent.username.toUpperCase(),
      password: agent.password,
    });
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("no-store");
    const body = (await response.json()) as { access_token: string };
    expect(body).toMatchObject({ token_type: "bearer", expires_in: 86400 });
    const token = body.access_token;
    // Stored as its hash, owned by the member.
    const [stored] = await h.database.db
      .select()
      .from(apiTokens)
      .where(eq(apiTokens.tokenHash, hashToken(token)));
    expect(stored).toMatchObject({ memberId: agent.id, apiClientId: null });

    expect((await h.request(`${API}/contacts/${inWest.id}`, { token })).status).toBe(200);
    expect((await h.request(`${API}/contacts/${inHome.id}`, { token })).status).toBe(404);
    const created = await h.request(`${API}/contacts`, {
      method: "POST",
      token,
      json: { firstName: "By a member", division: { id: west.id } },
    });
    expect(created.status).toBe(200);
    const { id } = (await created.json()) as { id: string };
    const [history] = await h.database.db
      .select()
      .from(changeSets)
      .where(and(eq(changeSets.tenantId, h.tenantId), eq(changeSets.entityId, id)));
    expect(history).toMatchObject({
      actorKind: "member",
      actorId: agent.id,
      actorName: expect.stringMatching(/^Member /),
    });
    // Not a permission the member holds.
    expect((await h.request(`${API}/contacts/${id}`, { method: "DELETE", token })).status).toBe(403);
  });

  it("refuses a wrong password and an unknown email alike, with invalid_grant", async () => {
    const agent = await member([PERMISSIONS.contactView]);
    const wrong = await passwordGrant({ username: agent.username, password: "wrong" });
    const unknown = await passwordGrant({ username: "nobody@example.com", password: agent.password });
    for (const response of [wrong, unknown]) {
      expect(response.status).toBe(400);
      expect(await response.json()).toEqual({
        error: "invalid_grant",
        description: "invalid username or password",
        error_description: "invalid username or password",
      });
    }
    const missing = await passwordGrant({ username: agent.username });
    expect(missing.status).toBe(400);
    expect(await missing.json()).toMatchObject({ error: "invalid_request" });
  });

  it("asks for the organization when the password matches members of several tenants, as the web sign-in does", async () => {
    const h = harness();
    const both = { username: "two-tenants@example.com", password: "one-password" };
    for (const slug of ["grant-a", "grant-b"])
      await ensureTenant(h.database.db, { slug, adminEmail: both.username, adminPassword: both.password });
    const ambiguous = await passwordGrant(both);
    expect(ambiguous.status).toBe(400);
    expect(await ambiguous.json()).toMatchObject({
      error: "invalid_request",
      description: expect.stringContaining("organization"),
    });
    const token = await tokenOf({ ...both, organization: "grant-b" });
    const [stored] = await h.database.db
      .select()
      .from(apiTokens)
      .where(eq(apiTokens.tokenHash, hashToken(token)));
    const [b] = await h.database.db.select().from(tenants).where(eq(tenants.slug, "grant-b"));
    expect(stored?.tenantId).toBe(b!.id);
  });

  it("stops honouring a disabled member's token within a second", async () => {
    const h = harness();
    const agent = await member([PERMISSIONS.contactView]);
    const token = await tokenOf(agent);
    const get = () => h.request(`${API}/contacts`, { token });
    expect((await get()).status).toBe(200);
    await setMemberActive(system(), agent.id, false);
    const deadline = Date.now() + 1000;
    let refused = await get();
    while (refused.status === 200 && Date.now() < deadline) {
      await new Promise((done) => setTimeout(done, 20));
      refused = await get();
    }
    if (refused.status === 200) refused = await get();
    expect(refused.status).toBe(401);
  });

  it("is limited per email like the web sign-in (lockout) and per token like a client's token", async () => {
    const h = harness();
    const limits: RateLimitSettings = {
      tokenPerMinute: 3,
      loginPerMinute: 100,
      loginPerIpPerMinute: 100,
      lockoutAfterFailures: 2,
      lockoutSeconds: 30,
      maxLockoutSeconds: 60,
    };
    const app = createRestApp({
      db: h.database.db,
      storage: localFileStorage(h.storageDir),
      rateLimits: limits,
    });
    const request: typeof h.request = async (path, init = {}) => {
      const { token, ...rest } = init;
      const headers = new Headers(rest.headers);
      if (token) headers.set("authorization", `Bearer ${token}`);
      return app.request(`http://localhost${path}`, { ...rest, headers });
    };
    const into = Date.now() % 60_000;
    if (into > 50_000) await new Promise((done) => setTimeout(done, 60_000 - into + 200));

    const agent = await member([PERMISSIONS.contactView]);
    const token = ((await (await passwordGrant(agent, request)).json()) as { access_token: string })
      .access_token;
    for (let i = 1; i <= limits.tokenPerMinute; i++)
      expect((await request(`${API}/contacts`, { token })).status, `request ${i}`).toBe(200);
    const over = await request(`${API}/contacts`, { token });
    expect(over.status).toBe(429);
    expect(Number(over.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);

    for (let i = 0; i < limits.lockoutAfterFailures; i++)
      expect((await passwordGrant({ username: agent.username, password: "wrong" }, request)).status).toBe(
        400,
      );
    const locked = await passwordGrant(agent, request);
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
  });
});
