/**
 * Test databases. A vitest `globalSetup` (`databaseGlobalSetup`) starts one PostgreSQL per test run (embedded in
 * a temp dir, or the server of `DATABASE_URL`) and migrates a template database once; each test file then
 * calls `createTestDatabase()` for a fresh copy of that template, so files run in parallel and never share state.
 */
import { randomBytes } from "node:crypto";
import { chmod, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import postgres from "postgres";
import { inject } from "vitest";
import { createDb } from "./client";
import { migrateDatabase } from "./migrate";
import { startEmbeddedPostgres, withDatabase } from "./server";

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
    // mkdtemp makes a 0700 dir; open it so the `postgres` user that runs the server can reach its data dir.
    const dir = await mkdtemp(join(tmpdir(), "switchboard-test-pg-"));
    await chmod(dir, 0o755);
    const server = await startEmbeddedPostgres({
      dataDir: join(dir, "data"),
      persistent: false,
      disposable: true,
    });
    serverUrl = server.url;
    stop = async () => {
      await server.stop();
      await rm(dir, { recursive: true, force: true });
    };
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
