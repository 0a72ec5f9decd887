#!/usr/bin/env node
// Entry point of the root npm scripts. It must run on any Node >= 20 with only npm present: it brings
// Node 24 LTS and pnpm from the npm registry through npx, installs the workspace, then hands over to the
// real task under that toolchain.
import { spawn } from "node:child_process";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { clearTestReports, reportArguments, summarizeTests } from "./test-summary.mjs";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const NODE = "node@24";
const PNPM = "pnpm@10.34.9";

const tasks = {
  // install, build, then run database + web + worker together (tooling/scripts/start.ts)
  start:
    "pnpm install --frozen-lockfile && pnpm turbo run build --filter=@switchboard/web --filter=@switchboard/worker && pnpm --filter @switchboard/tooling-scripts run start",
  dev: "pnpm install --frozen-lockfile && pnpm --filter @switchboard/tooling-scripts run dev",
  // lint, typecheck, then every test suite (unit, integration, HTTP, browser); --continue so that one package's
  // failures do not hide another's, and every package writes the report test-summary.mjs adds up
  test: `pnpm install --frozen-lockfile && pnpm turbo run lint typecheck && pnpm turbo run test --concurrency=1 --continue -- ${reportArguments.join(" ")}`,
  bench:
    "pnpm install --frozen-lockfile && pnpm turbo run build --filter=@switchboard/web --filter=@switchboard/worker && pnpm --filter @switchboard/tooling-scripts run bench",
  // import a CSV of contacts from the command line, with a progress bar (tooling/scripts/src/import.ts)
  import: "pnpm install --frozen-lockfile && pnpm --filter @switchboard/tooling-scripts run import",
  // create or list tenants (tooling/scripts/src/tenant.ts)
  tenant: "pnpm install --frozen-lockfile && pnpm --filter @switchboard/tooling-scripts run tenant",
};

const task = process.argv[2];
const command = tasks[task];
if (!command) {
  console.error(`usage: run.mjs ${Object.keys(tasks).join("|")}`);
  process.exit(2);
}

const extra = process.argv
  .slice(3)
  .map((a) => `'${a.replaceAll("'", "'\\''")}'`)
  .join(" ");
if (task === "test") clearTestReports(root);
const child = spawn("npx", ["-y", "-p", NODE, "-p", PNPM, "-c", `${command}${extra ? ` -- ${extra}` : ""}`], {
  cwd: root,
  stdio: "inherit",
  env: { ...process.env, TURBO_TELEMETRY_DISABLED: "1", NEXT_TELEMETRY_DISABLED: "1" },
});
// Ctrl-C reaches the whole foreground process group; wait for the children to finish their own shutdown.
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => child.kill(signal));
child.on("exit", (code, signal) => {
  const exitCode = code ?? (signal ? 1 : 0);
  process.exit(task === "test" ? summarizeTests(root, exitCode) : exitCode);
});
