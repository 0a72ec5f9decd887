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
