import {
  and,
  asc,
  contacts,
  type DfsExportJobRow,
  dfsExportJobs,
  eq,
  files,
  gt,
  inArray,
  isNull,
  organizations,
  type SQL,
  sql,
} from "@switchboard/db";
import { PERMISSIONS } from "../access/permissions";
import { csvText } from "../files/csv";
import type { FileDownload, FileStorage } from "../files/storage";
import { type Context, inTransaction, requirePermission } from "../shared/context";
import { forbidden, notFound, unprocessable, validationFailed } from "../shared/errors";
import { isUuid } from "../shared/ids";
import { type DfsField, dfsFieldAt, dfsFields } from "./fields";
import { type Filter, FilterSyntaxError, parseExportQuery } from "./filter";
import { filterCondition } from "./filter-sql";
import type { DfsExportJob, DfsExportRequest, DfsTransferKind } from "./model";

const ENTITY = "export job";
/** Records read per query while writing the file: memory stays flat however large the export. */
const BATCH_SIZE = 1000;

const VIEW: Record<DfsTransferKind, string> = {
  contacts: PERMISSIONS.contactView,
  "legal-entities": PERMISSIONS.organizationView,
};

const ROOT = { contacts: "contacts", "legal-entities": "legalentities" } as const;

const toJob = (row: DfsExportJobRow): DfsExportJob => ({
  id: row.id,
  kind: row.kind,
  status: row.status,
  rowCount: row.rowCount,
  error: row.error,
});

/** The record condition of an export: tenant, live records, the creator's divisions, and the filter. */
function exportWhere(
  ctx: Context,
  kind: DfsTransferKind,
  request: DfsExportRequest,
  fields: DfsField[],
): SQL {
  const t = kind === "contacts" ? contacts : organizations;
  const base = [
    eq(t.tenantId, ctx.tenantId),
    isNull(t.deletedAt),
    kind === "contacts" ? isNull(contacts.canonicalContactId) : undefined,
    request.divisionIds ? inArray(t.divisionId, request.divisionIds) : undefined,
    request.where ? filterCondition(request.where, (path) => dfsFieldAt(fields, path)) : undefined,
  ];
  return and(...base)!;
}

/**
 * Starts a DFS export (#30, #31): `query` is the request's GraphQL text (empty: every record). The query is
 * parsed and translated now, so a bad one is a 400 naming the problem; the job row and its `dfs-export` job
 * are written in one transaction.
 */
export async function startDfsExport(
  ctx: Context,
  kind: DfsTransferKind,
  query: string,
): Promise<DfsExportJob> {
  requirePermission(ctx, PERMISSIONS.exportAdd, VIEW[kind]);
  const jobs = ctx.jobs;
  if (!jobs) throw new Error("startDfsExport needs ctx.jobs: the export is enqueued with its row");
  let where: Filter | null = null;
  if (query.trim()) {
    try {
      where = parseExportQuery(query, ROOT[kind]).where;
    } catch (error) {
      if (error instanceof FilterSyntaxError)
        throw validationFailed([{ path: "query", message: error.message }], error.message);
      throw error;
    }
  }
  const allowed = ctx.actor.divisionIds;
  if (allowed && allowed.size === 0) throw forbidden("a division to export from");
  const request: DfsExportRequest = { where, divisionIds: allowed ? [...allowed] : null };
  // A field the schema does not have is refused now, not when the worker runs it.
  exportWhere(ctx, kind, request, await dfsFields(ctx, kind));
  return inTransaction(ctx, async (tx) => {
    const [row] = await tx.db
      .insert(dfsExportJobs)
      .values({
        tenantId: tx.tenantId,
        kind,
        filter: request,
        createdByKind: tx.actor.kind,
        createdById: tx.actor.id,
      })
      .returning();
    if (!row) throw new Error("insert returned no row");
    await jobs.enqueue(tx.db, "dfs-export", { tenantId: tx.tenantId, exportId: row.id });
    return toJob(row);
  });
}

async function findRow(ctx: Context, id: string, forUpdate = false): Promise<DfsExportJobRow> {
  if (!isUuid(id)) throw notFound(ENTITY, id);
  const query = ctx.db
    .select()
    .from(dfsExportJobs)
    .where(and(eq(dfsExportJobs.tenantId, ctx.tenantId), eq(dfsExportJobs.id, id)));
  const [row] = forUpdate ? await query.for("update") : await query;
  if (!row) throw notFound(ENTITY, id);
  return row;
}

export const dfsExportKey = (tenantId: string, id: string) => `dfs-exports/${tenantId}/${id}.csv`;

/**
 * The body of the `dfs-export` job, safe to run again: the CSV is written under a temporary key, moved to its
 * published key, and recorded with the Completed status in one transaction; until then a download finds no
 * file. A finished job is left as it is.
 */
export async function runDfsExport(ctx: Context, id: string, storage: FileStorage): Promise<DfsExportJob> {
  const row = await findRow(ctx, id);
  requirePermission(ctx, VIEW[row.kind]);
  if (row.status !== "Running") return toJob(row);
  const key = dfsExportKey(ctx.tenantId, id);
  const temporary = `${key}.${crypto.randomUUID()}.tmp`;
  try {
    const counter = { rows: 0 };
    const size = await storage.write(
      temporary,
      exportCsv(ctx, row.kind, row.filter as DfsExportRequest, counter),
    );
    await storage.move(temporary, key);
    return await finish(ctx, id, {
      status: "Completed",
      rowCount: counter.rows,
      file: { name: `${row.kind}-${id}.csv`, contentType: "text/csv", size, storageKey: key },
    });
  } catch (error) {
    await storage.remove(temporary).catch(() => {});
    const message = error instanceof Error ? error.message : String(error);
    return finish(ctx, id, { status: "Failed", error: message.slice(0, 2000) });
  }
}

/** The CSV: a header of `id` and the exportable paths, then the records in id order, a batch at a time. */
async function* exportCsv(
  ctx: Context,
  kind: DfsTransferKind,
  request: DfsExportRequest,
  counter: { rows: number },
) {
  // The schema in force when the job runs gives the columns (a field dropped since no longer filters).
  const fields = await dfsFields(ctx, kind);
  const columns = fields.filter((f) => f.exportable && f.path !== "id");
  yield csvText([["id", ...columns.map((c) => c.path)]]);
  const t = kind === "contacts" ? contacts : organizations;
  const where = exportWhere(ctx, kind, request, fields);
  const selection: Record<string, SQL> = { number: sql<number>`${t.number}` };
  columns.forEach((c, i) => {
    selection[`c${i}`] = sql<string | null>`${c.value}`;
  });
  let after = 0;
  for (;;) {
    const rows = (await ctx.db
      .select(selection)
      .from(t)
      .where(and(where, gt(t.number, after)))
      .orderBy(asc(t.number))
      .limit(BATCH_SIZE)) as Record<string, unknown>[];
    if (rows.length === 0) return;
    yield csvText(
      rows.map((r) => [r.number as number, ...columns.map((_, i) => r[`c${i}`] as string | null)]),
    );
    counter.rows += rows.length;
    after = rows.at(-1)!.number as number;
    if (rows.length < BATCH_SIZE) return;
  }
}

type Outcome =
  | {
      status: "Completed";
      rowCount: number;
      file: { name: string; contentType: string; size: number; storageKey: string };
    }
  | { status: "Failed"; error: string };

async function finish(ctx: Context, id: string, outcome: Outcome): Promise<DfsExportJob> {
  return inTransaction(ctx, async (tx) => {
    const row = await findRow(tx, id, true);
    // Another run got here first: its result stands.
    if (row.status !== "Running") return toJob(row);
    let fileId: string | null = null;
    if (outcome.status === "Completed") {
      const [file] = await tx.db
        .insert(files)
        .values({ tenantId: tx.tenantId, ...outcome.file })
        .returning({ id: files.id });
      fileId = file!.id;
    }
    const [updated] = await tx.db
      .update(dfsExportJobs)
      .set({
        status: outcome.status,
        rowCount: outcome.status === "Completed" ? outcome.rowCount : null,
        error: outcome.status === "Failed" ? outcome.error : null,
        fileId,
        completedAt: sql`now()`,
      })
      .where(and(eq(dfsExportJobs.tenantId, tx.tenantId), eq(dfsExportJobs.id, id)))
      .returning();
    return toJob(updated!);
  });
}

/**
 * The CSV of a completed export of `kind` (#28, #29). Unknown (or of the other kind): 404. Still running, or
 * failed: 422 saying so, never a partial file.
 */
export async function openDfsExportDownload(
  ctx: Context,
  kind: DfsTransferKind,
  id: string,
  storage: FileStorage,
): Promise<FileDownload> {
  requirePermission(ctx, PERMISSIONS.exportView, VIEW[kind]);
  const row = await findRow(ctx, id);
  if (row.kind !== kind) throw notFound(ENTITY, id);
  const request = row.filter as DfsExportRequest;
  const allowed = ctx.actor.divisionIds;
  if (allowed && !(request.divisionIds?.length && request.divisionIds.every((d) => allowed.has(d))))
    throw notFound(ENTITY, id);
  if (row.status === "Running") throw unprocessable(`The export job ${id} is still running; try again later`);
  if (row.status === "Failed")
    throw unprocessable(`The export job ${id} failed: ${row.error ?? "unknown error"}`);
  const [file] = row.fileId
    ? await ctx.db
        .select()
        .from(files)
        .where(and(eq(files.tenantId, ctx.tenantId), eq(files.id, row.fileId)))
    : [];
  const size = file ? await storage.size(file.storageKey) : null;
  if (!file || size === null) throw notFound("export file", id);
  return { stream: storage.read(file.storageKey), fileName: file.name, contentType: "text/csv", size };
}
