import type { Executor } from "@switchboard/db";
import { sql } from "@switchboard/db";
import { fromDrizzle, PgBoss } from "pg-boss";
import { z } from "zod";

/** Every background job, by queue name, with its payload schema: the contract between web and worker. */
export const JOBS = {
  export: z.object({ tenantId: z.uuid(), exportId: z.uuid() }),
  import: z.object({ tenantId: z.uuid(), jobId: z.uuid() }),
  /** Maintenance across tenants, on the worker's pg-boss schedule: `removeExpiredImportFiles`. */
  "import-file-cleanup": z.object({}),
} as const;
export type JobName = keyof typeof JOBS;
export type JobPayload<N extends JobName> = z.infer<(typeof JOBS)[N]>;

export interface JobQueue {
  /** Enqueues `name` on `db`, which may be an open transaction: the job exists only if that commits. */
  enqueue<N extends JobName>(db: Executor, name: N, payload: JobPayload<N>): Promise<void>;
  boss: PgBoss;
  stop(): Promise<void>;
}

/**
 * Starts pg-boss on the application database (its own `pgboss` schema) and makes sure every queue exists.
 * Producers (the web app) pass `{ supervise: false }`; the worker keeps maintenance on.
 */
export async function startJobQueue(
  connectionString: string,
  options: { supervise?: boolean; max?: number } = {},
): Promise<JobQueue> {
  const supervise = options.supervise ?? true;
  const boss = new PgBoss({ connectionString, max: options.max ?? 4, supervise, schedule: supervise });
  boss.on("error", (error) => console.error("[jobs]", error));
  await boss.start();
  for (const name of Object.keys(JOBS)) {
    // Exports of millions of rows take a while: a job is only re-offered after 4 h without finishing.
    if (!(await boss.getQueue(name)))
      await boss.createQueue(name, { retryLimit: 5, retryBackoff: true, expireInSeconds: 4 * 3600 });
  }
  return {
    boss,
    async enqueue(db, name, payload) {
      await boss.send(name, JOBS[name].parse(payload), { db: fromDrizzle(db, sql) });
    },
    stop: () => boss.stop({ graceful: true, timeout: 10_000 }),
  };
}
