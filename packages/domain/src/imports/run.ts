import {
  and,
  asc,
  contactPoints,
  contacts,
  csvUploads,
  type Executor,
  eq,
  externalIds,
  files,
  gt,
  type ImportJobPlan,
  type ImportJobRow,
  importJobs,
  importRowErrors,
  inArray,
  insertMany,
  isNull,
  lt,
  or,
  sql,
} from "@switchboard/db";
import { PERMISSIONS } from "../access/permissions";
import { importContacts, type PreparedContact } from "../contacts/batch";
import type { ContactInput } from "../contacts/model";
import { csvText } from "../files/csv";
import type { FileStorage } from "../files/storage";
import { everyInTurn } from "../jobs/in-turn";
import type { JobQueue } from "../jobs/queue";
import { type Context, inTransaction, requirePermission } from "../shared/context";
import { type DomainError, notFound } from "../shared/errors";
import { readCsv } from "./csv";
import { IMPORT_BATCH_SIZE, type ImportJob } from "./model";
import {
  type BatchSetup,
  batchesInOrder,
  type PreparedRows,
  type PrepareRequest,
  prepareRows,
  slices,
} from "./prepare";
import { applyRowPatch, contactToInput, ERROR_REPORT_COLUMNS, issueColumn, type RowPatch } from "./rules";
import { columnsOf, getImportJob, toImportJob } from "./service";
import { updateMatchedContacts } from "./write";

/** A run whose lease another worker took over, or whose job was cancelled: it stops without writing. */
class Stopped extends Error {}

export interface RunImportOptions {
  storage: FileStorage;
  /** Who runs it (the worker id); the lease names it. */
  owner: string;
  batchSize?: number;
  /** A lease not renewed for this long is free to take over (a worker killed mid-job). */
  leaseMs?: number;
  /** How often the dry run publishes its running counts (ms); they show as the job's first progress. */
  dryRunProgressMs?: number;
  /**
   * Called after each committed batch, and as the dry run publishes its counts; the run goes on after a
   * returned promise settles.
   */
  onProgress?: (job: ImportJob) => void | Promise<void>;
}

export const IMPORT_LEASE_MS = 60_000;

async function lockJob(ctx: Context, id: string): Promise<ImportJobRow> {
  const [row] = await ctx.db
    .select()
    .from(importJobs)
    .where(and(eq(importJobs.tenantId, ctx.tenantId), eq(importJobs.id, id)))
    .for("update");
  if (!row) throw notFound("import job", id);
  return row;
}

/**
 * The body of the `import` job, safe to run any number of times and by several workers at once. It takes
 * the job's lease, streams the file from the row after the checkpoint, and commits each batch's contacts,
 * row errors, counters and checkpoint in one transaction that re-checks the lease and the checkpoint
 * before it commits: a killed worker's uncommitted batch is simply redone by the next run, never applied twice.
 */
export async function runImport(ctx: Context, jobId: string, options: RunImportOptions): Promise<ImportJob> {
  requirePermission(ctx, PERMISSIONS.contactAdd, PERMISSIONS.contactEdit, PERMISSIONS.contactView);
  const leaseMs = options.leaseMs ?? IMPORT_LEASE_MS;
  const batchSize = options.batchSize ?? IMPORT_BATCH_SIZE;
  const claimed = await inTransaction(ctx, async (tx) => {
    const row = await lockJob(tx, jobId);
    if (row.status !== "Created" && row.status !== "Running") return null;
    const held =
      row.leaseOwner &&
      row.leaseOwner !== options.owner &&
      row.leaseSeenAt &&
      Date.now() - row.leaseSeenAt.getTime() < leaseMs;
    if (held) return null;
    const [updated] = await tx.db
      .update(importJobs)
      .set({
        status: "Running",
        // A job starts with its dry run; one that has had it (a resumed or retried job) goes on importing.
        // One stopped during its dry run does it again from the top.
        executionStep: row.executionStep === "Importing" ? "Importing" : "Validating",
        leaseOwner: options.owner,
        leaseSeenAt: sql`now()`,
        modifiedAt: new Date(),
      })
      .where(and(eq(importJobs.tenantId, tx.tenantId), eq(importJobs.id, jobId)))
      .returning();
    return updated!;
  });
  if (!claimed) return getImportJob(ctx, jobId);

  // In turn: while the job's row is locked (by the run's own batch, or anyone's) a renewal waits.
  const renew = everyInTurn(
    () =>
      ctx.db
        .update(importJobs)
        .set({ leaseSeenAt: sql`now()` })
        .where(
          and(
            eq(importJobs.tenantId, ctx.tenantId),
            eq(importJobs.id, jobId),
            eq(importJobs.leaseOwner, options.owner),
          ),
        )
        .catch(() => {}),
    Math.max(250, Math.floor(leaseMs / 3)),
  );
  try {
    // A job resumed after its dry run (another run's) validates each row again as it imports it.
    const validated =
      claimed.executionStep === "Importing"
        ? { job: claimed, failedRows: undefined }
        : await dryRun(ctx, claimed, options, batchSize);
    return await importRows(ctx, validated.job, options, batchSize, validated.failedRows);
  } catch (error) {
    if (error instanceof Stopped) return getImportJob(ctx, jobId);
    const message = error instanceof Error ? error.message : String(error);
    return settle(ctx, jobId, options.owner, { status: "Failed", statusDetails: message.slice(0, 2000) });
  } finally {
    clearInterval(renew);
  }
}

async function importRows(
  ctx: Context,
  job: ImportJobRow,
  options: RunImportOptions,
  batchSize: number,
  /** The rows this run's dry run refused, in file order: every other row passed it and is not checked again. */
  dryRunFailed?: number[],
): Promise<ImportJob> {
  const { setup, rows } = await jobFile(ctx, job);
  let failedAt = 0;
  const known = (rowNumber: number) => {
    if (!dryRunFailed) return false;
    while (failedAt < dryRunFailed.length && dryRunFailed[failedAt]! < rowNumber) failedAt++;
    return dryRunFailed[failedAt] !== rowNumber;
  };
  const resumeAfter = job.lastCommittedRow;
  let checkpoint = resumeAfter;
  let batch: PrepareRequest["rows"] = [];
  // Batches are read and prepared while the one before them is written: the worker's CPU work overlaps the
  // database's. Two may be ready ahead, so that a batch that took the worker longer than the database does
  // not keep the database waiting (trace over 50,000 rows: ~330 ms of such waits with one ahead, ~5 with two).
  // A batch that matches no existing contact (no match keys: it only creates) is also written beside the one
  // before, on a second connection: it reads nothing that one writes, and PostgreSQL then works on two cores
  // (50,000 rows, three alternated runs each: 7,395 -> 8,392 rows/s). Batches still commit in file order.
  const batches = batchesInOrder(2);
  const flush = async () => {
    const rows = batch;
    batch = [];
    await batches.add(
      () => prepareRows({ setup, rows, known: rows.map((r) => known(r.rowNumber)), creates: true }),
      async (ready, before) => {
        const committedBefore = async () => {
          await before;
          return checkpoint;
        };
        const updated = await commitBatch(ctx, job, options.owner, committedBefore, ready, setup);
        checkpoint = updated.lastCommittedRow;
        await options.onProgress?.(updated);
      },
      (ready) => ready.candidates.every((c) => c.keys.length === 0),
    );
  };
  // Reading is paced too: the CSV parser hands over a batch's rows in microtasks, ~10 ms of them, and the
  // batch in flight waited for them to read its replies (its first statement took ~12 ms where 0.3 would do).
  const pace = slices();
  for await (const { rowNumber, record } of rows(options.storage)) {
    await pace();
    if (rowNumber <= resumeAfter) continue; // committed by an earlier run
    batch.push({ rowNumber, record });
    if (batch.length >= batchSize) await flush();
  }
  if (batch.length) await flush();
  await batches.done();
  return finish(ctx, job.id, options);
}

/** The job's stored file: its mapping setup, and its data rows, numbered from 1, streamed. */
async function jobFile(ctx: Context, job: ImportJobRow) {
  const plan = job.plan;
  if (!plan || !job.uploadId) throw new Error("the job has no file to import");
  const [upload] = await ctx.db
    .select()
    .from(csvUploads)
    .where(and(eq(csvUploads.tenantId, ctx.tenantId), eq(csvUploads.id, job.uploadId)));
  const [file] = upload?.fileId
    ? await ctx.db
        .select()
        .from(files)
        .where(and(eq(files.tenantId, ctx.tenantId), eq(files.id, upload.fileId)))
    : [];
  if (!upload || !file) throw new Error(`the uploaded file of job ${job.id} is gone`);
  const headers = upload.headers ?? [];
  const setup: BatchSetup = {
    plan,
    columns: columnsOf(plan, headers),
    width: headers.length,
    divisionId: job.divisionId,
    writer: { tenantId: ctx.tenantId, actor: ctx.actor, reviewer: ctx.reviewer },
  };
  async function* rows(storage: RunImportOptions["storage"]) {
    let rowNumber = -1; // the header line is row 0
    for await (const { record } of readCsv(storage.read(file!.storageKey), {
      delimiter: upload!.delimiter ?? ",",
      encoding: (upload!.encoding as "UTF-8" | "ISO-8859-1") ?? "UTF-8",
    })) {
      rowNumber++;
      if (rowNumber > 0) yield { rowNumber, record };
    }
  }
  return { setup, rows };
}

const DRY_RUN_PROGRESS_MS = 1000;

/**
 * Genesys `Validating` → `Validated`: every row is checked with the contact rules, nothing is written, and
 * the counts become the job's dry-run metadata, published as they grow so progress shows from the start.
 * Database-level refusals (an external id held by another contact) show only in the import itself. A run
 * killed here does its dry run again. Returns the rows it refused, so that the import that follows checks
 * only those again (one validation pass serves both).
 */
async function dryRun(
  ctx: Context,
  job: ImportJobRow,
  options: RunImportOptions,
  batchSize: number,
): Promise<{ job: ImportJobRow; failedRows: number[] }> {
  const { setup, rows } = await jobFile(ctx, job);
  let succeeded = 0;
  let failed = 0;
  const failedRows: number[] = [];
  let batch: { rowNumber: number; record: string[] }[] = [];
  let published = Date.now();
  /** Writes the counts so far, and the step, if this run still holds the job. */
  const publish = (executionStep: "Validating" | "Validated" | "Importing") =>
    inTransaction(ctx, async (tx) => {
      const locked = await lockJob(tx, job.id);
      if (locked.status !== "Running" || locked.leaseOwner !== options.owner) throw new Stopped();
      const [updated] = await tx.db
        .update(importJobs)
        .set({
          executionStep,
          dryRunSucceededRows: succeeded,
          dryRunFailedRows: failed,
          leaseSeenAt: sql`now()`,
          modifiedAt: new Date(),
        })
        .where(and(eq(importJobs.tenantId, tx.tenantId), eq(importJobs.id, job.id)))
        .returning();
      return updated!;
    });
  // As the import: a batch is checked while the next is read, and their counts are added in file order.
  const batches = batchesInOrder();
  const count = async () => {
    const rows = batch;
    batch = [];
    await batches.add(
      () => prepareRows({ setup, rows, known: rows.map(() => false), creates: false }),
      async (ready) => {
        failedRows.push(...ready.failed);
        failed += ready.failed.size;
        succeeded += ready.count - ready.failed.size;
        if (Date.now() - published >= (options.dryRunProgressMs ?? DRY_RUN_PROGRESS_MS)) {
          published = Date.now();
          await options.onProgress?.(toImportJob(await publish("Validating")));
        }
      },
    );
  };
  for await (const row of rows(options.storage)) {
    batch.push(row);
    if (batch.length >= batchSize) await count();
  }
  if (batch.length) await count();
  await batches.done();
  await publish("Validated");
  return { job: await publish("Importing"), failedRows };
}

/**
 * One batch in one transaction: its contacts, its row errors, and the job's counters and checkpoint. The job is
 * locked last, once the batch before has committed (`committedBefore` gives its checkpoint): a run that lost its
 * lease, or whose job was cancelled, rolls back what it wrote. From the job's lock to the commit a batch waits
 * for nothing else, so a stale run's batch and the new owner's may queue for each other's rows, never deadlock.
 */
async function commitBatch(
  ctx: Context,
  job: ImportJobRow,
  owner: string,
  committedBefore: () => Promise<number>,
  prepared: PreparedRows,
  setup: BatchSetup,
): Promise<ImportJob> {
  return inTransaction(ctx, async (tx) => {
    const outcome = await writeRows(tx, prepared, setup);
    if (outcome.errors.length) {
      const positions = new Map<number, number>();
      const values = outcome.errors.map((e) => {
        const position = positions.get(e.rowNumber) ?? 0;
        positions.set(e.rowNumber, position + 1);
        return {
          tenantId: tx.tenantId,
          jobId: job.id,
          rowNumber: e.rowNumber,
          field: e.field,
          message: e.message,
          position,
        };
      });
      await insertMany(tx.db, importRowErrors, values, { returning: false });
    }
    const checkpoint = await committedBefore();
    const locked = await lockJob(tx, job.id);
    if (locked.status !== "Running" || locked.leaseOwner !== owner || locked.lastCommittedRow !== checkpoint)
      throw new Stopped();
    const [updated] = await tx.db
      .update(importJobs)
      .set({
        lastCommittedRow: prepared.lastRow,
        processedRows: sql`${importJobs.processedRows} + ${prepared.count}`,
        succeededRows: sql`${importJobs.succeededRows} + ${outcome.created + outcome.updated}`,
        failedRows: sql`${importJobs.failedRows} + ${outcome.failedRows}`,
        createdRows: sql`${importJobs.createdRows} + ${outcome.created}`,
        updatedRows: sql`${importJobs.updatedRows} + ${outcome.updated}`,
        leaseSeenAt: sql`now()`,
        modifiedAt: new Date(),
      })
      .where(and(eq(importJobs.tenantId, tx.tenantId), eq(importJobs.id, job.id)))
      .returning();
    return toImportJob(updated!);
  });
}

/** A group of rows that write one contact: rows matching the same contact, or each other, in this batch. */
interface Group {
  contactId: string | null;
  rows: { rowNumber: number; patch: RowPatch; create?: PreparedContact }[];
}

/**
 * Validates, matches and writes a batch. Rows that match the same contact (an existing one, or one an
 * earlier row of the batch creates) are applied in file order onto one input, so each contact is written
 * once; new contacts go through the set-based `importContacts`.
 */
async function writeRows(ctx: Context, prepared: PreparedRows, { plan, divisionId }: BatchSetup) {
  // Copies: a batch whose transaction is retried must start from the prepared state again.
  const errors = [...prepared.errors];
  const failed = new Set(prepared.failed);
  const candidates = prepared.candidates;

  const existing = await existingMatches(ctx, plan, [...new Set(candidates.flatMap((c) => c.keys))]);
  const groups: Group[] = [];
  const byKey = new Map<string, Group>();
  const byContact = new Map<string, Group>();
  for (const c of candidates) {
    let group: Group | undefined;
    for (const key of c.keys) {
      group = byKey.get(key);
      const contactId = existing.get(key);
      if (!group && contactId) {
        group = byContact.get(contactId) ?? { contactId, rows: [] };
        if (!byContact.has(contactId)) {
          byContact.set(contactId, group);
          groups.push(group);
        }
      }
      if (group) break;
    }
    if (!group) {
      group = { contactId: null, rows: [] };
      groups.push(group);
    }
    group.rows.push({ rowNumber: c.rowNumber, patch: c.patch, create: c.create });
    for (const key of c.keys) if (!byKey.has(key)) byKey.set(key, group);
  }

  const options = { merge: plan.mergeContacts, externalSourceId: plan.externalSourceId };
  const fold = (base: ContactInput, group: Group) =>
    group.rows.reduce((input, r) => applyRowPatch(input, r.patch, options), base);
  const fail = (group: Group, input: ContactInput, error: DomainError) => {
    for (const r of group.rows) {
      failed.add(r.rowNumber);
      if (error.issues.length === 0)
        errors.push({ rowNumber: r.rowNumber, field: "", message: error.message });
      for (const issue of error.issues)
        errors.push({
          rowNumber: r.rowNumber,
          field: issueColumn(issue.path, input, plan.mappings),
          message: issue.message,
        });
    }
  };

  let created = 0;
  let updated = 0;
  const updates = groups.filter((g) => g.contactId);
  const inputs = new Map<Group, ContactInput>();
  const outcomes = await updateMatchedContacts(
    ctx,
    updates.map((group) => ({
      id: group.contactId!,
      edit: (current) => {
        const input = fold(contactToInput(current), group);
        inputs.set(group, input);
        return input;
      },
    })),
  );
  outcomes.forEach((outcome, i) => {
    const group = updates[i]!;
    if (outcome.ok) updated += group.rows.length;
    else fail(group, inputs.get(group) ?? {}, outcome.error);
  });

  const creates = groups.filter((g) => !g.contactId);
  // A contact of one row was prepared with the row (the same fold, parsed); one of several rows is folded here.
  const ready = creates.map((g) => (g.rows.length === 1 ? g.rows[0]!.create : undefined));
  const newInputs = creates.map((g, i) => {
    const made = ready[i];
    return made && !(made instanceof Error) ? (made.input as ContactInput) : fold({ divisionId }, g);
  });
  const results = newInputs.length ? await importContacts(ctx, newInputs, ready) : [];
  results.forEach((result, i) => {
    const group = creates[i]!;
    if (result.ok) {
      created += 1;
      updated += group.rows.length - 1; // later rows of the group updated the contact the first one created
    } else fail(group, newInputs[i]!, result.error);
  });

  errors.sort((a, b) => a.rowNumber - b.rowNumber);
  return { created, updated, failedRows: failed.size, errors };
}

/**
 * Existing live contacts by match key (`externalId:`, `email:`, `phone:`). Each key kind is one lookup on its
 * own index, then one lookup of the owners among live contacts: no join for the planner to choose. Into a
 * tenant that statistics still call empty, a join ran as a scan of the tenant's contact points per contact,
 * and an import slowed to tens of rows a second as it grew.
 */
async function existingMatches(
  ctx: Context,
  plan: ImportJobPlan,
  keys: string[],
): Promise<Map<string, string>> {
  const of = (prefix: string) => keys.filter((k) => k.startsWith(prefix)).map((k) => k.slice(prefix.length));
  const ext = of("externalId:");
  const byExternalId = async () => {
    if (!ext.length || !plan.externalSourceId) return [];
    const rows = await ctx.db
      .select({ value: externalIds.value, id: externalIds.entityId })
      .from(externalIds)
      .where(
        and(
          eq(externalIds.tenantId, ctx.tenantId),
          eq(externalIds.sourceId, plan.externalSourceId),
          eq(externalIds.entityType, "contact"),
          inArray(externalIds.value, ext),
        ),
      );
    return rows.map((r) => ({ key: `externalId:${r.value}`, id: r.id }));
  };
  const byPoint = async (kind: "email" | "phone") => {
    const values = of(`${kind}:`);
    if (values.length === 0) return [];
    const rows = await ctx.db
      .select({ value: contactPoints.value, id: contactPoints.ownerId })
      .from(contactPoints)
      .where(
        and(
          eq(contactPoints.tenantId, ctx.tenantId),
          eq(contactPoints.kind, kind),
          eq(contactPoints.ownerKind, "contact"),
          inArray(contactPoints.value, values),
        ),
      );
    return rows.map((r) => ({ key: `${kind}:${r.value}`, id: r.id }));
  };
  // Sent together: the batch's transaction pipelines them, one round trip for the three.
  const candidates = (await Promise.all([byExternalId(), byPoint("email"), byPoint("phone")])).flat();
  if (candidates.length === 0) return new Map();
  const live = await ctx.db
    .select({ id: contacts.id, number: contacts.number })
    .from(contacts)
    .where(
      and(
        eq(contacts.tenantId, ctx.tenantId),
        inArray(contacts.id, [...new Set(candidates.map((c) => c.id))]),
        isNull(contacts.deletedAt),
        isNull(contacts.canonicalContactId),
        plan.divisionIds ? inArray(contacts.divisionId, plan.divisionIds) : undefined,
      ),
    );
  const numbers = new Map(live.map((c) => [c.id, c.number]));
  // Several contacts may share an address: the oldest one is the match, whichever run asks.
  const found = new Map<string, string>();
  for (const c of candidates
    .filter((c) => numbers.has(c.id))
    .sort((a, b) => numbers.get(a.id)! - numbers.get(b.id)!))
    if (!found.has(c.key)) found.set(c.key, c.id);
  return found;
}

const ERROR_PAGE = 5000;

/** The error report, read from the job's row errors a page at a time (memory stays flat). */
async function* errorReport(ctx: Context, jobId: string) {
  yield csvText([[...ERROR_REPORT_COLUMNS]]);
  let after = { row: 0, position: -1 };
  for (;;) {
    const page = await ctx.db
      .select()
      .from(importRowErrors)
      .where(
        and(
          eq(importRowErrors.tenantId, ctx.tenantId),
          eq(importRowErrors.jobId, jobId),
          or(
            gt(importRowErrors.rowNumber, after.row),
            and(eq(importRowErrors.rowNumber, after.row), gt(importRowErrors.position, after.position)),
          ),
        ),
      )
      .orderBy(asc(importRowErrors.rowNumber), asc(importRowErrors.position))
      .limit(ERROR_PAGE);
    if (page.length === 0) return;
    yield csvText(page.map((e) => [e.rowNumber, e.field, e.message]));
    const last = page.at(-1)!;
    after = { row: last.rowNumber, position: last.position };
    if (page.length < ERROR_PAGE) return;
  }
}

export const importErrorReportKey = (tenantId: string, jobId: string) =>
  `imports/${tenantId}/${jobId}-errors.csv`;

/** Writes the error report under a fixed key (a re-run overwrites it) and completes the job with it. */
async function finish(ctx: Context, jobId: string, options: RunImportOptions): Promise<ImportJob> {
  const key = importErrorReportKey(ctx.tenantId, jobId);
  const size = await options.storage.write(key, errorReport(ctx, jobId));
  return settle(
    ctx,
    jobId,
    options.owner,
    { status: "Completed" },
    { name: `import-${jobId}-errors.csv`, size, key },
  );
}

async function settle(
  ctx: Context,
  jobId: string,
  owner: string,
  outcome: { status: "Completed" | "Failed"; statusDetails?: string },
  report?: { name: string; size: number; key: string },
): Promise<ImportJob> {
  return inTransaction(ctx, async (tx) => {
    const row = await lockJob(tx, jobId);
    // Cancelled meanwhile, or taken over by another worker: its state stands.
    if (row.status !== "Running" || row.leaseOwner !== owner) return toImportJob(row);
    let errorFileId: string | null = row.errorFileId;
    if (report) {
      const [file] = await tx.db
        .insert(files)
        .values({
          tenantId: tx.tenantId,
          name: report.name,
          contentType: "text/csv",
          size: report.size,
          storageKey: report.key,
        })
        .returning({ id: files.id });
      errorFileId = file!.id;
    }
    const details =
      outcome.statusDetails ??
      `${row.succeededRows} of ${row.processedRows} rows imported (${row.createdRows} created, ${row.updatedRows} updated), ${row.failedRows} failed`;
    const [updated] = await tx.db
      .update(importJobs)
      .set({
        status: outcome.status,
        statusDetails: details,
        errorFileId,
        leaseOwner: null,
        completedAt: new Date(),
        modifiedAt: new Date(),
      })
      .where(and(eq(importJobs.tenantId, tx.tenantId), eq(importJobs.id, jobId)))
      .returning();
    return toImportJob(updated!);
  });
}

/**
 * Maintenance across tenants (run by every worker): Running jobs whose lease went stale, their worker dead,
 * are released and enqueued again; the next run resumes after their checkpoint. Returns how many.
 */
export async function reviveStaleImports(
  db: Executor,
  jobs: JobQueue,
  leaseMs = IMPORT_LEASE_MS,
): Promise<number> {
  const stale = await db
    .update(importJobs)
    .set({ leaseOwner: null, leaseSeenAt: sql`now()` })
    .where(
      and(
        eq(importJobs.status, "Running"),
        lt(importJobs.leaseSeenAt, sql`now() - ${leaseMs} * interval '1 millisecond'`),
      ),
    )
    .returning({ tenantId: importJobs.tenantId, id: importJobs.id });
  for (const job of stale) await jobs.enqueue(db, "import", { tenantId: job.tenantId, jobId: job.id });
  return stale.length;
}
