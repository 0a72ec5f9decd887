import { Readable } from "node:stream";
import { createExport, getExport, listExports, openExportDownload } from "@switchboard/domain";
import { Hono } from "hono";
import type { RestDeps, RestEnv } from "../../env";
import { readJson } from "../../http/request";
import { badRequest } from "./errors";
import { BASE, exportToWire } from "./mappers";
import { integerParam, multi } from "./query";
import { contactsExportRequest } from "./wire";

export function exportRoutes(deps: RestDeps) {
  const app = new Hono<RestEnv>();
  const origin = (url: string) => new URL(url).origin;

  app.post("/contacts/exports", async (c) => {
    const body = await readJson(c, contactsExportRequest);
    // The domain exports whole divisions; answering a filtered request with every contact would be wrong.
    if (body.queryConditions?.filters || body.queryConditions?.limit !== undefined)
      throw badRequest("queryConditions are not supported yet; narrow an export with divisionIds", [
        { errorCode: "unsupported.value", fieldName: "queryConditions" },
      ]);
    const job = await createExport(c.get("ctx"), { entityType: "contacts", divisionIds: body.divisionIds });
    return c.json(exportToWire(job, origin(c.req.url)), 201);
  });

  app.get("/contacts/exports", async (c) => {
    const pageSize = integerParam(c, "pageSize", 25, { min: 1, max: 200 });
    const divisionIds = multi(c, "divisionIds");
    const after = c.req.query("after");
    const page = await listExports(c.get("ctx"), {
      entityType: "contacts",
      after,
      pageSize,
      divisionIds: divisionIds.length ? divisionIds : undefined,
    });
    const uri = (cursor?: string) => {
      const params = new URLSearchParams({ pageSize: String(pageSize) });
      if (cursor) params.set("after", cursor);
      for (const d of divisionIds) params.append("divisionIds", d);
      return `${BASE}/contacts/exports?${params}`;
    };
    return c.json({
      entities: page.entities.map((job) => exportToWire(job, origin(c.req.url))),
      selfUri: uri(after),
      ...(page.nextCursor && { nextUri: uri(page.nextCursor) }),
    });
  });

  app.get("/contacts/exports/:exportId", async (c) => {
    const job = await getExport(c.get("ctx"), c.req.param("exportId"));
    return c.json(exportToWire(job, origin(c.req.url)));
  });

  /** Where `downloadUrl` points: the CSV, streamed, to a caller allowed to view the export. */
  app.get("/contacts/exports/:exportId/download", async (c) => {
    const file = await openExportDownload(c.get("ctx"), c.req.param("exportId"), deps.storage);
    return new Response(Readable.toWeb(file.stream) as ReadableStream, {
      headers: {
        "content-type": `${file.contentType}; charset=utf-8`,
        "content-length": String(file.size),
        "content-disposition": `attachment; filename="${file.fileName}"`,
      },
    });
  });

  return app;
}
