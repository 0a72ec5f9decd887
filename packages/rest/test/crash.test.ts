/**
 * Crash suite: the standalone REST server (`src/standalone.ts`, as `npm start` runs it) is SIGKILLed while
 * many `POST /bulk/contacts/add` requests are in flight, restarted on the same database, and the store is
 * checked.
 *
 * What the code promises: a bulk add validates each item alone and writes all the valid items of one request
 * in ONE transaction (`createContacts`: contacts, contact points, external ids and their history rows
 * together). So after any crash: every item of an acknowledged request is there; a request that was not
 * acknowledged left all of its items or none of them; no contact lacks its contact points or its history
 * row, and no contact point or history row lacks its contact.
 *
 * Two rounds, each checked after its restart: a kill wherever the requests in flight happen to be, then a
 * kill that lands with transactions half-written, not by luck: after the load has run freely for a while,
 * the test takes a SHARE lock on `change_sets` (history), which every bulk add writes last; requests then
 * stop inside their transaction with their contacts and contact points inserted, and the server is killed
 * once several are seen waiting there (pg_stat_activity, pg_locks).
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { changeSets, contactPoints, contacts, eq, type SQL, sql } from "@switchboard/db";
import { freePort } from "@switchboard/db/server";
import { createTestDatabase, holdLock as holdLockOn, type TestDatabase } from "@switchboard/db/testing";
import { ensureTenant } from "@switchboard/domain";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

const ADMIN = { clientId: "crash-admin", clientSecret: "crash-admin-secret" };
const ITEMS = 100;
/** Concurrent clients, each sending one request after another. */
const CLIENTS = 6;
/** Requests acknowledged in a round before its kill (or before the history lock is taken). */
const ACKED_PER_ROUND = 12;
/** Requests seen stopped inside their transaction when the server is killed. */
const HALF_WRITTEN = 2;

const restDir = resolve(import.meta.dirname, "..");
let database: TestDatabase;
let tenantId: string;
let dataDir: string;
let server: ChildProcess | undefined;
const output: string[] = [];
const releases: (() => Promise<void>)[] = [];

interface Running {
  proc: ChildProcess;
  origin: string;
}

/** The standalone server in its own process (Node loads tsx itself, so the pid is the server's). */
async function startServer(): Promise<Running> {
  const port = await freePort();
  const proc = spawn(process.execPath, ["--import", "tsx", "src/standalone.ts"], {
    cwd: restDir,
    env: {
      ...process.env,
      DATABASE_URL: database.url,
      PORT: String(port),
      SWITCHBOARD_DATA_DIR: dataDir,
      SWITCHBOARD_RATE_LIMIT_TOKEN: "0",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  server = proc;
  const listening = new Promise<void>((done, fail) => {
    proc.stdout?.on("data", (d) => {
      output.push(String(d));
      if (String(d).includes("listening on")) done();
    });
    proc.once("exit", (code, signal) =>
      fail(new Error(`the REST server exited (${code ?? signal}):\n${output.join("")}`)),
    );
  });
  proc.stderr?.on("data", (d) => output.push(String(d)));
  await listening;
  return { proc, origin: `http://127.0.0.1:${port}` };
}

async function kill(proc: ChildProcess, signal: NodeJS.Signals) {
  if (proc.exitCode !== null || proc.signalCode !== null) return;
  const exited = new Promise((done) => proc.once("exit", done));
  proc.kill(signal);
  await exited;
}

/** `holdLock` on this file's database, released after the file even if a test fails first. */
function holdLock(statement: SQL) {
  const lock = holdLockOn(database.db, statement);
  releases.push(lock.release);
  return lock;
}

/** Backends of this database waiting for a lock in a statement on `table`, with the tables they have written. */
async function waitingOn(table: string) {
  const rows = await database.db.execute<{ pid: number; written: string[] }>(sql`
    select a.pid, coalesce(array_agg(c.relname::text) filter (where c.relname is not null), '{}') as written
    from pg_stat_activity a
    left join pg_locks l on l.pid = a.pid and l.granted and l.mode = 'RowExclusiveLock'
    left join pg_class c on c.oid = l.relation and c.relkind = 'r'
    where a.datname = current_database() and a.pid <> pg_backend_pid()
      and a.wait_event_type = 'Lock' and a.query ilike ${`%${table}%`}
    group by a.pid`);
  return [...rows];
}

beforeAll(async () => {
  database = await createTestDatabase();
  ({ tenantId } = await ensureTenant(database.db, {
    slug: "crash",
    adminClientId: ADMIN.clientId,
    adminClientSecret: ADMIN.clientSecret,
  }));
  dataDir = await mkdtemp(join(tmpdir(), "switchboard-rest-crash-"));
});

afterAll(async () => {
  if (server) await kill(server, "SIGKILL");
  for (const release of releases) await release().catch(() => {});
  await database?.close();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

const emailOf = (request: number, item: number) => `r${request}-i${item}@crash.example`;
const lastNameOf = (request: number) => `Crash${request}`;

async function bearerToken(origin: string) {
  const response = await fetch(`${origin}/oauth/token`, {
    method: "POST",
    headers: {
      authorization: `Basic ${btoa(`${ADMIN.clientId}:${ADMIN.clientSecret}`)}`,
      "content-type": "application/x-www-form-urlencoded",
    },
    body: "grant_type=client_credentials",
  });
  expect(response.status).toBe(200);
  return ((await response.json()) as { access_token: string }).access_token;
}

interface BulkResponse {
  results: { id?: string; success: boolean; entity?: { workEmail?: string; lastName?: string } }[];
  errorCount: number;
}

describe("REST server killed during bulk writes", () => {
  it("SIGKILL mid-flight, restart: every acknowledged item is there, every other request all or nothing, nothing half-written", async () => {
    let running = await startServer();
    const token = await bearerToken(running.origin);
    const post = (origin: string, path: string, body: unknown) =>
      fetch(`${origin}/api/v2/externalcontacts${path}`, {
        method: "POST",
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
        body: JSON.stringify(body),
      });

    /** Request number → the ids it acknowledged (all of its items), or null if never acknowledged. */
    const acknowledged = new Map<number, string[] | null>();
    let sent = 0;
    const refusals: string[] = [];
    const acked = () => [...acknowledged.values()].filter((ids) => ids !== null).length;
    /** Requests seen stopped inside their transaction at a kill: they must have left nothing. */
    let stuckTotal = 0;

    /**
     * Bulk adds from CLIENTS concurrent clients until ACKED_PER_ROUND more are acknowledged; then the kill,
     * right away (wherever the requests in flight are), or once HALF_WRITTEN of them wait at history.
     */
    async function loadThenKill(mode: "anywhere" | "half-written") {
      let stopping = false;
      const target = acked() + ACKED_PER_ROUND;
      async function client() {
        while (!stopping) {
          const n = sent++;
          acknowledged.set(n, null);
          const entities = Array.from({ length: ITEMS }, (_, i) => ({
            firstName: `Item${i}`,
            lastName: lastNameOf(n),
            workEmail: emailOf(n, i),
          }));
          try {
            const response = await post(running.origin, "/bulk/contacts/add", { entities });
            const text = await response.text();
            if (response.status !== 200) {
              refusals.push(`${response.status} ${text}`);
              continue;
            }
            const body = JSON.parse(text) as BulkResponse;
            if (body.errorCount !== 0 || body.results.some((r) => !r.success || !r.id))
              refusals.push(text.slice(0, 500));
            else
              acknowledged.set(
                n,
                body.results.map((r) => r.id!),
              );
          } catch {
            // The server died under this request: it is not acknowledged.
          }
        }
      }
      const load = Array.from({ length: CLIENTS }, () => client());
      await vi.waitFor(
        () => {
          if (refusals.length) throw new Error(`refused: ${refusals[0]}`);
          if (acked() < target) throw new Error(`only ${acked()} requests acknowledged`);
        },
        { timeout: 120_000, interval: 20 },
      );
      expect(refusals).toEqual([]);
      let history: ReturnType<typeof holdLock> | undefined;
      if (mode === "half-written") {
        history = holdLock(sql`lock table ${changeSets} in share mode`);
        await history.acquired;
        const stuck = await vi.waitFor(
          async () => {
            const waiting = await waitingOn("change_sets");
            if (waiting.length < HALF_WRITTEN)
              throw new Error(`${waiting.length} requests stopped at history`);
            return waiting;
          },
          { timeout: 60_000, interval: 25 },
        );
        // Each of them has written contacts and contact points in its open transaction.
        for (const backend of stuck)
          expect(backend.written).toEqual(expect.arrayContaining(["contacts", "contact_points"]));
        stuckTotal += stuck.length;
      }
      stopping = true; // no new requests; those in flight are cut off by the kill
      await kill(running.proc, "SIGKILL");
      await Promise.all(load);
      await history?.release();
      running = await startServer();
    }

    /** What the restarted server and the database hold, checked against what was acknowledged. */
    async function verify() {
      const ackedBeforeKill = new Map(
        [...acknowledged].filter((e): e is [number, string[]] => e[1] !== null),
      );
      const unacknowledged = [...acknowledged].filter(([, ids]) => ids === null).map(([n]) => n);

      // Every acknowledged item reads back through the restarted server, as it was written.
      for (const [n, ids] of ackedBeforeKill) {
        const response = await post(running.origin, "/bulk/contacts", {
          entities: ids.map((id) => ({ id })),
        });
        expect(response.status).toBe(200);
        const body = (await response.json()) as BulkResponse;
        expect(body.errorCount).toBe(0);
        expect(body.results.map((r) => r.entity?.workEmail)).toEqual(
          Array.from({ length: ITEMS }, (_, i) => emailOf(n, i)),
        );
        expect(new Set(body.results.map((r) => r.entity?.lastName))).toEqual(new Set([lastNameOf(n)]));
      }

      // Per request: all of its items or none (the acknowledged ones all).
      const perRequest = await database.db
        .select({ lastName: contacts.lastName, n: sql<number>`count(*)::int` })
        .from(contacts)
        .where(eq(contacts.tenantId, tenantId))
        .groupBy(contacts.lastName);
      const stored = new Map(perRequest.map((r) => [r.lastName, r.n]));
      for (const [n] of ackedBeforeKill) expect(stored.get(lastNameOf(n))).toBe(ITEMS);
      expect(perRequest.filter((r) => r.n !== ITEMS)).toEqual([]);
      const survivors = unacknowledged.filter((n) => stored.has(lastNameOf(n)));
      expect(perRequest.length).toBe(ackedBeforeKill.size + survivors.length);
      // The requests stopped inside their transaction left nothing: at least that many left no item.
      expect(unacknowledged.length - survivors.length).toBeGreaterThanOrEqual(stuckTotal);

      // Nothing half-written: each contact has exactly its email and its create history row; no point or
      // history row is without its contact.
      const [integrity] = await database.db.execute<Record<string, number>>(sql`
        select
          (select count(*)::int from ${contacts} c where c.tenant_id = ${tenantId}
            and not exists (select 1 from ${contactPoints} p where p.tenant_id = c.tenant_id and p.owner_id = c.id
                   and p.kind = 'email'
                   and p.value = 'r' || substr(c.last_name, 6) || '-i' || substr(c.first_name, 5) || '@crash.example'))
            as "contactsWithoutEmail",
          (select count(*)::int from ${contacts} c where c.tenant_id = ${tenantId}
            and (select count(*) from ${contactPoints} p where p.tenant_id = c.tenant_id and p.owner_id = c.id) <> 1)
            as "contactsWithOtherPointCounts",
          (select count(*)::int from ${contacts} c where c.tenant_id = ${tenantId}
            and not exists (select 1 from ${changeSets} h where h.tenant_id = c.tenant_id and h.entity_id = c.id
                   and h.entity_type = 'contact' and h.action = 'create')) as "contactsWithoutHistory",
          (select count(*)::int from ${contactPoints} p where p.tenant_id = ${tenantId}
            and not exists (select 1 from ${contacts} c where c.tenant_id = p.tenant_id and c.id = p.owner_id))
            as "orphanPoints",
          (select count(*)::int from ${changeSets} h where h.tenant_id = ${tenantId} and h.entity_type = 'contact'
            and not exists (select 1 from ${contacts} c where c.tenant_id = h.tenant_id and c.id = h.entity_id))
            as "orphanHistory"`);
      expect(integrity).toEqual({
        contactsWithoutEmail: 0,
        contactsWithOtherPointCounts: 0,
        contactsWithoutHistory: 0,
        orphanPoints: 0,
        orphanHistory: 0,
      });
      return (
        `${sent} bulk adds sent: ${ackedBeforeKill.size} acknowledged, ${unacknowledged.length} cut off ` +
        `(${stuckTotal} seen inside their transaction at a kill), ${survivors.length} of those committed anyway`
      );
    }

    // A kill wherever the requests happen to be, then one with transactions half-written.
    await loadThenKill("anywhere");
    console.log(`[crash] after a kill anywhere: ${await verify()}`);
    await loadThenKill("half-written");
    console.log(`[crash] after a kill with transactions half-written: ${await verify()}`);

    // And the restarted server takes writes again.
    const after = await post(running.origin, "/bulk/contacts/add", {
      entities: [{ lastName: "AfterRestart", workEmail: "after@crash.example" }],
    });
    expect(after.status).toBe(200);
    expect(((await after.json()) as BulkResponse).results[0]?.success).toBe(true);
  }, 300_000);
});
