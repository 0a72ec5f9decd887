import { createDb, rateLimits, sql } from "@switchboard/db";
import { describe, expect, it } from "vitest";
import {
  createApiClient,
  createMember,
  DomainError,
  hitTokenLimit,
  isRateLimited,
  issueAccessToken,
  limitLogin,
  pruneRateLimits,
  RateLimited,
  type RateLimitSettings,
  rateLimitSettings,
  resolveAccessToken,
  signInMember,
} from "../src";
import { withTestTenant } from "./helpers";

const tenant = withTestTenant();

const settings: RateLimitSettings = {
  tokenPerMinute: 3,
  loginPerMinute: 1000,
  loginPerIpPerMinute: 1000,
  lockoutAfterFailures: 3,
  lockoutSeconds: 30,
  maxLockoutSeconds: 3600,
};

/** The fixed windows turn at whole minutes: keep a burst of hits inside one. */
async function awayFromWindowEdge() {
  const into = Date.now() % 60_000;
  if (into > 55_000) await new Promise((done) => setTimeout(done, 60_000 - into + 200));
}

/** What a login attempt ended in: "ok", the domain error's code, or the seconds a rate limit asks to wait. */
async function outcome(run: Promise<unknown>): Promise<string | number> {
  try {
    await run;
    return "ok";
  } catch (error) {
    if (isRateLimited(error)) return error.retryAfterSeconds;
    if (error instanceof DomainError) return error.code;
    throw error;
  }
}

describe("rate limits", () => {
  it("counts a token's requests in PostgreSQL, shared by every server copy, and asks the excess to wait", async () => {
    const t = tenant();
    const client = await createApiClient(t.admin, { name: "Counted", roleIds: [t.adminRoleId] });
    const { accessToken } = await issueAccessToken(t.database.db, client);
    const other = createDb(t.database.url, { max: 1 }); // a second server copy
    await awayFromWindowEdge();
    try {
      expect(await hitTokenLimit(t.database.db, accessToken, settings)).toBeNull();
      expect(await hitTokenLimit(other.db, accessToken, settings)).toBeNull();
      expect(await hitTokenLimit(t.database.db, accessToken, settings)).toBeNull();
      const wait = await hitTokenLimit(other.db, accessToken, settings);
      expect(wait).toBeGreaterThanOrEqual(1);
      expect(wait).toBeLessThanOrEqual(60);
    } finally {
      await other.close();
    }
    // The next window starts afresh.
    await t.database.db.execute(
      sql`update ${rateLimits} set window_start = window_start - interval '1 minute'`,
    );
    expect(await hitTokenLimit(t.database.db, accessToken, settings)).toBeNull();

    // An unknown token is not counted (it gets its 401) and leaves no row behind.
    const before = (await t.database.db.select().from(rateLimits)).length;
    for (let i = 0; i < 5; i++) expect(await hitTokenLimit(t.database.db, `nope-${i}`, settings)).toBeNull();
    expect((await t.database.db.select().from(rateLimits)).length).toBe(before);
  });

  it("counts a token's request in the principal lookup itself", async () => {
    const t = tenant();
    const client = await createApiClient(t.admin, { name: "Looked up", roleIds: [t.adminRoleId] });
    const { accessToken } = await issueAccessToken(t.database.db, client);
    const db = t.database.db;
    await awayFromWindowEdge();
    expect((await resolveAccessToken(db, accessToken, { perMinute: 2 }))?.retryAfterSeconds).toBeNull();
    expect((await resolveAccessToken(db, accessToken, { perMinute: 2 }))?.retryAfterSeconds).toBeNull();
    const over = await resolveAccessToken(db, accessToken, { perMinute: 2 });
    expect(over?.tenantId).toBe(t.tenantId);
    expect(over?.retryAfterSeconds).toBeGreaterThanOrEqual(1);
    expect(over?.retryAfterSeconds).toBeLessThanOrEqual(60);
    // Without a limit nothing is counted: the next counted request is still the fourth.
    expect((await resolveAccessToken(db, accessToken))?.retryAfterSeconds).toBeNull();
    const [row] = await db.execute<{
      hits: number;
    }>(sql`select hits from ${rateLimits} where key like 'token:%'
      order by updated_at desc limit 1`);
    expect(row?.hits).toBe(3);
    expect(await resolveAccessToken(db, "not-a-token", { perMinute: 2 })).toBeNull();
  });

  it("locks a client id out after repeated wrong secrets, even for the right one, for a growing period", async () => {
    const t = tenant();
    const client = await createApiClient(t.admin, { name: "Locked", roleIds: [t.adminRoleId] });
    const db = t.database.db;
    const login = (clientSecret: string) =>
      outcome(
        limitLogin(db, settings, { kind: "client", id: client.clientId }, () =>
          issueAccessToken(db, { clientId: client.clientId, clientSecret }),
        ),
      );
    const expireLock = () =>
      db.execute(sql`update ${rateLimits} set blocked_until = now() - interval '1 second'`);

    expect(await login("wrong")).toBe("UNAUTHENTICATED");
    expect(await login("wrong")).toBe("UNAUTHENTICATED");
    expect(await login("wrong")).toBe("UNAUTHENTICATED");
    const first = await login(client.clientSecret);
    expect(first).toBeGreaterThanOrEqual(29);
    expect(first).toBeLessThanOrEqual(30);

    // When the lock has passed, one more failure locks it again, for twice as long.
    await expireLock();
    expect(await login("wrong")).toBe("UNAUTHENTICATED");
    const second = await login(client.clientSecret);
    expect(second).toBeGreaterThanOrEqual(59);
    expect(second).toBeLessThanOrEqual(60);

    // After the lock, the right secret works and clears the failures: one new failure does not lock.
    await expireLock();
    expect(await login(client.clientSecret)).toBe("ok");
    expect(await login("wrong")).toBe("UNAUTHENTICATED");
    expect(await login(client.clientSecret)).toBe("ok");
  });

  it("locks a member's email after wrong passwords, and limits attempts per IP address", async () => {
    const t = tenant();
    await createMember(t.admin, {
      email: "Grace@Example.com",
      name: "Grace",
      password: "right-password",
      roleIds: [],
    });
    const db = t.database.db;
    const signIn = (email: string, password: string, ip = "192.0.2.1", limits = settings) =>
      outcome(
        limitLogin(db, limits, { kind: "email", id: email, ip }, () => signInMember(db, { email, password })),
      );

    for (let i = 0; i < 3; i++) expect(await signIn("grace@example.com", "guess")).toBe("UNAUTHENTICATED");
    // The same email however it is spelled, from another address too.
    expect(await signIn(" GRACE@example.com", "right-password", "192.0.2.2")).toBeGreaterThan(0);

    const perIp = { ...settings, loginPerIpPerMinute: 2 };
    await awayFromWindowEdge();
    expect(await signIn("a@example.com", "x", "198.51.100.7", perIp)).toBe("UNAUTHENTICATED");
    expect(await signIn("b@example.com", "x", "198.51.100.7", perIp)).toBe("UNAUTHENTICATED");
    expect(await signIn("c@example.com", "x", "198.51.100.7", perIp)).toBeGreaterThan(0);
    expect(await signIn("c@example.com", "x", "198.51.100.8", perIp)).toBe("UNAUTHENTICATED");
  });

  it("prunes counters nothing reads any more, and keeps a running lock", async () => {
    const t = tenant();
    const db = t.database.db;
    await limitLogin(db, settings, { kind: "email", id: "old@example.com" }, async () => "ok");
    await limitLogin(db, settings, { kind: "email", id: "locked@example.com" }, async () => "ok");
    await db.execute(sql`update ${rateLimits} set updated_at = now() - interval '2 hours'`);
    const locked = await db.execute<{ key: string }>(
      sql`update ${rateLimits} set blocked_until = now() + interval '1 minute'
          where key = (select max(key) from ${rateLimits} where key like 'login:email:%') returning key`,
    );
    const before = await db.select().from(rateLimits);
    await pruneRateLimits(db, 3600);
    const after = await db.select().from(rateLimits);
    // Only rows still locking something stay (this one, and locks earlier tests left running).
    expect(after.length).toBeLessThan(before.length);
    expect(after.map((r) => r.key)).toContain(locked[0]!.key);
    for (const row of after) expect(row.blockedUntil!.getTime()).toBeGreaterThan(Date.now());
  });

  it("reads its settings from the environment", () => {
    expect(rateLimitSettings({})).toEqual({
      tokenPerMinute: 300,
      loginPerMinute: 20,
      loginPerIpPerMinute: 60,
      lockoutAfterFailures: 5,
      lockoutSeconds: 30,
      maxLockoutSeconds: 3600,
    });
    expect(rateLimitSettings({ SWITCHBOARD_RATE_LIMIT_TOKEN: "10" }).tokenPerMinute).toBe(10);
    expect(() => rateLimitSettings({ SWITCHBOARD_RATE_LIMIT_TOKEN: "lots" })).toThrow(
      /SWITCHBOARD_RATE_LIMIT_TOKEN/,
    );
    expect(new RateLimited(7).message).toBe(
      "Rate limit exceeded the maximum. Retry the request in [7] seconds",
    );
  });
});
