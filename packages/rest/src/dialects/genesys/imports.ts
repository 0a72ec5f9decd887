import { Readable } from "node:stream";
import {
  type CsvSettings,
  createCsvImportJob,
  createCsvSettings,
  createImportJob,
  createImportSettings,
  createUpload,
  deleteCsvSettings,
  deleteImportSettings,
  getCsvSettings,
  getImportJob,
  getImportSettings,
  getUploadDetails,
  IMPORT_JOB_ACTIONS,
  IMPORT_JOB_STATUSES,
  type ImportJob,
  type ImportSettings,
  listCsvSettings,
  listDivisions,
  listImportJobs,
  listImportSettings,
  MATCHING_CRITERIA,
  openImportErrorReport,
  PERMISSIONS,
  previewUpload,
  receiveUpload,
  UPLOAD_TOKEN_HEADER,
  updateCsvSettings,
  updateImportJobStatus,
  updateImportSettings,
} from "@switchboard/domain";
import type { Context } from "hono";
import { z } from "zod";
import type { RestDeps, RestEnv } from "../../env";
import { dialectRoutes } from "../../http/kit";
import { readJson } from "../../http/request";
import { badRequest, GenesysError, inWireTerms } from "./errors";
import { BASE } from "./mappers";
import { genesysOperation } from "./operations";
import { expandParam, integerParam } from "./query";

// ------------------------------------------------------------------------------------------- wire models

const ref = z.object({
  id: z.string().optional(),
  name: z.string().optional(),
  selfUri: z.string().optional(),
});

/** `ContactImportSettings` (§3.9); read-only fields an SDK echoes back are accepted and ignored. */
export const contactImportSettings = z.object({
  id: z.string().optional(),
  name: z.string(),
  matchingCriteria: z.array(z.enum(MATCHING_CRITERIA)).optional(),
  mergeContacts: z.boolean(),
  externalSourceId: z.string(),
  importFields: z.array(z.object({ name: z.string(), included: z.boolean() })),
  dateCreated: z.string().optional(),
  selfUri: z.string().optional(),
});

export const contactImportJobRequest = z.object({ settingsId: z.string(), division: ref.optional() });

export const contactImportJobResponse = z.object({
  id: z.string(),
  status: z.enum(IMPORT_JOB_STATUSES),
  statusDetails: z.string().optional(),
  executionStep: z.enum(["Validating", "Validated", "Importing"]).optional(),
  metadata: z.object({
    fileName: z.string().optional(),
    dryRunFailedCount: z.number().int().optional(),
    dryRunSuccessCount: z.number().int().optional(),
    dryRunReportDownloadUrl: z.string().optional(),
    importFailedCount: z.number().int().optional(),
    importSuccessCount: z.number().int().optional(),
    importReportDownloadUrl: z.string().optional(),
  }),
  dateCreated: z.string(),
  division: ref,
  selfUri: z.string(),
  settings: ref,
});

export const contactImportJobStatusUpdateRequest = z.object({
  jobId: z.string(),
  status: z.enum(IMPORT_JOB_ACTIONS),
});
export const contactImportJobStatusUpdateResponse = contactImportJobStatusUpdateRequest.partial();

export const csvUploadRequest = z.object({ fileName: z.string().optional(), fileSize: z.number().int() });
export const csvUploadResponse = z.object({
  uploadId: z.string(),
  uploadUrl: z.string(),
  uploadHeaders: z.array(z.object({ name: z.string(), value: z.string() })),
});
export const csvUploadDetailsResponse = z.object({
  uploadId: z.string(),
  fileName: z.string().optional(),
  validationResult: z.object({
    separatorValid: z.boolean(),
    fileEncodingValid: z.boolean(),
    errors: z.array(z.object({ lineNumber: z.number().int(), message: z.string() })),
  }),
});
export const csvUploadPreviewResponse = z.object({
  uploadId: z.string(),
  headers: z.array(z.string()),
  entries: z.array(z.array(z.string())),
});
export const csvSettingsWire = z.object({
  id: z.string().optional(),
  externalSettingsId: z.string().optional(),
  mappings: z.array(z.object({ sourceField: z.string(), targetField: z.string() })),
  selfUri: z.string().optional(),
});
export const csvJobRequest = z.object({
  uploadId: z.string(),
  settingsId: z.string(),
  division: ref.optional(),
});
export const csvJobResponse = z.object({ job: z.object({ id: z.string(), selfUri: z.string() }) });

// ------------------------------------------------------------------------------------------- mapping

const IMPORT = `${BASE}/import`;
const settingsUri = (id: string) => `${IMPORT}/settings/${id}`;
const csvSettingsUri = (id: string) => `${IMPORT}/csv/settings/${id}`;
const jobUri = (id: string) => `${IMPORT}/jobs/${id}`;
const divisionUri = (id: string) => `/api/v2/authorization/divisions/${id}`;
const origin = (c: Context) => new URL(c.req.url).origin;
/** Domain field paths → the wire names of these requests. */
const wireName = (path: string) =>
  path.startsWith("divisionId") ? path.replace("divisionId", "division.id") : path;

function settingsToWire(s: ImportSettings) {
  return {
    id: s.id,
    name: s.name,
    matchingCriteria: s.matchingCriteria,
    mergeContacts: s.mergeContacts,
    ...(s.externalSourceId && { externalSourceId: s.externalSourceId }),
    importFields: s.importFields,
    dateCreated: s.createdAt.toISOString(),
    selfUri: settingsUri(s.id),
  };
}

function csvSettingsToWire(s: CsvSettings) {
  return {
    id: s.id,
    ...(s.externalSettingsId && { externalSettingsId: s.externalSettingsId }),
    mappings: s.mappings,
    selfUri: csvSettingsUri(s.id),
  };
}

function jobToWire(job: ImportJob, base: string, divisions?: Map<string, string>) {
  const settingsId = job.settingsId ?? job.csvSettingsId;
  return {
    id: job.id,
    status: job.status,
    ...(job.statusDetails && { statusDetails: job.statusDetails }),
    ...(job.executionStep && { executionStep: job.executionStep }),
    metadata: {
      ...(job.fileName && { fileName: job.fileName }),
      ...(job.dryRunSucceededRows !== null && {
        dryRunSuccessCount: job.dryRunSucceededRows,
        dryRunFailedCount: job.dryRunFailedRows ?? 0,
      }),
      // Counted per committed batch, so they are also the job's progress while it runs.
      importSuccessCount: job.succeededRows,
      importFailedCount: job.failedRows,
      ...(job.errorFileId && { importReportDownloadUrl: `${base}${jobUri(job.id)}/report` }),
    },
    dateCreated: job.createdAt.toISOString(),
    division: {
      id: job.divisionId,
      ...(divisions?.has(job.divisionId) && { name: divisions.get(job.divisionId) }),
      selfUri: divisionUri(job.divisionId),
    },
    selfUri: jobUri(job.id),
    settings: settingsId
      ? { id: settingsId, selfUri: job.settingsId ? settingsUri(settingsId) : csvSettingsUri(settingsId) }
      : {},
  };
}

/** After-cursor listings (§3.1): `selfUri`, `nextUri` while there is more, and (when asked) `cursors.after`. */
function afterListing<T>(
  c: Context,
  path: string,
  page: { entities: T[]; nextCursor: string | null },
  options: { cursors: boolean },
) {
  const uri = (after?: string) => {
    const params = new URLSearchParams(new URL(c.req.url).searchParams);
    params.delete("after");
    if (after) params.set("after", after);
    const query = params.toString();
    return `${path}${query ? `?${query}` : ""}`;
  };
  return {
    entities: page.entities,
    selfUri: uri(c.req.query("after")),
    ...(page.nextCursor && { nextUri: uri(page.nextCursor) }),
    ...(options.cursors && page.nextCursor && { cursors: { after: page.nextCursor } }),
  };
}

function sortOrderParam(c: Context): "Ascending" | "Descending" {
  const raw = c.req.query("sortOrder");
  if (raw === undefined || raw === "") return "Ascending";
  const value = ["Ascending", "Descending"].find((v) => v.toLowerCase() === raw.toLowerCase());
  if (!value)
    throw badRequest("sortOrder must be Ascending or Descending", [
      { errorCode: "invalid.value", fieldName: "sortOrder" },
    ]);
  return value as "Ascending" | "Descending";
}

async function divisionNames(c: Context<RestEnv>, expand: Set<string>) {
  return expand.has("division")
    ? new Map((await listDivisions(c.get("ctx"))).map((d) => [d.id, d.name]))
    : undefined;
}

// ------------------------------------------------------------------------------------------- routes

const putExternalcontactsImportCsvUploadFile = genesysOperation("public", {
  method: "put",
  path: "/import/csv/uploads/{uploadId}/file",
  operationId: "putExternalcontactsImportCsvUploadFile",
  summary:
    "The uploadUrl: send the file with the uploadHeaders (x-upload-token; no bearer token), at most the declared fileSize; POST works too",
  status: 200,
  response: "CsvUploadDetailsResponse",
});
/** The same upload as a POST (some HTTP clients cannot PUT a file). */
const postExternalcontactsImportCsvUploadFile = genesysOperation("public", {
  method: "post",
  path: "/import/csv/uploads/{uploadId}/file",
  operationId: "postExternalcontactsImportCsvUploadFile",
  summary:
    "The uploadUrl: send the file with the uploadHeaders (x-upload-token; no bearer token), at most the declared fileSize; POST works too",
  status: 200,
  response: "CsvUploadDetailsResponse",
});
const getExternalcontactsImportSettings = genesysOperation(
  { permissions: [PERMISSIONS.importSettingsViewAll] },
  {
    method: "get",
    path: "/import/settings",
    operationId: "getExternalcontactsImportSettings",
    summary: "List import settings",
    query: [
      {
        name: "after",
        description: "The cursor that points to the end of the set of entities that has been returned",
      },
      { name: "pageSize", description: "Number of entities to return (max 100, default 25)", integer: true },
      { name: "sortOrder", description: "Ascending (default) or Descending" },
      { name: "name", description: "Search term to filter by settings name" },
    ],
    status: 200,
    response: "ContactImportSettingsEntityListing",
  },
);
const postExternalcontactsImportSettings = genesysOperation(
  { permissions: [PERMISSIONS.importSettingsAdd] },
  {
    method: "post",
    path: "/import/settings",
    operationId: "postExternalcontactsImportSettings",
    summary: "Create import settings",
    body: "ContactImportSettings",
    status: 200,
    response: "ContactImportSettings",
  },
);
const getExternalcontactsImportSetting = genesysOperation(
  { permissions: [PERMISSIONS.importSettingsView] },
  {
    method: "get",
    path: "/import/settings/{settingsId}",
    operationId: "getExternalcontactsImportSetting",
    summary: "Get import settings",
    status: 200,
    response: "ContactImportSettings",
  },
);
const putExternalcontactsImportSetting = genesysOperation(
  { permissions: [PERMISSIONS.importSettingsEdit] },
  {
    method: "put",
    path: "/import/settings/{settingsId}",
    operationId: "putExternalcontactsImportSetting",
    summary: "Update import settings",
    body: "ContactImportSettings",
    status: 200,
    response: "ContactImportSettings",
  },
);
const deleteExternalcontactsImportSetting = genesysOperation(
  { permissions: [PERMISSIONS.importSettingsDelete] },
  {
    method: "delete",
    path: "/import/settings/{settingsId}",
    operationId: "deleteExternalcontactsImportSetting",
    summary: "Delete import settings (204, no body)",
    status: 204,
  },
);
const getExternalcontactsImportJobs = genesysOperation(
  { permissions: [PERMISSIONS.importJobViewAll] },
  {
    method: "get",
    path: "/import/jobs",
    operationId: "getExternalcontactsImportJobs",
    summary: "List import jobs",
    query: [
      { name: "expand", description: "division", array: true },
      {
        name: "after",
        description: "The cursor that points to the end of the set of entities that has been returned",
      },
      { name: "pageSize", description: "Number of entities to return (max 100, default 25)", integer: true },
      { name: "sortOrder", description: "Ascending (default) or Descending" },
      { name: "jobStatus", description: "Created, Running, Completed, Failed or Cancelled" },
    ],
    status: 200,
    response: "ContactImportJobEntityListing",
  },
);
const postExternalcontactsImportJobs = genesysOperation(
  { permissions: [PERMISSIONS.importJobAdd] },
  {
    method: "post",
    path: "/import/jobs",
    operationId: "postExternalcontactsImportJobs",
    summary: "Create an import job",
    body: "ContactImportJobRequest",
    status: 200,
    response: "ContactImportJobResponse",
  },
);
const getExternalcontactsImportJob = genesysOperation(
  { permissions: [PERMISSIONS.importJobView] },
  {
    method: "get",
    path: "/import/jobs/{jobId}",
    operationId: "getExternalcontactsImportJob",
    summary: "Get an import job; metadata counts grow per committed batch",
    query: [{ name: "expand", description: "division", array: true }],
    status: 200,
    response: "ContactImportJobResponse",
  },
);
const putExternalcontactsImportJob = genesysOperation(
  { permissions: [PERMISSIONS.importJobEdit] },
  {
    method: "put",
    path: "/import/jobs/{jobId}",
    operationId: "putExternalcontactsImportJob",
    summary: "Update the workflow status: Cancel answers 200, Continue and Retry 202",
    body: "ContactImportJobStatusUpdateRequest",
    status: 200,
    response: "ContactImportJobStatusUpdateResponse",
  },
);
const getExternalcontactsImportJobReport = genesysOperation(
  { permissions: [PERMISSIONS.importJobView] },
  {
    method: "get",
    path: "/import/jobs/{jobId}/report",
    operationId: "getExternalcontactsImportJobReport",
    summary: "The error report (CSV: row, field, message) behind metadata.importReportDownloadUrl",
    status: 200,
  },
);
const postExternalcontactsImportCsvUploads = genesysOperation(
  { permissions: [PERMISSIONS.importCsvUploadAdd] },
  {
    method: "post",
    path: "/import/csv/uploads",
    operationId: "postExternalcontactsImportCsvUploads",
    summary: "Request a CSV upload (201); at most 1 GB, .csv only",
    body: "CsvUploadRequest",
    status: 201,
    response: "CsvUploadResponse",
  },
);
const getExternalcontactsImportCsvUploadDetails = genesysOperation(
  { permissions: [PERMISSIONS.importCsvUploadView] },
  {
    method: "get",
    path: "/import/csv/uploads/{uploadId}/details",
    operationId: "getExternalcontactsImportCsvUploadDetails",
    summary: "Get the validation result of an upload",
    status: 200,
    response: "CsvUploadDetailsResponse",
  },
);
const getExternalcontactsImportCsvUploadPreview = genesysOperation(
  { permissions: [PERMISSIONS.importCsvUploadView] },
  {
    method: "get",
    path: "/import/csv/uploads/{uploadId}/preview",
    operationId: "getExternalcontactsImportCsvUploadPreview",
    summary: "Get the headers and first entries of an upload (422 before the file arrived)",
    status: 200,
    response: "CsvUploadPreviewResponse",
  },
);
const getExternalcontactsImportCsvSettings = genesysOperation(
  { permissions: [PERMISSIONS.importCsvSettingsView] },
  {
    method: "get",
    path: "/import/csv/settings",
    operationId: "getExternalcontactsImportCsvSettings",
    summary: "List CSV settings",
    query: [
      {
        name: "after",
        description: "The cursor that points to the end of the set of entities that has been returned",
      },
      { name: "pageSize", description: "Number of entities to return (max 200, default 25)", integer: true },
      { name: "externalSettingsId", description: "Only these import settings' CSV settings" },
    ],
    status: 200,
    response: "Listing",
  },
);
const postExternalcontactsImportCsvSettings = genesysOperation(
  { permissions: [PERMISSIONS.importCsvSettingsAdd] },
  {
    method: "post",
    path: "/import/csv/settings",
    operationId: "postExternalcontactsImportCsvSettings",
    summary: "Create CSV settings (201)",
    body: "CsvSettings",
    status: 201,
    response: "CsvSettings",
  },
);
const getExternalcontactsImportCsvSetting = genesysOperation(
  { permissions: [PERMISSIONS.importCsvSettingsView] },
  {
    method: "get",
    path: "/import/csv/settings/{settingsId}",
    operationId: "getExternalcontactsImportCsvSetting",
    summary: "Get CSV settings",
    status: 200,
    response: "CsvSettings",
  },
);
const putExternalcontactsImportCsvSetting = genesysOperation(
  { permissions: [PERMISSIONS.importCsvSettingsEdit] },
  {
    method: "put",
    path: "/import/csv/settings/{settingsId}",
    operationId: "putExternalcontactsImportCsvSetting",
    summary: "Update CSV settings",
    body: "CsvSettings",
    status: 200,
    response: "CsvSettings",
  },
);
const deleteExternalcontactsImportCsvSetting = genesysOperation(
  { permissions: [PERMISSIONS.importCsvSettingsDelete] },
  {
    method: "delete",
    path: "/import/csv/settings/{settingsId}",
    operationId: "deleteExternalcontactsImportCsvSetting",
    summary: "Delete CSV settings (204, no body)",
    status: 204,
  },
);
const postExternalcontactsImportCsvJobs = genesysOperation(
  { permissions: [PERMISSIONS.importCsvJobAdd, PERMISSIONS.contactAdd, PERMISSIONS.contactEdit] },
  {
    method: "post",
    path: "/import/csv/jobs",
    operationId: "postExternalcontactsImportCsvJobs",
    summary: "Create a CSV import job (202); it runs in the worker",
    body: "CsvJobRequest",
    status: 202,
    response: "CsvJobResponse",
  },
);

/**
 * Where `uploadUrl` points: the file's bytes, authorized by the upload token (the `x-upload-token` header
 * from `uploadHeaders`, or a `token` query parameter), not by a bearer token. Mounted ahead of the dialect's
 * 1 MB body limit: this route enforces the upload's own declared size (at most 1 GB).
 */
export function importUploadRoutes(deps: RestDeps) {
  const app = dialectRoutes();
  const receive = async (c: Context<RestEnv>) => {
    const token = c.req.header(UPLOAD_TOKEN_HEADER) ?? c.req.query("token");
    if (!token)
      throw new GenesysError(
        401,
        "authentication.required",
        `The upload needs its token (header ${UPLOAD_TOKEN_HEADER}).`,
      );
    const body = c.req.raw.body;
    const details = await receiveUpload(
      { db: deps.db, storage: deps.storage },
      {
        uploadId: c.req.param("uploadId") ?? "",
        token,
        body: body ? Readable.fromWeb(body as Parameters<typeof Readable.fromWeb>[0]) : Readable.from([]),
      },
    );
    return c.json(detailsToWire(details));
  };
  app.openapi(putExternalcontactsImportCsvUploadFile, receive);
  app.openapi(postExternalcontactsImportCsvUploadFile, receive);
  return app;
}

function detailsToWire(d: Awaited<ReturnType<typeof getUploadDetails>>) {
  return {
    uploadId: d.uploadId,
    ...(d.fileName && { fileName: d.fileName }),
    validationResult: {
      separatorValid: d.separatorValid ?? false,
      fileEncodingValid: d.fileEncodingValid ?? false,
      errors: d.errors ?? [],
    },
  };
}

/** Import settings, import jobs and the CSV import (§2.14, §2.15). */
export function importRoutes(deps: RestDeps) {
  const app = dialectRoutes();

  // ---- import settings
  app.openapi(getExternalcontactsImportSettings, async (c) => {
    const page = await listImportSettings(c.get("ctx"), {
      after: c.req.query("after"),
      pageSize: integerParam(c, "pageSize", 25, { min: 1, max: 100 }),
      sortOrder: sortOrderParam(c),
      name: c.req.query("name") || undefined,
    });
    return c.json(
      afterListing(
        c,
        `${IMPORT}/settings`,
        { ...page, entities: page.entities.map(settingsToWire) },
        { cursors: true },
      ),
    );
  });
  app.openapi(postExternalcontactsImportSettings, async (c) => {
    const body = await readJson(c, contactImportSettings);
    return c.json(settingsToWire(await createImportSettings(c.get("ctx"), body)));
  });
  app.openapi(getExternalcontactsImportSetting, async (c) =>
    c.json(settingsToWire(await getImportSettings(c.get("ctx"), c.req.param("settingsId")))),
  );
  app.openapi(putExternalcontactsImportSetting, async (c) => {
    const body = await readJson(c, contactImportSettings);
    return c.json(settingsToWire(await updateImportSettings(c.get("ctx"), c.req.param("settingsId"), body)));
  });
  app.openapi(deleteExternalcontactsImportSetting, async (c) => {
    await deleteImportSettings(c.get("ctx"), c.req.param("settingsId"));
    return c.body(null, 204);
  });

  // ---- import jobs
  app.openapi(getExternalcontactsImportJobs, async (c) => {
    const expand = expandParam(c, ["division"] as const);
    const jobStatus = c.req.query("jobStatus");
    if (jobStatus && !(IMPORT_JOB_STATUSES as readonly string[]).includes(jobStatus))
      throw badRequest(`jobStatus must be one of ${IMPORT_JOB_STATUSES.join(", ")}`, [
        { errorCode: "invalid.value", fieldName: "jobStatus" },
      ]);
    const page = await listImportJobs(c.get("ctx"), {
      after: c.req.query("after"),
      pageSize: integerParam(c, "pageSize", 25, { min: 1, max: 100 }),
      sortOrder: sortOrderParam(c),
      status: (jobStatus || undefined) as ImportJob["status"] | undefined,
    });
    const names = await divisionNames(c, expand);
    const entities = page.entities.map((j) => jobToWire(j, origin(c), names));
    return c.json(afterListing(c, `${IMPORT}/jobs`, { ...page, entities }, { cursors: true }));
  });
  app.openapi(postExternalcontactsImportJobs, async (c) => {
    const body = await readJson(c, contactImportJobRequest);
    const job = await inWireTerms(wireName, () =>
      createImportJob(c.get("ctx"), { settingsId: body.settingsId, divisionId: body.division?.id }),
    );
    return c.json(jobToWire(job, origin(c)));
  });
  app.openapi(getExternalcontactsImportJob, async (c) => {
    const expand = expandParam(c, ["division"] as const);
    const job = await getImportJob(c.get("ctx"), c.req.param("jobId"));
    return c.json(jobToWire(job, origin(c), await divisionNames(c, expand)));
  });
  app.openapi(putExternalcontactsImportJob, async (c) => {
    const body = await readJson(c, contactImportJobStatusUpdateRequest);
    const jobId = c.req.param("jobId");
    if (body.jobId !== jobId)
      throw badRequest("jobId in the body must be the job of the path", [
        { errorCode: "invalid.value", fieldName: "jobId" },
      ]);
    const { accepted } = await updateImportJobStatus(c.get("ctx"), jobId, body.status);
    // 202 when the update handed work to the worker (Continue, Retry), 200 when it took effect at once.
    return c.json({ jobId, status: body.status }, accepted ? 202 : 200);
  });
  /** Where `importReportDownloadUrl` points: the rows that failed (row, field, message) as CSV. */
  app.openapi(getExternalcontactsImportJobReport, async (c) => {
    const file = await openImportErrorReport(c.get("ctx"), c.req.param("jobId"), deps.storage);
    return new Response(Readable.toWeb(file.stream) as ReadableStream, {
      headers: {
        "content-type": `${file.contentType}; charset=utf-8`,
        "content-length": String(file.size),
        "content-disposition": `attachment; filename="${file.fileName}"`,
      },
    });
  });

  // ---- CSV uploads
  app.openapi(postExternalcontactsImportCsvUploads, async (c) => {
    const body = await readJson(c, csvUploadRequest);
    const upload = await createUpload(c.get("ctx"), body);
    return c.json(
      {
        uploadId: upload.uploadId,
        uploadUrl: `${origin(c)}${IMPORT}/csv/uploads/${upload.uploadId}/file`,
        uploadHeaders: [
          { name: UPLOAD_TOKEN_HEADER, value: upload.token },
          { name: "Content-Type", value: "text/csv" },
        ],
      },
      201,
    );
  });
  app.openapi(getExternalcontactsImportCsvUploadDetails, async (c) => {
    const details = await getUploadDetails(c.get("ctx"), c.req.param("uploadId"));
    if (!details.uploaded)
      throw badRequest(`upload ${details.uploadId} has not received its file yet`, [
        { errorCode: "upload.pending", fieldName: "uploadId" },
      ]);
    return c.json(detailsToWire(details));
  });
  app.openapi(getExternalcontactsImportCsvUploadPreview, async (c) => {
    const ctx = c.get("ctx");
    const details = await getUploadDetails(ctx, c.req.param("uploadId"));
    if (!details.uploaded)
      throw new GenesysError(
        422,
        "upload.pending",
        `upload ${details.uploadId} has not received its file yet`,
        [{ errorCode: "upload.pending", fieldName: "uploadId" }],
      );
    const preview = await previewUpload(ctx, details.uploadId, deps.storage, { mappings: [] });
    return c.json({ uploadId: preview.uploadId, headers: preview.headers, entries: preview.entries });
  });

  // ---- CSV settings
  app.openapi(getExternalcontactsImportCsvSettings, async (c) => {
    const page = await listCsvSettings(c.get("ctx"), {
      after: c.req.query("after"),
      pageSize: integerParam(c, "pageSize", 25, { min: 1, max: 200 }),
      externalSettingsId: c.req.query("externalSettingsId") || undefined,
    });
    return c.json(
      afterListing(
        c,
        `${IMPORT}/csv/settings`,
        { ...page, entities: page.entities.map(csvSettingsToWire) },
        { cursors: false },
      ),
    );
  });
  app.openapi(postExternalcontactsImportCsvSettings, async (c) => {
    const body = await readJson(c, csvSettingsWire);
    return c.json(csvSettingsToWire(await createCsvSettings(c.get("ctx"), body)), 201);
  });
  app.openapi(getExternalcontactsImportCsvSetting, async (c) =>
    c.json(csvSettingsToWire(await getCsvSettings(c.get("ctx"), c.req.param("settingsId")))),
  );
  app.openapi(putExternalcontactsImportCsvSetting, async (c) => {
    const body = await readJson(c, csvSettingsWire);
    return c.json(csvSettingsToWire(await updateCsvSettings(c.get("ctx"), c.req.param("settingsId"), body)));
  });
  app.openapi(deleteExternalcontactsImportCsvSetting, async (c) => {
    await deleteCsvSettings(c.get("ctx"), c.req.param("settingsId"));
    return c.body(null, 204);
  });

  // ---- CSV jobs
  app.openapi(postExternalcontactsImportCsvJobs, async (c) => {
    const body = await readJson(c, csvJobRequest);
    const job = await inWireTerms(wireName, () =>
      createCsvImportJob(c.get("ctx"), {
        uploadId: body.uploadId,
        settingsId: body.settingsId,
        divisionId: body.division?.id,
      }),
    );
    return c.json({ job: { id: job.id, selfUri: jobUri(job.id) } }, 202);
  });

  return app;
}

// ------------------------------------------------------------------------------------------- OpenAPI

const cursors = z.object({ before: z.string().optional(), after: z.string().optional() });
const withCursors = <T extends z.ZodType>(entity: T) =>
  z.object({
    entities: z.array(entity),
    nextUri: z.string().optional(),
    selfUri: z.string(),
    previousUri: z.string().optional(),
    cursors: cursors.optional(),
  });

/** The models of §3.9 and §3.10, named as the SDKs name them, for the dialect's OpenAPI document. */
export const IMPORT_SCHEMAS = {
  ContactImportSettings: contactImportSettings,
  ContactImportSettingsEntityListing: withCursors(contactImportSettings),
  ContactImportJobRequest: contactImportJobRequest,
  ContactImportJobResponse: contactImportJobResponse,
  ContactImportJobEntityListing: withCursors(contactImportJobResponse),
  ContactImportJobStatusUpdateRequest: contactImportJobStatusUpdateRequest,
  ContactImportJobStatusUpdateResponse: contactImportJobStatusUpdateResponse,
  CsvUploadRequest: csvUploadRequest,
  CsvUploadResponse: csvUploadResponse,
  CsvUploadDetailsResponse: csvUploadDetailsResponse,
  CsvUploadPreviewResponse: csvUploadPreviewResponse,
  CsvSettings: csvSettingsWire,
  Listing: withCursors(csvSettingsWire).omit({ cursors: true }),
  CsvJobRequest: csvJobRequest,
  CsvJobResponse: csvJobResponse,
};
