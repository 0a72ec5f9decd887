import { Readable } from "node:stream";
import {
  createExport,
  type ExportEntityType,
  getExport,
  listExports,
  openExportDownload,
} from "@switchboard/domain";
import { Hono } from "hono";
import type { RestDeps, RestEnv } from "../../env";
import { readJson } from "../../http/request";
import { BASE, exportToWire } from "./mappers";
import { integerParam, multi } from "./query";
import {
  contactsExportModels,
  notesExportModels,
  organizationsExportModels,
  relationshipsExportModels,
} from "./wire";

/** Each kind's request model: its own filter fields, checked before the domain sees the request. */
const REQUESTS = {
  contacts: contactsExportModels.request,
  organizations: organizationsExportModels.request,
  notes: notesExportModels.request,
  relationships: relationshipsExportModels.request,
} satisfies Record<ExportEntityType, unknown>;

/**
 * Genesys exports: `/{contacts|organizations|notes|relationships}/exports` to create (201), list
 * (after-cursor) and poll, plus the download `downloadUrl` points at. An export of one kind is not found
 * under another kind's path.
 */
export function exportRoutes(deps: RestDeps) {
  const app = new Hono<RestEnv>();
  const origin = (url: string) => new URL(url).origin;

  for (const [kind, request] of Object.entries(REQUESTS) as [ExportEntityType, typeof REQUESTS.contacts][]) {
    const path = `/${kind}/exports`;

    app.post(path, async (c) => {
      const body = await readJson(c, request);
      const job = await createExport(c.get("ctx"), {
        entityType: kind,
        divisionIds: body.divisionIds,
        queryConditions: body.queryConditions,
      });
      return c.json(exportToWire(job, origin(c.req.url)), 201);
    });

    app.get(path, async (c) => {
      const pageSize = integerParam(c, "pageSize", 25, { min: 1, max: 200 });
      const divisionIds = multi(c, "divisionIds");
      const after = c.req.query("after");
      const page = await listExports(c.get("ctx"), {
        entityType: kind,
        after,
        pageSize,
        divisionIds: divisionIds.length ? divisionIds : undefined,
      });
      const uri = (cursor?: string) => {
        const params = new URLSearchParams({ pageSize: String(pageSize) });
        if (cursor) params.set("after", cursor);
        for (const d of divisionIds) params.append("divisionIds", d);
        return `${BASE}${path}?${params}`;
      };
      return c.json({
        entities: page.entities.map((job) => exportToWire(job, origin(c.req.url))),
        selfUri: uri(after),
        ...(page.nextCursor && { nextUri: uri(page.nextCursor) }),
      });
    });

    app.get(`${path}/:exportId`, async (c) => {
      const job = await getExport(c.get("ctx"), c.req.param("exportId"), kind);
      return c.json(exportToWire(job, origin(c.req.url)));
    });

    /** Where `downloadUrl` points: the CSV, streamed, to a caller allowed to view the export. */
    app.get(`${path}/:exportId/download`, async (c) => {
      const file = await openExportDownload(c.get("ctx"), c.req.param("exportId"), deps.storage, kind);
      return new Response(Readable.toWeb(file.stream) as ReadableStream, {
        headers: {
          "content-type": `${file.contentType}; charset=utf-8`,
          "content-length": String(file.size),
          "content-disposition": `attachment; filename="${file.fileName}"`,
        },
      });
    });
  }

  return app;
}
