import type { Executor } from "@switchboard/db";
import { sql } from "@switchboard/db";
import { fromDrizzle, PgBoss } from "pg-boss";
import { z } from "zod";

/** Every background job, by queue name, with its payload schema: the contract between web and worker. */
export const JOBS = {
  export: z.object({ tenantId: z.uuid(), exportId: z.uuid() }),
  import: z.object({ tenantId: z.uuid(), jobId: z.uuid() }),
  /** A DFS CSV export (`runDfsExport`). */
  "dfs-export": z.object({ tenantId: z.uuid(), exportId: z.uuid() }),
  /** A DFS sync of uploaded JSON files (`runDfsSync`); a stale one is enqueued again (`reviveStaleDfsSyncs`). */
  "dfs-sync": z.object({ tenantId: z.uuid(), syncId: z.uuid() }),
  /** Maintenance across tenants, on the worker's pg-boss schedule: `removeExpiredImportFiles`. */
  "import-file-cleanup": z.object({}),
  /** A scan of one tenant for duplicate clusters (`runClusterScan`); one waits per tenant at most. */
  "cluster-scan": z.object({ tenantId: z.uuid(), trigger: z.enum(["schedule", "settings", "request"]) }),
  /** On the worker's pg-boss schedule: a scan of each tenant changed since its last (`enqueueDueClusterScans`). */
  "cluster-scan-schedule": z.object({}),
} as const;
export type JobName = keyof typeof JOBS;
export type JobPayload<N extends JobName> = z.infer<(typeof JOBS)[N]>;

/** Queues whose jobs are one per key: asking again while one waits adds none. */
const SINGLETON_KEYS: { [N in JobName]?: (payload: JobPayload<N>) => string } = {
  "cluster-scan": (payload) => payload.tenantId,
};

export interface JobQueue {
  /** Enqueues `name` on `db`, which may be an open transaction: the job exists only if that commits. */
  enqueue<N extends JobName>(db: Executor, name: N, payload: JobPayload<N>): Promise<void>;
  boss: PgBoss;
  stop(): Promise<void>;
}

/**
 * How often a worker looks for jobs on its own, besides being woken (`notify`). A new job wakes it at once;
 * this finds the ones that become due later (a retry after its backoff) as soon as before.
 */
export const JOB_POLLING = { notifyPollingIntervalSeconds: 2 } as const;

/**
 * Starts pg-boss on the application database (its own `pgboss` schema) and makes sure every queue exists.
 * Producers (the web app) pass `{ supervise: false }`; the worker keeps maintenance on, and listens.
 */
export async function startJobQueue(
  connectionString: string,
  options: { supervise?: boolean; max?: number } = {},
): Promise<JobQueue> {
  const supervise = options.supervise ?? true;
  const boss = new PgBoss({
    connectionString,
    max: options.max ?? 4,
    supervise,
    schedule: supervise,
    // The worker is woken by the NOTIFY each new job sends as its transaction commits, instead of finding
    // it at its next poll: an import waited 1 s on average (up to 2) before it started. Producers only send.
    useListenNotify: supervise,
  });
  boss.on("error", (error) => console.error("[jobs]", error));
  await boss.start();
  for (const name of Object.keys(JOBS)) {
    const queue = await boss.getQueue(name);
    // Exports of millions of rows take a while: a job is only re-offered after 4 h without finishing.
    if (!queue)
      await boss.createQueue(name, {
        retryLimit: 5,
        retryBackoff: true,
        expireInSeconds: 4 * 3600,
        notify: true,
        // At most one queued and one running job per singleton key (a tenant's scans).
        ...(name in SINGLETON_KEYS && { policy: "stately" }),
      });
    // A queue made before jobs woke the worker.
    else if (!queue.notify) await boss.updateQueue(name, { notify: true });
  }
  return {
    boss,
    async enqueue(db, name, payload) {
      const data = JOBS[name].parse(payload);
      const singletonKey = SINGLETON_KEYS[name]?.(data as never);
      await boss.send(name, data, { db: fromDrizzle(db, sql), ...(singletonKey && { singletonKey }) });
    },
    stop: () => boss.stop({ graceful: true, timeout: 10_000 }),
  };
}
