/**
 * The worker process: `DATABASE_URL` is required; files go under `SWITCHBOARD_DATA_DIR` (default `.data`);
 * `SWITCHBOARD_IMPORT_LEASE_MS` sets how soon an interrupted import is resumed (default 60 s);
 * `SWITCHBOARD_IMPORT_FILE_RETENTION_MS` how long an ended import's uploaded file is kept (default 7 days).
 */
import { startWorker } from "./worker";

const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) {
  console.error("[worker] DATABASE_URL is required");
  process.exit(1);
}

const leaseMs = Number(process.env.SWITCHBOARD_IMPORT_LEASE_MS) || undefined;
const retentionMs = Number(process.env.SWITCHBOARD_IMPORT_FILE_RETENTION_MS) || undefined;
const worker = await startWorker({
  databaseUrl,
  dataDir: process.env.SWITCHBOARD_DATA_DIR ?? ".data",
  importLeaseMs: leaseMs,
  importFileRetentionMs: retentionMs,
});

async function shutdown(signal: string) {
  console.log(`[worker] ${signal}: stopping`);
  try {
    await worker.stop();
    process.exit(0);
  } catch (error) {
    console.error("[worker] unclean stop", error);
    process.exit(1);
  }
}
process.once("SIGINT", () => void shutdown("SIGINT"));
process.once("SIGTERM", () => void shutdown("SIGTERM"));
