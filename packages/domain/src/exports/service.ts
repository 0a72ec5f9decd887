import {
  and,
  desc,
  divisions,
  type ExportJobRow,
  eq,
  exportJobs,
  files,
  inArray,
  type SQL,
  sql,
} from "@switchboard/db";
import { stringify } from "csv-stringify/sync";
import { PERMISSIONS } from "../access/permissions";
import { contactsAfter } from "../contacts/service";
import type { FileStorage } from "../files/storage";
import { diff, recordChangeSet } from "../history";
import { type Context, inTransaction, requirePermission } from "../shared/context";
import { notFound, validationFailed } from "../shared/errors";
import { isUuid } from "../shared/ids";
import { parseInput } from "../shared/validation";
import {
  type CreateExportInput,
  createExportInput,
  type ExportDownload,
  type ExportJob,
  type ExportPage,
  type ListExportsInput,
  listExportsInput,
} from "./model";
import {
  CONTACT_EXPORT_COLUMNS,
  contactExportRecord,
  decodeExportCursor,
  encodeExportCursor,
  exportFileName,
  exportStorageKey,
} from "./rules";

const ENTITY = "export";
/** Contacts read per query while writing a file: memory stays flat however large the export. */
const BATCH_SIZE = 1000;
const HISTORY_IGNORED = ["id", "createdAt"];

function toExportJob(row: ExportJobRow): ExportJob {
  const divisionIds = row.request.divisionIds;
  return {
    id: row.id,
    entityType: row.entityType,
    status: row.status,
    divisionIds: Array.isArray(divisionIds) ? divisionIds.map(String) : [],
    rowCount: row.rowCount,
    error: row.error,
    createdAt: row.createdAt,
    completedAt: row.completedAt,
    fileId: row.fileId,
    createdBy: { kind: row.createdByKind, id: row.createdById },
  };
}

async function findRow(ctx: Context, id: string, forUpdate = false): Promise<ExportJobRow> {
  if (!isUuid(id)) throw notFound(ENTITY, id);
  const query = ctx.db
    .select()
    .from(exportJobs)
    .where(and(eq(exportJobs.tenantId, ctx.tenantId), eq(exportJobs.id, id)));
  const [row] = forUpdate ? await query.for("update") : await query;
  if (!row) throw notFound(ENTITY, id);
  return row;
}

async function checkDivisions(ctx: Context, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  const found = await ctx.db
    .select({ id: divisions.id })
    .from(divisions)
    .where(and(eq(divisions.tenantId, ctx.tenantId), inArray(divisions.id, ids)));
  const known = new Set(found.map((d) => d.id));
  const issues = ids.flatMap((id, i) =>
    known.has(id) ? [] : [{ path: `divisionIds.${i}`, message: `division ${id} does not exist` }],
  );
  if (issues.length) throw validationFailed(issues);
}

// ------------------------------------------------------------------------------------------- verbs

/**
 * Starts an export: the row (RUNNING) and its `export` job are written in one transaction, so a job never
 * points at a missing row and a row never waits for a job that was not sent.
 */
export async function createExport(ctx: Context, input: CreateExportInput): Promise<ExportJob> {
  requirePermission(ctx, PERMISSIONS.exportAdd, PERMISSIONS.contactView);
  const valid = parseInput(createExportInput, input);
  const jobs = ctx.jobs;
  if (!jobs) throw new Error("createExport needs ctx.jobs: the export is enqueued with its row");
  const divisionIds = [...new Set(valid.divisionIds ?? [])];
  return inTransaction(ctx, async (tx) => {
    await checkDivisions(tx, divisionIds);
    const [row] = await tx.db
      .insert(exportJobs)
      .values({
        tenantId: tx.tenantId,
        entityType: valid.entityType,
        request: { divisionIds },
        createdByKind: tx.actor.kind,
        createdById: tx.actor.id,
      })
      .returning();
    if (!row) throw new Error("insert returned no row");
    await jobs.enqueue(tx.db, "export", { tenantId: tx.tenantId, exportId: row.id });
    const created = toExportJob(row);
    await recordChangeSet(tx, {
      entityType: ENTITY,
      entityId: row.id,
      action: "create",
      changes: diff({}, created, HISTORY_IGNORED),
    });
    return created;
  });
}

export async function getExport(ctx: Context, id: string): Promise<ExportJob> {
  requirePermission(ctx, PERMISSIONS.exportView, PERMISSIONS.contactView);
  return toExportJob(await findRow(ctx, id));
}

/** Exports newest first, paged by an opaque cursor that neither skips nor repeats under concurrent inserts. */
export async function listExports(ctx: Context, params: ListExportsInput): Promise<ExportPage> {
  requirePermission(ctx, PERMISSIONS.exportView, PERMISSIONS.contactView);
  const { entityType, after, pageSize, divisionIds } = parseInput(listExportsInput, params);
  const cursor = after ? decodeExportCursor(after) : null;
  if (after && !cursor)
    throw validationFailed([{ path: "after", message: "is not a cursor of this listing" }]);

  const filters: (SQL | undefined)[] = [
    eq(exportJobs.tenantId, ctx.tenantId),
    eq(exportJobs.entityType, entityType),
  ];
  if (cursor) {
    // Row comparison in index order; the timestamp is rebuilt from whole microseconds, so it is exact.
    filters.push(
      sql`(${exportJobs.createdAt}, ${exportJobs.id}) < (timestamptz 'epoch' + ${cursor.micros}::bigint * interval '1 microsecond', ${cursor.id}::uuid)`,
    );
  }
  if (divisionIds?.length) {
    const ids = sql.join(
      divisionIds.map((id) => sql`${id}`),
      sql`, `,
    );
    filters.push(sql`${exportJobs.request} -> 'divisionIds' ?| array[${ids}]::text[]`);
  }
  const rows = await ctx.db
    .select({
      row: exportJobs,
      micros: sql<string>`(extract(epoch from ${exportJobs.createdAt}) * 1000000)::bigint::text`,
    })
    .from(exportJobs)
    .where(and(...filters))
    .orderBy(desc(exportJobs.createdAt), desc(exportJobs.id))
    .limit(pageSize + 1);

  const page = rows.slice(0, pageSize);
  const last = page.at(-1);
  return {
    entities: page.map((r) => toExportJob(r.row)),
    nextCursor:
      rows.length > pageSize && last ? encodeExportCursor({ micros: last.micros, id: last.row.id }) : null,
  };
}

/**
 * The body of the `export` job, safe to run any number of times. A finished export is left as it is. An
 * interrupted one starts over: the file is written whole under a fixed key and recorded, with the status,
 * in one transaction at the end, so a killed worker leaves nothing behind that a re-run could duplicate.
 */
export async function runExport(ctx: Context, exportId: string, storage: FileStorage): Promise<ExportJob> {
  requirePermission(ctx, PERMISSIONS.contactView);
  const job = toExportJob(await findRow(ctx, exportId));
  if (job.status !== "RUNNING") return job;
  try {
    if (job.entityType !== "contacts") throw new Error(`exports of ${job.entityType} are not supported`);
    const key = exportStorageKey(ctx.tenantId, job.id);
    const counter = { rows: 0 };
    const size = await storage.write(key, contactsCsv(ctx, job.divisionIds, counter));
    const file = {
      name: exportFileName(job.entityType, job.id),
      contentType: "text/csv",
      size,
      storageKey: key,
    };
    return await finish(ctx, job.id, { status: "SUCCEEDED", rowCount: counter.rows, file });
  } catch (error) {
    // A failure to record the failure escapes, so the queue retries the job later.
    const message = error instanceof Error ? error.message : String(error);
    return finish(ctx, job.id, { status: "FAILED", error: message.slice(0, 2000) });
  }
}

/** The CSV as chunks of one header or one batch of rows, read in contact-number order. */
async function* contactsCsv(ctx: Context, divisionIds: string[], counter: { rows: number }) {
  yield stringify([CONTACT_EXPORT_COLUMNS]);
  let afterNumber = 0;
  for (;;) {
    const batch = await contactsAfter(ctx, { afterNumber, limit: BATCH_SIZE, divisionIds });
    if (batch.length === 0) return;
    yield stringify(batch.map(contactExportRecord));
    counter.rows += batch.length;
    afterNumber = batch.at(-1)!.number;
    if (batch.length < BATCH_SIZE) return;
  }
}

type Outcome =
  | {
      status: "SUCCEEDED";
      rowCount: number;
      file: { name: string; contentType: string; size: number; storageKey: string };
    }
  | { status: "FAILED"; error: string };

async function finish(ctx: Context, id: string, outcome: Outcome): Promise<ExportJob> {
  return inTransaction(ctx, async (tx) => {
    const row = await findRow(tx, id, true);
    // Another run got here first (a retried job overtaking a slow one): its result stands.
    if (row.status !== "RUNNING") return toExportJob(row);
    let fileId: string | null = null;
    if (outcome.status === "SUCCEEDED") {
      const [file] = await tx.db
        .insert(files)
        .values({ tenantId: tx.tenantId, ...outcome.file })
        .returning({ id: files.id });
      fileId = file!.id;
    }
    const [updated] = await tx.db
      .update(exportJobs)
      .set({
        status: outcome.status,
        rowCount: outcome.status === "SUCCEEDED" ? outcome.rowCount : null,
        error: outcome.status === "FAILED" ? outcome.error : null,
        fileId,
        completedAt: sql`now()`,
      })
      .where(and(eq(exportJobs.tenantId, tx.tenantId), eq(exportJobs.id, id)))
      .returning();
    const before = toExportJob(row);
    const after = toExportJob(updated!);
    await recordChangeSet(tx, {
      entityType: ENTITY,
      entityId: id,
      action: "update",
      changes: diff(before, after, HISTORY_IGNORED),
    });
    return after;
  });
}

/** The finished file of an export, to stream to the caller. Not found until the export has SUCCEEDED. */
export async function openExportDownload(
  ctx: Context,
  id: string,
  storage: FileStorage,
): Promise<ExportDownload> {
  requirePermission(ctx, PERMISSIONS.exportView, PERMISSIONS.contactView);
  const job = await findRow(ctx, id);
  const [file] =
    job.status === "SUCCEEDED" && job.fileId
      ? await ctx.db
          .select()
          .from(files)
          .where(and(eq(files.tenantId, ctx.tenantId), eq(files.id, job.fileId)))
      : [];
  const size = file ? await storage.size(file.storageKey) : null;
  if (!file || size === null) throw notFound("export file", id);
  return { stream: storage.read(file.storageKey), fileName: file.name, contentType: "text/csv", size };
}
