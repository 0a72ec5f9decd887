import type { AddressInfo } from "node:net";
import { type ServerType, serve } from "@hono/node-server";
import { createDb } from "@switchboard/db";
import { createTestDatabase, type TestDatabase } from "@switchboard/db/testing";
import {
  addMember,
  type Context,
  createApiClient,
  ensureTenant,
  issueAccessToken,
  localFileStorage,
  PERMISSIONS,
  revokeApiClient,
  saveRole,
  setMemberActive,
  setPrincipalRoles,
  systemActor,
} from "@switchboard/domain";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRestApp } from "../src";

/**
 * Two copies of the REST server over one database, each with its own pool, principal cache and listener, as two
 * processes behind a load balancer would be. A change made through one copy must stop the other from honouring
 * a token within a second. Copy B keeps principals for a minute, so only the database's notification can make
 * it refuse in time (the one-second TTL is the fallback, tested in the domain).
 */
interface Copy {
  origin: string;
  /** A context acting through this copy's own database pool. */
  admin: Context;
  server: ServerType;
  close(): Promise<void>;
}

let database: TestDatabase;
let tenantId: string;
let a: Copy;
let b: Copy;

async function startCopy(principalCacheMs?: number): Promise<Copy> {
  const { db, close } = createDb(database.url, { max: 3 });
  const app = createRestApp({ db, storage: localFileStorage("/nonexistent"), principalCacheMs });
  const server = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" });
  await new Promise((ready) => server.once("listening", ready));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    admin: { db, tenantId, actor: systemActor("test") },
    server,
    close: async () => {
      await new Promise((done) => server.close(done));
      await close();
    },
  };
}

beforeAll(async () => {
  database = await createTestDatabase();
  ({ tenantId } = await ensureTenant(database.db, { slug: "copies" }));
  a = await startCopy();
  b = await startCopy(60_000);
});
afterAll(async () => {
  await Promise.all([a?.close(), b?.close()]);
  await database?.close();
});

const list = (copy: Copy, token: string) =>
  fetch(`${copy.origin}/api/v2/externalcontacts/contacts`, { headers: { authorization: `Bearer ${token}` } });

/** Asks copy B until it answers `status`; the milliseconds that took (fails after a second). */
async function refusedWithin(token: string, status: number): Promise<number> {
  const from = performance.now();
  for (;;) {
    const response = await list(b, token);
    await response.body?.cancel();
    if (response.status === status) return performance.now() - from;
    if (performance.now() - from > 1000) throw new Error(`copy B still answers ${response.status} after 1 s`);
    await new Promise((done) => setTimeout(done, 10));
  }
}

let n = 0;
async function clientToken(permissions: string[]) {
  const role = await saveRole(a.admin, { name: `copies role ${++n}`, permissions });
  const client = await createApiClient(a.admin, { name: `copies client ${n}`, roleIds: [role.id] });
  return { client, role, token: (await issueAccessToken(a.admin.db, client)).accessToken };
}

describe("two server copies", () => {
  it("a token revoked through one copy is refused by the other within a second", async () => {
    const { client, token } = await clientToken([PERMISSIONS.contactView]);
    expect((await list(b, token)).status).toBe(200);
    expect((await list(b, token)).status).toBe(200);
    await revokeApiClient(a.admin, client.id);
    const ms = await refusedWithin(token, 401);
    console.log(`revoked token refused by the other copy after ${ms.toFixed(0)} ms`);
  });

  it("a role removed through one copy stops working on the other within a second", async () => {
    const { client, token } = await clientToken([PERMISSIONS.contactView]);
    expect((await list(b, token)).status).toBe(200);
    await setPrincipalRoles(a.admin, client.id, []);
    const ms = await refusedWithin(token, 403);
    console.log(`removed role refused by the other copy after ${ms.toFixed(0)} ms`);
  });

  it("a member disabled through one copy has their token refused by the other within a second", async () => {
    const role = await saveRole(a.admin, { name: "copies members", permissions: [PERMISSIONS.contactView] });
    const credentials = { username: "copies@example.com", password: "copies-password" };
    const { id } = await addMember(a.admin, {
      email: credentials.username,
      name: "Copies",
      password: credentials.password,
      roleIds: [role.id],
    });
    const issued = await fetch(`${a.origin}/oauth/token`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ grant_type: "password", ...credentials }).toString(),
    });
    expect(issued.status).toBe(200);
    const token = ((await issued.json()) as { access_token: string }).access_token;
    expect((await list(b, token)).status).toBe(200);
    await setMemberActive(a.admin, id, false);
    const ms = await refusedWithin(token, 401);
    console.log(`disabled member's token refused by the other copy after ${ms.toFixed(0)} ms`);
  });
});
