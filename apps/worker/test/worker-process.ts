import { type ChildProcess, spawn } from "node:child_process";
import { resolve } from "node:path";

const workerDir = resolve(import.meta.dirname, "..");

/**
 * The worker (`src/main.ts`) in its own process so that it can be SIGKILLed, its output collected into `output`.
 * Node loads tsx itself (`--import`): tsx's CLI would run the worker in a child of its own, and a SIGKILL of the
 * CLI leaves that child running.
 */
export function startWorkerProcess(env: Record<string, string>, output: string[]): ChildProcess {
  const proc = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
    cwd: workerDir,
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  proc.stdout?.on("data", (d) => output.push(String(d)));
  proc.stderr?.on("data", (d) => output.push(String(d)));
  return proc;
}

/** Sends `signal` to `proc` and resolves once it has exited (at once if it already had). */
export async function killed(proc: ChildProcess, signal: NodeJS.Signals) {
  if (proc.exitCode !== null || proc.signalCode !== null) return;
  const exited = new Promise((done) => proc.once("exit", done));
  proc.kill(signal);
  await exited;
}
