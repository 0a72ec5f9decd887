import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { text } from "node:stream/consumers";
import { eq, workerHeartbeats } from "@switchboard/db";
import { createTestDatabase, type TestDatabase } from "@switchboard/db/testing";
import {
  CONTACT_EXPORT_COLUMNS,
  type Context,
  createContact,
  createExport,
  ensureTenant,
  getExport,
  type JobQueue,
  localFileStorage,
  openExportDownload,
  startJobQueue,
  systemActor,
} from "@switchboard/domain";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { startWorker, type Worker } from "../src/worker";

let database: TestDatabase;
let dataDir: string;
let worker: Worker;
let web: JobQueue;
let ctx: Context;
const logged: string[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  const { tenantId } = await ensureTenant(database.db, { slug: "worker" });
  dataDir = await mkdtemp(join(tmpdir(), "switchboard-worker-"));
  worker = await startWorker({ databaseUrl: database.url, dataDir, log: (line) => logged.push(line) });
  // The producing side, as the web app runs it.
  web = await startJobQueue(database.url, { supervise: false });
  ctx = { db: database.db, tenantId, actor: systemActor("test"), jobs: web };
});

afterAll(async () => {
  await worker?.stop();
  await web?.stop();
  await database?.close();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

describe("worker", () => {
  it("beats its heart into worker_heartbeats", async () => {
    const [row] = await database.db
      .select()
      .from(workerHeartbeats)
      .where(eq(workerHeartbeats.workerId, worker.id));
    expect(row).toBeDefined();
    expect(Date.now() - row!.seenAt.getTime()).toBeLessThan(30_000);
  });

  it("runs an export enqueued by the domain and leaves the CSV where downloads read it", async () => {
    const ada = await createContact(ctx, {
      firstName: "Ada",
      lastName: "Lovelace",
      phones: [{ type: "cell", display: "(201) 555-0100" }],
    });
    const grace = await createContact(ctx, { firstName: "Grace", lastName: "Hopper" });
    const started = await createExport(ctx, { entityType: "contacts" });

    const done = await vi.waitFor(
      async () => {
        const job = await getExport(ctx, started.id);
        if (job.status === "RUNNING") throw new Error("still running");
        return job;
      },
      { timeout: 20_000, interval: 200 },
    );
    expect(done).toMatchObject({ status: "SUCCEEDED", rowCount: 2 });

    const file = await openExportDownload(ctx, started.id, localFileStorage(join(dataDir, "files")));
    const [header, ...rows] = (await text(file.stream)).trimEnd().split("\n");
    expect(header).toBe(CONTACT_EXPORT_COLUMNS.join(","));
    expect(rows.map((r) => r.split(",").slice(0, 2))).toEqual([
      [ada.id, "Ada"],
      [grace.id, "Grace"],
    ]);
    expect(rows[0]).toContain("+12015550100");
    expect(logged.some((line) => line.includes(`export ${started.id}`) && line.includes("SUCCEEDED"))).toBe(
      true,
    );
  });

  it("removes its heartbeat when it stops", async () => {
    await worker.stop();
    const rows = await database.db
      .select()
      .from(workerHeartbeats)
      .where(eq(workerHeartbeats.workerId, worker.id));
    expect(rows).toEqual([]);
  });
});
