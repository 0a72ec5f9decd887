import type { Readable } from "node:stream";
import {
  and,
  asc,
  type CsvSettingsRow,
  type CsvUploadRow,
  csvSettings,
  csvUploads,
  desc,
  eq,
  externalSources,
  files,
  gt,
  type ImportJobPlan,
  type ImportJobRow,
  type ImportSettingsRow,
  importJobs,
  importSettings,
  lt,
  type SQL,
  sql,
} from "@switchboard/db";
import { PERMISSIONS } from "../access/permissions";
import { type ContactInput, contactInput } from "../contacts/model";
import type { FileDownload, FileStorage } from "../files/storage";
import { diff, recordChangeSet } from "../history";
import { type Context, inTransaction, requirePermission } from "../shared/context";
import { decodeCursor, encodeCursor } from "../shared/cursor";
import { conflict, DomainError, notFound, rejectIssues, validationFailed } from "../shared/errors";
import { isUuid } from "../shared/ids";
import { requireDivision } from "../shared/records";
import { issuesOf, nulIssues, parseInput } from "../shared/validation";
import { resolveDivision } from "../tenancy/service";
import { analyzeCsv, NotCsvError, readCsv } from "./csv";
import {
  type CreateCsvImportJobInput,
  type CreatedUpload,
  type CreateImportJobInput,
  type CreateUploadInput,
  type CsvMapping,
  type CsvPreview,
  type CsvSettings,
  type CsvSettingsInput,
  type CsvUploadDetails,
  createCsvImportJobInput,
  createImportJobInput,
  createUploadInput,
  csvSettingsInput,
  type ImportJob,
  type ImportJobAction,
  type ImportSettings,
  type ImportSettingsInput,
  importSettingsInput,
  type ListCsvSettingsInput,
  type ListImportJobsInput,
  type ListImportSettingsInput,
  listCsvSettingsInput,
  listImportJobsInput,
  listImportSettingsInput,
  MAX_UPLOAD_BYTES,
  type Page,
  type PreviewInput,
  previewInput,
  UPLOAD_TTL_MS,
} from "./model";
import {
  applyRowPatch,
  csvFileNameIssue,
  issueColumn,
  mappingIssues,
  newUploadToken,
  parseUploadToken,
  patchOf,
  plannedTargets,
  type RowPatch,
  secretMatches,
  suggestMappings,
} from "./rules";

export const UPLOAD_TOKEN_HEADER = "x-upload-token";

// ------------------------------------------------------------------------------------------- shared

/** Rows of a keyset listing after an opaque cursor (by the immutable `number`), in either direction. */
async function cursorPage<Row extends { number: number }>(
  ctx: Context,
  table: typeof importSettings | typeof csvSettings | typeof importJobs,
  filters: (SQL | undefined)[],
  params: { after?: string; pageSize: number; sortOrder?: "Ascending" | "Descending" },
): Promise<{ rows: Row[]; nextCursor: string | null }> {
  const descending = params.sortOrder === "Descending";
  const where: (SQL | undefined)[] = [eq(table.tenantId, ctx.tenantId), ...filters];
  if (params.after) {
    const decoded = decodeCursor(params.after);
    if (!decoded.ok)
      throw validationFailed([
        {
          path: "after",
          message: decoded.reason === "expired" ? "has expired" : "is not a cursor this server issued",
        },
      ]);
    where.push(descending ? lt(table.number, decoded.after) : gt(table.number, decoded.after));
  }
  const rows = (await ctx.db
    .select()
    .from(table as typeof importJobs)
    .where(and(...where))
    .orderBy(descending ? desc(table.number) : asc(table.number))
    .limit(params.pageSize + 1)) as unknown as Row[];
  const page = rows.slice(0, params.pageSize);
  const last = page.at(-1);
  return { rows: page, nextCursor: rows.length > params.pageSize && last ? encodeCursor(last.number) : null };
}

async function findById<
  T extends typeof importSettings | typeof csvSettings | typeof importJobs | typeof csvUploads,
>(ctx: Context, table: T, entity: string, id: string, forUpdate = false): Promise<T["$inferSelect"]> {
  if (!isUuid(id)) throw notFound(entity, id);
  const t = table as unknown as typeof importJobs;
  const query = ctx.db
    .select()
    .from(t)
    .where(and(eq(t.tenantId, ctx.tenantId), eq(t.id, id)));
  const [row] = forUpdate ? await query.for("update") : await query;
  if (!row) throw notFound(entity, id);
  return row as T["$inferSelect"];
}

// ------------------------------------------------------------------------------------------- import settings

const SETTINGS = "import settings";

function toSettings(row: ImportSettingsRow): ImportSettings {
  return {
    id: row.id,
    name: row.name,
    matchingCriteria: row.matchingCriteria,
    mergeContacts: row.mergeContacts,
    externalSourceId: row.externalSourceId,
    importFields: row.importFields,
    createdAt: row.createdAt,
    modifiedAt: row.modifiedAt,
  };
}

async function checkExternalSource(ctx: Context, id: string | null | undefined) {
  if (!id) return;
  const [found] = await ctx.db
    .select({ id: externalSources.id })
    .from(externalSources)
    .where(and(eq(externalSources.tenantId, ctx.tenantId), eq(externalSources.id, id)));
  if (!found)
    throw validationFailed([{ path: "externalSourceId", message: `external source ${id} does not exist` }]);
}

export async function createImportSettings(
  ctx: Context,
  input: ImportSettingsInput,
): Promise<ImportSettings> {
  requirePermission(ctx, PERMISSIONS.importSettingsAdd);
  const valid = parseInput(importSettingsInput, input);
  return inTransaction(ctx, async (tx) => {
    await checkExternalSource(tx, valid.externalSourceId);
    const [row] = await tx.db
      .insert(importSettings)
      .values({
        tenantId: tx.tenantId,
        ...valid,
        externalSourceId: valid.externalSourceId ?? null,
        createdByKind: tx.actor.kind,
        createdById: tx.actor.id,
      })
      .returning();
    const created = toSettings(row!);
    await recordChangeSet(tx, {
      entityType: "importSettings",
      entityId: row!.id,
      action: "create",
      changes: diff({}, created, ["id", "createdAt", "modifiedAt"]),
    });
    return created;
  });
}

export async function getImportSettings(ctx: Context, id: string): Promise<ImportSettings> {
  requirePermission(ctx, PERMISSIONS.importSettingsView);
  return toSettings(await findById(ctx, importSettings, SETTINGS, id));
}

export async function listImportSettings(
  ctx: Context,
  params: ListImportSettingsInput = {},
): Promise<Page<ImportSettings>> {
  requirePermission(ctx, PERMISSIONS.importSettingsViewAll);
  const valid = parseInput(listImportSettingsInput, params);
  const filters = valid.name
    ? [sql`${importSettings.name} ilike ${`%${valid.name.replace(/[\\%_]/g, "\\$&")}%`}`]
    : [];
  const { rows, nextCursor } = await cursorPage<ImportSettingsRow>(ctx, importSettings, filters, valid);
  return { entities: rows.map(toSettings), nextCursor };
}

export async function updateImportSettings(
  ctx: Context,
  id: string,
  input: ImportSettingsInput,
): Promise<ImportSettings> {
  requirePermission(ctx, PERMISSIONS.importSettingsEdit);
  const valid = parseInput(importSettingsInput, input);
  return inTransaction(ctx, async (tx) => {
    const before = toSettings(await findById(tx, importSettings, SETTINGS, id, true));
    await checkExternalSource(tx, valid.externalSourceId);
    const [row] = await tx.db
      .update(importSettings)
      .set({ ...valid, externalSourceId: valid.externalSourceId ?? null, modifiedAt: new Date() })
      .where(and(eq(importSettings.tenantId, tx.tenantId), eq(importSettings.id, id)))
      .returning();
    const after = toSettings(row!);
    const changes = diff(before, after, ["id", "createdAt", "modifiedAt"]);
    if (changes.length)
      await recordChangeSet(tx, { entityType: "importSettings", entityId: id, action: "update", changes });
    return after;
  });
}

/** Deletes settings; jobs that ran with them keep their frozen copy (`plan`), so history stays readable. */
export async function deleteImportSettings(ctx: Context, id: string): Promise<void> {
  requirePermission(ctx, PERMISSIONS.importSettingsDelete);
  await inTransaction(ctx, async (tx) => {
    await findById(tx, importSettings, SETTINGS, id, true);
    await tx.db
      .delete(importSettings)
      .where(and(eq(importSettings.tenantId, tx.tenantId), eq(importSettings.id, id)));
    await recordChangeSet(tx, { entityType: "importSettings", entityId: id, action: "delete", changes: [] });
  });
}

// ------------------------------------------------------------------------------------------- CSV settings

const CSV_SETTINGS = "CSV settings";

function toCsvSettings(row: CsvSettingsRow): CsvSettings {
  return {
    id: row.id,
    externalSettingsId: row.externalSettingsId,
    mappings: row.mappings,
    createdAt: row.createdAt,
    modifiedAt: row.modifiedAt,
  };
}

async function checkCsvSettings(
  ctx: Context,
  valid: { externalSettingsId?: string | null; mappings: CsvMapping[] },
) {
  const issues = mappingIssues(valid.mappings);
  if (valid.externalSettingsId) {
    const [found] = await ctx.db
      .select({ id: importSettings.id })
      .from(importSettings)
      .where(and(eq(importSettings.tenantId, ctx.tenantId), eq(importSettings.id, valid.externalSettingsId)));
    if (!found)
      issues.push({
        path: "externalSettingsId",
        message: `import settings ${valid.externalSettingsId} do not exist`,
      });
  }
  rejectIssues(issues);
}

export async function createCsvSettings(ctx: Context, input: CsvSettingsInput): Promise<CsvSettings> {
  requirePermission(ctx, PERMISSIONS.importCsvSettingsAdd);
  const valid = parseInput(csvSettingsInput, input);
  return inTransaction(ctx, async (tx) => {
    await checkCsvSettings(tx, valid);
    const [row] = await tx.db
      .insert(csvSettings)
      .values({
        tenantId: tx.tenantId,
        externalSettingsId: valid.externalSettingsId ?? null,
        mappings: valid.mappings,
      })
      .returning();
    const created = toCsvSettings(row!);
    await recordChangeSet(tx, {
      entityType: "csvSettings",
      entityId: row!.id,
      action: "create",
      changes: diff({}, created, ["id", "createdAt", "modifiedAt"]),
    });
    return created;
  });
}

export async function getCsvSettings(ctx: Context, id: string): Promise<CsvSettings> {
  requirePermission(ctx, PERMISSIONS.importCsvSettingsView);
  return toCsvSettings(await findById(ctx, csvSettings, CSV_SETTINGS, id));
}

export async function listCsvSettings(
  ctx: Context,
  params: ListCsvSettingsInput = {},
): Promise<Page<CsvSettings>> {
  requirePermission(ctx, PERMISSIONS.importCsvSettingsView);
  const valid = parseInput(listCsvSettingsInput, params);
  const filters = valid.externalSettingsId
    ? [eq(csvSettings.externalSettingsId, valid.externalSettingsId)]
    : [];
  const { rows, nextCursor } = await cursorPage<CsvSettingsRow>(ctx, csvSettings, filters, valid);
  return { entities: rows.map(toCsvSettings), nextCursor };
}

export async function updateCsvSettings(
  ctx: Context,
  id: string,
  input: CsvSettingsInput,
): Promise<CsvSettings> {
  requirePermission(ctx, PERMISSIONS.importCsvSettingsEdit);
  const valid = parseInput(csvSettingsInput, input);
  return inTransaction(ctx, async (tx) => {
    const before = toCsvSettings(await findById(tx, csvSettings, CSV_SETTINGS, id, true));
    await checkCsvSettings(tx, valid);
    const [row] = await tx.db
      .update(csvSettings)
      .set({
        externalSettingsId: valid.externalSettingsId ?? null,
        mappings: valid.mappings,
        modifiedAt: new Date(),
      })
      .where(and(eq(csvSettings.tenantId, tx.tenantId), eq(csvSettings.id, id)))
      .returning();
    const after = toCsvSettings(row!);
    const changes = diff(before, after, ["id", "createdAt", "modifiedAt"]);
    if (changes.length)
      await recordChangeSet(tx, { entityType: "csvSettings", entityId: id, action: "update", changes });
    return after;
  });
}

export async function deleteCsvSettings(ctx: Context, id: string): Promise<void> {
  requirePermission(ctx, PERMISSIONS.importCsvSettingsDelete);
  await inTransaction(ctx, async (tx) => {
    await findById(tx, csvSettings, CSV_SETTINGS, id, true);
    await tx.db.delete(csvSettings).where(and(eq(csvSettings.tenantId, tx.tenantId), eq(csvSettings.id, id)));
    await recordChangeSet(tx, { entityType: "csvSettings", entityId: id, action: "delete", changes: [] });
  });
}

// ------------------------------------------------------------------------------------------- uploads

const UPLOAD = "upload";

export const uploadStorageKey = (tenantId: string, uploadId: string) => `imports/${tenantId}/${uploadId}.csv`;

/** An upload whose file the cleanup removed (`removeExpiredImportFiles`): it was, and is no more. */
class UploadGone extends DomainError {
  constructor(upload: Pick<CsvUploadRow, "id" | "removedAt">) {
    super(
      "NOT_FOUND",
      `upload ${upload.id} is gone: its file was removed on ${upload.removedAt!.toISOString()} when its retention ended; upload the file again`,
      [],
      { type: UPLOAD, id: upload.id },
    );
  }
}

/**
 * Opens an upload slot: refuses a file over the size limit or not named .csv before a byte is sent, and
 * returns a token (kept only as a hash) that the upload URL accepts until it expires.
 */
export async function createUpload(ctx: Context, input: CreateUploadInput): Promise<CreatedUpload> {
  requirePermission(ctx, PERMISSIONS.importCsvUploadAdd);
  const valid = parseInput(createUploadInput, input);
  const issues = [];
  if (valid.fileSize > MAX_UPLOAD_BYTES)
    issues.push({
      path: "fileSize",
      message: `the file is ${valid.fileSize} bytes; uploads are limited to ${MAX_UPLOAD_BYTES} bytes (${MAX_UPLOAD_BYTES / 1024 / 1024} MB)`,
    });
  const nameIssue = csvFileNameIssue(valid.fileName);
  if (nameIssue) issues.push({ path: "fileName", message: `${nameIssue}; only CSV files can be imported` });
  rejectIssues(issues);
  const { token, hash } = newUploadToken(ctx.tenantId);
  const expiresAt = new Date(Date.now() + UPLOAD_TTL_MS);
  const [row] = await ctx.db
    .insert(csvUploads)
    .values({
      tenantId: ctx.tenantId,
      fileName: valid.fileName ?? null,
      declaredSize: valid.fileSize,
      tokenHash: hash,
      expiresAt,
      createdByKind: ctx.actor.kind,
      createdById: ctx.actor.id,
    })
    .returning({ id: csvUploads.id });
  return { uploadId: row!.id, token, tokenHeader: UPLOAD_TOKEN_HEADER, expiresAt, maxBytes: valid.fileSize };
}

const tooLarge = (message: string) => new DomainError("TOO_LARGE", message, [{ path: "file", message }]);

/** Passes bytes through, failing as soon as more than `limit` went by (the rest is never read). */
async function* limitBytes(body: Readable, limit: number) {
  let seen = 0;
  for await (const chunk of body as AsyncIterable<Buffer | string>) {
    seen += chunk.length;
    if (seen > limit)
      throw tooLarge(`the file is larger than the ${limit} bytes declared when the upload was requested`);
    yield chunk;
  }
}

/**
 * Receives the bytes of an upload, authorized by its token alone (the upload URL carries no bearer token).
 * Refuses an unknown or expired token, a second upload, more bytes than declared, and content that is not
 * CSV; then analyses the file and records it with the analysis in one transaction.
 */
export async function receiveUpload(
  deps: { db: Context["db"]; storage: FileStorage },
  params: { uploadId: string; token: string; body: Readable },
): Promise<CsvUploadDetails> {
  const parsed = parseUploadToken(params.token);
  const denied = () => new DomainError("UNAUTHENTICATED", "the upload token is not valid for this upload");
  if (!parsed || !isUuid(params.uploadId)) throw denied();
  const ctx: Context = {
    db: deps.db,
    tenantId: parsed.tenantId,
    actor: { kind: "system", id: "upload", name: "upload", permissions: new Set() },
  };
  const [upload] = await ctx.db
    .select()
    .from(csvUploads)
    .where(and(eq(csvUploads.tenantId, ctx.tenantId), eq(csvUploads.id, params.uploadId)));
  if (!upload || !secretMatches(parsed.secret, upload.tokenHash)) throw denied();
  if (upload.removedAt) throw new UploadGone(upload);
  if (upload.expiresAt.getTime() < Date.now())
    throw new DomainError(
      "UNAUTHENTICATED",
      `the upload URL expired at ${upload.expiresAt.toISOString()}; request a new one`,
    );
  if (upload.fileId)
    throw conflict(`upload ${upload.id} has already received its file`, { type: UPLOAD, id: upload.id });

  // Every attempt writes and checks a file of its own; only the one that records the upload moves it into
  // place, so uploads racing for one URL never mix their bytes or replace the winner's.
  const key = uploadStorageKey(ctx.tenantId, upload.id);
  const received = `${key}.${crypto.randomUUID()}.received`;
  const limit = Math.min(upload.declaredSize, MAX_UPLOAD_BYTES);
  const size = await deps.storage.write(received, limitBytes(params.body, limit));
  let analysis: Awaited<ReturnType<typeof analyzeCsv>>;
  try {
    analysis = await analyzeCsv(() => deps.storage.read(received));
  } catch (error) {
    await deps.storage.remove(received);
    if (error instanceof NotCsvError)
      throw validationFailed(
        [{ path: "file", message: error.message }],
        `The file is not CSV: ${error.message}`,
      );
    throw error;
  }
  const recorded = inTransaction(ctx, async (tx) => {
    const locked = await findById(tx, csvUploads, UPLOAD, upload.id, true);
    // Removed by the cleanup while the bytes were arriving (an upload slower than its grace period).
    if (locked.removedAt) throw new UploadGone(locked);
    if (locked.fileId)
      throw conflict(`upload ${upload.id} has already received its file`, { type: UPLOAD, id: upload.id });
    // Under the row lock: no other attempt can be between its check and its move.
    await deps.storage.move(received, key);
    const [file] = await tx.db
      .insert(files)
      .values({
        tenantId: tx.tenantId,
        name: upload.fileName ?? `${upload.id}.csv`,
        contentType: "text/csv",
        size,
        storageKey: key,
      })
      .returning({ id: files.id });
    const [row] = await tx.db
      .update(csvUploads)
      .set({
        fileId: file!.id,
        uploadedAt: new Date(),
        delimiter: analysis.delimiter,
        encoding: analysis.encoding,
        separatorValid: analysis.separatorValid,
        encodingValid: analysis.fileEncodingValid,
        headers: analysis.headers,
        rowCount: analysis.rowCount,
        lineErrors: analysis.errors,
      })
      .where(and(eq(csvUploads.tenantId, tx.tenantId), eq(csvUploads.id, upload.id)))
      .returning();
    return toDetails(row!, size);
  });
  // The losing attempt's file goes (the winner's was moved away, so this removes nothing).
  return recorded.finally(() => deps.storage.remove(received));
}

function toDetails(row: CsvUploadRow, size: number | null): CsvUploadDetails {
  const uploaded = Boolean(row.fileId);
  return {
    uploadId: row.id,
    fileName: row.fileName,
    declaredSize: row.declaredSize,
    expiresAt: row.expiresAt,
    uploaded,
    size,
    ...(uploaded && {
      delimiter: row.delimiter!,
      encoding: row.encoding as "UTF-8" | "ISO-8859-1",
      separatorValid: row.separatorValid!,
      fileEncodingValid: row.encodingValid!,
      headers: row.headers ?? [],
      rowCount: row.rowCount ?? 0,
      errors: row.lineErrors ?? [],
    }),
  };
}

/** An upload and its file; `lock` holds the upload's row, so the cleanup cannot remove the file meanwhile. */
async function uploadedFile(ctx: Context, uploadId: string, lock = false) {
  const upload = await findById(ctx, csvUploads, UPLOAD, uploadId, lock);
  if (upload.removedAt) throw new UploadGone(upload);
  if (!upload.fileId)
    throw validationFailed([
      { path: "uploadId", message: `upload ${uploadId} has not received its file yet` },
    ]);
  const [file] = await ctx.db
    .select()
    .from(files)
    .where(and(eq(files.tenantId, ctx.tenantId), eq(files.id, upload.fileId)));
  if (!file) throw notFound("upload file", uploadId);
  return { upload, file };
}

/** What the analysis of an upload found: separator, encoding, headers, row count and line errors. */
export async function getUploadDetails(ctx: Context, uploadId: string): Promise<CsvUploadDetails> {
  requirePermission(ctx, PERMISSIONS.importCsvUploadView);
  const upload = await findById(ctx, csvUploads, UPLOAD, uploadId);
  if (upload.removedAt) throw new UploadGone(upload);
  if (!upload.fileId) return toDetails(upload, null);
  const [file] = await ctx.db
    .select({ size: files.size })
    .from(files)
    .where(and(eq(files.tenantId, ctx.tenantId), eq(files.id, upload.fileId)));
  return toDetails(upload, file?.size ?? null);
}

/**
 * The first rows of an upload as they would be imported: raw cells, the contact each would create, and its
 * validation errors by the same contact rules the API applies (reference checks, such as whether an
 * external id is taken, happen when the row is written).
 */
export async function previewUpload(
  ctx: Context,
  uploadId: string,
  storage: FileStorage,
  params: PreviewInput = {},
): Promise<CsvPreview> {
  requirePermission(ctx, PERMISSIONS.importCsvUploadView);
  const valid = parseInput(previewInput, params);
  const { upload, file } = await uploadedFile(ctx, uploadId);
  const headers = upload.headers ?? [];
  let plan: ImportJobPlan = {
    mappings: valid.mappings ?? suggestMappings(headers),
    matchingCriteria: [],
    mergeContacts: false,
    externalSourceId: valid.externalSourceId ?? null,
    importFields: [],
  };
  if (!valid.mappings && valid.csvSettingsId) plan = await planOf(ctx, valid.csvSettingsId);
  rejectIssues(mappingIssues(plan.mappings, headers));

  const rows: CsvPreview["rows"] = [];
  const entries: string[][] = [];
  const columns = columnsOf(plan, headers);
  let first = true;
  for await (const { record } of readCsv(storage.read(file.storageKey), {
    delimiter: upload.delimiter ?? ",",
    encoding: (upload.encoding as "UTF-8" | "ISO-8859-1") ?? "UTF-8",
  })) {
    if (first) {
      first = false;
      continue;
    }
    entries.push(record);
    const rowNumber = entries.length;
    const { input, errors } = validateRow(record, headers.length, columns, plan);
    rows.push({ rowNumber, values: record, contact: input as Record<string, unknown>, errors });
    if (entries.length >= valid.rows) break;
  }
  return { uploadId, headers, entries, mappings: plan.mappings, rows };
}

/** Column positions of the targets a plan writes. */
export function columnsOf(plan: ImportJobPlan, headers: string[]) {
  return plannedTargets(plan).flatMap(({ source, target }) => {
    const index = headers.indexOf(source);
    return index < 0 ? [] : [{ index, target }];
  });
}

/**
 * A record → the input of a new contact, plus its problems named by CSV column. `known: true` for a record
 * this job's dry run found valid: neither its input nor the contact rules (the costly part) are made again,
 * only its patch.
 */
export function validateRow(
  record: string[],
  width: number,
  columns: { index: number; target: string }[],
  plan: ImportJobPlan,
  { known = false }: { known?: boolean } = {},
): { patch: RowPatch; input?: ContactInput; errors: { field: string; message: string }[] } {
  const patch = patchOf(record, columns);
  const errors: { field: string; message: string }[] = [];
  if (record.length !== width)
    errors.push({ field: "", message: `expected ${width} fields as in the header, found ${record.length}` });
  else if ([...patch.values()].every((v) => v === null))
    errors.push({ field: "", message: "the row has no value to import" });
  if (known) return { patch, errors };
  const input = applyRowPatch({}, patch, { merge: true, externalSourceId: plan.externalSourceId });
  const nul = nulIssues(input);
  const parsed = nul.length ? null : contactInput.safeParse(input);
  for (const issue of parsed?.success === false ? issuesOf(parsed.error) : nul)
    errors.push({ field: issueColumn(issue.path, input, plan.mappings), message: issue.message });
  return { patch, input, errors };
}

// ------------------------------------------------------------------------------------------- jobs

const JOB = "import job";

export function toImportJob(row: ImportJobRow): ImportJob {
  return {
    id: row.id,
    status: row.status,
    statusDetails: row.statusDetails,
    executionStep: row.executionStep,
    settingsId: row.settingsId,
    csvSettingsId: row.csvSettingsId,
    uploadId: row.uploadId,
    divisionId: row.divisionId,
    fileName: row.fileName,
    totalRows: row.totalRows,
    processedRows: row.processedRows,
    succeededRows: row.succeededRows,
    failedRows: row.failedRows,
    createdRows: row.createdRows,
    updatedRows: row.updatedRows,
    dryRunSucceededRows: row.dryRunSucceededRows,
    dryRunFailedRows: row.dryRunFailedRows,
    lastCommittedRow: row.lastCommittedRow,
    errorFileId: row.errorFileId,
    createdBy: { kind: row.createdByKind, id: row.createdById },
    createdAt: row.createdAt,
    modifiedAt: row.modifiedAt,
    completedAt: row.completedAt,
  };
}

/** Frozen settings of a job: the CSV settings' mappings and the import settings they name. */
async function planOf(
  ctx: Context,
  csvSettingsId: string,
): Promise<ImportJobPlan & { settingsId: string | null }> {
  const csv = await findById(ctx, csvSettings, CSV_SETTINGS, csvSettingsId);
  const settings = csv.externalSettingsId
    ? await ctx.db
        .select()
        .from(importSettings)
        .where(and(eq(importSettings.tenantId, ctx.tenantId), eq(importSettings.id, csv.externalSettingsId)))
        .then((r) => r[0])
    : undefined;
  return {
    settingsId: settings?.id ?? null,
    mappings: csv.mappings,
    matchingCriteria: settings?.matchingCriteria ?? [],
    mergeContacts: settings?.mergeContacts ?? false,
    externalSourceId: settings?.externalSourceId ?? null,
    importFields: settings?.importFields ?? [],
  };
}

/** The job's target division: it must exist and be one the actor may write into. */
async function divisionFor(ctx: Context, requested: string | null | undefined): Promise<string> {
  const division = await resolveDivision(ctx, requested);
  if (division.issue) throw validationFailed([division.issue]);
  requireDivision(ctx, division.id);
  return division.id;
}

/**
 * Genesys `POST /import/jobs`: a job for import settings and a division, waiting (Created) for a file; a
 * CSV job (`createCsvImportJob`) is the one that carries data.
 */
export async function createImportJob(ctx: Context, input: CreateImportJobInput): Promise<ImportJob> {
  requirePermission(ctx, PERMISSIONS.importJobAdd);
  const valid = parseInput(createImportJobInput, input);
  return inTransaction(ctx, async (tx) => {
    const settings = await findById(tx, importSettings, SETTINGS, valid.settingsId);
    const divisionId = await divisionFor(tx, valid.divisionId);
    const [row] = await tx.db
      .insert(importJobs)
      .values({
        tenantId: tx.tenantId,
        settingsId: settings.id,
        divisionId,
        createdByKind: tx.actor.kind,
        createdById: tx.actor.id,
      })
      .returning();
    await recordChangeSet(tx, { entityType: "importJob", entityId: row!.id, action: "create", changes: [] });
    return toImportJob(row!);
  });
}

/**
 * Starts importing an uploaded CSV: the job row (with its frozen plan and the file's row count as total)
 * and its queue message are written in one transaction. Needs the right to create contacts too: an import
 * is a way of creating and editing them.
 */
export async function createCsvImportJob(ctx: Context, input: CreateCsvImportJobInput): Promise<ImportJob> {
  requirePermission(ctx, PERMISSIONS.importCsvJobAdd, PERMISSIONS.contactAdd, PERMISSIONS.contactEdit);
  const valid = parseInput(createCsvImportJobInput, input);
  const jobs = ctx.jobs;
  if (!jobs) throw new Error("createCsvImportJob needs ctx.jobs: the job is enqueued with its row");
  return inTransaction(ctx, async (tx) => {
    const { upload } = await uploadedFile(tx, valid.uploadId, true).catch((error) => {
      if (error instanceof DomainError && error.code === "NOT_FOUND")
        throw validationFailed([
          {
            path: "uploadId",
            message: error instanceof UploadGone ? error.message : `upload ${valid.uploadId} does not exist`,
          },
        ]);
      throw error;
    });
    let plan: ImportJobPlan & { settingsId: string | null };
    let csvSettingsId: string | null = valid.settingsId;
    try {
      plan = await planOf(tx, valid.settingsId);
    } catch (error) {
      if (!(error instanceof DomainError && error.code === "NOT_FOUND")) throw error;
      // Import settings named directly: map the columns as suggested for the file's headers.
      const settings = await tx.db
        .select()
        .from(importSettings)
        .where(and(eq(importSettings.tenantId, tx.tenantId), eq(importSettings.id, valid.settingsId)))
        .then((r) => r[0]);
      if (!settings)
        throw validationFailed([
          { path: "settingsId", message: `settings ${valid.settingsId} do not exist` },
        ]);
      csvSettingsId = null;
      plan = {
        ...toSettings(settings),
        settingsId: settings.id,
        mappings: suggestMappings(upload.headers ?? []),
      };
    }
    const issues = mappingIssues(plan.mappings, upload.headers ?? []);
    // An external id is a value in a source: without one, the column would be dropped without a word.
    if (!plan.externalSourceId && plan.mappings.some((m) => m.targetField === "externalId"))
      issues.push({
        path: "settingsId",
        message: "a column maps to externalId, but the import settings name no externalSourceId",
      });
    rejectIssues(issues);
    if (plan.mappings.length === 0)
      throw validationFailed([
        { path: "settingsId", message: "no column of the file maps to a contact field" },
      ]);
    const divisionId = await divisionFor(tx, valid.divisionId);
    const { settingsId, ...frozen } = plan;
    const [row] = await tx.db
      .insert(importJobs)
      .values({
        tenantId: tx.tenantId,
        settingsId,
        csvSettingsId,
        uploadId: upload.id,
        divisionId,
        plan: {
          mappings: frozen.mappings,
          matchingCriteria: frozen.matchingCriteria,
          mergeContacts: frozen.mergeContacts,
          externalSourceId: frozen.externalSourceId,
          importFields: frozen.importFields,
          // A creator limited to some divisions imports only into what it may see: rows match no other contact.
          ...(tx.actor.divisionIds && { divisionIds: [...tx.actor.divisionIds] }),
        },
        fileName: upload.fileName,
        totalRows: upload.rowCount ?? 0,
        createdByKind: tx.actor.kind,
        createdById: tx.actor.id,
      })
      .returning();
    await jobs.enqueue(tx.db, "import", { tenantId: tx.tenantId, jobId: row!.id });
    await recordChangeSet(tx, { entityType: "importJob", entityId: row!.id, action: "create", changes: [] });
    return toImportJob(row!);
  });
}

export async function getImportJob(ctx: Context, id: string): Promise<ImportJob> {
  requirePermission(ctx, PERMISSIONS.importJobView);
  return toImportJob(await findById(ctx, importJobs, JOB, id));
}

export async function listImportJobs(
  ctx: Context,
  params: ListImportJobsInput = {},
): Promise<Page<ImportJob>> {
  requirePermission(ctx, PERMISSIONS.importJobViewAll);
  const valid = parseInput(listImportJobsInput, params);
  const filters = valid.status ? [eq(importJobs.status, valid.status)] : [];
  const { rows, nextCursor } = await cursorPage<ImportJobRow>(ctx, importJobs, filters, valid);
  return { entities: rows.map(toImportJob), nextCursor };
}

/**
 * The Genesys workflow update. `Cancel` stops a Created or Running job (a running batch finishes or rolls
 * back whole; nothing after it is written). `Continue` (re)starts a Created job that has a file; `Retry`
 * restarts a Failed or Cancelled one, resuming after its last committed batch. `accepted` is true when work
 * was handed to the worker (HTTP 202), false when the update took effect at once (200).
 */
export async function updateImportJobStatus(
  ctx: Context,
  id: string,
  action: ImportJobAction,
): Promise<{ job: ImportJob; accepted: boolean }> {
  requirePermission(ctx, PERMISSIONS.importJobEdit);
  return inTransaction(ctx, async (tx) => {
    const row = await findById(tx, importJobs, JOB, id, true);
    const ended = ["Completed", "Failed", "Cancelled"].includes(row.status);
    const set = async (values: Partial<ImportJobRow>, enqueue: boolean) => {
      const [updated] = await tx.db
        .update(importJobs)
        .set({ ...values, modifiedAt: new Date() })
        .where(and(eq(importJobs.tenantId, tx.tenantId), eq(importJobs.id, id)))
        .returning();
      if (enqueue) {
        if (!tx.jobs) throw new Error("updateImportJobStatus needs ctx.jobs to restart a job");
        await tx.jobs.enqueue(tx.db, "import", { tenantId: tx.tenantId, jobId: id });
      }
      await recordChangeSet(tx, {
        entityType: "importJob",
        entityId: id,
        action: "update",
        changes: diff({ status: row.status }, { status: updated!.status }),
      });
      return toImportJob(updated!);
    };
    if (action === "Cancel") {
      if (ended) throw conflict(`import job ${id} has already ended (${row.status})`, { type: JOB, id });
      return {
        job: await set(
          { status: "Cancelled", statusDetails: "Cancelled by request", completedAt: new Date() },
          false,
        ),
        accepted: false,
      };
    }
    if (!row.uploadId || !row.plan)
      throw validationFailed([{ path: "status", message: `import job ${id} has no file to import` }]);
    // Locked, so the cleanup cannot remove the file between this check and the run.
    const upload = await findById(tx, csvUploads, UPLOAD, row.uploadId, true);
    if (upload.removedAt)
      throw validationFailed([
        {
          path: "status",
          message: `the file of import job ${id} was removed on ${upload.removedAt.toISOString()} when its retention ended; upload it again to import it`,
        },
      ]);
    if (action === "Continue") {
      if (row.status === "Running") return { job: toImportJob(row), accepted: false };
      if (row.status !== "Created")
        throw conflict(`import job ${id} is ${row.status}; only a Created job can continue`, {
          type: JOB,
          id,
        });
      return { job: await set({}, true), accepted: true };
    }
    if (row.status !== "Failed" && row.status !== "Cancelled")
      throw conflict(`import job ${id} is ${row.status}; only a Failed or Cancelled job can be retried`, {
        type: JOB,
        id,
      });
    return {
      job: await set({ status: "Created", statusDetails: null, completedAt: null, leaseOwner: null }, true),
      accepted: true,
    };
  });
}

/** The error report of a finished job: one line per problem (row, field, message). */
export async function openImportErrorReport(
  ctx: Context,
  id: string,
  storage: FileStorage,
): Promise<FileDownload> {
  requirePermission(ctx, PERMISSIONS.importJobView);
  const job = await findById(ctx, importJobs, JOB, id);
  const [file] = job.errorFileId
    ? await ctx.db
        .select()
        .from(files)
        .where(and(eq(files.tenantId, ctx.tenantId), eq(files.id, job.errorFileId)))
    : [];
  const size = file ? await storage.size(file.storageKey) : null;
  if (!file || size === null) throw notFound("import error report", id);
  return { stream: storage.read(file.storageKey), fileName: file.name, contentType: "text/csv", size };
}
