/**
 * Crash suite for CSV imports, beside `import-resume.test.ts` (which SIGKILLs the worker at a random point
 * after some batches committed). Here the kills land, by construction rather than by luck, where that test
 * cannot aim:
 *
 * 1. during the dry run (`executionStep` Validating): the worker has read and checked rows and is about to
 *    publish its counts; nothing may be written, and the next worker does the dry run again from the top;
 * 2. inside a batch's transaction: one batch committed, the next one's contact points and external ids
 *    inserted but not committed (its history and contact rows not yet written); the next worker must redo that batch
 *    exactly once.
 *
 * A third worker then completes the job: exactly the file's rows, no duplicates, counts and error report
 * right, and no contact without its contact points or history row.
 *
 * The test stops the worker where it wants with PostgreSQL locks held from a test transaction (a lock on
 * `csv_uploads`, the job's row, `change_sets`), watching pg_stat_activity for the worker's statement waiting on
 * it, then SIGKILLs the worker. No timing is assumed.
 */
import type { ChildProcess } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { text } from "node:stream/consumers";
import {
  and,
  changeSets,
  contactPoints,
  contacts,
  count,
  csvUploads,
  eq,
  externalIds,
  importJobs,
  isNull,
  type SQL,
  sql,
} from "@switchboard/db";
import { createTestDatabase, holdLock as holdLockOn, type TestDatabase } from "@switchboard/db/testing";
import {
  type Context,
  createContact,
  createCsvImportJob,
  createCsvSettings,
  createExternalSource,
  createImportSettings,
  ensureTenant,
  getImportJob,
  IMPORT_BATCH_SIZE,
  type ImportJob,
  type JobQueue,
  localFileStorage,
  openImportErrorReport,
  startJobQueue,
  systemActor,
} from "@switchboard/domain";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { uploadCsv } from "./uploads";
import { killed, startWorkerProcess } from "./worker-process";

const ROWS = 5000; // three batches (`IMPORT_BATCH_SIZE`, 2,000)
const isBad = (i: number) => i % 499 === 0;
/** Rows 1..EXISTING match contacts that exist before the import (by external id): they are updated. */
const EXISTING = 5;
const LEASE_MS = 2000;

let database: TestDatabase;
let dataDir: string;
let web: JobQueue;
let ctx: Context;
let child: ChildProcess | undefined;
const output: string[] = [];
/** A worker process on this file's database and data dir, with a short lease so a successor takes over soon. */
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

/** `holdLock` on this file's database, released after the file even if a test fails first. */
function holdLock(statement: SQL) {
  const lock = holdLockOn(database.db, statement);
  releases.push(lock.release);
  return lock;
}

/** Backends (other than `except`) waiting for a lock in a statement matching `pattern` (ILIKE). */
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
  const { tenantId } = await ensureTenant(database.db, { slug: "import-crash" });
  dataDir = await mkdtemp(join(tmpdir(), "switchboard-import-crash-"));
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

describe("import crash", () => {
  it("killed during the dry run, then inside a batch's transaction: the job completes with exactly the file's rows", async () => {
    const source = await createExternalSource(ctx, { name: "Crash CRM", active: true });
    for (let i = 1; i <= EXISTING; i++)
      await createContact(ctx, {
        lastName: `Old${i}`,
        title: "kept",
        externalIds: [{ sourceId: source.id, value: `C-${i}` }],
      });
    const settings = await createImportSettings(ctx, {
      name: "Crash",
      matchingCriteria: ["Email"],
      mergeContacts: true,
      externalSourceId: source.id,
    });
    const csvSettings = await createCsvSettings(ctx, {
      externalSettingsId: settings.id,
      mappings: [
        { sourceField: "crm_id", targetField: "externalId" },
        { sourceField: "first", targetField: "firstName" },
        { sourceField: "last", targetField: "lastName" },
        { sourceField: "email", targetField: "workEmail" },
      ],
    });
    const lines = ["crm_id,first,last,email"];
    for (let i = 1; i <= ROWS; i++)
      lines.push(`C-${i},First${i},Last${i},${isBad(i) ? "broken-at-example.com" : `c${i}@example.com`}`);
    const csv = Buffer.from(`${lines.join("\n")}\n`);
    const storage = localFileStorage(join(dataDir, "files"));
    const uploadId = await uploadCsv(ctx, storage, "crash.csv", csv);
    const job = await createCsvImportJob(ctx, { uploadId, settingsId: csvSettings.id });
    const bad = Array.from({ length: ROWS }, (_, i) => i + 1).filter(isBad);
    const live = and(eq(contacts.tenantId, ctx.tenantId), isNull(contacts.deletedAt));
    const liveContacts = async () =>
      (await database.db.select({ n: count() }).from(contacts).where(live))[0]!.n;
    const jobRow = sql`select id from ${importJobs} where tenant_id = ${ctx.tenantId} and id = ${job.id} for update`;

    // 1. The dry run. The worker claims the job, then waits to read its upload (locked); the job's row is
    // locked next and the upload released, so the worker checks the rows and stops where it publishes counts.
    const t0 = Date.now();
    const phases: string[] = [];
    const phase = (name: string) => phases.push(`${name} ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    const upload = holdLock(sql`lock table ${csvUploads} in access exclusive mode`);
    await upload.acquired;
    child = startWorker();
    const claimed = await vi.waitFor(
      async () => {
        const j = await getImportJob(ctx, job.id);
        if (j.status !== "Running") throw new Error(`${j.status}\n${output.join("")}`);
        return j;
      },
      { timeout: 120_000, interval: 25 },
    );
    expect(claimed.executionStep).toBe("Validating");
    phase("claimed");
    // Claimed: from here on the worker cannot leave Validating while the job's row is locked.
    const row = holdLock(jobRow);
    await row.acquired;
    await upload.release();
    await untilWaiting("select%import_jobs%for update%");
    phase("dry run stopped");
    await killed(child, "SIGKILL");
    child = undefined;
    await row.release();
    expect(await getImportJob(ctx, job.id)).toMatchObject({
      status: "Running",
      executionStep: "Validating",
      processedRows: 0,
      lastCommittedRow: 0,
    });
    expect(await liveContacts()).toBe(EXISTING);

    // 2. Inside a batch. History is locked, so the next worker's first batch stops at its history rows. The
    // job's row is locked too and history released: that batch writes the rest and waits for the job's row,
    // which it locks last. History is locked again, queued behind that batch's rows, and the job's row released:
    // the first batch commits, and the second one writes its contact points and external ids and stops at
    // history: the kill lands there.
    const history = holdLock(sql`lock table ${changeSets} in share mode`);
    await history.acquired;
    child = startWorker();
    await untilWaiting("%change_sets%");
    const gate = holdLock(jobRow);
    await gate.acquired;
    await history.release();
    await untilWaiting("select%import_jobs%for update%");
    const historyAgain = holdLock(sql`lock table ${changeSets} in share mode`);
    const againPid = await historyAgain.pid;
    await untilWaiting("lock table%change_sets%");
    await gate.release();
    await historyAgain.acquired;
    const [between] = await database.db
      .select({ processed: importJobs.processedRows, step: importJobs.executionStep })
      .from(importJobs)
      .where(eq(importJobs.id, job.id));
    expect(between).toEqual({ processed: IMPORT_BATCH_SIZE, step: "Importing" });
    const [stuck] = await untilWaiting("%change_sets%", [againPid]);
    phase("batch 2 stopped");
    // Contacts are written last in a batch (see `importContacts`): not yet.
    expect(stuck!.written).toEqual(expect.arrayContaining(["contact_points", "external_ids"]));
    expect(stuck!.written).not.toContain("contacts");
    await killed(child, "SIGKILL");
    child = undefined;
    await historyAgain.release();
    const frozen = await getImportJob(ctx, job.id);
    expect(frozen).toMatchObject({
      status: "Running",
      executionStep: "Importing",
      processedRows: between!.processed,
      lastCommittedRow: between!.processed,
      dryRunSucceededRows: ROWS - bad.length,
      dryRunFailedRows: bad.length,
    });
    expect(await liveContacts()).toBe(EXISTING + frozen.createdRows);

    // 3. A third worker completes the job.
    child = startWorker();
    const done = await vi.waitFor(
      async (): Promise<ImportJob> => {
        const j = await getImportJob(ctx, job.id);
        if (j.status !== "Completed") throw new Error(`${j.status} ${j.executionStep} at ${j.processedRows}`);
        return j;
      },
      { timeout: 240_000, interval: 100 },
    );
    phase("completed");
    console.log(`[import crash] ${phases.join(", ")}`);
    expect(done).toMatchObject({
      processedRows: ROWS,
      totalRows: ROWS,
      failedRows: bad.length,
      succeededRows: ROWS - bad.length,
      createdRows: ROWS - bad.length - EXISTING,
      updatedRows: EXISTING,
      lastCommittedRow: ROWS,
      dryRunSucceededRows: ROWS - bad.length,
      dryRunFailedRows: bad.length,
    });

    // Exactly once: one contact per good row, with its one email and one external id.
    expect(await liveContacts()).toBe(ROWS - bad.length);
    const [integrity] = await database.db.execute<Record<string, number>>(sql`
      select
        (select count(*)::int from ${contactPoints} where tenant_id = ${ctx.tenantId} and kind = 'email')
          as "emails",
        (select count(distinct value)::int from ${contactPoints} where tenant_id = ${ctx.tenantId}
          and kind = 'email') as "distinctEmails",
        (select count(*)::int from ${externalIds} where tenant_id = ${ctx.tenantId} and source_id = ${source.id})
          as "externalIds",
        (select count(distinct value)::int from ${externalIds} where tenant_id = ${ctx.tenantId}
          and source_id = ${source.id}) as "distinctExternalIds",
        (select count(*)::int from ${contacts} c where c.tenant_id = ${ctx.tenantId}
          and not exists (select 1 from ${changeSets} h where h.tenant_id = c.tenant_id and h.entity_id = c.id
                 and h.action = 'create')) as "contactsWithoutHistory",
        (select count(*)::int from ${contactPoints} p where p.tenant_id = ${ctx.tenantId}
          and not exists (select 1 from ${contacts} c where c.tenant_id = p.tenant_id and c.id = p.owner_id))
          as "orphanPoints",
        (select count(*)::int from ${changeSets} h where h.tenant_id = ${ctx.tenantId} and h.entity_type = 'contact'
          and not exists (select 1 from ${contacts} c where c.tenant_id = h.tenant_id and c.id = h.entity_id))
          as "orphanHistory"`);
    const good = ROWS - bad.length;
    expect(integrity).toEqual({
      emails: good,
      distinctEmails: good,
      externalIds: good,
      distinctExternalIds: good,
      contactsWithoutHistory: 0,
      orphanPoints: 0,
      orphanHistory: 0,
    });

    const report = await text((await openImportErrorReport(ctx, job.id, storage)).stream);
    expect(report.trim().split("\n")).toEqual([
      "row,field,message",
      ...bad.map((row) => `${row},email,must be a valid email address`),
    ]);
  }, 400_000);
});
