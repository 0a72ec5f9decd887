import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { drizzle } from "drizzle-orm/postgres-js";
import { migrate } from "drizzle-orm/postgres-js/migrator";
import postgres from "postgres";
import { afterAll, beforeAll, expect, inject } from "vitest";
import { migrationsFolder } from "../src/migrate";

/**
 * A database of its own for a test of one migration on data written before it: `migrateUpTo(BEFORE)` builds the
 * schema as it was, the test writes rows of that shape through `sql`, and `migrateUpTo()` applies the rest.
 * Registers its own set-up and clean-up; `sql` connects on its first query, after the database exists.
 */
export function useMigrationDatabase(prefix: string) {
  const serverUrl = inject("databaseServerUrl");
  const name = `${prefix}_${Date.now().toString(36)}`;
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const sql = postgres(url.toString(), { max: 2, onnotice: () => {} });
  const folders: string[] = [];

  const onServer = async (statement: string) => {
    const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
    await admin.unsafe(statement);
    await admin.end({ timeout: 5 });
  };
  beforeAll(() => onServer(`create database ${name}`));
  afterAll(async () => {
    await sql.end({ timeout: 5 });
    for (const folder of folders) rmSync(folder, { recursive: true, force: true });
    await onServer(`drop database if exists ${name} with (force)`);
  });

  /** Applies the migrations up to and including `lastTag` (all of them when absent). */
  async function migrateUpTo(lastTag?: string) {
    let folder = migrationsFolder;
    if (lastTag) {
      folder = mkdtempSync(join(tmpdir(), "migrations-"));
      folders.push(folder);
      cpSync(migrationsFolder, folder, { recursive: true });
      const path = join(folder, "meta/_journal.json");
      const journal = JSON.parse(readFileSync(path, "utf8")) as { entries: { tag: string }[] };
      const last = journal.entries.findIndex((e) => e.tag === lastTag);
      expect(last).toBeGreaterThan(0);
      journal.entries = journal.entries.slice(0, last + 1);
      writeFileSync(path, JSON.stringify(journal));
    }
    const client = postgres(url.toString(), { max: 1, onnotice: () => {} });
    await migrate(drizzle(client), { migrationsFolder: folder });
    await client.end({ timeout: 5 });
  }

  return { sql, migrateUpTo };
}
