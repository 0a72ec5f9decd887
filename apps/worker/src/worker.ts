import { hostname } from "node:os";
import { join } from "node:path";
import { createDb, eq, sql, workerHeartbeats } from "@switchboard/db";
import {
  enqueueDueClusterScans,
  everyInTurn,
  IMPORT_LEASE_MS,
  isDomainError,
  JOB_POLLING,
  JOBS,
  type JobPayload,
  localFileStorage,
  removeExpiredImportFiles,
  reviveStaleDfsSyncs,
  reviveStaleImports,
  runClusterScan,
  runDfsExport,
  runDfsSync,
  runExport,
  runImport,
  startJobQueue,
  systemActor,
} from "@switchboard/domain";

/** The web health check calls the worker dead when the newest heartbeat is older than 30 s. */
const HEARTBEAT_MS = 5_000;
/** When stored import files past their retention are removed: pg-boss hands each run to one worker. */
const IMPORT_FILE_CLEANUP_CRON = "*/15 * * * *";
/** When tenants whose contacts changed since their last duplicate scan get a new one. */
const CLUSTER_SCAN_CRON = "*/15 * * * *";

export interface WorkerOptions {
  databaseUrl: string;
  /** Files go to `<dataDir>/files`, where the web app's default storage reads them. */
  dataDir: string;
  log?: (line: string) => void;
  /** An import or DFS sync whose worker has not renewed its lease for this long is resumed by another (default 60 s). */
  importLeaseMs?: number;
  /** How long an import's uploaded file is kept after its last job ended (default 7 days). */
  importFileRetentionMs?: number;
}

export interface Worker {
  /** `hostname:pid`, the key of this process's heartbeat row. */
  id: string;
  stop(): Promise<void>;
}

/** Starts consuming jobs and beating the heart; `stop()` finishes the job in hand and releases everything. */
export async function startWorker(options: WorkerOptions): Promise<Worker> {
  const log = options.log ?? ((line: string) => console.log(`[worker] ${line}`));
  const id = `${hostname()}:${process.pid}`;
  const { db, close } = createDb(options.databaseUrl, { max: 4 });
  const storage = localFileStorage(join(options.dataDir, "files"));

  async function exportJob(payload: unknown) {
    const { tenantId, exportId } = JOBS.export.parse(payload);
    const what = `export ${exportId} (tenant ${tenantId})`;
    const started = Date.now();
    try {
      const result = await runExport({ db, tenantId, actor: systemActor("worker") }, exportId, storage);
      const detail = result.status === "FAILED" ? `: ${result.error}` : `, ${result.rowCount} rows`;
      log(`${what} of ${result.entityType} ${result.status}${detail} in ${Date.now() - started} ms`);
    } catch (error) {
      // A deleted export has nothing left to do; anything else goes back to the queue, which retries it.
      if (isDomainError(error) && error.code === "NOT_FOUND") return log(`${what} skipped: ${error.message}`);
      log(`${what} errored, will be retried: ${String(error)}`);
      throw error;
    }
  }

  const leaseMs = options.importLeaseMs ?? IMPORT_LEASE_MS;
  async function importJob(payload: unknown) {
    const { tenantId, jobId } = JOBS.import.parse(payload);
    const what = `import ${jobId} (tenant ${tenantId})`;
    const started = Date.now();
    let reported = 0;
    try {
      const result = await runImport({ db, tenantId, actor: systemActor("worker") }, jobId, {
        storage,
        owner: id,
        leaseMs,
        onProgress: (job) => {
          // A line every ~10% keeps the log readable for a million rows.
          if (job.processedRows - reported >= Math.max(1000, job.totalRows / 10)) {
            reported = job.processedRows;
            log(`${what} ${job.processedRows}/${job.totalRows} rows`);
          }
        },
      });
      log(
        `${what} ${result.status}: ${result.succeededRows} imported, ${result.failedRows} failed, ` +
          `${result.processedRows}/${result.totalRows} rows in ${Date.now() - started} ms`,
      );
    } catch (error) {
      if (isDomainError(error) && error.code === "NOT_FOUND") return log(`${what} skipped: ${error.message}`);
      log(`${what} errored, will be retried: ${String(error)}`);
      throw error;
    }
  }

  async function dfsExportJob(payload: unknown) {
    const { tenantId, exportId } = JOBS["dfs-export"].parse(payload);
    const what = `DFS export ${exportId} (tenant ${tenantId})`;
    const started = Date.now();
    try {
      const result = await runDfsExport({ db, tenantId, actor: systemActor("worker") }, exportId, storage);
      const detail = result.status === "Failed" ? `: ${result.error}` : `, ${result.rowCount} rows`;
      log(`${what} of ${result.kind} ${result.status}${detail} in ${Date.now() - started} ms`);
    } catch (error) {
      if (isDomainError(error) && error.code === "NOT_FOUND") return log(`${what} skipped: ${error.message}`);
      log(`${what} errored, will be retried: ${String(error)}`);
      throw error;
    }
  }

  async function dfsSyncJob(payload: unknown) {
    const { tenantId, syncId } = JOBS["dfs-sync"].parse(payload);
    const what = `DFS sync ${syncId} (tenant ${tenantId})`;
    const started = Date.now();
    let reported = 0;
    try {
      const result = await runDfsSync({ db, tenantId, actor: systemActor("worker") }, syncId, {
        storage,
        owner: id,
        leaseMs,
        onBatch: (sync) => {
          if (sync.processed - reported >= 10_000) {
            reported = sync.processed;
            log(`${what} ${sync.processed} entries`);
          }
        },
      });
      log(
        `${what} ${result.status}: ${result.created} created, ${result.updated} updated, ` +
          `${result.failed} failed of ${result.processed} entries in ${Date.now() - started} ms`,
      );
    } catch (error) {
      if (isDomainError(error) && error.code === "NOT_FOUND") return log(`${what} skipped: ${error.message}`);
      log(`${what} errored, will be retried: ${String(error)}`);
      throw error;
    }
  }

  async function importFileCleanup() {
    const started = Date.now();
    try {
      const removed = await removeExpiredImportFiles(db, storage, {
        retentionMs: options.importFileRetentionMs,
      });
      if (removed.uploads)
        log(
          `removed the files of ${removed.uploads} expired upload(s), ${removed.bytes} bytes, in ${Date.now() - started} ms`,
        );
    } catch (error) {
      log(`import file cleanup failed, will be retried: ${String((error as Error).cause ?? error)}`);
      throw error;
    }
  }

  async function clusterScanJob(payload: unknown) {
    const { tenantId, trigger } = JOBS["cluster-scan"].parse(payload);
    const started = Date.now();
    try {
      const scan = await runClusterScan({ db, tenantId, actor: systemActor("worker") }, trigger);
      const merges = scan.automaticMergeSuccesses + scan.automaticMergeFailures;
      log(
        `cluster scan ${scan.id} (tenant ${tenantId}, ${trigger}): ${scan.totalClusters} clusters` +
          `${merges ? `, ${scan.automaticMergeSuccesses}/${merges} merged` : ""} in ${Date.now() - started} ms`,
      );
    } catch (error) {
      log(
        `cluster scan of tenant ${tenantId} errored, will be retried: ${String((error as Error).cause ?? error)}`,
      );
      throw error;
    }
  }

  const queue = await startJobQueue(options.databaseUrl).catch(async (error) => {
    await close();
    throw error;
  });
  let heartbeat: NodeJS.Timeout | undefined;
  let reviver: NodeJS.Timeout | undefined;
  try {
    await db
      .insert(workerHeartbeats)
      .values({ workerId: id })
      .onConflictDoUpdate({
        target: workerHeartbeats.workerId,
        set: { startedAt: sql`now()`, seenAt: sql`now()` },
      });
    heartbeat = setInterval(() => {
      db.update(workerHeartbeats)
        .set({ seenAt: sql`now()` })
        .where(eq(workerHeartbeats.workerId, id))
        // drizzle wraps driver errors in "Failed query: ..."; the cause says what went wrong.
        .catch((error: Error) => log(`heartbeat failed: ${String(error.cause ?? error)}`));
    }, HEARTBEAT_MS);
    await queue.boss.work<JobPayload<"export">>("export", JOB_POLLING, async (jobs) => {
      for (const job of jobs) await exportJob(job.data);
    });
    await queue.boss.work<JobPayload<"import">>("import", JOB_POLLING, async (jobs) => {
      for (const job of jobs) await importJob(job.data);
    });
    await queue.boss.work<JobPayload<"dfs-export">>("dfs-export", JOB_POLLING, async (jobs) => {
      for (const job of jobs) await dfsExportJob(job.data);
    });
    await queue.boss.work<JobPayload<"dfs-sync">>("dfs-sync", JOB_POLLING, async (jobs) => {
      for (const job of jobs) await dfsSyncJob(job.data);
    });
    await queue.boss.work("import-file-cleanup", JOB_POLLING, importFileCleanup);
    await queue.boss.work<JobPayload<"cluster-scan">>("cluster-scan", JOB_POLLING, async (jobs) => {
      for (const job of jobs) await clusterScanJob(job.data);
    });
    await queue.boss.work("cluster-scan-schedule", JOB_POLLING, async () => {
      const due = await enqueueDueClusterScans(db, queue);
      if (due) log(`asked for a cluster scan of ${due} tenant(s) changed since their last`);
    });
    // Every worker (re)states the schedule; pg-boss keeps one and sends each run to one worker.
    await queue.boss.schedule("import-file-cleanup", IMPORT_FILE_CLEANUP_CRON, {});
    await queue.boss.schedule("cluster-scan-schedule", CLUSTER_SCAN_CRON, {});
    // Imports of a worker that died mid-job (its lease went stale) are handed out again, now and then.
    const revive = () =>
      Promise.all([
        reviveStaleImports(db, queue, leaseMs)
          .then((n) => n && log(`resumed ${n} interrupted import(s)`))
          .catch((error: Error) => log(`import revival failed: ${String(error.cause ?? error)}`)),
        reviveStaleDfsSyncs(db, queue, leaseMs)
          .then((n) => n && log(`resumed ${n} interrupted DFS sync(s)`))
          .catch((error: Error) => log(`DFS sync revival failed: ${String(error.cause ?? error)}`)),
      ]);
    await revive();
    // In turn: a pass waits while a stale job's row is locked.
    reviver = everyInTurn(revive, Math.max(1000, Math.floor(leaseMs / 2)));
  } catch (error) {
    clearInterval(heartbeat);
    clearInterval(reviver);
    await queue.stop();
    await close();
    throw error;
  }
  log(`${id} started`);

  let stopped: Promise<void> | undefined;
  return {
    id,
    stop: () => {
      stopped ??= (async () => {
        // Beats go on while the job in hand finishes: a worker that is still working is alive.
        clearInterval(reviver);
        await queue.stop();
        clearInterval(heartbeat);
        // Leave no heartbeat behind: the health check should see this worker gone at once.
        await db.delete(workerHeartbeats).where(eq(workerHeartbeats.workerId, id));
        await close();
        log(`${id} stopped`);
      })();
      return stopped;
    },
  };
}
