/**
 * The two servers a run compares: the system under test (the built Next.js app, which mounts the REST
 * adapter, served by the web app's server as in production, or the standalone REST server) and the baseline (a
 * bare node:http server, `baseline-server.ts`). Each runs in a child process group of its own with its
 * output in a log file under the run's temp dir.
 */
import type { ChildProcess } from "node:child_process";
import { existsSync, openSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { freePort } from "@switchboard/db/server";
import { repoRoot } from "../paths";
import { spawnGroup } from "./lifecycle";

export interface RunningServer {
  /** What is being measured, for the table title. */
  label: string;
  origin: string;
}

const webDir = resolve(repoRoot, "apps/web");
const restDir = resolve(repoRoot, "packages/rest");
const tsxLoader = import.meta.resolve("tsx");

/** `SWITCHBOARD_DATA_DIR` of the web app and the worker of a run: uploads, exports and error reports. */
export const appDataDir = (dir: string) => join(dir, "data");

export function webAppIsBuilt(): boolean {
  return existsSync(join(webDir, ".next/BUILD_ID")) && existsSync(join(webDir, "dist/server.mjs"));
}

function start(
  name: string,
  command: string,
  args: string[],
  cwd: string,
  env: NodeJS.ProcessEnv,
  logDir: string,
) {
  const logFile = join(logDir, `${name.replace(/\W+/g, "-")}.log`);
  const out = openSync(logFile, "a");
  const child = spawnGroup(name, command, args, {
    cwd,
    env: { ...process.env, ...env },
    stdio: ["ignore", out, out],
  });
  return { child, logFile };
}

/** Polls `url` until the server answers with any HTTP status; fails if the process exits or 90 s pass. */
async function waitUntilAnswering(name: string, url: string, child: ChildProcess, logFile: string) {
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null)
      throw new Error(`${name} exited (${child.exitCode ?? child.signalCode}):\n${tail(logFile)}`);
    try {
      await fetch(url, { signal: AbortSignal.timeout(5_000) });
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  throw new Error(`${name} did not answer at ${url} within 90 s:\n${tail(logFile)}`);
}

function tail(file: string): string {
  try {
    return readFileSync(file, "utf8").split("\n").slice(-40).join("\n");
  } catch {
    return "(no log)";
  }
}

/** The system under test on a free loopback port. */
export async function startSystem(
  kind: "web" | "rest",
  databaseUrl: string,
  dir: string,
): Promise<RunningServer> {
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const env = {
    DATABASE_URL: databaseUrl,
    PORT: String(port),
    SWITCHBOARD_DATA_DIR: appDataDir(dir),
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
    // The load runs far past a client's 300 requests a minute: a limit that high still counts every request
    // (its cost is measured) but never refuses one.
    SWITCHBOARD_RATE_LIMIT_TOKEN: "1000000000",
  };
  // BENCH_CPU_PROF_DIR=dir writes a V8 CPU profile of the system under test there when it stops.
  const profile = process.env.BENCH_CPU_PROF_DIR
    ? ["--cpu-prof", `--cpu-prof-dir=${process.env.BENCH_CPU_PROF_DIR}`]
    : [];
  const { child, logFile } =
    kind === "web"
      ? start(
          "web app",
          process.execPath,
          [...profile, "dist/server.mjs"],
          webDir,
          { ...env, HOST: "127.0.0.1" },
          dir,
        )
      : start(
          "REST server",
          process.execPath,
          [...profile, "--import", tsxLoader, "src/standalone.ts"],
          restDir,
          env,
          dir,
        );
  await waitUntilAnswering(
    kind === "web" ? "web app" : "REST server",
    `${origin}/api/v2/externalcontacts/contacts`,
    child,
    logFile,
  );
  return {
    label: kind === "web" ? "web app (its server: REST beside Next)" : "standalone REST server (tsx)",
    origin,
  };
}

/** The baseline server on a free loopback port, with the same pool size as the web app (10). */
export async function startBaseline(databaseUrl: string, dir: string): Promise<RunningServer> {
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const entry = fileURLToPath(new URL("./baseline-server.ts", import.meta.url));
  const { child, logFile } = start(
    "baseline server",
    process.execPath,
    ["--import", tsxLoader, entry],
    dir,
    { DATABASE_URL: databaseUrl, PORT: String(port), NODE_ENV: "production" },
    dir,
  );
  await waitUntilAnswering("baseline server", `${origin}/`, child, logFile);
  return { label: "node:http + postgres.js, one SQL statement per request", origin };
}

/** A bearer token from the system's OAuth endpoint (client credentials, HTTP Basic). */
export async function bearerToken(origin: string, clientId: string, clientSecret: string): Promise<string> {
  const response = await fetch(`${origin}/oauth/token`, {
    method: "POST",
    headers: {
      authorization: `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString("base64")}`,
      "content-type": "application/x-www-form-urlencoded",
    },
    body: "grant_type=client_credentials",
  });
  const body = await response.text();
  if (!response.ok) throw new Error(`POST /oauth/token answered ${response.status}: ${body}`);
  const token = (JSON.parse(body) as { access_token?: string }).access_token;
  if (!token) throw new Error(`POST /oauth/token returned no access_token: ${body}`);
  return token;
}
