/**
 * A CSV import through the web app's wizard, as a user does it: headless Chromium signs in as a member,
 * uploads the generated file at /imports (the browser sends it to the upload URL), keeps the suggested
 * column mappings, previews, runs, watches the progress bar, waits for the result and downloads the error
 * report. The file carries invalid emails at known rows; the report must list exactly those rows. The built
 * web app (its server, `dist/server.mjs`) and the worker process run as in production.
 */
import { readFile, stat } from "node:fs/promises";
import { join } from "node:path";
import { type Browser, chromiumAvailable, launchChromium, type Page } from "@switchboard/browser";
import type { BenchDatabase } from "./database";
import { writeCsv } from "./import";
import { onTeardown } from "./lifecycle";
import { randomInt, seededRandom } from "./random";
import type { RunningServer } from "./servers";
import { benchWorker, peakRssMb, resetPeakRss } from "./worker";

export const WIZARD_IMPORT = "wizard-import";

const ENDED = /^(Completed|Failed|Cancelled)$/;

export interface WizardImportResult {
  rows: number;
  fileMb: number;
  /** Rows given an invalid email. */
  badRows: number;
  /** Upload clicked → the mapping step on screen: the browser's upload and the server's analysis. */
  uploadSeconds: number;
  /** Run clicked → the result on screen. */
  importSeconds: number;
  rowsPerSecond: number;
  /** Run clicked → the first imported row counted: the dry run (Validating), shown on its own bar. */
  validatingSeconds: number | null;
  /** The job's own time, created → completed, as the worker recorded it. */
  jobSeconds: number | null;
  progress: { distinct: number; monotonic: boolean; last: number };
  imported: number;
  failed: number;
  /** Lines of the downloaded error report (without its header); they name exactly the bad rows. */
  reportLines: number;
  workerPeakRssMb: number | null;
}

/** Which data rows get an invalid email: the first, both sides of the first batch boundary, the last, and seeded others. */
export function invalidRows(rows: number, seed: number): Set<number> {
  const count = Math.min(rows, Math.max(5, Math.round(rows / 1000)));
  const chosen = new Set([1, 1000, 1001, rows].filter((n) => n <= rows));
  const random = seededRandom(seed ^ 0xbad);
  while (chosen.size < count) chosen.add(randomInt(random, 1, rows));
  return chosen;
}

interface ProgressSample {
  value: number;
  /** `performance.now()` in the page. */
  at: number;
}

/**
 * Records every value the progress bar shows: a MutationObserver in the page, so no value is missed. Sent as
 * source text: a function would be serialized as tsx compiled it, with helpers the page does not have.
 */
const WATCH_PROGRESS = `(() => {
  const seen = (window.benchProgress = []);
  const read = () => {
    const bar = document.querySelector('[role="progressbar"][aria-labelledby="import-progress-label"]');
    if (!bar) return;
    const value = Number(bar.getAttribute("aria-valuenow"));
    if (seen.length === 0 || seen[seen.length - 1].value !== value) seen.push({ value, at: performance.now() });
  };
  new MutationObserver(read).observe(document.body, {
    subtree: true,
    childList: true,
    attributes: true,
    attributeFilter: ["aria-valuenow"],
  });
  return performance.now();
})()`;

async function watchProgress(page: Page) {
  const started = await page.evaluate<number>(WATCH_PROGRESS);
  return {
    started,
    samples: () => page.evaluate<ProgressSample[]>("window.benchProgress"),
  };
}

/** What the page says, for an error message: the wizard's step and its alerts. */
async function pageState(page: Page): Promise<string> {
  const text = await page
    .locator("main")
    .textContent({ timeout: 2000 })
    .then((t) => t ?? "")
    .catch(() => "(no page)");
  return text.replace(/\s+/g, " ").slice(0, 1500);
}

export async function benchWizardImport(
  db: BenchDatabase,
  options: { rows: number; seed: number; webApp: () => Promise<RunningServer> },
  log: (message: string) => void,
): Promise<WizardImportResult> {
  if (!chromiumAvailable)
    throw new Error(`${WIZARD_IMPORT} needs Chromium (apt-get install chromium, or set CHROMIUM_PATH)`);
  const bad = invalidRows(options.rows, options.seed);
  const file = join(db.dir, "wizard-import.csv");
  log(
    `${WIZARD_IMPORT}: writing a ${options.rows.toLocaleString("en-US")}-row CSV with ${bad.size} invalid emails`,
  );
  await writeCsv(file, options.rows, options.seed, bad);
  const size = (await stat(file)).size;

  const tenant = await db.createTenant("wizard");
  const [web, worker] = await Promise.all([options.webApp(), benchWorker(db, log)]);
  await resetPeakRss(worker.pid);
  const browser: Browser = await launchChromium();
  onTeardown("Chromium", () => browser.close());
  const page = await browser.newPage({ viewport: { width: 1366, height: 900 }, acceptDownloads: true });
  const fail = async (what: string): Promise<never> => {
    throw new Error(`${WIZARD_IMPORT}: ${what}; the page shows: ${await pageState(page)}`);
  };

  log(`${WIZARD_IMPORT}: signing in at ${web.origin}`);
  await page.goto(`${web.origin}/sign-in`);
  await page.getByLabel("Email").fill(tenant.memberEmail);
  await page.getByLabel("Password").fill(tenant.memberPassword);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByRole("heading", { name: "Contacts" }).waitFor();
  await page.goto(`${web.origin}/imports`);

  log(`${WIZARD_IMPORT}: uploading ${(size / 1024 / 1024).toFixed(1)} MB from the browser`);
  // Local Chromium reads the file from its path: nothing of it passes through this process.
  await page.getByLabel("CSV file").setInputFiles(file);
  const uploadStarted = performance.now();
  await page.getByRole("button", { name: "Upload" }).click();
  const mapping = page.getByRole("heading", { name: "Map columns" });
  const uploadError = page.locator("#import-file-error");
  await Promise.race([
    mapping.waitFor({ timeout: Math.max(120_000, options.rows * 0.3) }),
    uploadError
      .waitFor({ timeout: Math.max(120_000, options.rows * 0.3) })
      .then(() => fail("upload refused")),
  ]);
  const uploadSeconds = (performance.now() - uploadStarted) / 1000;
  await page.getByText(`${options.rows} data rows`).waitFor();
  // The suggested mappings are kept as they are.
  await page.getByLabel("Field for column First Name").waitFor();
  if ((await page.getByLabel("Field for column Email").inputValue()) === "")
    await fail("no field was suggested for the Email column");
  await page.getByRole("button", { name: "Preview" }).click();
  await page.getByRole("heading", { name: "Preview" }).waitFor();
  await page.getByText(/rows have errors|rows are valid/).waitFor();
  log(`${WIZARD_IMPORT}: running the import`);
  const progress = await watchProgress(page);
  const runClicked = performance.now();
  await page.getByRole("button", { name: "Run import" }).click();
  const status = page.getByTestId("import-status");
  await status.waitFor({ timeout: 60_000 });
  const deadline = Date.now() + Math.max(300_000, options.rows * 5);
  let lastLog = performance.now();
  for (;;) {
    const now = (await status.textContent()) ?? "";
    if (ENDED.test(now)) break;
    if (Date.now() > deadline) await fail(`the import did not end in time (status ${now})`);
    if (worker.exitCode !== null) await fail(`the worker exited (${worker.exitCode})`);
    if (performance.now() - lastLog > 10_000) {
      lastLog = performance.now();
      const shown = await page
        .locator('[aria-labelledby="import-progress-label"]')
        .getAttribute("aria-valuenow");
      log(`${WIZARD_IMPORT}: ${now}, progress bar at ${Number(shown).toLocaleString("en-US")} rows`);
    }
    await page.waitForTimeout(100);
  }
  const importSeconds = (performance.now() - runClicked) / 1000;
  const text = async (id: string) => (await page.getByTestId(id).textContent()) ?? "";
  const outcome = {
    status: await text("import-status"),
    succeeded: Number(await text("import-succeeded")),
    failed: Number(await text("import-failed")),
  };
  if (outcome.status !== "Completed")
    await fail(`the import ended ${outcome.status}: ${await text("import-details").catch(() => "")}`);
  const workerPeakRssMb = await peakRssMb(worker.pid);

  const samples = await progress.samples();
  const values = samples.map((s) => s.value);
  const firstMoving = samples.find((s) => s.value > 0);
  const result = {
    distinct: new Set(values).size,
    monotonic: values.every((v, i) => i === 0 || v >= values[i - 1]!),
    last: values.at(-1) ?? 0,
  };
  if (!result.monotonic) await fail(`the progress bar went back: ${values.join(", ")}`);
  if (result.last !== options.rows)
    await fail(`the progress bar ended at ${result.last}, not ${options.rows}`);
  if (outcome.failed !== bad.size || outcome.succeeded !== options.rows - bad.size)
    await fail(
      `${outcome.succeeded} rows imported and ${outcome.failed} failed; expected ${bad.size} to fail`,
    );

  log(`${WIZARD_IMPORT}: downloading the error report`);
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: "Download error report" }).click(),
  ]);
  const path = await download.path();
  const [header, ...lines] = (await readFile(path, "utf8")).trimEnd().split("\n");
  const reported = lines.map((line) => {
    const [row, field, message] = line.split(",");
    return { row: Number(row), field, message };
  });
  const expected = [...bad].sort((a, b) => a - b);
  const listed = reported.map((r) => r.row);
  if (
    header !== "row,field,message" ||
    listed.join() !== expected.join() ||
    reported.some((r) => r.field !== "Email" || !r.message?.includes("email"))
  )
    throw new Error(
      `${WIZARD_IMPORT}: the error report does not list exactly the ${bad.size} invalid rows:\n` +
        `  expected rows ${expected.join(", ")}\n  report:\n${[header, ...lines].slice(0, 40).join("\n")}`,
    );

  const [job] = await db.sql<{ seconds: number | null }[]>`
    select extract(epoch from completed_at - created_at)::float8 as seconds
    from import_jobs where tenant_id = ${tenant.tenantId} order by number desc limit 1`;
  await browser.close();
  return {
    rows: options.rows,
    fileMb: size / 1024 / 1024,
    badRows: bad.size,
    uploadSeconds,
    importSeconds,
    rowsPerSecond: options.rows / importSeconds,
    validatingSeconds: firstMoving ? (firstMoving.at - progress.started) / 1000 : null,
    jobSeconds: job?.seconds ?? null,
    progress: result,
    imported: outcome.succeeded,
    failed: outcome.failed,
    reportLines: lines.length,
    workerPeakRssMb,
  };
}

export function formatWizardImportResult(r: WizardImportResult): string {
  const n = (x: number) => Math.round(x).toLocaleString("en-US");
  const s = (x: number | null) => (x === null ? "?" : x.toFixed(1));
  return [
    `Wizard import of ${n(r.rows)} rows (${r.fileMb.toFixed(1)} MB, ${r.badRows} invalid emails): headless Chromium at /imports (upload, suggested mappings, preview, run), the built web app and the worker process`,
    "",
    "| measure | value |",
    "|---|---:|",
    `| rows/s (run → result on screen) | ${n(r.rowsPerSecond)} |`,
    `| seconds, run → result on screen | ${s(r.importSeconds)} |`,
    `| seconds, of which dry run before the first progress | ${s(r.validatingSeconds)} |`,
    `| seconds, job created → completed (worker) | ${s(r.jobSeconds)} |`,
    `| seconds, upload → columns to map (browser upload + analysis) | ${s(r.uploadSeconds)} |`,
    `| distinct progress values shown | ${r.progress.distinct} (${r.progress.monotonic ? "rising monotonically" : "NOT monotonic"}, last ${n(r.progress.last)}) |`,
    "",
    `  imported ${n(r.imported)} rows, ${n(r.failed)} refused; the downloaded error report lists exactly the ${r.reportLines} invalid rows; worker peak RSS ${r.workerPeakRssMb?.toFixed(0) ?? "?"} MB`,
  ].join("\n");
}
