import { connect, type Socket } from "node:net";
import { drizzle } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import * as schema from "./schema";

export type Database = ReturnType<typeof createDb>["db"];
/** A database handle or an open transaction: use cases accept either, so they can nest. */
export type Executor = Database | Parameters<Parameters<Database["transaction"]>[0]>[0];

export interface DbOptions {
  /** Pool size per process; the web app, the worker and tests pick their own. */
  max?: number;
  /**
   * Named prepared statements (parsed and planned once per connection, then one round trip each). Default:
   * on, unless `DATABASE_PREPARE=false` (PgBouncer in transaction mode cannot keep a statement prepared on one
   * server connection for the next transaction).
   */
  prepare?: boolean;
}

/** Whether `DATABASE_PREPARE` allows prepared statements: anything but `false`, `0`, `off` or `no`. */
export function preparedStatements(env: Record<string, string | undefined> = process.env): boolean {
  return !/^(false|0|off|no)$/i.test(env.DATABASE_PREPARE?.trim() ?? "");
}

/** Opens a pooled connection to `url`. Call `close()` on shutdown. */
export function createDb(url: string, options: DbOptions = {}) {
  const prepare = options.prepare ?? preparedStatements();
  const settings = {
    max: options.max ?? 10,
    prepare,
    onnotice: () => {},
    // Documented (README, "Custom socket"), though its types leave it out.
    ...({ socket: socketsWithoutDelay() } as object),
  };
  const client = postgres(url, settings);
  // Pattern matches outside transactions go to connections of their own that plan each run for its parameters
  // (see `MATCHES_PATTERN`), so they too can be named statements. Opened as they are needed.
  const patterns = prepare
    ? postgres(url, { ...settings, connection: { plan_cache_mode: "force_custom_plan" } })
    : undefined;
  const db = drizzle(connectionPrepares(client, patterns), { schema, casing: "snake_case" });
  const close = async () => {
    await Promise.all([client.end({ timeout: 5 }), patterns?.end({ timeout: 5 })]);
  };
  return { db, client, patternClient: patterns, close };
}

/**
 * postgres.js's connections with Nagle's algorithm off (`TCP_NODELAY`), as postgres.js opens them otherwise: the
 * hosts in turn, or the Unix socket. postgres.js leaves it on, so a short message sent while the connection still
 * had data unacknowledged (the end of a `COPY`, the statement after it) waited for the server's delayed ACK,
 * ~40 ms: an import batch stalled so three times, a third of its time (50,000 rows: ~2,400 → ~3,400 rows/s).
 * The socket is returned connecting; postgres.js's first messages wait in it until it is connected.
 */
export function socketsWithoutDelay() {
  let next = 0;
  return (options: { host: string[]; port: number[]; path?: string | false }): Socket => {
    if (options.path) return connect(options.path);
    const i = next++ % options.host.length;
    return connect({
      host: options.host[i],
      port: options.port[i] ?? options.port[0] ?? 5432,
      noDelay: true,
    });
  };
}

/**
 * Statements that match text against a pattern parameter (`LIKE`, pg_trgm's operators and `similarity`) are
 * planned for each pattern. On a connection's default plan cache PostgreSQL moves a named statement onto a
 * generic plan after five runs, which cannot tell a selective pattern from one that matches half the table:
 * the organization-name lookup of a contact search over 200,000 organizations went from 56 to 181 ms (p50)
 * that way. So they run, named, on connections whose `plan_cache_mode` is `force_custom_plan`: parsed once,
 * planned every time (a contact search's statement −0.4 ms against an unnamed one, re-parsed each time). In a
 * transaction, which keeps to its one connection, they go unnamed.
 */
const MATCHES_PATTERN = /\b(?:i?like|similarity|word_similarity)\b|%>|<%|\s%\s/i;

type Sql = postgres.Sql;
type Unsafe = (query: string, params?: unknown[], options?: { prepare?: boolean }) => unknown;
type WithWork = (...args: unknown[]) => unknown;

/**
 * Drizzle asks postgres.js for an unnamed statement for every query not built with `.prepare(name)` (it passes
 * `prepare: false` with each, and postgres.js's `unsafe` defaults to it), whatever the connection says. This
 * client asks for a named one for every query, in transactions and savepoints too, so the connection's
 * `prepare` (`DATABASE_PREPARE`) decides; pattern matches go to `patterns` (custom plans) when given, and
 * unnamed otherwise. Queries without parameters still go as simple queries.
 */
function connectionPrepares(sql: Sql, patterns?: Sql): Sql {
  return new Proxy(sql, {
    get(target, key, receiver) {
      if (key === "unsafe") {
        const unsafe = target.unsafe as unknown as Unsafe;
        const unsafeCustom = patterns?.unsafe as unknown as Unsafe | undefined;
        return (query: string, params?: unknown[], queryOptions?: { prepare?: boolean }) => {
          if (!MATCHES_PATTERN.test(query)) return unsafe(query, params, { ...queryOptions, prepare: true });
          if (unsafeCustom) return unsafeCustom(query, params, { ...queryOptions, prepare: true });
          return unsafe(query, params, { ...queryOptions, prepare: false });
        };
      }
      if (key === "begin" || key === "savepoint") {
        const open = (Reflect.get(target, key) as WithWork).bind(target);
        return (...args: unknown[]) => {
          const work = args.pop() as (tx: Sql) => unknown;
          return open(...args, (tx: Sql) => work(connectionPrepares(tx)));
        };
      }
      return Reflect.get(target, key, receiver);
    },
  });
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
