/**
 * Everything the benchmark starts (child process groups, the database server, the temp dir) is registered
 * here and torn down in reverse order at the end, on error and on Ctrl-C. A last synchronous pass on
 * `exit` kills any process group still alive and removes the temp dirs, so nothing outlives the run.
 */
import { type ChildProcess, type SpawnOptions, spawn } from "node:child_process";
import { rmSync } from "node:fs";

type Teardown = () => Promise<void>;

const teardowns: { name: string; run: Teardown }[] = [];
const groups = new Set<number>();
const dirs = new Set<string>();
let closing: Promise<void> | undefined;

export function onTeardown(name: string, run: Teardown) {
  teardowns.push({ name, run });
}

export function removeOnExit(dir: string) {
  dirs.add(dir);
}

/** Spawns `command` as the leader of its own process group, stopped (group and all) at teardown. */
export function spawnGroup(
  name: string,
  command: string,
  args: string[],
  options: SpawnOptions,
): ChildProcess {
  const child = spawn(command, args, { ...options, detached: true });
  const pid = child.pid;
  if (pid === undefined) throw new Error(`could not start ${name}`);
  groups.add(pid);
  child.once("exit", () => groups.delete(pid));
  onTeardown(name, () => terminate(child, pid));
  return child;
}

function signalGroup(pid: number, signal: NodeJS.Signals) {
  try {
    process.kill(-pid, signal);
  } catch {
    // already gone
  }
}

/** SIGTERM to the group, SIGKILL if it is still there after 5 s. */
function terminate(child: ChildProcess, pid: number): Promise<void> {
  if (!groups.has(pid)) return Promise.resolve();
  return new Promise((done) => {
    const timer = setTimeout(() => {
      signalGroup(pid, "SIGKILL");
      done();
    }, 5_000);
    child.once("exit", () => {
      clearTimeout(timer);
      // Anything the leader left behind in its group goes too.
      signalGroup(pid, "SIGKILL");
      done();
    });
    signalGroup(pid, "SIGTERM");
  });
}

/** Runs every teardown once, newest first; errors are reported, not thrown. */
export function closeAll(): Promise<void> {
  closing ??= (async () => {
    for (const { name, run } of teardowns.reverse()) {
      try {
        await run();
      } catch (error) {
        console.error(`[bench] stopping ${name} failed:`, error);
      }
    }
    removeDirs();
  })();
  return closing;
}

function removeDirs() {
  for (const dir of dirs) {
    try {
      rmSync(dir, { recursive: true, force: true });
    } catch {
      // best effort
    }
    dirs.delete(dir);
  }
}

let installed = false;

/** Ctrl-C / SIGTERM: tear down, then exit 130. */
export function installSignalHandlers() {
  if (installed) return;
  installed = true;
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.on(signal, () => {
      console.error(`\n[bench] ${signal}: stopping everything`);
      void closeAll().then(() => process.exit(130));
    });
  }
  process.on("exit", () => {
    for (const pid of groups) signalGroup(pid, "SIGKILL");
    removeDirs();
  });
}
