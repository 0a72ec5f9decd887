import { existsSync } from "node:fs";
import { chmod, mkdir, mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import postgres from "postgres";
import { afterAll, describe, expect, it } from "vitest";
import { postgresAccessProblem, startEmbeddedPostgres } from "../src/server";

const asRoot = process.getuid?.() === 0;
const dirs: string[] = [];
async function tempDir(mode: number) {
  const dir = await mkdtemp(join(tmpdir(), "switchboard-server-test-"));
  await chmod(dir, mode);
  dirs.push(dir);
  return dir;
}
afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

async function canSignIn(url: string, password: string) {
  const u = new URL(url);
  u.password = password;
  const client = postgres(u.toString(), { max: 1, onnotice: () => {} });
  try {
    await client`select 1`;
    return true;
  } catch {
    return false;
  } finally {
    await client.end({ timeout: 5 });
  }
}

describe("the embedded PostgreSQL", () => {
  it.skipIf(!asRoot)(
    "started by root in a directory the postgres user cannot enter, says so and what to do",
    async () => {
      const parent = await tempDir(0o700);
      const started = startEmbeddedPostgres({ dataDir: join(parent, "data", "pg") });
      const error = await started.then(
        () => null,
        (e: Error) => e,
      );
      expect(error?.message).toContain(`cannot enter the directory ${parent}`);
      expect(error?.message).toContain("`postgres` user");
      expect(error?.message).toContain("SWITCHBOARD_DATA_DIR");
      expect(error?.message).toContain("DATABASE_URL");
    },
  );

  it.skipIf(!asRoot)("names binaries the postgres user cannot reach, and the fix", async () => {
    const clone = await tempDir(0o700);
    const binDir = join(clone, "node_modules", "bin");
    await mkdir(binDir, { recursive: true });
    for (const name of ["initdb", "postgres"]) await writeFile(join(binDir, name), "", { mode: 0o755 });
    const open = await tempDir(0o755);
    const [uid, gid] = [65534, 65534]; // nobody: a user with no claim on these directories
    const problem = await postgresAccessProblem({ uid, gid }, { binDir, databaseDir: join(open, "pg") });
    expect(problem).toContain(`cannot enter the directory ${clone}`);
    expect(problem).toContain("move the clone");
    await chmod(clone, 0o755);
    expect(await postgresAccessProblem({ uid, gid }, { binDir, databaseDir: join(open, "pg") })).toBeNull();
  });

  it("gets a random superuser password kept in a 0600 file, used again on the next start", async () => {
    const dataDir = join(await tempDir(0o755), "pg");
    const first = await startEmbeddedPostgres({ dataDir, disposable: true });
    const file = join(dataDir, "switchboard-superuser-password");
    const password = (await readFile(file, "utf8")).trim();
    try {
      expect(password).toMatch(/^[0-9a-f]{48}$/);
      expect((await stat(file)).mode & 0o777).toBe(0o600);
      expect(new URL(first.url).password).toBe(password);
      expect(await canSignIn(first.url, password)).toBe(true);
      expect(await canSignIn(first.url, "switchboard")).toBe(false);
    } finally {
      await first.stop();
    }
    const second = await startEmbeddedPostgres({ dataDir, disposable: true });
    try {
      expect(new URL(second.url).password).toBe(password);
      expect(await canSignIn(second.url, password)).toBe(true);
    } finally {
      await second.stop();
    }
  });

  it("rotates the old constant password of a data dir made before passwords were generated", async () => {
    const dataDir = join(await tempDir(0o755), "pg");
    const file = join(dataDir, "switchboard-superuser-password");
    // Make a data dir as older versions left it: password `switchboard`, no password file.
    const old = await startEmbeddedPostgres({ dataDir, disposable: true });
    const admin = postgres(old.url, { max: 1, onnotice: () => {} });
    await admin.unsafe("alter role postgres password 'switchboard'");
    await admin.end({ timeout: 5 });
    await old.stop();
    await rm(file);

    const server = await startEmbeddedPostgres({ dataDir, disposable: true });
    try {
      expect(existsSync(file)).toBe(true);
      const password = (await readFile(file, "utf8")).trim();
      expect(password).not.toBe("switchboard");
      expect((await stat(file)).mode & 0o777).toBe(0o600);
      expect(new URL(server.url).password).toBe(password);
      expect(await canSignIn(server.url, password)).toBe(true);
      expect(await canSignIn(server.url, "switchboard")).toBe(false);
    } finally {
      await server.stop();
    }
  });
});
