// The closing lines of `npm test`: every package's vitest writes a JSON report (see run.mjs), and this adds them
// up. The run fails when any report counts a failed test or a file that failed to load, or when a package's tests
// left no report, whatever exit codes came before: a swallowed exit code once made a red run look green.
// Plain JavaScript for Node 20, like run.mjs.
import { existsSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { join, relative } from "node:path";

const REPORT = "test-results/vitest.json";
/** The vitest arguments that make a package's `vitest run` write its report beside the usual output. */
export const reportArguments = ["--reporter=default", "--reporter=json", `--outputFile.json=${REPORT}`];

/** The workspace packages that have tests, as { name, dir }. */
function testedPackages(root) {
  return ["apps", "packages", "tooling"].flatMap((group) =>
    readdirSync(join(root, group), { withFileTypes: true })
      .filter((entry) => entry.isDirectory() && existsSync(join(root, group, entry.name, "package.json")))
      .map((entry) => {
        const dir = join(root, group, entry.name);
        const manifest = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));
        return { name: manifest.name, dir, tested: Boolean(manifest.scripts?.test) };
      })
      .filter((pkg) => pkg.tested),
  );
}

/** Removes the reports of an earlier run, so that a package whose tests did not run cannot pass on old ones. */
export function clearTestReports(root) {
  for (const pkg of testedPackages(root)) rmSync(join(pkg.dir, REPORT), { force: true });
}

const skippedStates = new Set(["skipped", "pending", "todo"]);

/** Prints the totals of every package's report; returns the exit code the whole run must end with. */
export function summarizeTests(root, exitCode) {
  const totals = { passed: 0, failed: 0, skipped: 0 };
  const failedFiles = [];
  const skippedBrowserFiles = [];
  const missing = [];
  const lines = [];
  for (const pkg of testedPackages(root)) {
    const path = join(pkg.dir, REPORT);
    if (!existsSync(path)) {
      missing.push(pkg.name);
      continue;
    }
    const report = JSON.parse(readFileSync(path, "utf8"));
    const counts = {
      passed: report.numPassedTests,
      failed: report.numFailedTests,
      skipped: report.numPendingTests + report.numTodoTests,
    };
    for (const file of report.testResults) {
      const name = relative(root, file.name);
      const states = file.assertionResults.map((result) => result.status);
      if (file.status === "failed" && !states.includes("failed")) failedFiles.push(`${name} (did not load)`);
      else if (file.status === "failed") failedFiles.push(name);
      else if (
        name.includes("/test/browser/") &&
        states.length > 0 &&
        states.every((s) => skippedStates.has(s))
      )
        skippedBrowserFiles.push(name);
    }
    for (const key of Object.keys(totals)) totals[key] += counts[key];
    lines.push(
      `  ${pkg.name.padEnd(30)} ${String(report.testResults.length).padStart(3)} files  ` +
        `${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`,
    );
  }
  const unloaded = failedFiles.filter((file) => file.endsWith("(did not load)")).length;

  console.log("\nTest summary, from every package's vitest report:");
  for (const line of lines) console.log(line);
  if (failedFiles.length > 0)
    console.log(`\n${failedFiles.length} test files failed:\n  ${failedFiles.join("\n  ")}`);
  // When the run itself failed first (lint, typecheck, build), missing reports are its consequence, not news.
  if (missing.length > 0)
    console.log(
      `\nNo test report from ${missing.join(", ")}: ${exitCode === 0 ? "its tests did not run" : "the run stopped first"}.`,
    );
  if (skippedBrowserFiles.length > 0) {
    const chromium = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
    console.log(
      `\n${skippedBrowserFiles.length} browser test files skipped: no Chromium at ${chromium} ` +
        "(apt-get install chromium, or set CHROMIUM_PATH; under CI=true a missing browser fails instead).",
    );
  }
  // The plain closing line CI reads: "N passed, N failed" (failed counts files that did not load, too).
  console.log(
    `tests: ${totals.passed} passed, ${totals.failed + unloaded} failed, ${totals.skipped} skipped`,
  );

  if (exitCode !== 0) return exitCode;
  return totals.failed > 0 || failedFiles.length > 0 || missing.length > 0 ? 1 : 0;
}
