import { Readable } from "node:stream";
import { z } from "@hono/zod-openapi";
import {
  type DfsTransferKind,
  openDfsExportDownload,
  PERMISSIONS,
  startDfsExport,
} from "@switchboard/domain";
import type { RestDeps } from "../../env";
import { dialectRoutes, operation } from "../../http/kit";
import { errors, languageHeaders, languageQuery, ok } from "./wire";

/**
 * DFS CSV exports (#28–#31, §4.8): a POST with an optional GraphQL-style query starts a worker job and returns
 * its id; a GET with the id returns the CSV once the job completed (422 while it runs, never a partial file).
 */

const exportJobResponse = z
  .object({ exportJobId: z.uuid().openapi({ example: "8a16feed-2e0d-4228-8fbb-a05bb4aba530" }) })
  .openapi("ExportJobResponse");

const QUERY_SAMPLE = {
  contacts:
    'query { contacts( where: { and: [{ personalInformation: { displayName: { contains: "Shannon" } } }] } ) { items { } } }',
  "legal-entities":
    'query { legalentities( where: { and: [{ details: { name: { contains: "Globales" } } }] } ) { items { id } } }',
};

const KINDS = [
  {
    kind: "contacts" as DfsTransferKind,
    base: "/v1.0/contacts/export",
    tag: "ContactsExport",
    view: PERMISSIONS.contactView,
    noun: "contacts",
  },
  {
    kind: "legal-entities" as DfsTransferKind,
    base: "/v1.0/legal-entities/export",
    tag: "LegalEntitiesExport",
    view: PERMISSIONS.organizationView,
    noun: "legal entities",
  },
];

const jobPath = z.object({
  exportJobId: z.string().max(100).openapi({ description: "The export job Id", format: "uuid" }),
});

export function dfsExportRoutes(deps: RestDeps) {
  const routes = dialectRoutes();
  for (const { kind, base, tag, view, noun } of KINDS) {
    const prefix = kind === "contacts" ? "Contacts" : "LegalEntities";
    const start = operation(
      { permissions: [PERMISSIONS.exportAdd, view] },
      {
        method: "post",
        path: base,
        operationId: `${prefix}_Export`,
        summary:
          `Initiates the process to generate a CSV file of the ${noun} selected (every attribute marked ` +
          "isExportable in the details schema) and responds with a job id. An empty body exports all; a GraphQL " +
          "query filters with its where argument (and, or; eq, neq, contains, startsWith, endsWith, in, gt, gte, lt, lte).",
        tags: [tag],
        request: {
          query: languageQuery,
          headers: languageHeaders,
          body: {
            required: false,
            content: {
              "text/plain": { schema: z.string().openapi({ example: QUERY_SAMPLE[kind] }) },
              "application/graphql": { schema: z.string() },
              "application/json": { schema: z.object({ query: z.string().nullish() }) },
            },
          },
        },
        responses: { ...ok(exportJobResponse), ...errors(400) },
      },
    );
    const download = operation(
      { permissions: [PERMISSIONS.exportView, view] },
      {
        method: "get",
        path: `${base}/{exportJobId}`,
        operationId: `${prefix}_GetExport`,
        summary: `Returns the CSV file of the ${noun} requested with POST ${base} (422 while the job runs)`,
        tags: [tag],
        request: { params: jobPath, query: languageQuery, headers: languageHeaders },
        responses: {
          200: { description: "The CSV file", content: { "text/csv": { schema: z.string() } } },
          ...errors(400, 404, 422),
        },
      },
    );

    routes.openapi(start, async (c) => {
      const type = c.req.header("content-type") ?? "";
      const query = type.includes("json")
        ? ((await c.req.json<{ query?: string | null }>()).query ?? "")
        : await c.req.text();
      const job = await startDfsExport(c.var.ctx, kind, query);
      return c.json({ exportJobId: job.id }, 200);
    });

    routes.openapi(download, async (c) => {
      const file = await openDfsExportDownload(
        c.var.ctx,
        kind,
        c.req.valid("param").exportJobId,
        deps.storage,
      );
      return new Response(Readable.toWeb(file.stream) as ReadableStream, {
        headers: {
          "content-type": "text/csv; charset=utf-8",
          "content-length": String(file.size),
          "content-disposition": `attachment; filename="${file.fileName}"`,
        },
      }) as never;
    });
  }
  return routes;
}
