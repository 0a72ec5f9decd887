import { type ChildProcess, spawn } from "node:child_process";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { freePort } from "@switchboard/db/server";
import { createTestDatabase, type TestDatabase } from "@switchboard/db/testing";
import { ensureTenant } from "@switchboard/domain";
import { createTRPCClient, httpBatchLink } from "@trpc/client";
import superjson from "superjson";
import { afterAll, beforeAll } from "vitest";
import type { AppRouter } from "../src/server/trpc/root";

export const MEMBER = { email: "staff@example.com", password: "correct horse battery" };
export const CLIENT = { clientId: "web-test-client", clientSecret: "web-test-secret" };
const appDir = resolve(dirname(fileURLToPath(import.meta.url)), "..");
// The worker runs as its own process, as in production; the web app never imports it.
const workerDir = resolve(appDir, "../worker");

export interface WebServer {
  url: string;
  /** A bearer token of the tenant's admin API client, for the REST API. */
  token(): Promise<string>;
  database: TestDatabase;
  /** Signs in through the real sign-in endpoint and returns the session cookie. */
  signIn(credentials?: { email: string; password: string }): Promise<string>;
  /** The typed tRPC client over HTTP, as the session `cookie` (from `signIn`), or signed out. */
  trpc(cookie?: string): ReturnType<typeof createTRPCClient<AppRouter>>;
}

/**
 * The built app (its server, `dist/server.mjs`, as production runs it) on a free port, over a fresh test database with a
 * tenant, a staff member and an API client; with `worker`, the worker process runs beside it, as under
 * `npm start`; `env` adds to (or overrides) the environment of both. Requires `next build` first (turbo's `test` task depends on `build`).
 */
export function withWebServer(
  options: { worker?: boolean; env?: Record<string, string> } = {},
): () => WebServer {
  let server: WebServer | undefined;
  const children: ChildProcess[] = [];
  beforeAll(async () => {
    const database = await createTestDatabase();
    await ensureTenant(database.db, {
      slug: "web",
      adminEmail: MEMBER.email,
      adminPassword: MEMBER.password,
      adminClientId: CLIENT.clientId,
      adminClientSecret: CLIENT.clientSecret,
    });
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const dataDir = await mkdtemp(join(tmpdir(), "switchboard-web-data-"));
    const env = {
      ...process.env,
      DATABASE_URL: database.url,
      SWITCHBOARD_DATA_DIR: dataDir,
      NEXT_TELEMETRY_DISABLED: "1",
      ...options.env,
    };
    const run = (command: string, args: string[], cwd: string, extraEnv: Record<string, string> = {}) => {
      const child = spawn(command, args, {
        cwd,
        env: { ...env, ...extraEnv },
        stdio: ["ignore", "inherit", "inherit"],
        detached: true,
      });
      children.push(child);
      return child;
    };
    const child = run(process.execPath, ["dist/server.mjs"], appDir, {
      PORT: String(port),
      HOST: "127.0.0.1",
    });
    if (options.worker) run(resolve(workerDir, "node_modules/.bin/tsx"), ["src/main.ts"], workerDir);
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
    let token: string | undefined;
    server = {
      url,
      database,
      async token() {
        if (!token) {
          const response = await fetch(`${url}/oauth/token`, {
            method: "POST",
            headers: { authorization: `Basic ${btoa(`${CLIENT.clientId}:${CLIENT.clientSecret}`)}` },
            body: new URLSearchParams({ grant_type: "client_credentials" }),
          });
          token = ((await response.json()) as { access_token: string }).access_token;
        }
        return token;
      },
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
      trpc: (cookie) =>
        createTRPCClient<AppRouter>({
          links: [
            httpBatchLink({
              url: `${url}/api/trpc`,
              transformer: superjson,
              headers: cookie ? { cookie } : {},
            }),
          ],
        }),
    };
  });
  afterAll(async () => {
    await Promise.all(
      children
        .filter((child) => child.pid && child.exitCode === null)
        .map((child) => {
          const exited = new Promise((r) => child.once("exit", r));
          process.kill(-child.pid!, "SIGTERM");
          return exited;
        }),
    );
    await server?.database.close();
  });
  return () => server!;
}
