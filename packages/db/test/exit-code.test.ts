/**
 * The guard of the exit code: every package's tests share the global set-up that starts embedded PostgreSQL, and
 * that package once made vitest exit 0 with failing tests (its exit hook overwrote the code). Each case runs vitest
 * on one fixture file with that same set-up and checks the exit code a CI run would see. The three run side by side.
 */
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { expect, test } from "vitest";

const fixtures = join(dirname(fileURLToPath(import.meta.url)), "fixtures/exit-code");
const vitestCli = join(dirname(createRequire(import.meta.url).resolve("vitest/package.json")), "vitest.mjs");

/** Runs vitest on one fixture file as `npm test` would, and resolves with its exit code and output. */
function runFixture(file: string): Promise<{ code: number | null; output: string }> {
  // The outer run's worker variables would make the inner vitest think it is one of our workers.
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith("VITEST")));
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [vitestCli, "run", file], {
      cwd: fixtures,
      env: { ...env, CI: "true", NO_COLOR: "1" },
    });
    let output = "";
    child.stdout.on("data", (chunk) => (output += chunk));
    child.stderr.on("data", (chunk) => (output += chunk));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, output }));
  });
}

test.concurrent("a run whose tests pass exits 0", { timeout: 120_000 }, async () => {
  const { code, output } = await runFixture("passes.fixture.ts");
  expect(output).toMatch(/Tests\s+1 passed/);
  expect(code).toBe(0);
});

test.concurrent("a run with a failing test exits non-zero", { timeout: 120_000 }, async () => {
  const { code, output } = await runFixture("fails.fixture.ts");
  expect(output).toMatch(/Tests\s+1 failed/);
  expect(code).not.toBe(0);
});

test.concurrent("a run with a test file that fails to load exits non-zero", {
  timeout: 120_000,
}, async () => {
  const { code, output } = await runFixture("fails-to-load.fixture.ts");
  expect(output).toMatch(/Test Files\s+1 failed/);
  expect(code).not.toBe(0);
});
