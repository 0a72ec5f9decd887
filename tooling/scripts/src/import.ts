/**
 * `npm run import -- <file.csv> [options]`: imports a CSV of contacts from the command line with a live
 * progress bar, through the same domain functions as the REST API and the web wizard (upload, analysis,
 * mappings, a CSV import job, `runImport`). Uses DATABASE_URL, or the embedded PostgreSQL under the data dir
 * (stop `npm start` first: one embedded server per data dir).
 *
 *   --map "Header=target"   map a column (repeatable; target `-` drops a suggested mapping)
 *   --settings <id>         use saved CSV settings instead of suggested mappings
 *   --match Email,Phone     match existing contacts by these, after the external id
 *   --merge                 Merge (keep what a row leaves empty) instead of Upsert
 *   --source <name|id>      external source of the `externalId` column (created by name if missing)
 *   --division <id>         division for new contacts (default Home)
 *   --preview               show the analysis and the first rows with their errors, import nothing
 *   --resume <jobId>        continue an interrupted import after its last committed batch
 *   --batch <n>             rows per transaction (default 1000)
 */
import { createReadStream, createWriteStream } from "node:fs";
import { stat } from "node:fs/promises";
import { basename, dirname, join, resolve } from "node:path";
import { pipeline } from "node:stream/promises";
import { parseArgs } from "node:util";
import { createDb, eq, importJobs, sql } from "@switchboard/db";
import {
  type Context,
  type CsvMapping,
  createCsvImportJob,
  createCsvSettings,
  createExternalSource,
  createImportSettings,
  createUpload,
  ensureTenant,
  getCsvSettings,
  getImportJob,
  type ImportJob,
  isDomainError,
  listExternalSources,
  localFileStorage,
  MATCHING_CRITERIA,
  normalizeTarget,
  openImportErrorReport,
  previewUpload,
  receiveUpload,
  runImport,
  startJobQueue,
  suggestMappings,
  systemActor,
} from "@switchboard/domain";
import { Presets, SingleBar } from "cli-progress";
import { dataDirFromEnv, openDatabase } from "./database";

// `npm run import -- …` arrives here as `import.ts -- …`: that first `--` is npm's, not an end of options.
const argv = process.argv.slice(2);
const { values: options, positionals } = parseArgs({
  args: argv[0] === "--" ? argv.slice(1) : argv,
  allowPositionals: true,
  options: {
    map: { type: "string", multiple: true, default: [] },
    settings: { type: "string" },
    match: { type: "string" },
    merge: { type: "boolean", default: false },
    source: { type: "string" },
    division: { type: "string" },
    preview: { type: "boolean", default: false },
    resume: { type: "string" },
    batch: { type: "string" },
    help: { type: "boolean", short: "h", default: false },
  },
});

const say = (line = "") => process.stderr.write(`${line}\n`);
/** Where the user typed the command: npm and pnpm run scripts from the package directory. */
const invokedFrom = process.env.INIT_CWD ?? process.cwd();
const TERMINAL = ["Completed", "Failed", "Cancelled"];

function usage(): never {
  say("usage: npm run import -- <file.csv> [--map Header=target ...] [--settings <csvSettingsId>]");
  say(
    "         [--match Email,Phone] [--merge] [--source <name|id>] [--division <id>] [--preview] [--batch <n>]",
  );
  say("       npm run import -- --resume <jobId>");
  say(
    `targets: ${["firstName", "lastName", "workEmail", "cellPhone", "address.city", "externalId", "customFields.<name>", "…"].join(", ")}`,
  );
  process.exit(2);
}

/** The mappings to import with: saved CSV settings, or the suggestions for the headers adjusted by --map. */
function mappingsFor(headers: string[], overrides: string[]): CsvMapping[] {
  const mappings = suggestMappings(headers);
  for (const override of overrides) {
    const at = override.lastIndexOf("=");
    if (at <= 0) throw new Error(`--map ${override}: expected Header=target`);
    const sourceField = override.slice(0, at).trim();
    const targetField = override.slice(at + 1).trim();
    if (!headers.includes(sourceField))
      throw new Error(`--map ${override}: the file has no column ${sourceField}`);
    const kept = mappings.filter(
      (m) =>
        m.sourceField !== sourceField &&
        (targetField === "-" || normalizeTarget(m.targetField) !== normalizeTarget(targetField)),
    );
    mappings.length = 0;
    mappings.push(...kept);
    if (targetField !== "-") mappings.push({ sourceField, targetField });
  }
  return mappings;
}

async function externalSourceId(ctx: Context, nameOrId: string | undefined): Promise<string | null> {
  if (!nameOrId) return null;
  let cursor: string | undefined;
  do {
    const page = await listExternalSources(ctx, { limit: 200, cursor });
    const found = page.entities.find(
      (s) => s.id === nameOrId || s.name.toLowerCase() === nameOrId.toLowerCase(),
    );
    if (found) return found.id;
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  const created = await createExternalSource(ctx, { name: nameOrId, active: true });
  say(`created external source "${created.name}" (${created.id})`);
  return created.id;
}

function printTable(rows: string[][]) {
  const widths = rows[0]!.map((_, i) => Math.min(40, Math.max(...rows.map((r) => (r[i] ?? "").length))));
  for (const r of rows)
    say(`  ${r.map((cell, i) => (cell ?? "").slice(0, 40).padEnd(widths[i]!)).join("  ")}`);
}

/** Runs the job here, with a progress bar; if a worker holds it, follows the worker's progress instead. */
async function runWithProgress(
  ctx: Context,
  job: ImportJob,
  storage: ReturnType<typeof localFileStorage>,
  batchSize?: number,
) {
  const bar = new SingleBar(
    {
      format:
        " {phase} {bar} {percentage}% | {value}/{total} rows | {speed} rows/s | {failed} failed | ETA {eta_formatted}",
      hideCursor: true,
      etaBuffer: 20,
    },
    Presets.shades_classic,
  );
  const started = Date.now();
  const from = job.processedRows;
  // Two passes, as the job runs them: the dry run checks every row, then the rows are imported.
  let phase = "";
  let phaseStarted = started;
  let phaseFrom = from;
  const update = (j: ImportJob) => {
    const checking = j.executionStep === "Validating";
    const value = checking ? (j.dryRunSucceededRows ?? 0) + (j.dryRunFailedRows ?? 0) : j.processedRows;
    const next = checking ? "checking " : "importing";
    if (next !== phase) {
      phase = next;
      phaseStarted = Date.now();
      phaseFrom = value;
    }
    const seconds = (Date.now() - phaseStarted) / 1000;
    bar.setTotal(Math.max(j.totalRows, 1));
    bar.update(value, {
      phase,
      speed: seconds > 0 ? Math.round((value - phaseFrom) / seconds) : 0,
      failed: checking ? (j.dryRunFailedRows ?? 0) : j.failedRows,
    });
  };
  bar.start(Math.max(job.totalRows, 1), job.processedRows, {
    phase: "starting ",
    speed: 0,
    failed: job.failedRows,
  });
  const owner = `cli:${process.pid}`;
  // Ctrl-C: say how to continue, then give the lease back so a worker may also resume it. The batch in
  // flight rolls back; everything up to the last committed batch stays.
  const interrupt = async () => {
    bar.stop();
    say(`\ninterrupted; continue after the last committed batch with: npm run import -- --resume ${job.id}`);
    await ctx.db
      .update(importJobs)
      .set({ leaseOwner: null, leaseSeenAt: sql`now() - interval '1 day'` })
      .where(eq(importJobs.leaseOwner, owner))
      .catch(() => {});
    process.exit(130);
  };
  process.once("SIGINT", () => void interrupt());
  // On --resume the caller knows the previous run is gone: take its lease at once (a live holder would
  // only lose its next commit, never duplicate one).
  const leaseMs = options.resume ? 0 : undefined;
  let result = await runImport(ctx, job.id, { storage, owner, batchSize, leaseMs, onProgress: update });
  while (!TERMINAL.includes(result.status)) {
    // Another process (a worker) holds the job: watch it.
    await new Promise((r) => setTimeout(r, 500));
    result = await getImportJob(ctx, job.id);
    update(result);
  }
  update(result);
  bar.stop();
  return result;
}

async function main() {
  if (options.help || (!positionals[0] && !options.resume)) usage();
  const dataDir = await dataDirFromEnv();
  const database = await openDatabase(dataDir, say);
  const { db, close } = createDb(database.url, { max: 4 });
  const queue = await startJobQueue(database.url, { supervise: false, max: 2 });
  const storage = localFileStorage(join(dataDir, "files"));
  try {
    const setup = await ensureTenant(db, {});
    if (setup.generated.clientSecret)
      say(
        `new tenant; API client id ${setup.generated.clientId} secret ${setup.generated.clientSecret} (shown once)`,
      );
    const ctx: Context = { db, tenantId: setup.tenantId, actor: systemActor("cli import"), jobs: queue };

    let job: ImportJob;
    let reportBase: string;
    if (options.resume) {
      job = await getImportJob(ctx, options.resume);
      reportBase = resolve(invokedFrom, (job.fileName ?? job.id).replace(/\.(csv|txt|tsv)$/i, ""));
      say(`resuming import ${job.id} after row ${job.lastCommittedRow} of ${job.totalRows}`);
    } else {
      const file = resolve(invokedFrom, positionals[0]!);
      const size = (await stat(file)).size;
      reportBase = join(dirname(file), basename(file).replace(/\.(csv|txt|tsv)$/i, ""));
      const slot = await createUpload(ctx, { fileName: basename(file), fileSize: size });
      say(`analysing ${basename(file)} (${(size / 1024 / 1024).toFixed(1)} MB)…`);
      const details = await receiveUpload(
        { db, storage },
        { uploadId: slot.uploadId, token: slot.token, body: createReadStream(file) },
      );
      const separator = details.delimiter === "\t" ? "tab" : details.delimiter;
      say(
        `${details.rowCount} rows, separator "${separator}", ${details.encoding}, ${details.headers?.length} columns`,
      );
      for (const e of (details.errors ?? []).slice(0, 10)) say(`  line ${e.lineNumber}: ${e.message}`);
      if ((details.errors?.length ?? 0) > 10) say(`  … and ${details.errors!.length - 10} more line errors`);

      const mappings = options.settings
        ? (await getCsvSettings(ctx, options.settings)).mappings
        : mappingsFor(details.headers ?? [], options.map ?? []);
      say("mappings:");
      printTable([["column", "→ field"], ...mappings.map((m) => [m.sourceField, m.targetField])]);
      const unmapped = (details.headers ?? []).filter((h) => !mappings.some((m) => m.sourceField === h));
      if (unmapped.length) say(`not imported: ${unmapped.join(", ")}`);

      const sourceId = options.settings ? null : await externalSourceId(ctx, options.source);
      if (options.preview) {
        const preview = await previewUpload(ctx, slot.uploadId, storage, {
          mappings,
          externalSourceId: sourceId ?? undefined,
          rows: 10,
        });
        say("preview:");
        for (const row of preview.rows)
          say(
            `  row ${row.rowNumber}: ${row.errors.length ? row.errors.map((e) => `${e.field || "row"}: ${e.message}`).join("; ") : "ok"}  ${JSON.stringify(row.contact)}`,
          );
        return;
      }

      const matchingCriteria = (options.match ?? "")
        .split(",")
        .map((s) => s.trim())
        .filter(Boolean)
        .map((s) => {
          const criterion = MATCHING_CRITERIA.find((c) => c.toLowerCase() === s.toLowerCase());
          if (!criterion) throw new Error(`--match ${s}: expected ${MATCHING_CRITERIA.join(" or ")}`);
          return criterion;
        });
      let csvSettingsId = options.settings;
      if (!csvSettingsId) {
        const settings = await createImportSettings(ctx, {
          name: `CLI import of ${basename(file)}`,
          matchingCriteria,
          mergeContacts: options.merge ?? false,
          externalSourceId: sourceId,
        });
        csvSettingsId = (await createCsvSettings(ctx, { externalSettingsId: settings.id, mappings })).id;
      }
      job = await createCsvImportJob(ctx, {
        uploadId: slot.uploadId,
        settingsId: csvSettingsId,
        divisionId: options.division,
      });
      say(`import job ${job.id}`);
    }

    const batchSize = options.batch ? Number(options.batch) : undefined;
    const started = Date.now();
    const done = await runWithProgress(ctx, job, storage, batchSize);
    const seconds = (Date.now() - started) / 1000;
    say(`${done.status}: ${done.statusDetails ?? ""} in ${seconds.toFixed(1)} s`);
    if (done.failedRows > 0 && done.errorFileId) {
      const target = `${reportBase}.errors.csv`;
      await pipeline((await openImportErrorReport(ctx, done.id, storage)).stream, createWriteStream(target));
      say(`error report: ${target}`);
    }
    process.exitCode = done.status === "Completed" ? 0 : 1;
  } finally {
    await queue.stop();
    await close();
    await database.stop();
  }
}

main().catch((error) => {
  if (isDomainError(error)) say(`import refused: ${error.message}`);
  else say(String(error instanceof Error ? (error.stack ?? error.message) : error));
  process.exit(1);
});
