import {
  and,
  asc,
  contactPoints,
  contacts,
  desc,
  divisions,
  type ExportJobRow,
  eq,
  exportJobs,
  files,
  gt,
  inArray,
  isNotNull,
  isNull,
  notes,
  organizations,
  relationships,
  type SQL,
  sql,
} from "@switchboard/db";
import { allows, PERMISSIONS } from "../access/permissions";
import { fromContactPoints } from "../contact-points";
import { toContact } from "../contacts/rows";
import { csvText } from "../files/csv";
import type { FileDownload, FileStorage } from "../files/storage";
import { diff, recordChangeSet } from "../history";
import { tagNamesOf } from "../profile/tags";
import { type Context, inTransaction, requirePermission } from "../shared/context";
import { forbidden, notFound, validationFailed } from "../shared/errors";
import { isUuid } from "../shared/ids";
import { requireDivision } from "../shared/records";
import { parseInput } from "../shared/validation";
import { exportWhere, noteDivision, relationshipDivision } from "./filters";
import {
  type CreateExportInput,
  createExportInput,
  EXPORT_ENTITY_TYPES,
  EXPORT_ROW_LIMIT,
  type ExportEntityType,
  type ExportJob,
  type ExportPage,
  type ExportQueryConditions,
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
  NOTE_EXPORT_COLUMNS,
  noteExportRecord,
  ORGANIZATION_EXPORT_COLUMNS,
  organizationExportRecord,
  RELATIONSHIP_EXPORT_COLUMNS,
  relationshipExportRecord,
} from "./rules";

const ENTITY = "export";
/** Contacts read per query while writing a file: memory stays flat however large the export. */
const BATCH_SIZE = 1000;
const HISTORY_IGNORED = ["id", "createdAt"];

/**
 * What reading an export of each kind needs besides the export permission: the view permission of what
 * it holds (Genesys: notes hang off contacts and organizations, relationships off organizations).
 */
const VIEW_PERMISSIONS: Record<ExportEntityType, string[]> = {
  contacts: [PERMISSIONS.contactView],
  organizations: [PERMISSIONS.organizationView],
  notes: [PERMISSIONS.contactView, PERMISSIONS.organizationView],
  relationships: [PERMISSIONS.organizationView],
};

function toExportJob(row: ExportJobRow): ExportJob {
  const { divisionIds, queryConditions } = row.request;
  return {
    id: row.id,
    entityType: row.entityType,
    status: row.status,
    divisionIds: Array.isArray(divisionIds) ? divisionIds.map(String) : [],
    queryConditions: (queryConditions as ExportQueryConditions | undefined) ?? null,
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
  requirePermission(ctx, PERMISSIONS.exportAdd);
  const valid = parseInput(createExportInput, input);
  requirePermission(ctx, ...VIEW_PERMISSIONS[valid.entityType]);
  const jobs = ctx.jobs;
  if (!jobs) throw new Error("createExport needs ctx.jobs: the export is enqueued with its row");
  const divisionIds = visibleDivisions(ctx, [...new Set(valid.divisionIds ?? [])]);
  const queryConditions = valid.queryConditions;
  // A filter the worker could not translate is refused now, with the caller's field paths, not later.
  exportWhere(valid.entityType, { divisionIds, filters: queryConditions?.filters });
  return inTransaction(ctx, async (tx) => {
    await checkDivisions(tx, divisionIds);
    const [row] = await tx.db
      .insert(exportJobs)
      .values({
        tenantId: tx.tenantId,
        entityType: valid.entityType,
        request: { divisionIds, ...(queryConditions && { queryConditions }) },
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

/**
 * The divisions an export may cover: the worker runs it as the system, so a principal limited to some
 * divisions has the limit written into the request (all of its divisions when it named none, 403 for a
 * division outside them).
 */
function visibleDivisions(ctx: Context, requested: string[]): string[] {
  const allowed = ctx.actor.divisionIds;
  if (!allowed) return requested;
  for (const id of requested) requireDivision(ctx, id);
  if (requested.length) return requested;
  if (allowed.size === 0) throw forbidden("a division to export from");
  return [...allowed];
}

/**
 * Whether the actor may read an export: its file holds records of the divisions the export covers (none
 * listed: every division), so only an actor who sees every one of them may, like for the records themselves.
 */
export function exportVisibleTo(actor: Context["actor"], exportDivisionIds: readonly string[]): boolean {
  const allowed = actor.divisionIds;
  if (!allowed) return true;
  return exportDivisionIds.length > 0 && exportDivisionIds.every((id) => allowed.has(id));
}

/** One export; with `entityType`, only an export of that kind (a dialect addresses each kind on its own path). */
export async function getExport(ctx: Context, id: string, entityType?: ExportEntityType): Promise<ExportJob> {
  requirePermission(ctx, PERMISSIONS.exportView);
  if (entityType) requirePermission(ctx, ...VIEW_PERMISSIONS[entityType]);
  const row = await findRow(ctx, id);
  if (entityType && row.entityType !== entityType) throw notFound(ENTITY, id);
  // An export covering a division the actor cannot see is not found, as the records in it would not be.
  if (!exportVisibleTo(ctx.actor, toExportJob(row).divisionIds)) throw notFound(ENTITY, id);
  requirePermission(ctx, ...VIEW_PERMISSIONS[row.entityType]);
  return toExportJob(row);
}

/** Exports newest first, paged by an opaque cursor that neither skips nor repeats under concurrent inserts. */
export async function listExports(ctx: Context, params: ListExportsInput = {}): Promise<ExportPage> {
  requirePermission(ctx, PERMISSIONS.exportView);
  const { entityType, after, pageSize, divisionIds } = parseInput(listExportsInput, params);
  if (entityType) requirePermission(ctx, ...VIEW_PERMISSIONS[entityType]);
  // Without a kind: every kind whose contents the actor may view.
  const kinds = entityType
    ? [entityType]
    : EXPORT_ENTITY_TYPES.filter((k) => VIEW_PERMISSIONS[k].every((p) => allows(ctx.actor.permissions, p)));
  if (kinds.length === 0) throw forbidden(VIEW_PERMISSIONS.contacts.join(" or "));
  const cursor = after ? decodeExportCursor(after) : null;
  if (after && !cursor)
    throw validationFailed([{ path: "after", message: "is not a cursor of this listing" }]);

  const filters: (SQL | undefined)[] = [
    eq(exportJobs.tenantId, ctx.tenantId),
    kinds.length === 1 ? eq(exportJobs.entityType, kinds[0]!) : inArray(exportJobs.entityType, kinds),
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
  const allowed = ctx.actor.divisionIds;
  if (allowed) {
    // Only exports the actor may read (`exportVisibleTo`): some divisions, all of them the actor's.
    const mine = sql.join(
      [...allowed].map((id) => sql`${id}`),
      sql`, `,
    );
    filters.push(
      allowed.size
        ? sql`jsonb_array_length(${exportJobs.request} -> 'divisionIds') > 0 and ${exportJobs.request} -> 'divisionIds' <@ to_jsonb(array[${mine}]::text[])`
        : sql`false`,
    );
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
  const job = toExportJob(await findRow(ctx, exportId));
  requirePermission(ctx, ...VIEW_PERMISSIONS[job.entityType]);
  if (job.status !== "RUNNING") return job;
  try {
    const key = exportStorageKey(ctx.tenantId, job.id);
    const counter = { rows: 0 };
    const size = await storage.write(key, exportCsv(ctx, job, counter));
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

/**
 * The contact points of a batch's owners, found by the batch's number range rather than a list of a thousand
 * ids (a long IN list costs more to send and plan than the rows it returns). `= any(array(...))` probes the
 * owner index once per owner, where `in (select ...)` lets the planner scan every point of the tenant.
 */
async function pointsOfRange(
  ctx: Context,
  owners: typeof contacts | typeof organizations,
  first: number,
  last: number,
) {
  const ownerKind = owners === contacts ? "contact" : "organization";
  // Both tables share the key and number columns; one typed view keeps the query readable.
  const t = owners as typeof contacts;
  const points = await ctx.db
    .select()
    .from(contactPoints)
    .where(
      and(
        eq(contactPoints.tenantId, ctx.tenantId),
        eq(contactPoints.ownerKind, ownerKind),
        sql`${contactPoints.ownerId} = any(array(select ${t.id} from ${t} where ${t.tenantId} = ${ctx.tenantId} and ${t.number} between ${first} and ${last}))`,
      ),
    );
  const byOwner = new Map<string, typeof points>();
  for (const p of points) {
    const owned = byOwner.get(p.ownerId);
    if (owned) owned.push(p);
    else byOwner.set(p.ownerId, [p]);
  }
  return byOwner;
}

interface Batch {
  records: string[][];
  /** The keyset `number` of the batch's last row: the next batch starts after it. */
  last: number;
  /** Rows read, which is the batch size asked for unless the table ran out. */
  read: number;
}

/**
 * Per kind: the CSV header and a keyset-ordered batch reader. Every reader is scoped to the tenant and to
 * live records, and narrowed by `where` (the export's divisions and filters, see `exportWhere`).
 */
const EXPORTERS: Record<
  ExportEntityType,
  {
    columns: string[];
    batch(ctx: Context, where: SQL | undefined, after: number, limit: number): Promise<Batch>;
  }
> = {
  contacts: {
    columns: CONTACT_EXPORT_COLUMNS,
    async batch(ctx, where, after, limit) {
      const rows = await ctx.db
        .select()
        .from(contacts)
        .where(
          and(
            eq(contacts.tenantId, ctx.tenantId),
            isNull(contacts.deletedAt),
            isNull(contacts.canonicalContactId),
            gt(contacts.number, after),
            where,
          ),
        )
        .orderBy(asc(contacts.number))
        .limit(limit);
      const first = rows[0]?.number;
      const last = rows.at(-1)?.number;
      if (first === undefined || last === undefined) return { records: [], last: after, read: 0 };
      const points = await pointsOfRange(ctx, contacts, first, last);
      // The CSV has no external-id column, so none are read.
      const records = rows.map((r) => contactExportRecord(toContact(r, points.get(r.id) ?? [])));
      return { records, last, read: rows.length };
    },
  },
  organizations: {
    columns: ORGANIZATION_EXPORT_COLUMNS,
    async batch(ctx, where, after, limit) {
      const rows = await ctx.db
        .select()
        .from(organizations)
        .where(
          and(
            eq(organizations.tenantId, ctx.tenantId),
            isNull(organizations.deletedAt),
            gt(organizations.number, after),
            where,
          ),
        )
        .orderBy(asc(organizations.number))
        .limit(limit);
      const first = rows[0]?.number;
      const last = rows.at(-1)?.number;
      if (first === undefined || last === undefined) return { records: [], last: after, read: 0 };
      const points = await pointsOfRange(ctx, organizations, first, last);
      const tags = await tagNamesOf(
        ctx,
        "organization",
        rows.map((r) => r.id),
      );
      const records = rows.map((r) => {
        const { phones, addresses } = fromContactPoints(points.get(r.id) ?? []);
        return organizationExportRecord({
          ...r,
          tags: tags.get(r.id) ?? [],
          websites: r.websites ?? [],
          phones,
          addresses,
        });
      });
      return { records, last, read: rows.length };
    },
  },
  notes: {
    columns: NOTE_EXPORT_COLUMNS,
    async batch(ctx, where, after, limit) {
      // Notes of a deleted (or merged-away) parent have no division: they are not exported.
      const rows = await ctx.db
        .select({ note: notes, divisionId: sql<string>`${noteDivision}` })
        .from(notes)
        .where(and(eq(notes.tenantId, ctx.tenantId), isNotNull(noteDivision), gt(notes.number, after), where))
        .orderBy(asc(notes.number))
        .limit(limit);
      return {
        records: rows.map((r) => noteExportRecord({ ...r.note, divisionId: r.divisionId })),
        last: rows.at(-1)?.note.number ?? after,
        read: rows.length,
      };
    },
  },
  relationships: {
    columns: RELATIONSHIP_EXPORT_COLUMNS,
    async batch(ctx, where, after, limit) {
      const rows = await ctx.db
        .select({ relationship: relationships, divisionId: sql<string>`${relationshipDivision}` })
        .from(relationships)
        .where(
          and(
            eq(relationships.tenantId, ctx.tenantId),
            isNotNull(relationshipDivision),
            gt(relationships.number, after),
            where,
          ),
        )
        .orderBy(asc(relationships.number))
        .limit(limit);
      return {
        records: rows.map((r) => relationshipExportRecord({ ...r.relationship, divisionId: r.divisionId })),
        last: rows.at(-1)?.relationship.number ?? after,
        read: rows.length,
      };
    },
  },
};

/** The CSV as chunks of one header or one batch of rows, in keyset order, at most `limit` rows. */
async function* exportCsv(ctx: Context, job: ExportJob, counter: { rows: number }) {
  const exporter = EXPORTERS[job.entityType];
  const where = exportWhere(job.entityType, {
    divisionIds: job.divisionIds,
    filters: job.queryConditions?.filters,
  });
  const limit = job.queryConditions?.limit ?? EXPORT_ROW_LIMIT;
  yield csvText([exporter.columns]);
  let after = 0;
  while (counter.rows < limit) {
    const size = Math.min(BATCH_SIZE, limit - counter.rows);
    const batch = await exporter.batch(ctx, where, after, size);
    if (batch.records.length) yield csvText(batch.records);
    counter.rows += batch.records.length;
    after = batch.last;
    if (batch.read < size) return;
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
  entityType?: ExportEntityType,
): Promise<FileDownload> {
  const job = await getExport(ctx, id, entityType);
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
