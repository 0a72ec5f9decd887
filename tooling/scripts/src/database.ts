import { mkdir } from "node:fs/promises";
import { join, resolve } from "node:path";
import { migrateDatabase } from "@switchboard/db";
import { ensureDatabase, startEmbeddedPostgres } from "@switchboard/db/server";
import { repoRoot } from "./paths";

/** The data dir `npm start` uses: `SWITCHBOARD_DATA_DIR`, relative to the repository, default `.data`. */
export async function dataDirFromEnv(): Promise<string> {
  const dataDir = resolve(repoRoot, process.env.SWITCHBOARD_DATA_DIR ?? ".data");
  await mkdir(dataDir, { recursive: true });
  return dataDir;
}

/**
 * The migrated database of a command-line tool: DATABASE_URL, or the embedded PostgreSQL under the data dir,
 * which the tool then needs to itself (stop `npm start` first: one embedded server per data dir).
 */
export async function openDatabase(dataDir: string, say: (line: string) => void) {
  let url = process.env.DATABASE_URL;
  let stop = async () => {};
  if (!url) {
    say(`starting embedded PostgreSQL in ${join(dataDir, "pg")}`);
    const server = await startEmbeddedPostgres({ dataDir: join(dataDir, "pg") });
    url = await ensureDatabase(server.url, "switchboard");
    stop = () => server.stop();
  }
  await migrateDatabase(url);
  return { url, stop };
}
