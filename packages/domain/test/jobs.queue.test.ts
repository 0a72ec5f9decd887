import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { inTransaction, JOBS, type JobQueue, startJobQueue } from "../src";
import { withTestTenant } from "./helpers";

const tenant = withTestTenant();

let worker: JobQueue;
let web: JobQueue;
beforeAll(async () => {
  // As production runs them: the worker's queue (it listens) and a producer's.
  worker = await startJobQueue(tenant().database.url);
  web = await startJobQueue(tenant().database.url, { supervise: false });
});
afterAll(async () => {
  await web?.stop();
  await worker?.stop();
});

describe("job queue", () => {
  it("wakes the worker as the transaction that sends a job commits, long before its next poll", async () => {
    const received: unknown[] = [];
    // The worker looks once as it starts, then not again for a minute: only the job's NOTIFY can wake it.
    await worker.boss.work(
      "export",
      { pollingIntervalSeconds: 60, notifyPollingIntervalSeconds: 60 },
      async (jobs) => {
        received.push(...jobs.map((j) => j.data));
      },
    );
    await new Promise((done) => setTimeout(done, 500)); // its first look has found nothing
    const payload = { tenantId: tenant().tenantId, exportId: crypto.randomUUID() };
    await inTransaction(tenant().admin, (tx) => web.enqueue(tx.db, "export", payload));
    await vi.waitFor(() => expect(received).toEqual([payload]), { timeout: 10_000, interval: 50 });
  });

  it("has every queue wake its workers, also one made before queues did", async () => {
    await worker.boss.updateQueue("import", { notify: false });
    const again = await startJobQueue(tenant().database.url, { supervise: false });
    await again.stop();
    for (const name of Object.keys(JOBS)) expect((await worker.boss.getQueue(name))?.notify, name).toBe(true);
    // Only that changed: its retries stay as they were made.
    expect(await worker.boss.getQueue("import")).toMatchObject({ retryLimit: 5, retryBackoff: true });
  });
});
