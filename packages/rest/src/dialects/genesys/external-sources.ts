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
import { readJson } from "../../http/request";
import { badRequest } from "./errors";
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
    c.json(sourceToWire(await getExternalSource(c.get("ctx"), c.req.param("id")))),
  );
  app.put("/:id", async (c) => {
    const updated = await updateExternalSource(
      c.get("ctx"),
      c.req.param("id"),
      inputOf(await readJson(c, externalSourceInput)),
    );
    return c.json(sourceToWire(updated));
  });
  app.delete("/:id", async (c) => {
    await deleteExternalSource(c.get("ctx"), c.req.param("id"));
    return c.json({});
  });
  return app;
}
