/**
 * CSV import, end to end: a generated file of contacts (10 columns, phones and emails as people type them)
 * is uploaded, mapped and imported by the real worker process (pg-boss job, streamed parse, domain rules,
 * batched writes with checkpoints), timed from job creation to `Completed`. The baseline is PostgreSQL
 * `COPY` of the same file into a plain table of ten text columns. Also reports the worker's peak RSS.
 */
import { createReadStream, createWriteStream } from "node:fs";
import { stat } from "node:fs/promises";
import { join } from "node:path";
import { pipeline } from "node:stream/promises";
import { createDb } from "@switchboard/db";
import {
  type Context,
  createCsvImportJob,
  createCsvSettings,
  createImportSettings,
  createUpload,
  getImportJob,
  localFileStorage,
  receiveUpload,
  startJobQueue,
  suggestMappings,
  systemActor,
} from "@switchboard/domain";
import type { BenchDatabase } from "./database";
import { generateContact } from "./dataset";
import { onTeardown } from "./lifecycle";
import { seededRandom } from "./random";
import { appDataDir } from "./servers";
import { benchWorker, peakRssMb } from "./worker";

const HEADERS = [
  "First Name",
  "Last Name",
  "Title",
  "Email",
  "Personal Email",
  "Mobile",
  "Work Phone",
  "City",
  "Postal Code",
  "Country",
];
const CITIES = [
  ["Springfield", "62701", "US"],
  ["London", "EC1A 1BB", "GB"],
  ["Berlin", "10115", "DE"],
  ["Paris", "75001", "FR"],
  ["Austin", "73301", "US"],
] as const;

export const CSV_IMPORT = "csv-import";

export interface ImportBenchResult {
  rows: number;
  fileMb: number;
  system: { seconds: number; rowsPerSecond: number; imported: number; failed: number };
  baseline: { seconds: number; rowsPerSecond: number };
  /** PostgreSQL alone writing again what the import wrote (see `databaseFloor`). */
  floor: { seconds: number; rowsPerSecond: number };
  workerPeakRssMb: number | null;
}

const csvField = (v: string) => (/[",\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);

/**
 * Writes the generated CSV: `rows` contacts after the header. The data rows named in `invalidEmailRows`
 * (1 is the first after the header, as in the import's error report) get an Email the contact rules refuse.
 */
export async function writeCsv(
  file: string,
  rows: number,
  seed: number,
  invalidEmailRows: ReadonlySet<number> = new Set(),
): Promise<void> {
  const random = seededRandom(seed ^ 0x5eed);
  const out = createWriteStream(file);
  out.write(`${HEADERS.join(",")}\n`);
  let chunk = "";
  for (let i = 0; i < rows; i++) {
    const c = generateContact(random, i);
    const [city, postalCode, country] = CITIES[i % CITIES.length]!;
    chunk += `${[
      c.firstName,
      c.lastName,
      c.title ?? "",
      invalidEmailRows.has(i + 1) ? `not-an-email-${i + 1}` : (c.emails[0]?.address ?? ""),
      c.emails[1]?.address ?? "",
      c.phones[0]?.userInput ?? "",
      c.phones[1]?.userInput ?? "",
      city,
      postalCode,
      country,
    ]
      .map(csvField)
      .join(",")}\n`;
    if (chunk.length > 1 << 20 || i === rows - 1) {
      if (!out.write(chunk)) await new Promise<void>((done) => out.once("drain", () => done()));
      chunk = "";
    }
  }
  await new Promise<void>((done, fail) => out.end((error?: Error | null) => (error ? fail(error) : done())));
}

async function copyBaseline(db: BenchDatabase, file: string): Promise<number> {
  await db.sql.unsafe(
    `create unlogged table if not exists import_baseline (${HEADERS.map((_, i) => `c${i} text`).join(", ")})`,
  );
  const started = performance.now();
  const copy = await db.sql
    .unsafe("copy import_baseline from stdin with (format csv, header true)")
    .writable();
  await pipeline(createReadStream(file), copy);
  return (performance.now() - started) / 1000;
}

/** What the import writes per contact: the row, its contact points, its history entry. */
const WRITTEN = [
  ["contacts", "true"],
  ["contact_points", "owner_kind = 'contact'"],
  ["change_sets", "entity_type = 'contact'"],
] as const;

class Rollback extends Error {}

/**
 * Seconds for PostgreSQL alone to write again, set-based, the rows an import wrote into the real tables with
 * all their indexes: copies of its contacts, contact points and history entries inserted from temp tables,
 * with no parsing, validation or round trips. The floor under any import into this schema on this machine;
 * rolled back after.
 */
async function databaseFloor(db: BenchDatabase, tenantId: string): Promise<number> {
  let seconds = 0;
  await db.sql
    .begin(async (sql) => {
      for (const [table, which] of WRITTEN) {
        const columns = (
          await sql.unsafe(
            "select column_name from information_schema.columns where table_name = $1 and column_name not in ('id', 'number') order by ordinal_position",
            [table],
          )
        )
          .map((c) => `"${c.column_name}"`)
          .join(", ");
        await sql.unsafe(
          `create temp table floor_${table} as select ${columns} from ${table} where tenant_id = $1 and ${which}`,
          [tenantId],
        );
        // Ids as the import makes them, time-ordered (the domain's `newRecordId`); contacts take numbers as it
        // does: one range for all, given with the rows (no trigger).
        let given = `, "id"`;
        let givenValues = ", uuidv7()";
        if (table === "contacts") {
          const [range] = await sql.unsafe(
            `select allocate_record_numbers($1, 'contact', (select count(*)::int from floor_contacts)) as last,
               (select count(*)::int from floor_contacts) as count`,
            [tenantId],
          );
          given += `, "number"`;
          givenValues += `, ${Number(range!.last) - Number(range!.count)} + row_number() over ()`;
        }
        const started = performance.now();
        await sql.unsafe(
          `insert into ${table} (${columns}${given}) select ${columns}${givenValues} from floor_${table}`,
        );
        seconds += (performance.now() - started) / 1000;
      }
      throw new Rollback();
    })
    .catch((error) => {
      if (!(error instanceof Rollback)) throw error;
    });
  return seconds;
}

export async function benchImport(
  db: BenchDatabase,
  options: { rows: number; seed: number },
  log: (message: string) => void,
): Promise<ImportBenchResult> {
  const file = join(db.dir, "import.csv");
  log(`import: writing a ${options.rows.toLocaleString("en-US")}-row CSV`);
  await writeCsv(file, options.rows, options.seed);
  const size = (await stat(file)).size;

  log("import: baseline COPY into a plain table");
  const baselineSeconds = await copyBaseline(db, file);

  const tenant = await db.createTenant("import");
  const { db: appDb, close } = createDb(db.url, { max: 4 });
  onTeardown("import connections", close);
  const jobs = await startJobQueue(db.url, { supervise: false });
  onTeardown("import queue", () => jobs.stop());
  const ctx: Context = { db: appDb, tenantId: tenant.tenantId, actor: systemActor("bench"), jobs };
  const storage = localFileStorage(join(appDataDir(db.dir), "files"));
  const worker = await benchWorker(db, log);

  log("import: uploading and analysing the file");
  const slot = await createUpload(ctx, { fileName: "import.csv", fileSize: size });
  const details = await receiveUpload(
    { db: appDb, storage },
    { uploadId: slot.uploadId, token: slot.token, body: createReadStream(file) },
  );
  const settings = await createImportSettings(ctx, { name: "bench", matchingCriteria: [] });
  const csv = await createCsvSettings(ctx, {
    externalSettingsId: settings.id,
    mappings: suggestMappings(details.headers ?? []),
  });

  log("import: running the job in the worker");
  let job = await createCsvImportJob(ctx, { uploadId: slot.uploadId, settingsId: csv.id });
  let lastLog = 0;
  while (job.status !== "Completed" && job.status !== "Failed" && job.status !== "Cancelled") {
    await new Promise((done) => setTimeout(done, 500));
    job = await getImportJob(ctx, job.id);
    if (performance.now() - lastLog > 10_000) {
      lastLog = performance.now();
      log(
        `import: ${job.processedRows.toLocaleString("en-US")} of ${job.totalRows?.toLocaleString("en-US")} rows`,
      );
    }
    if (worker.exitCode !== null) throw new Error(`the worker exited (${worker.exitCode}) during the import`);
  }
  if (job.status !== "Completed") throw new Error(`import ${job.status}: ${job.statusDetails ?? ""}`);
  // From the job's creation to its completion, as the job records them (the database's clock and the worker's,
  // one machine): the poll above sees the end up to its interval late.
  const seconds = (job.completedAt!.getTime() - job.createdAt.getTime()) / 1000;
  const workerPeakRssMb = await peakRssMb(worker.pid);
  log("import: the database floor, the same rows written again set-based");
  const floorSeconds = await databaseFloor(db, tenant.tenantId);
  return {
    rows: options.rows,
    fileMb: size / 1024 / 1024,
    system: {
      seconds,
      rowsPerSecond: options.rows / seconds,
      imported: job.succeededRows,
      failed: job.failedRows,
    },
    baseline: { seconds: baselineSeconds, rowsPerSecond: options.rows / baselineSeconds },
    floor: { seconds: floorSeconds, rowsPerSecond: options.rows / floorSeconds },
    workerPeakRssMb,
  };
}

export function formatImportResult(r: ImportBenchResult): string {
  const n = (x: number) => Math.round(x).toLocaleString("en-US");
  return [
    `CSV import of ${n(r.rows)} rows (${r.fileMb.toFixed(1)} MB, 10 columns): system = worker process (pg-boss job, streamed parse, domain rules, batched writes); baseline = COPY into a plain table`,
    "",
    "| measure | system | baseline | ratio |",
    "|---|---:|---:|---:|",
    `| rows/s | ${n(r.system.rowsPerSecond)} | ${n(r.baseline.rowsPerSecond)} | ${(r.system.rowsPerSecond / r.baseline.rowsPerSecond).toFixed(2)}× |`,
    `| seconds | ${r.system.seconds.toFixed(1)} | ${r.baseline.seconds.toFixed(1)} | |`,
    "",
    `  database floor (PostgreSQL alone writing the same contacts, contact points and history rows again, set-based, into the indexed tables): ${n(r.floor.rowsPerSecond)} rows/s, ${(r.floor.rowsPerSecond / r.baseline.rowsPerSecond).toFixed(3)}× COPY; the import runs at ${(r.system.rowsPerSecond / r.floor.rowsPerSecond).toFixed(2)}× the floor`,
    `  imported ${n(r.system.imported)} rows, ${n(r.system.failed)} refused; worker peak RSS ${r.workerPeakRssMb?.toFixed(0) ?? "?"} MB`,
  ].join("\n");
}
