/**
 * `npm start`: one command runs the whole system. Starts PostgreSQL (embedded under the data dir unless
 * DATABASE_URL is set), applies migrations, makes sure the default tenant and its admin credentials exist,
 * then runs the web app (pages, tRPC, REST, OAuth) and the worker. Ctrl-C stops all of it cleanly.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { createDb } from "@switchboard/db";
import { ensureTenant } from "@switchboard/domain";
import { dataDirFromEnv, openDatabase } from "./database";
import { repoRoot } from "./paths";

const dev = process.argv.includes("--dev");
const port = process.env.PORT ?? "3000";

function log(message: string) {
  console.log(`[switchboard] ${message}`);
}

async function main() {
  const dataDir = await dataDirFromEnv();
  const { url: databaseUrl, stop: stopDatabase } = await openDatabase(dataDir, log);
  log("migrations applied");

  const { db, close } = createDb(databaseUrl, { max: 1 });
  const setup = await ensureTenant(db, {
    adminEmail: process.env.SWITCHBOARD_ADMIN_EMAIL,
    adminPassword: process.env.SWITCHBOARD_ADMIN_PASSWORD,
    adminClientId: process.env.SWITCHBOARD_ADMIN_CLIENT_ID,
    adminClientSecret: process.env.SWITCHBOARD_ADMIN_CLIENT_SECRET,
  });
  await close();
  printGenerated(setup.generated);

  const env = { ...process.env, DATABASE_URL: databaseUrl, SWITCHBOARD_DATA_DIR: dataDir, PORT: port };
  // Each child leads its own process group, so stopping it reaches what pnpm started (next, tsx, node).
  const run = (args: string[]) =>
    spawn("pnpm", args, { cwd: repoRoot, env, stdio: "inherit", detached: true });
  const children: ChildProcess[] = [
    run(["--filter", "@switchboard/web", dev ? "dev" : "start"]),
    run(["--filter", "@switchboard/worker", dev ? "dev" : "start"]),
  ];
  log(`web app, REST and tRPC on http://localhost:${port} (health: /api/health)`);

  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    log("stopping");
    await Promise.all(children.map((child) => terminate(child)));
    await stopDatabase();
    process.exit(code);
  };
  process.on("SIGINT", () => void stop(0));
  process.on("SIGTERM", () => void stop(0));
  for (const child of children) {
    // One part dying takes the rest down: a half-running system would look healthy and not be.
    child.on("exit", (code) => {
      if (!stopping) {
        log(`a process exited with code ${code}; stopping everything`);
        void stop(code || 1);
      }
    });
  }
}

/** SIGTERM to the child's process group, then SIGKILL if it has not exited within 10 s. */
function terminate(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || !child.pid) return Promise.resolve();
  const signalGroup = (signal: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, signal);
    } catch {
      // the group is already gone
    }
  };
  return new Promise((done) => {
    const timer = setTimeout(() => signalGroup("SIGKILL"), 10_000);
    child.once("exit", () => {
      clearTimeout(timer);
      done();
    });
    signalGroup("SIGTERM");
  });
}

function printGenerated(generated: Awaited<ReturnType<typeof ensureTenant>>["generated"]) {
  const lines = [];
  if (generated.adminPassword)
    lines.push(`web sign-in   ${generated.adminEmail} / ${generated.adminPassword}`);
  if (generated.clientSecret)
    lines.push(`API client    id ${generated.clientId}  secret ${generated.clientSecret}`);
  if (lines.length === 0) return;
  log("generated credentials (shown once; only their hashes are stored):");
  for (const line of lines) console.log(`    ${line}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
