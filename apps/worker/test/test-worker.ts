import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createTestDatabase, type TestDatabase } from "@switchboard/db/testing";
import { type Context, ensureTenant, type JobQueue, startJobQueue, systemActor } from "@switchboard/domain";
import { startWorker, type Worker } from "../src/worker";

export interface TestWorker {
  database: TestDatabase;
  dataDir: string;
  worker: Worker;
  /** The producing side of the queue, as the web app runs it. */
  web: JobQueue;
  /** A system caller in the tenant, sending its jobs through `web`. */
  ctx: Context;
  stop(): Promise<void>;
}

/** A worker in this process over a fresh database with one tenant, logging into `logged`. */
export async function startTestWorker(slug: string, logged: string[]): Promise<TestWorker> {
  const database = await createTestDatabase();
  const { tenantId } = await ensureTenant(database.db, { slug });
  const dataDir = await mkdtemp(join(tmpdir(), `switchboard-${slug}-`));
  const worker = await startWorker({ databaseUrl: database.url, dataDir, log: (line) => logged.push(line) });
  const web = await startJobQueue(database.url, { supervise: false });
  const ctx = { db: database.db, tenantId, actor: systemActor("test"), jobs: web };
  const stop = async () => {
    await worker.stop();
    await web.stop();
    await database.close();
    await rm(dataDir, { recursive: true, force: true });
  };
  return { database, dataDir, worker, web, ctx, stop };
}
