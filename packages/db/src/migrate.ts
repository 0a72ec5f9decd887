import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { drizzle } from "drizzle-orm/postgres-js";
import { migrate } from "drizzle-orm/postgres-js/migrator";
import postgres from "postgres";

export const migrationsFolder = resolve(dirname(fileURLToPath(import.meta.url)), "../drizzle");

/** Applies the committed drizzle-kit migrations that `url` has not seen yet. Safe to run concurrently. */
export async function migrateDatabase(url: string): Promise<void> {
  const client = postgres(url, { max: 1, onnotice: () => {} });
  try {
    // One migrator at a time even when web, worker and tests start together.
    await client`select pg_advisory_lock(7263541)`;
    await migrate(drizzle(client), { migrationsFolder });
  } finally {
    await client`select pg_advisory_unlock(7263541)`.catch(() => {});
    await client.end({ timeout: 5 });
  }
}
