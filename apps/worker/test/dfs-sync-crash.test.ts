/**
 * A DFS sync (`POST /dfs/v1.0/contacts/sync`) whose worker is SIGKILLed inside a batch's transaction, after
 * an earlier batch committed: the next worker resumes after the committed checkpoint and the sync ends with
 * exactly one contact per externalId, the failed entries listed once each, and no contact left half-written.
 *
 * The kill lands by construction, as in `crash.test.ts`: PostgreSQL locks held from a test transaction stop
 * the worker where the test wants (history locked: a batch waits before its change sets; the sync's row
 * locked: the next batch waits before its writes), watched through pg_stat_activity, then SIGKILL.
 */
import type { ChildProcess } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import {
  and,
  changeSets,
  contacts,
  count,
  dfsSyncs,
  eq,
  externalIds,
  isNull,
  type SQL,
  sql,
} from "@switchboard/db";
import { createTestDatabase, holdLock as holdLockOn, type TestDatabase } from "@switchboard/db/testing";
import {
  type Context,
  createContact,
  createExternalSource,
  type DfsSyncState,
  ensureTenant,
  getContact,
  getDfsSyncStatus,
  type JobQueue,
  localFileStorage,
  startDfsSync,
  startJobQueue,
  systemActor,
  uploadDfsImportFile,
} from "@switchboard/domain";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { killed, startWorkerProcess } from "./worker-process";

const ENTRIES = 2000; // four batches of 500
const isBad = (i: number) => i % 499 === 0;
/** E-1..E-EXISTING name contacts that exist before the sync: they are updated, not created again. */
const EXISTING = 5;
const LEASE_MS = 2000;

let database: TestDatabase;
let dataDir: string;
let web: JobQueue;
let ctx: Context;
let child: ChildProcess | undefined;
const output: string[] = [];
const startWorker = () =>
  startWorkerProcess(
    {
      DATABASE_URL: database.url,
      SWITCHBOARD_DATA_DIR: dataDir,
      SWITCHBOARD_IMPORT_LEASE_MS: String(LEASE_MS),
    },
    output,
  );
const releases: (() => Promise<void>)[] = [];

function holdLock(statement: SQL) {
  const lock = holdLockOn(database.db, statement);
  releases.push(lock.release);
  return lock;
}

async function waiting(pattern: string, except: number[] = []) {
  const rows = await database.db.execute<{ pid: number; written: string[] }>(sql`
    select a.pid, coalesce(array_agg(c.relname::text) filter (where c.relname is not null), '{}') as written
    from pg_stat_activity a
    left join pg_locks l on l.pid = a.pid and l.granted and l.mode = 'RowExclusiveLock'
    left join pg_class c on c.oid = l.relation and c.relkind = 'r'
    where a.datname = current_database() and a.pid <> pg_backend_pid()
      and a.wait_event_type = 'Lock' and a.query ilike ${pattern}
    group by a.pid`);
  return [...rows].filter((r) => !except.includes(r.pid));
}

const untilWaiting = (pattern: string, except: number[] = []) =>
  vi.waitFor(
    async () => {
      const found = await waiting(pattern, except);
      if (found.length === 0) throw new Error(`nothing waits in ${pattern}\n${output.join("")}`);
      return found;
    },
    { timeout: 120_000, interval: 25 },
  );

beforeAll(async () => {
  database = await createTestDatabase();
  const { tenantId } = await ensureTenant(database.db, { slug: "dfs-sync-crash" });
  dataDir = await mkdtemp(join(tmpdir(), "switchboard-dfs-sync-crash-"));
  web = await startJobQueue(database.url, { supervise: false });
  ctx = { db: database.db, tenantId, actor: systemActor("test"), jobs: web };
});

afterAll(async () => {
  if (child) await killed(child, "SIGKILL");
  for (const release of releases) await release().catch(() => {});
  await web?.stop();
  await database?.close();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

describe("DFS sync crash", () => {
  it("killed inside a batch after one committed: the rerun completes with one contact per externalId", async () => {
    const source = await createExternalSource(ctx, { name: "Default", active: true });
    const old = [];
    for (let i = 1; i <= EXISTING; i++)
      old.push(
        await createContact(ctx, {
          lastName: `Old${i}`,
          title: "kept",
          externalIds: [{ sourceId: source.id, value: `E-${i}` }],
        }),
      );
    const entries = Array.from({ length: ENTRIES }, (_, n) => {
      const i = n + 1;
      return {
        externalId: `E-${i}`,
        details: {
          personalInformation: {
            firstName: `First${i}`,
            lastName: `Last${i}`,
            dateOfBirth: isBad(i) ? "not a date" : "1980-02-03",
          },
          communicationMethods: { primaryEmail: `e${i}@example.com` },
        },
      };
    });
    const storage = localFileStorage(join(dataDir, "files"));
    await uploadDfsImportFile(
      ctx,
      "contacts",
      { fileName: "contacts.json", body: Readable.from([JSON.stringify(entries)]) },
      storage,
    );
    const sync = await startDfsSync(ctx, "contacts");
    const syncRow = sql`select id from ${dfsSyncs} where tenant_id = ${ctx.tenantId} and id = ${sync.id} for update`;
    const live = and(eq(contacts.tenantId, ctx.tenantId), isNull(contacts.deletedAt));
    const liveContacts = async () =>
      (await database.db.select({ n: count() }).from(contacts).where(live))[0]!.n;

    // The first batch waits before its change sets (history locked); the sync's row is queued for behind it,
    // history released: the batch commits and the gate takes the row. History locked again and the row
    // released, the second batch writes its contacts and waits at history: the kill lands there.
    const history = holdLock(sql`lock table ${changeSets} in share mode`);
    await history.acquired;
    child = startWorker();
    await untilWaiting("%change_sets%");
    const gate = holdLock(syncRow);
    const gatePid = await gate.pid;
    await vi.waitFor(
      async () => {
        if (!(await waiting("%for update%")).some((w) => w.pid === gatePid))
          throw new Error("gate not queued");
      },
      { timeout: 60_000, interval: 25 },
    );
    await history.release();
    await gate.acquired;
    const [between] = await database.db
      .select({ processed: dfsSyncs.processed, entryIndex: dfsSyncs.entryIndex })
      .from(dfsSyncs)
      .where(eq(dfsSyncs.id, sync.id));
    expect(between).toEqual({ processed: 500, entryIndex: 500 });
    const historyAgain = holdLock(sql`lock table ${changeSets} in share mode`);
    await historyAgain.acquired;
    await gate.release();
    const [stuck] = await untilWaiting("%change_sets%", [gatePid]);
    // The second batch has written its contacts and their ids, uncommitted, when the worker dies.
    expect(stuck!.written).toEqual(expect.arrayContaining(["contacts", "external_ids"]));
    await killed(child, "SIGKILL");
    child = undefined;
    await historyAgain.release();
    const frozen = await getDfsSyncStatus(ctx, sync.id);
    expect(frozen).toMatchObject({
      status: "InProgress",
      processed: 500,
      updated: EXISTING,
      created: 500 - EXISTING - 1,
      failedExternalIds: ["E-499"],
    });
    // The killed batch's inserts were never committed.
    expect(await liveContacts()).toBe(499);

    // A second worker takes over once the lease is stale and completes the sync.
    child = startWorker();
    const done = await vi.waitFor(
      async (): Promise<DfsSyncState> => {
        const s = await getDfsSyncStatus(ctx, sync.id);
        if (s.status === "InProgress") throw new Error(`${s.status} at ${s.processed}`);
        return s;
      },
      { timeout: 240_000, interval: 100 },
    );
    const bad = entries.map((_, n) => n + 1).filter(isBad);
    expect(done).toMatchObject({
      status: "CompletedWithErrors",
      processed: ENTRIES,
      updated: EXISTING,
      created: ENTRIES - EXISTING - bad.length,
      failed: bad.length,
      failedExternalIds: bad.map((i) => `E-${i}`),
      errorMessage: null,
    });
    // One contact per externalId: every Default id names exactly one live contact, and no contact is left
    // without its id (a half-written one from the killed batch).
    expect(await liveContacts()).toBe(ENTRIES - bad.length);
    const [ids] = await database.db
      .select({ n: count(), contacts: sql<number>`count(distinct ${externalIds.entityId})::int` })
      .from(externalIds)
      .where(and(eq(externalIds.tenantId, ctx.tenantId), eq(externalIds.sourceId, source.id)));
    expect(ids).toEqual({ n: ENTRIES - bad.length, contacts: ENTRIES - bad.length });
    const [orphans] = await database.db.execute<{ n: number }>(sql`
      select count(*)::int as n from ${contacts} c where c.tenant_id = ${ctx.tenantId}
        and not exists (select 1 from ${externalIds} e where e.tenant_id = c.tenant_id and e.entity_id = c.id)`);
    expect(orphans!.n).toBe(0);
    // An existing contact was updated in place: its other fields kept.
    const first = await getContact(ctx, old[0]!.id);
    expect(first).toMatchObject({ firstName: "First1", lastName: "Last1", title: "kept" });
    expect(first.emails.map((e) => e.address)).toEqual(["e1@example.com"]);
  }, 300_000);
});
