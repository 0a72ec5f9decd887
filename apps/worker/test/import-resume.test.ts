import type { ChildProcess } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { text } from "node:stream/consumers";
import { and, contactPoints, contacts, count, eq, externalIds, isNull, sql } from "@switchboard/db";
import { createTestDatabase, type TestDatabase } from "@switchboard/db/testing";
import {
  type Context,
  createContact,
  createCsvImportJob,
  createCsvSettings,
  createExternalSource,
  createImportSettings,
  ensureTenant,
  getContact,
  getImportJob,
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

const ROWS = 20_000;
/** Every 997th row has an email the contact rules refuse: 20 bad rows spread over many batches. */
const isBad = (i: number) => i % 997 === 0;
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

beforeAll(async () => {
  database = await createTestDatabase();
  const { tenantId } = await ensureTenant(database.db, { slug: "import-resume" });
  dataDir = await mkdtemp(join(tmpdir(), "switchboard-import-resume-"));
  web = await startJobQueue(database.url, { supervise: false });
  ctx = { db: database.db, tenantId, actor: systemActor("test"), jobs: web };
});

afterAll(async () => {
  if (child) await killed(child, "SIGTERM");
  await web?.stop();
  await database?.close();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

const progressOf = async (id: string) => getImportJob(ctx, id);

describe("import kill and resume", () => {
  it("a worker SIGKILLed mid-import is resumed by the next one: every row exactly once, bad rows reported", async () => {
    const source = await createExternalSource(ctx, { name: "Legacy CRM", active: true });
    // Rows 1..10 already exist (by external id): the import updates them instead of creating twins.
    for (let i = 1; i <= 10; i++)
      await createContact(ctx, {
        lastName: `Old${i}`,
        title: "kept",
        externalIds: [{ sourceId: source.id, value: `L-${i}` }],
      });
    const settings = await createImportSettings(ctx, {
      name: "Legacy",
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
        { sourceField: "phone", targetField: "cellPhone" },
      ],
    });
    const lines = ["crm_id,first,last,email,phone"];
    for (let i = 1; i <= ROWS; i++)
      lines.push(
        `L-${i},First${i},Last${i},${isBad(i) ? "broken-at-example.com" : `p${i}@example.com`},+1 202 555 ${String(i % 10000).padStart(4, "0")}`,
      );
    const csv = Buffer.from(`${lines.join("\n")}\n`);
    const storage = localFileStorage(join(dataDir, "files"));
    const uploadId = await uploadCsv(ctx, storage, "legacy.csv", csv);
    const job = await createCsvImportJob(ctx, { uploadId, settingsId: csvSettings.id });

    child = startWorker();
    const atKill = await vi.waitFor(
      async () => {
        const j = await progressOf(job.id);
        if (j.processedRows < 3000) throw new Error(`only ${j.processedRows} rows so far`);
        return j;
      },
      { timeout: 120_000, interval: 50 },
    );
    await killed(child, "SIGKILL");
    child = undefined;

    // What the dead worker left: a Running job whose counters match exactly what is in the database.
    const frozen = await progressOf(job.id);
    expect(frozen.status).toBe("Running");
    expect(frozen.processedRows).toBeGreaterThanOrEqual(atKill.processedRows);
    expect(frozen.processedRows).toBeLessThan(ROWS);
    expect(frozen.lastCommittedRow).toBe(frozen.processedRows);
    const live = and(eq(contacts.tenantId, ctx.tenantId), isNull(contacts.deletedAt));
    const [{ n: createdSoFar } = { n: -1 }] = await database.db
      .select({ n: count() })
      .from(contacts)
      .where(live);
    expect(createdSoFar - 10).toBe(frozen.createdRows);

    child = startWorker();
    const done = await vi.waitFor(
      async (): Promise<ImportJob> => {
        const j = await progressOf(job.id);
        if (j.status !== "Completed") throw new Error(`${j.status} at ${j.processedRows}`);
        return j;
      },
      { timeout: 240_000, interval: 250 },
    );
    const bad = Array.from({ length: ROWS }, (_, i) => i + 1).filter(isBad);
    expect(done).toMatchObject({
      processedRows: ROWS,
      totalRows: ROWS,
      failedRows: bad.length,
      succeededRows: ROWS - bad.length,
      createdRows: ROWS - bad.length - 10,
      updatedRows: 10,
      lastCommittedRow: ROWS,
    });
    // The second worker finished it: through its own revival of the stale lease, or pg-boss re-offering the
    // dead worker's job, whichever came first (the lease lets only one of them run it).
    expect(output.join("")).toMatch(/Completed: 19980 imported, 20 failed, 20000\/20000 rows/);

    // Exactly once: one contact per good row, one email and one external id each.
    const [{ n: total } = { n: -1 }] = await database.db.select({ n: count() }).from(contacts).where(live);
    expect(total).toBe(ROWS - bad.length);
    const doubled = await database.db
      .select({ value: contactPoints.value })
      .from(contactPoints)
      .where(and(eq(contactPoints.tenantId, ctx.tenantId), eq(contactPoints.kind, "email")))
      .groupBy(contactPoints.value)
      .having(sql`count(*) > 1`);
    expect(doubled).toEqual([]);
    const [{ n: ids } = { n: -1 }] = await database.db
      .select({ n: count() })
      .from(externalIds)
      .where(and(eq(externalIds.tenantId, ctx.tenantId), eq(externalIds.sourceId, source.id)));
    expect(ids).toBe(ROWS - bad.length);
    const [updated] = await database.db
      .select({ id: externalIds.entityId })
      .from(externalIds)
      .where(and(eq(externalIds.tenantId, ctx.tenantId), eq(externalIds.value, "L-1")));
    expect(await getContact(ctx, updated!.id)).toMatchObject({
      firstName: "First1",
      lastName: "Last1",
      title: "kept",
    });

    const report = await text((await openImportErrorReport(ctx, job.id, storage)).stream);
    expect(report.trim().split("\n")).toEqual([
      "row,field,message",
      ...bad.map((row) => `${row},email,must be a valid email address`),
    ]);
  }, 400_000);
});
