/**
 * Test databases. A vitest `globalSetup` (`databaseGlobalSetup`) starts one PostgreSQL per test run (embedded in
 * a temp dir, or the server of `DATABASE_URL`) and migrates a template database once; each test file then
 * calls `createTestDatabase()` for a fresh copy of that template, so files run in parallel and never share state.
 */
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { type SQL, sql } from "drizzle-orm";
import postgres from "postgres";
import { inject } from "vitest";
import { createDb, type Database } from "./client";
import { migrateDatabase } from "./migrate";
import { withDatabase } from "./server";

const TEMPLATE = "switchboard_template";

declare module "vitest" {
  export interface ProvidedContext {
    databaseServerUrl: string;
  }
}

interface GlobalSetupContext {
  provide(key: "databaseServerUrl", value: string): void;
}

/** Use as (or from) a vitest `globalSetup` module's default export. */
export async function databaseGlobalSetup(context: GlobalSetupContext): Promise<() => Promise<void>> {
  let serverUrl = process.env.DATABASE_URL;
  let stop = async () => {};
  if (!serverUrl) {
    const server = await startTestServerProcess();
    serverUrl = server.url;
    stop = server.stop;
  }
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`drop database if exists ${TEMPLATE} with (force)`);
    await admin.unsafe(`create database ${TEMPLATE}`);
  } finally {
    await admin.end({ timeout: 5 });
  }
  await migrateDatabase(withDatabase(serverUrl, TEMPLATE));
  context.provide("databaseServerUrl", serverUrl);
  return stop;
}

/**
 * Embedded PostgreSQL in a child process (`test-server-process.ts`), so that its exit hooks stay out of the test
 * runner's process and cannot overwrite a failing exit code. Resolves once the server accepts connections.
 */
async function startTestServerProcess(): Promise<{ url: string; stop: () => Promise<void> }> {
  const script = fileURLToPath(new URL("./test-server-process.ts", import.meta.url));
  const child = spawn(process.execPath, [script], { stdio: ["pipe", "pipe", "inherit"] });
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const firstLine = new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout }).once("line", resolve);
    exited.then((code) =>
      reject(new Error(`the test database server exited (code ${code}) before it was ready`)),
    );
  });
  const { url } = JSON.parse(await firstLine) as { url: string };
  return {
    url,
    stop: async () => {
      child.stdin.end();
      await exited;
    },
  };
}

/** A fresh, migrated database for one test file. `close()` drops it. */
export async function createTestDatabase(options: { max?: number } = {}) {
  const serverUrl = inject("databaseServerUrl");
  const name = `test_${randomBytes(6).toString("hex")}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name} template ${TEMPLATE}`);
  const url = withDatabase(serverUrl, name);
  const handle = createDb(url, { max: options.max ?? 5 });
  return {
    ...handle,
    url,
    close: async () => {
      await handle.close();
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end({ timeout: 5 });
    },
  };
}

export type TestDatabase = Awaited<ReturnType<typeof createTestDatabase>>;

/**
 * Every row `tenantId` owns, in every table with a `tenant_id`, as one digest per table: equal before and after
 * means nothing of that tenant changed (the isolation and bad-input suites compare it around their requests).
 */
export async function tenantRowsDigest(db: Database, tenantId: string): Promise<string> {
  const tables = await db.execute<{ table_name: string }>(sql`
    select table_name from information_schema.columns
    where table_schema = 'public' and column_name = 'tenant_id' order by table_name`);
  const digests: string[] = [];
  for (const { table_name } of tables) {
    const [row] = await db.execute<{ digest: string | null }>(
      sql`select md5(string_agg(t::text, '|' order by t::text)) as digest from ${sql.identifier(table_name)} t
          where tenant_id = ${tenantId}`,
    );
    digests.push(`${table_name}:${row?.digest ?? "-"}`);
  }
  return digests.join("\n");
}

/**
 * Runs `statement` (a lock) in a transaction held open until `release()`, to pin another process at that lock;
 * `acquired` settles once the statement has run and `pid` is the backend holding it. Either rejects if the
 * transaction ends before its release.
 */
export function holdLock(db: Database, statement: SQL) {
  let release!: () => void;
  const released = new Promise<void>((done) => (release = done));
  let started!: (pid: number) => void;
  const pid = new Promise<number>((done) => (started = done));
  let acquired!: () => void;
  const locked = new Promise<void>((done) => (acquired = done));
  const tx = db.transaction(async (tx) => {
    const [backend] = await tx.execute<{ pid: number }>(sql`select pg_backend_pid() as pid`);
    started(backend!.pid);
    await tx.execute(statement);
    acquired();
    await released;
  });
  const failed = tx.then(() => {
    throw new Error("the lock's transaction ended early");
  });
  return {
    pid: Promise.race([pid, failed]),
    acquired: Promise.race([locked, failed]),
    release: async () => {
      release();
      await tx;
    },
  };
}
