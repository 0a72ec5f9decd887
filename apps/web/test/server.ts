import { type ChildProcess, spawn } from "node:child_process";
import { createServer } from "node:net";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { createTestDatabase, type TestDatabase } from "@switchboard/db/testing";
import { ensureTenant } from "@switchboard/domain";
import { afterAll, beforeAll } from "vitest";

export const MEMBER = { email: "staff@example.com", password: "correct horse battery" };
const appDir = resolve(dirname(fileURLToPath(import.meta.url)), "..");

async function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() =>
        typeof address === "object" && address ? done(address.port) : fail(new Error("no port")),
      );
    });
  });
}

export interface WebServer {
  url: string;
  database: TestDatabase;
  /** Signs in through the real sign-in endpoint and returns the session cookie. */
  signIn(credentials?: { email: string; password: string }): Promise<string>;
}

/**
 * The built app (`next start`, as production runs it) on a free port, over a fresh test database with a
 * tenant and a staff member. Requires `next build` first (turbo's `test` task depends on `build`).
 */
export function withWebServer(): () => WebServer {
  let server: WebServer | undefined;
  let child: ChildProcess | undefined;
  beforeAll(async () => {
    const database = await createTestDatabase();
    await ensureTenant(database.db, {
      slug: "web",
      adminEmail: MEMBER.email,
      adminPassword: MEMBER.password,
    });
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    child = spawn(
      resolve(appDir, "node_modules/.bin/next"),
      ["start", "-p", String(port), "-H", "127.0.0.1"],
      {
        cwd: appDir,
        env: { ...process.env, DATABASE_URL: database.url, NEXT_TELEMETRY_DISABLED: "1" },
        stdio: ["ignore", "inherit", "inherit"],
        detached: true,
      },
    );
    const deadline = Date.now() + 60_000;
    for (;;) {
      const up = await fetch(`${url}/sign-in`).then(
        (r) => r.ok,
        () => false,
      );
      if (up) break;
      if (Date.now() > deadline || child.exitCode !== null)
        throw new Error("the web app did not start (was it built?)");
      await new Promise((r) => setTimeout(r, 250));
    }
    server = {
      url,
      database,
      async signIn(credentials = MEMBER) {
        const response = await fetch(`${url}/api/auth/sign-in`, {
          method: "POST",
          body: new URLSearchParams(credentials),
          redirect: "manual",
        });
        const cookie = response.headers.get("set-cookie")?.split(";")[0];
        if (!cookie)
          throw new Error(`sign-in failed: ${response.status} ${response.headers.get("location")}`);
        return cookie;
      },
    };
  });
  afterAll(async () => {
    if (child?.pid) {
      const exited = new Promise((r) => child?.once("exit", r));
      process.kill(-child.pid, "SIGTERM");
      await exited;
    }
    await server?.database.close();
  });
  return () => server!;
}
