import {
  createExternalSource,
  deleteExternalSource,
  type ExternalSource,
  getExternalSource,
  listExternalSources,
  PERMISSIONS,
  updateExternalSource,
} from "@switchboard/domain";
import { rowResponse } from "../../http/etag";
import { dialectRoutes } from "../../http/kit";
import { readJson } from "../../http/request";
import { badRequest, underIfMatch } from "./errors";
import { BASE } from "./mappers";
import { genesysOperation } from "./operations";
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

const getExternalcontactsExternalsources = genesysOperation(
  {
    permissions: [PERMISSIONS.externalSourceView, PERMISSIONS.contactView, PERMISSIONS.organizationView],
    any: true,
  },
  {
    method: "get",
    path: "/",
    operationId: "getExternalcontactsExternalsources",
    summary: "Fetch a list of external sources",
    query: [
      { name: "cursor", description: "Cursor from the previous page" },
      { name: "limit", description: "10 to 200, default 100", integer: true },
      { name: "name", description: "Name prefix" },
      { name: "active", description: "true or false" },
    ],
    status: 200,
    response: "CursorExternalSourceListing",
  },
);
const postExternalcontactsExternalsources = genesysOperation(
  { permissions: [PERMISSIONS.externalSourceAdd] },
  {
    method: "post",
    path: "/",
    operationId: "postExternalcontactsExternalsources",
    summary: "Create an external source",
    body: "ExternalSource",
    status: 200,
    response: "ExternalSource",
  },
);
const getExternalcontactsExternalsource = genesysOperation(
  {
    permissions: [PERMISSIONS.externalSourceView, PERMISSIONS.contactView, PERMISSIONS.organizationView],
    any: true,
  },
  {
    method: "get",
    path: "/{externalSourceId}",
    operationId: "getExternalcontactsExternalsource",
    summary: "Fetch an external source",
    status: 200,
    response: "ExternalSource",
    record: "tagged",
  },
);
const putExternalcontactsExternalsource = genesysOperation(
  { permissions: [PERMISSIONS.externalSourceEdit] },
  {
    method: "put",
    path: "/{externalSourceId}",
    operationId: "putExternalcontactsExternalsource",
    summary: "Update an external source",
    body: "ExternalSource",
    status: 200,
    response: "ExternalSource",
    record: "tagged",
  },
);
const deleteExternalcontactsExternalsource = genesysOperation(
  { permissions: [PERMISSIONS.externalSourceDelete] },
  {
    method: "delete",
    path: "/{externalSourceId}",
    operationId: "deleteExternalcontactsExternalsource",
    summary: "Delete an external source",
    status: 200,
    response: "Empty",
    record: "tagged",
  },
);

export function externalSourceRoutes() {
  const app = dialectRoutes();

  app.openapi(getExternalcontactsExternalsources, async (c) => {
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
  app.openapi(postExternalcontactsExternalsources, async (c) => {
    const created = await createExternalSource(c.get("ctx"), inputOf(await readJson(c, externalSourceInput)));
    return c.json(sourceToWire(created));
  });
  app.openapi(getExternalcontactsExternalsource, async (c) =>
    rowResponse(c, await getExternalSource(c.get("ctx"), c.req.param("externalSourceId")), sourceToWire),
  );
  app.openapi(putExternalcontactsExternalsource, async (c) => {
    const input = inputOf(await readJson(c, externalSourceInput));
    const updated = await underIfMatch(c, (condition) =>
      updateExternalSource(c.get("ctx"), c.req.param("externalSourceId"), input, condition),
    );
    return rowResponse(c, updated, sourceToWire);
  });
  app.openapi(deleteExternalcontactsExternalsource, async (c) => {
    await underIfMatch(c, (condition) =>
      deleteExternalSource(c.get("ctx"), c.req.param("externalSourceId"), condition),
    );
    return c.json({});
  });
  return app;
}
