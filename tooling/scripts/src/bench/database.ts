/** A fresh, throw-away PostgreSQL for one benchmark run: embedded in a temp dir, migrated, with tenants on demand. */
import { chmod, mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createDb, migrateDatabase } from "@switchboard/db";
import { ensureDatabase, startEmbeddedPostgres } from "@switchboard/db/server";
import { ensureTenant } from "@switchboard/domain";
import postgres from "postgres";
import { onTeardown, removeOnExit } from "./lifecycle";

export interface BenchDatabase {
  /** Temp dir of this run: the cluster's data and the app's file storage live under it. */
  dir: string;
  url: string;
  /** An admin connection for loading data (a few connections, COPY-capable). */
  sql: postgres.Sql;
  createTenant(slug: string): Promise<BenchTenant>;
}

export interface BenchTenant {
  slug: string;
  tenantId: string;
  divisionId: string;
  clientId: string;
  clientSecret: string;
  /** The tenant's admin member, who signs in to the web app. */
  memberEmail: string;
  memberPassword: string;
}

export async function startBenchDatabase(log: (message: string) => void): Promise<BenchDatabase> {
  const dir = await mkdtemp(join(tmpdir(), "switchboard-bench-"));
  removeOnExit(dir);
  // mkdtemp makes a 0700 dir; the `postgres` OS user that runs the server (when we are root) must reach it.
  await chmod(dir, 0o755);
  log(`starting embedded PostgreSQL in ${dir}`);
  const server = await startEmbeddedPostgres({
    dataDir: join(dir, "pg"),
    persistent: false,
    disposable: true,
  });
  onTeardown("PostgreSQL", () => server.stop());
  const url = await ensureDatabase(server.url, "switchboard_bench");
  await migrateDatabase(url);
  const sql = postgres(url, { max: 4, onnotice: () => {} });
  onTeardown("database connections", () => sql.end({ timeout: 5 }));

  return {
    dir,
    url,
    sql,
    async createTenant(slug) {
      const clientId = `bench-${slug}`;
      const clientSecret = `bench-secret-${slug}-0123456789abcdef`;
      const memberEmail = `admin@${slug}.bench.local`;
      const memberPassword = `bench-password-${slug}`;
      const { db, close } = createDb(url, { max: 1 });
      try {
        const setup = await ensureTenant(db, {
          slug,
          name: `Bench ${slug}`,
          adminEmail: memberEmail,
          adminPassword: memberPassword,
          adminClientId: clientId,
          adminClientSecret: clientSecret,
        });
        return {
          slug,
          tenantId: setup.tenantId,
          divisionId: setup.homeDivisionId,
          clientId,
          clientSecret,
          memberEmail,
          memberPassword,
        };
      } finally {
        await close();
      }
    },
  };
}
