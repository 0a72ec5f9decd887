import { drizzle } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import * as schema from "./schema";

export type Database = ReturnType<typeof createDb>["db"];
/** A database handle or an open transaction: use cases accept either, so they can nest. */
export type Executor = Database | Parameters<Parameters<Database["transaction"]>[0]>[0];

export interface DbOptions {
  /** Pool size per process; the web app, the worker and tests pick their own. */
  max?: number;
}

/** Opens a pooled connection to `url`. Call `close()` on shutdown. */
export function createDb(url: string, options: DbOptions = {}) {
  const client = postgres(url, {
    max: options.max ?? 10,
    onnotice: () => {},
  });
  const db = drizzle(client, { schema, casing: "snake_case" });
  return { db, client, close: () => client.end({ timeout: 5 }) };
}

/**
 * Listens on `channel` over a connection of its own (outside the pool): `onNotify` gets each payload, and
 * `onListen` runs each time the listener is (re)established, the first time and after every reconnection, so
 * the caller can drop whatever it may have missed meanwhile. The listener ends with the database's `close()`.
 */
export async function listen(
  db: Database,
  channel: string,
  onNotify: (payload: string) => void,
  onListen: () => void,
): Promise<void> {
  await db.$client.listen(channel, onNotify, onListen);
}
