import {
  createExternalSource,
  deleteExternalSource,
  type ExternalSource,
  getExternalSource,
  listExternalSources,
  updateExternalSource,
} from "@switchboard/domain";
import { Hono } from "hono";
import type { RestEnv } from "../../env";
import { rowResponse } from "../../http/etag";
import { readJson } from "../../http/request";
import { badRequest, underIfMatch } from "./errors";
import { BASE } from "./mappers";
import { integerParam } from "./query";
import { externalSourceInput } from "./wire";

const sourceToWire = (s: ExternalSource) => ({
  id: s.id,
  name: s.name,
  active: s.active,
  ...(s.uriTemplate && { linkConfiguration: { uriTemplate: s.uriTemplate } }),
  selfUri: `${BASE}/externalsources/${s.id}`,
});

const inputOf = (body: { name: string; active?: boolean; linkConfiguration?: { uriTemplate: string } }) => ({
  name: body.name,
  active: body.active ?? true,
  uriTemplate: body.linkConfiguration?.uriTemplate,
});

export function externalSourceRoutes() {
  const app = new Hono<RestEnv>();

  app.get("/", async (c) => {
    const limit = integerParam(c, "limit", 100, { min: 10, max: 200 });
    const activeParam = c.req.query("active");
    if (activeParam !== undefined && activeParam !== "true" && activeParam !== "false")
      throw badRequest("active must be true or false", [{ errorCode: "invalid.value", fieldName: "active" }]);
    const name = c.req.query("name");
    const cursor = c.req.query("cursor");
    const page = await listExternalSources(c.get("ctx"), {
      limit,
      cursor,
      name,
      active: activeParam === undefined ? undefined : activeParam === "true",
    });
    const uri = (at?: string) => {
      const params = new URLSearchParams({ limit: String(limit) });
      if (name) params.set("name", name);
      if (activeParam) params.set("active", activeParam);
      if (at) params.set("cursor", at);
      return `${BASE}/externalsources?${params}`;
    };
    return c.json({
      entities: page.entities.map(sourceToWire),
      selfUri: uri(cursor),
      ...(page.nextCursor && { nextUri: uri(page.nextCursor), cursors: { after: page.nextCursor } }),
    });
  });
  app.post("/", async (c) => {
    const created = await createExternalSource(c.get("ctx"), inputOf(await readJson(c, externalSourceInput)));
    return c.json(sourceToWire(created));
  });
  app.get("/:id", async (c) =>
    rowResponse(c, await getExternalSource(c.get("ctx"), c.req.param("id")), sourceToWire),
  );
  app.put("/:id", async (c) => {
    const input = inputOf(await readJson(c, externalSourceInput));
    const updated = await underIfMatch(c, (condition) =>
      updateExternalSource(c.get("ctx"), c.req.param("id"), input, condition),
    );
    return rowResponse(c, updated, sourceToWire);
  });
  app.delete("/:id", async (c) => {
    await underIfMatch(c, (condition) => deleteExternalSource(c.get("ctx"), c.req.param("id"), condition));
    return c.json({});
  });
  return app;
}
