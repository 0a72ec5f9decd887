import { verify } from "@node-rs/argon2";
import { apiTokens, createDb, eq, rateLimits, sql } from "@switchboard/db";
import { afterAll, describe, expect, it, vi } from "vitest";
import {
  addMember,
  createApiClient,
  ensureTenant,
  hashToken,
  issueAccessToken,
  issueMemberToken,
  PERMISSIONS,
  PrincipalCache,
  removeMember,
  resolveAccessToken,
  revokeApiClient,
  SIGN_IN_CANDIDATES,
  saveDivision,
  saveRole,
  setMemberActive,
  setPrincipalRoles,
  setRoleDivisions,
} from "../src";
import { rejection, withTestTenant } from "./helpers";

// The real argon2, watched: a member's token request pays for the same verifications as a web sign-in.
vi.mock("@node-rs/argon2", async (importOriginal) => {
  const actual = await importOriginal<typeof import("@node-rs/argon2")>();
  return { ...actual, verify: vi.fn(actual.verify) };
});

const tenant = withTestTenant();
const caches: PrincipalCache[] = [];
afterAll(() => {
  for (const cache of caches) cache.stop();
});
const cacheOf = (
  db: ConstructorParameters<typeof PrincipalCache>[0],
  ...options: [ttlMs: number, perMinute?: number, listen?: boolean]
) => {
  const [ttlMs, perMinute = 0, listen = true] = options;
  const cache = new PrincipalCache(db, { ttlMs, perMinute, listen });
  caches.push(cache);
  return cache;
};
const sleep = (ms: number) => new Promise((done) => setTimeout(done, Math.max(0, ms)));
/** Polls `check` until it holds; how long that took (ms), or fails after `ms`. */
async function within(ms: number, check: () => Promise<boolean>): Promise<number> {
  const from = performance.now();
  while (!(await check())) {
    if (performance.now() - from > ms) throw new Error(`not within ${ms} ms`);
    await sleep(10);
  }
  return performance.now() - from;
}

let members = 0;
async function memberWith(t: ReturnType<typeof tenant>, roleIds: string[]) {
  const email = `member-${++members}@example.com`;
  const password = `password-${members}`;
  const { id } = await addMember(t.admin, { email, name: `Member ${members}`, password, roleIds });
  return { id, email, password };
}

describe("member tokens (password grant)", () => {
  it("act as the member, with the member's roles and divisions, and are stored only as a hash", async () => {
    const t = tenant();
    const west = await saveDivision(t.admin, { name: "West" });
    const role = await saveRole(t.admin, { name: "West viewers", permissions: [PERMISSIONS.contactView] });
    await setRoleDivisions(t.admin, role.id, [west.id]);
    const member = await memberWith(t, [role.id]);

    const token = await issueMemberToken(t.database.db, {
      email: member.email.toUpperCase(),
      password: member.password,
    });
    expect(token.expiresIn).toBe(86400);
    const principal = await resolveAccessToken(t.database.db, token.accessToken);
    expect(principal).toMatchObject({ tenantId: t.tenantId, actor: { kind: "member", id: member.id } });
    expect([...principal!.actor.permissions]).toEqual([PERMISSIONS.contactView]);
    expect([...(principal!.actor.divisionIds ?? [])]).toEqual([west.id]);

    const [stored] = await t.database.db.select().from(apiTokens).where(eq(apiTokens.memberId, member.id));
    expect(stored).toMatchObject({
      tokenHash: hashToken(token.accessToken),
      apiClientId: null,
      tenantId: t.tenantId,
    });
    expect(JSON.stringify(stored)).not.toContain(token.accessToken);
  });

  it("refuse a wrong password or an unknown email, with the web sign-in's argon2 work either way", async () => {
    const t = tenant();
    const member = await memberWith(t, []);
    for (const attempt of [
      { email: member.email, password: "wrong" },
      { email: "nobody@example.com", password: member.password },
      { email: "nul\u0000@example.com", password: "wrong" },
    ]) {
      vi.mocked(verify).mockClear();
      expect((await rejection(issueMemberToken(t.database.db, attempt))).code).toBe("UNAUTHENTICATED");
      expect(vi.mocked(verify), attempt.email).toHaveBeenCalledTimes(SIGN_IN_CANDIDATES);
    }
    vi.mocked(verify).mockClear();
    await issueMemberToken(t.database.db, member);
    expect(vi.mocked(verify)).toHaveBeenCalledTimes(SIGN_IN_CANDIDATES);
  });

  it("ask for the organization when the password matches members of several tenants", async () => {
    const t = tenant();
    const both = { email: "both@example.com", password: "same-password" };
    const a = await ensureTenant(t.database.db, {
      slug: "tokens-a",
      adminEmail: both.email,
      adminPassword: both.password,
    });
    await ensureTenant(t.database.db, {
      slug: "tokens-b",
      adminEmail: both.email,
      adminPassword: both.password,
    });
    const ambiguous = await rejection(issueMemberToken(t.database.db, both));
    expect(ambiguous.issues.map((i) => i.path)).toEqual(["organization"]);
    const named = await issueMemberToken(t.database.db, { ...both, organization: "Tokens-A" });
    expect((await resolveAccessToken(t.database.db, named.accessToken))?.tenantId).toBe(a.tenantId);
  });

  it("stop working when the member is disabled or removed", async () => {
    const t = tenant();
    const disabled = await memberWith(t, [t.adminRoleId]);
    const removed = await memberWith(t, [t.adminRoleId]);
    const first = await issueMemberToken(t.database.db, disabled);
    const second = await issueMemberToken(t.database.db, removed);
    expect(await resolveAccessToken(t.database.db, first.accessToken)).not.toBeNull();
    await setMemberActive(t.admin, disabled.id, false);
    expect(await resolveAccessToken(t.database.db, first.accessToken)).toBeNull();
    await removeMember(t.admin, removed.id);
    expect(await resolveAccessToken(t.database.db, second.accessToken)).toBeNull();
    expect(await t.database.db.select().from(apiTokens).where(eq(apiTokens.memberId, removed.id))).toEqual(
      [],
    );
  });
});

describe("principal cache", () => {
  it("serves a token from memory until its TTL, so a missed notification is still honoured for at most the TTL", async () => {
    const t = tenant();
    const client = await createApiClient(t.admin, { name: "Cached", roleIds: [t.adminRoleId] });
    const { accessToken } = await issueAccessToken(t.database.db, client);
    const cache = cacheOf(t.database.db, 1000, 0, false);
    expect(await cache.resolve(accessToken)).toMatchObject({ actor: { kind: "apiClient", id: client.id } });
    await revokeApiClient(t.admin, client.id);
    const revokedAt = performance.now();
    // Not listening: the entry is still served (it came from memory)...
    expect(await cache.resolve(accessToken)).not.toBeNull();
    // ...but never once the TTL, counted from before its lookup, has passed since the revocation.
    await sleep(revokedAt + 1000 - performance.now());
    expect(await cache.resolve(accessToken)).toBeNull();
  });

  it("drops a tenant's entries at once when the database notifies a revocation or a role change", async () => {
    const t = tenant();
    const viewers = await saveRole(t.admin, { name: "Viewers", permissions: [PERMISSIONS.contactView] });
    const client = await createApiClient(t.admin, { name: "Notified", roleIds: [t.adminRoleId, viewers.id] });
    const member = await memberWith(t, [viewers.id]);
    const clientToken = (await issueAccessToken(t.database.db, client)).accessToken;
    const memberToken = (await issueMemberToken(t.database.db, member)).accessToken;
    // Another server copy: its own pool and listener, and a TTL far past the second promised.
    const copy = createDb(t.database.url, { max: 2 });
    try {
      const cache = cacheOf(copy.db, 60_000);
      expect((await cache.resolve(clientToken))?.actor.permissions.has("*")).toBe(true);
      expect(await cache.resolve(memberToken)).toMatchObject({ actor: { kind: "member", id: member.id } });

      await setPrincipalRoles(t.admin, client.id, [viewers.id]);
      const roleChange = await within(
        1000,
        async () => !(await cache.resolve(clientToken))?.actor.permissions.has("*"),
      );
      await saveRole(t.admin, { id: viewers.id, name: "Viewers", permissions: [] });
      const permissionChange = await within(
        1000,
        async () => (await cache.resolve(memberToken))?.actor.permissions.size === 0,
      );
      await setMemberActive(t.admin, member.id, false);
      const disabled = await within(1000, async () => (await cache.resolve(memberToken)) === null);
      await revokeApiClient(t.admin, client.id);
      const revoked = await within(1000, async () => (await cache.resolve(clientToken)) === null);
      console.log(
        `principal cache: refused after ${[roleChange, permissionChange, disabled, revoked].map((ms) => ms.toFixed(0)).join(", ")} ms (role change, permission change, member disabled, client revoked)`,
      );
    } finally {
      await copy.close();
    }
  });

  it("counts every request against the token's limit, in batches that all copies add up", async () => {
    const t = tenant();
    const client = await createApiClient(t.admin, { name: "Counted", roleIds: [t.adminRoleId] });
    const { accessToken } = await issueAccessToken(t.database.db, client);
    const hits = async () =>
      (
        await t.database.db
          .select({ hits: rateLimits.hits })
          .from(rateLimits)
          .where(eq(rateLimits.key, `token:${hashToken(accessToken)}`))
      )[0]?.hits ?? 0;
    // Keep the burst inside one fixed one-minute window.
    const into = Date.now() % 60_000;
    if (into > 50_000) await sleep(60_000 - into + 200);

    // Long enough for the burst below to stay within one lookup even on a loaded machine: with 1 s, a CI run once
    // took longer, this copy looked the token up again for its fifth request, and the other copy found it over.
    const ttlMs = 5000;
    const cache = cacheOf(t.database.db, ttlMs, 4);
    const copy = createDb(t.database.url, { max: 2 });
    try {
      const other = cacheOf(copy.db, ttlMs, 4);
      // Four on this copy: the first is looked up (and counted), three come from memory, counted later.
      for (let i = 1; i <= 4; i++)
        expect((await cache.resolve(accessToken))?.retryAfterSeconds, `request ${i}`).toBeNull();
      expect(await hits()).toBe(1);
      const over = await cache.resolve(accessToken);
      expect(over?.retryAfterSeconds).toBeGreaterThanOrEqual(1);
      expect(over?.retryAfterSeconds).toBeLessThanOrEqual(60);
      // The other copy's first request is counted with the one count so far, and is within the limit.
      expect((await other.resolve(accessToken))?.retryAfterSeconds).toBeNull();
      expect(await hits()).toBe(2);
      // Once this copy looks the token up again, it adds the four it served from memory: six in all.
      await sleep(ttlMs);
      expect((await cache.resolve(accessToken))?.retryAfterSeconds).toBeGreaterThanOrEqual(1);
      expect(await hits()).toBe(7);
      // And the other copy, on its next lookup, sees them all.
      expect((await other.resolve(accessToken))?.retryAfterSeconds).toBeGreaterThanOrEqual(1);
      expect(await hits()).toBe(8);
    } finally {
      await copy.close();
    }
  });

  it("shares one lookup among concurrent requests with one token", async () => {
    const t = tenant();
    const client = await createApiClient(t.admin, { name: "Concurrent", roleIds: [] });
    const { accessToken } = await issueAccessToken(t.database.db, client);
    const cache = cacheOf(t.database.db, 1000, 1000);
    const hits = async () =>
      (
        await t.database.db.execute<{ hits: number }>(
          sql`select hits from ${rateLimits} where key = ${`token:${hashToken(accessToken)}`}`,
        )
      )[0]?.hits;
    const all = await Promise.all(Array.from({ length: 20 }, () => cache.resolve(accessToken)));
    expect(all.every((p) => p?.actor.id === client.id)).toBe(true);
    // One lookup (each counts): the nineteen that waited for it are counted by the next.
    expect(await hits()).toBe(1);
    await sleep(1000);
    await cache.resolve(accessToken);
    expect(await hits()).toBe(21);
  });
});
