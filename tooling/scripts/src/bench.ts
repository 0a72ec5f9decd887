/**
 * `npm run bench`: throughput and latency of the system against a baseline measured in the same run.
 *
 * Starts a throw-away embedded PostgreSQL, migrates it, and for each scenario (src/bench/scenarios) loads
 * its data into a tenant of its own, then sends each operation's request stream for a fixed time at a fixed
 * concurrency to the system under test (the built web app on its own server, or the standalone REST server)
 * and to a bare node:http + postgres.js baseline doing one SQL statement per request. Prints one table per
 * scenario with the ratios. Everything it starts is stopped, and its temp dir removed, at the end, on error
 * and on Ctrl-C.
 *
 *   pnpm --filter @switchboard/tooling-scripts run bench -- --contacts 100000 --seconds 5
 * Then (scenario `csv-import`) a generated CSV is imported by the worker process beside a COPY of the same file.
 * Only when named (`--scenario wizard-import`, it needs the built web app and Chromium), the same kind of file
 * is imported through the web app's import wizard in headless Chromium, progress bar and error report checked.
 * Only when named (`--scenario load`), a load check: a mixed read/write stream for 60 s (`--seconds`) over 20,000
 * contacts (`--contacts`), failing on any error but 429 (src/bench/load-check.ts).
 *
 *   options: --contacts N[,N...] --seconds S --warmup S --concurrency C --target auto|web|rest --scenario NAME
 *            --import-rows N (0 skips the import) --seed N --json FILE --full
 *
 * By default the reads run over 20,000 contacts and the import over 50,000 rows (a few minutes); `--full` runs
 * the sizes the targets of issue #20 name: reads over 20,000 and then 1,000,000 contacts, an import of
 * 1,000,000 rows. At the end each ratio is printed beside its target, met or not (src/bench/targets.ts), and
 * `--json FILE` keeps them with the rest of the figures.
 */
import { writeFile } from "node:fs/promises";
import { availableParallelism } from "node:os";
import { startBenchDatabase } from "./bench/database";
import { benchImport, CSV_IMPORT, formatImportResult } from "./bench/import";
import { closeAll, installSignalHandlers, onTeardown } from "./bench/lifecycle";
import { createPool, measureEach, send, type Target } from "./bench/load";
import {
  benchLoad,
  formatLoadResult,
  LOAD,
  LOAD_CONTACTS,
  LOAD_SECONDS,
  loadFailures,
} from "./bench/load-check";
import { type BenchOptions, parseOptions } from "./bench/options";
import { seededRandom } from "./bench/random";
import { formatTable, type OperationResult, type ScenarioResult } from "./bench/report";
import { BASELINE_TENANT_HEADER, type Operation, type Scenario } from "./bench/scenario";
import { SCENARIOS } from "./bench/scenarios";
import { bearerToken, type RunningServer, startBaseline, startSystem, webAppIsBuilt } from "./bench/servers";
import { formatTargets, httpTargets, importTargets } from "./bench/targets";
import { benchWizardImport, formatWizardImportResult, WIZARD_IMPORT } from "./bench/wizard-import";

const started = performance.now();
const elapsed = () => `${((performance.now() - started) / 1000).toFixed(1)} s`;
const log = (message: string) => console.log(`[bench ${elapsed()}] ${message}`);

async function main() {
  const options = parseOptions(process.argv.slice(2));
  installSignalHandlers();
  // `csv-import` is measured on its own (a worker job, not a request stream), after the HTTP scenarios.
  const importing =
    options.importRows > 0 && (options.scenarios.length === 0 || options.scenarios.includes(CSV_IMPORT));
  // `wizard-import` (a browser driving the web app) only when named, after `csv-import`.
  const wizardImporting = options.scenarios.includes(WIZARD_IMPORT);
  if (wizardImporting && options.importRows === 0)
    throw new Error(`${WIZARD_IMPORT} needs --import-rows above 0`);
  // `load` (a load check of the system alone) only when named, after the comparisons.
  const loading = options.scenarios.includes(LOAD);
  const named = options.scenarios.filter(
    (name) => name !== CSV_IMPORT && name !== WIZARD_IMPORT && name !== LOAD,
  );
  const scenarios = options.scenarios.length
    ? named.map((name) => {
        const scenario = SCENARIOS.find((s) => s.name === name);
        if (!scenario)
          throw new Error(
            `unknown scenario ${name}; known: ${[...SCENARIOS.map((s) => s.name), CSV_IMPORT, WIZARD_IMPORT, LOAD].join(", ")}`,
          );
        return scenario;
      })
    : SCENARIOS;
  const kind = options.target === "auto" ? (webAppIsBuilt() ? "web" : "rest") : options.target;
  if ((kind === "web" || wizardImporting) && !webAppIsBuilt())
    throw new Error("apps/web is not built (run `pnpm turbo run build --filter=@switchboard/web`)");
  if (options.target === "auto" && kind === "rest")
    log("apps/web has no build: measuring the standalone REST server instead");
  log(
    `${availableParallelism()} CPUs; ${options.concurrency} concurrent requests; ${options.warmup} s warm-up + ${options.seconds} s per measurement`,
  );

  const db = await startBenchDatabase(log);
  // The servers start while the first scenario loads its data.
  const system = scenarios.length || loading ? startSystem(kind, db.url, db.dir) : undefined;
  system?.catch(() => {});
  const servers =
    system && scenarios.length
      ? Promise.all([system, startBaseline(db.url, db.dir)])
      : Promise.reject(new Error("no HTTP scenario"));
  if (scenarios.length)
    log(`starting the ${kind === "web" ? "web app" : "REST server"} and the baseline server`);
  servers.catch(() => {});

  const results: ScenarioResult[] = [];
  let targets: { system: RunningServer; baseline: RunningServer } | undefined;
  const runs = scenarios.flatMap(
    (scenario): { scenario: Scenario; options: BenchOptions; contacts?: number }[] =>
      scenario.perStoreSize
        ? options.contactCounts.map((contacts) => ({ scenario, options: { ...options, contacts }, contacts }))
        : [{ scenario, options }],
  );
  for (const { scenario, options: runOptions, contacts } of runs) {
    log(
      `scenario ${scenario.name}${contacts ? ` over ${contacts.toLocaleString("en-US")} contacts` : ""}: preparing`,
    );
    const prepared = await scenario.prepare({ db, options: runOptions, log });
    if (!targets) {
      const [system, baseline] = await servers;
      targets = { system, baseline };
      log(`servers up: system ${system.origin}, baseline ${baseline.origin}`);
    }
    const token = await bearerToken(
      targets.system.origin,
      prepared.tenant.clientId,
      prepared.tenant.clientSecret,
    );
    const system: Target = {
      name: "system",
      origin: targets.system.origin,
      pool: createPool(targets.system.origin, options.concurrency),
      headers: { authorization: `Bearer ${token}` },
    };
    const baseline: Target = {
      name: "baseline",
      origin: targets.baseline.origin,
      pool: createPool(targets.baseline.origin, options.concurrency),
      headers: { [BASELINE_TENANT_HEADER]: prepared.tenant.tenantId },
    };
    onTeardown("HTTP pools", async () => {
      await Promise.all([system.pool.destroy(), baseline.pool.destroy()]);
    });

    const operations: OperationResult[] = [];
    for (const [index, operation] of prepared.operations.entries()) {
      await checkSameAnswers(operation, system, baseline, options.seed);
      const settings = {
        seconds: options.seconds,
        warmup: options.warmup,
        concurrency: operation.concurrency ?? options.concurrency,
        seed: options.seed * 1000 + index,
      };
      log(`${operation.name}: system and baseline, in halves (system, baseline, baseline, system)`);
      const [onSystem, onBaseline] = await measureEach([system, baseline], operation, settings);
      operations.push({
        operation: operation.name,
        system: onSystem,
        baseline: onBaseline,
        units: operation.unitsPerRequest
          ? { perRequest: operation.unitsPerRequest, name: operation.unit ?? "items" }
          : undefined,
      });
    }
    await Promise.all([system.pool.close(), baseline.pool.close()]);
    results.push({
      scenario: scenario.name,
      title: scenario.title(runOptions),
      contacts,
      system: targets.system.label,
      baseline: targets.baseline.label,
      concurrency: options.concurrency,
      seconds: options.seconds,
      operations,
    });
  }

  const given = (name: string) => options.given.includes(name);
  const load =
    loading && system
      ? await benchLoad(
          db,
          {
            contacts: given("contacts") ? options.contacts : LOAD_CONTACTS,
            seconds: given("seconds") ? options.seconds : LOAD_SECONDS,
            warmup: options.warmup,
            concurrency: options.concurrency,
            seed: options.seed,
            system,
            token: bearerToken,
          },
          log,
        )
      : undefined;

  const imported = importing
    ? await benchImport(db, { rows: options.importRows, seed: options.seed }, log)
    : undefined;
  // The web app of the HTTP scenarios when it is the built one, else one of its own.
  const webApp = () => (kind === "web" && system ? system : startSystem("web", db.url, db.dir));
  const wizard = wizardImporting
    ? await benchWizardImport(db, { rows: options.importRows, seed: options.seed, webApp }, log)
    : undefined;

  console.log("");
  for (const result of results) console.log(`${formatTable(result)}\n`);
  if (imported) console.log(`${formatImportResult(imported)}\n`);
  if (wizard) console.log(`${formatWizardImportResult(wizard)}\n`);
  if (load) console.log(`${formatLoadResult(load)}\n`);
  const checks = [...results.flatMap(httpTargets), ...(imported ? importTargets(imported) : [])];
  if (checks.length) console.log(`${formatTargets(checks)}\n`);
  if (options.json) {
    await writeFile(
      options.json,
      `${JSON.stringify({ options, results, imported, wizard, load, targets: checks }, null, 2)}\n`,
    );
    log(`results written to ${options.json}`);
  }
  if (load && loadFailures(load) > 0)
    throw new Error(`load: ${loadFailures(load)} requests failed with something other than 429`);
}

/**
 * Before measuring, a few requests of the stream go to both servers: both must succeed with the same
 * fingerprint (e.g. the same ids in the same order), or the comparison would not be of the same work.
 */
async function checkSameAnswers(operation: Operation, system: Target, baseline: Target, seed: number) {
  const random = seededRandom(seed ^ 0x2545f491);
  const expected = operation.expectStatus ?? 200;
  for (let i = 0; i < 10; i++) {
    const request = operation.next(random);
    const [a, b] = await Promise.all([send(system, request), send(baseline, request)]);
    for (const [name, response] of [
      ["system", a],
      ["baseline", b],
    ] as const) {
      if (response.status !== expected)
        throw new Error(
          `${operation.name}: ${name} answered ${response.status} to ${request.method} ${request.path}: ${response.body.toString().slice(0, 500)}`,
        );
    }
    const fa = operation.fingerprint(JSON.parse(a.body.toString()));
    const fb = operation.fingerprint(JSON.parse(b.body.toString()));
    if (fa !== fb)
      throw new Error(
        `${operation.name}: system and baseline disagree on ${request.method} ${request.path}\n  system:   ${fa}\n  baseline: ${fb}`,
      );
  }
}

let exitCode = 0;
try {
  await main();
} catch (error) {
  console.error("[bench] failed:", error instanceof Error ? error.message : error);
  if (error instanceof Error && error.stack && process.env.DEBUG) console.error(error.stack);
  exitCode = 1;
} finally {
  log("stopping");
  await closeAll();
  log(`done; wall time ${elapsed()}`);
}
process.exit(exitCode);
