import { Readable } from "node:stream";
import { z } from "@hono/zod-openapi";
import {
  DFS_IMPORT_MAX_BYTES,
  type DfsTransferKind,
  getDfsSyncStatus,
  PERMISSIONS,
  startDfsSync,
  uploadDfsImportFile,
  validationFailed,
} from "@switchboard/domain";
import type { MiddlewareHandler } from "hono";
import type { RestDeps, RestEnv } from "../../env";
import { dialectRoutes, limitBodies, operation } from "../../http/kit";
import { errors, languageHeaders, languageQuery, ok } from "./wire";

/**
 * DFS import and sync (#32–#36, §4.9): JSON data files are uploaded (multipart) to storage kept per kind;
 * a sync hands every waiting file of its kind to the worker, which upserts each entry by its `externalId`
 * under the system `Default`; the status names the entries that failed.
 */

const IMPORT_PATH = /^\/(?:dfs\/)?v1\.0\/(?:contacts|legal-entities)\/import$/;

/**
 * The dialect's body limit: the default for every operation, `DFS_IMPORT_MAX_BYTES` for the two uploads
 * (a file of 100,000 entries is tens of megabytes).
 */
export function dfsBodyLimits(): MiddlewareHandler<RestEnv> {
  const normal = limitBodies();
  const uploads = limitBodies(DFS_IMPORT_MAX_BYTES);
  return (c, next) => (IMPORT_PATH.test(c.req.path) ? uploads(c, next) : normal(c, next));
}

const importedFile = z
  .object({
    fileName: z.string(),
    fileLength: z.number().int(),
    uploadDate: z.string().openapi({ format: "date-time", example: "2019-08-24T14:15:22Z" }),
  })
  .openapi("ImportedFile");
const importFilesResponse = z.object({ files: z.array(importedFile) }).openapi("ImportFilesResponse");
const syncStartResponse = z.object({ statusId: z.string() }).openapi("SyncStartResponse");
const syncStatusResponse = z
  .object({
    status: z.enum(["InProgress", "Completed", "CompletedWithErrors", "Failed"]),
    errorMessage: z.string().nullable(),
    failedExternalIds: z.array(z.string()),
  })
  .openapi("SyncStatusResponse");

const KINDS = [
  {
    kind: "contacts" as DfsTransferKind,
    base: "/v1.0/contacts",
    prefix: "Contacts",
    write: [PERMISSIONS.importJobAdd, PERMISSIONS.contactAdd, PERMISSIONS.contactEdit],
    noun: "contact",
  },
  {
    kind: "legal-entities" as DfsTransferKind,
    base: "/v1.0/legal-entities",
    prefix: "LegalEntities",
    write: [PERMISSIONS.importJobAdd, PERMISSIONS.organizationAdd, PERMISSIONS.organizationEdit],
    noun: "legal entity",
  },
];

const status = operation(
  { permissions: [PERMISSIONS.importJobView] },
  {
    method: "get",
    path: "/v1.0/sync/status/{statusId}",
    operationId: "Sync_GetStatus",
    summary: "Checks the status of the Contacts / Legal Entities sync process",
    tags: ["Sync"],
    request: {
      params: z.object({ statusId: z.string().max(100).openapi({ format: "uuid" }) }),
      query: languageQuery,
      headers: languageHeaders,
    },
    responses: { ...ok(syncStatusResponse), ...errors(400, 404) },
  },
);

export function dfsImportRoutes(deps: RestDeps) {
  const routes = dialectRoutes();
  for (const { kind, base, prefix, write, noun } of KINDS) {
    const upload = operation(
      { permissions: write },
      {
        method: "post",
        path: `${base}/import`,
        operationId: `${prefix}_Import`,
        summary:
          `Imports ${noun} JSON data files to dedicated storage (multipart/form-data, one or more file parts ` +
          `of at most ${DFS_IMPORT_MAX_BYTES / 1024 / 1024} MiB: a JSON array of entries ` +
          "{externalId, details}, or an object with such an items array)",
        tags: [`${prefix}Import`],
        request: {
          query: languageQuery,
          headers: languageHeaders,
          body: {
            required: true,
            content: {
              "multipart/form-data": {
                // Any field names: every file part is a data file (its items: binary strings).
                schema: z.looseObject({
                  files: z
                    .any()
                    .optional()
                    .openapi({ type: "array", items: { type: "string", format: "binary" } }),
                }),
              },
            },
          },
        },
        responses: { ...ok(importFilesResponse), ...errors(400) },
      },
    );
    const sync = operation(
      { permissions: write },
      {
        method: "post",
        path: `${base}/sync`,
        operationId: `${prefix}_Sync`,
        summary:
          `Syncs the stored ${noun} data files into DFS asynchronously: each entry creates a ${noun}, or updates ` +
          "the one whose externalId (system Default) it names. Poll GET /v1.0/sync/status/{statusId}.",
        tags: [`${prefix}Import`],
        request: { query: languageQuery, headers: languageHeaders },
        responses: { ...ok(syncStartResponse), ...errors(400) },
      },
    );

    routes.openapi(upload, async (c) => {
      const type = c.req.header("content-type") ?? "";
      if (!type.toLowerCase().startsWith("multipart/form-data"))
        throw validationFailed(
          [{ path: "", message: "send the files as multipart/form-data" }],
          "The request was not in the required format: send the files as multipart/form-data",
        );
      let form: Record<string, unknown>;
      try {
        form = await c.req.parseBody({ all: true });
      } catch {
        throw validationFailed([{ path: "", message: "the multipart body could not be read" }]);
      }
      const parts = Object.values(form)
        .flat()
        .filter((v): v is File => v instanceof File);
      if (parts.length === 0)
        throw validationFailed(
          [{ path: "files", message: "at least one file part is required" }],
          "The request was not in the required format: at least one file part is required",
        );
      const files = [];
      for (const part of parts) {
        const stored = await uploadDfsImportFile(
          c.var.ctx,
          kind,
          { fileName: part.name, body: Readable.fromWeb(part.stream() as never) },
          deps.storage,
        );
        files.push({ ...stored, uploadDate: stored.uploadDate.toISOString() });
      }
      return c.json({ files }, 200);
    });

    routes.openapi(sync, async (c) => {
      const started = await startDfsSync(c.var.ctx, kind);
      return c.json({ statusId: started.id }, 200);
    });
  }

  routes.openapi(status, async (c) => {
    const state = await getDfsSyncStatus(c.var.ctx, c.req.valid("param").statusId);
    return c.json(
      { status: state.status, errorMessage: state.errorMessage, failedExternalIds: state.failedExternalIds },
      200,
    );
  });
  return routes;
}
