/**
 * The worker process of a bench run, as production runs it: one per run, started by the first import
 * scenario that needs it and shared by the next, reading and writing the files the web app serves.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, openSync } from "node:fs";
import { readFile, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { repoRoot } from "../paths";
import type { BenchDatabase } from "./database";
import { onTeardown } from "./lifecycle";
import { appDataDir } from "./servers";

let started: Promise<ChildProcess> | undefined;

export function benchWorker(db: BenchDatabase, log: (m: string) => void): Promise<ChildProcess> {
  started ??= startWorkerProcess(db, log);
  return started;
}

/** Peak resident set of a process so far (VmHWM), in MB. */
export async function peakRssMb(pid: number | undefined): Promise<number | null> {
  if (!pid) return null;
  const status = await readFile(`/proc/${pid}/status`, "utf8").catch(() => "");
  const kb = /VmHWM:\s+(\d+) kB/.exec(status)?.[1];
  return kb ? Number(kb) / 1024 : null;
}

/** Starts the peak of `peakRssMb` over from the current RSS (Linux `clear_refs`), so one scenario's peak is its own. */
export async function resetPeakRss(pid: number | undefined): Promise<void> {
  if (pid) await writeFile(`/proc/${pid}/clear_refs`, "5").catch(() => {});
}

async function startWorkerProcess(db: BenchDatabase, log: (m: string) => void): Promise<ChildProcess> {
  const workerDir = resolve(repoRoot, "apps/worker");
  // As production runs it (the package's `start`: the bundle, with its heap limit) when built, which
  // `npm run bench` does; else the source through `node --import tsx` (not the tsx CLI, which runs the
  // script in a child whose memory we would not see).
  const built = existsSync(join(workerDir, "dist/main.mjs"));
  const start: string = JSON.parse(await readFile(join(workerDir, "package.json"), "utf8")).scripts.start;
  const args = built
    ? start.split(/\s+/).slice(1) // `node <flags> dist/main.mjs`
    : ["--import", import.meta.resolve("tsx"), "src/main.ts"];
  // BENCH_CPU_PROF_DIR=dir writes a V8 CPU profile of the worker there when it stops (as for the servers).
  if (process.env.BENCH_CPU_PROF_DIR)
    args.unshift("--cpu-prof", `--cpu-prof-dir=${process.env.BENCH_CPU_PROF_DIR}`);
  const logFile = join(db.dir, "worker.log");
  log(`worker: from ${built ? "its build (dist/main.mjs)" : "source, through tsx"}; its log in ${logFile}`);
  const child = spawn(process.execPath, args, {
    cwd: workerDir,
    env: { ...process.env, DATABASE_URL: db.url, SWITCHBOARD_DATA_DIR: appDataDir(db.dir) },
    // Its log goes to a file: a pipe nobody reads would stop the worker once full.
    stdio: ["ignore", openSync(logFile, "a"), "pipe"],
  });
  child.stderr?.on("data", (d) => log(`worker: ${String(d).trim()}`));
  onTeardown("worker", async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((done) => child.once("exit", done));
    child.kill("SIGTERM");
    await exited;
  });
  // Timed jobs start once it is up, as they meet a long-running worker in production (its start-up is no job's).
  const deadline = Date.now() + 60_000;
  while (!/\] \S+ started$/m.test(await readFile(logFile, "utf8"))) {
    if (child.exitCode !== null) throw new Error(`the worker exited (${child.exitCode}) as it started`);
    if (Date.now() > deadline) throw new Error(`the worker did not start within 60 s (see ${logFile})`);
    await new Promise((done) => setTimeout(done, 50));
  }
  return child;
}
