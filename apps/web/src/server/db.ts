import "server-only";
import { createDb, type Database } from "@switchboard/db";
import { type JobQueue, startJobQueue } from "@switchboard/domain";

/**
 * One pool and one job-queue producer per server process, created on first use. Kept on globalThis so
 * development reloads do not open a new pool each time.
 */
const cache = globalThis as unknown as { switchboardDb?: Database; switchboardJobs?: Promise<JobQueue> };

function databaseUrl(): string {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set (npm start sets it)");
  return url;
}

export function db(): Database {
  cache.switchboardDb ??= createDb(databaseUrl(), { max: 10 }).db;
  return cache.switchboardDb;
}

/** The producer side of pg-boss: this process enqueues, the worker consumes. */
export function jobs(): Promise<JobQueue> {
  cache.switchboardJobs ??= startJobQueue(databaseUrl(), { supervise: false, max: 2 });
  return cache.switchboardJobs;
}
