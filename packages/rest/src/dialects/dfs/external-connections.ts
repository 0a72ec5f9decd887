import { z } from "@hono/zod-openapi";
import {
  addExternalConnection,
  findContactByExternalConnection,
  listExternalConnections,
  PERMISSIONS,
} from "@switchboard/domain";
import { dialectRoutes, operation } from "../../http/kit";
import { contactIdOf } from "./refs";
import { errors, int32, jsonBody, languageHeaders, languageQuery, noContent, ok } from "./wire";

const TAG = "ContactExternalConnections";

const externalConnection = z
  .object({
    externalId: z.string().nullable().openapi({ example: "CBS-000123" }),
    system: z.string().nullable().openapi({ example: "CBS" }),
  })
  .openapi("ExternalConnection");

const contactPath = z.object({ contactId: int32.openapi({ description: "Contact id" }) });
const identifier = z.object({ id: z.number().int(), uid: z.uuid() }).openapi("ContactIdentifierResponse");

const list = operation(
  { permissions: [PERMISSIONS.contactView] },
  {
    method: "get",
    path: "/v1.0/contacts/{contactId}/external-connections",
    operationId: "ContactExternalConnections_Get",
    summary: "Retrieves contact external connections (the import service's id is system Default)",
    tags: [TAG],
    request: { params: contactPath, query: languageQuery, headers: languageHeaders },
    responses: {
      ...ok(z.object({ connections: z.array(externalConnection) }).openapi("ExternalConnectionsResponse")),
      ...errors(400, 404),
    },
  },
);

const add = operation(
  { permissions: [PERMISSIONS.contactView, PERMISSIONS.contactEdit] },
  {
    method: "post",
    path: "/v1.0/contacts/{contactId}/external-connections",
    operationId: "ContactExternalConnections_Add",
    summary:
      "Adds a contact external connection; external ids are unique across all contacts, whatever the system",
    tags: [TAG],
    request: {
      params: contactPath,
      query: languageQuery,
      headers: languageHeaders,
      ...jsonBody(
        z.object({ externalId: z.string().max(10_000).nullish(), system: z.string().max(10_000).nullish() }),
      ),
    },
    responses: { ...noContent, ...errors(400, 404, 422) },
  },
);

const lookupParams = z.object({
  system: z.string().min(1).openapi({ description: "System" }),
  externalId: z.string().min(1).openapi({ description: "ExternalId" }),
});

const lookup = operation(
  { permissions: [PERMISSIONS.contactView] },
  {
    method: "get",
    path: "/v1.0/contacts/external-connections/{system}/{externalId}",
    operationId: "ContactExternalConnections_GetContactIdentifier",
    summary: "Retrieves contact identifier by external connection",
    tags: [TAG],
    request: { params: lookupParams, query: languageQuery, headers: languageHeaders },
    responses: { ...ok(identifier), ...errors(400, 404) },
  },
);

/** The same lookup with `system` and `externalId` in the query string (dialect reference §5 item 1). */
const lookupByQuery = operation(
  { permissions: [PERMISSIONS.contactView] },
  {
    method: "get",
    path: "/v1.0/contacts/external-connections",
    operationId: "ContactExternalConnections_GetContactIdentifierByQuery",
    summary: "Retrieves contact identifier by external connection (query form)",
    tags: [TAG],
    request: { query: languageQuery.extend(lookupParams.shape), headers: languageHeaders },
    responses: { ...ok(identifier), ...errors(400, 404) },
  },
);

export function externalConnectionRoutes() {
  const routes = dialectRoutes();
  routes.openapi(lookupByQuery, async (c) => {
    const { system, externalId } = c.req.valid("query");
    const found = await findContactByExternalConnection(c.var.ctx, system, externalId);
    return c.json({ id: found.number, uid: found.id }, 200);
  });
  routes.openapi(lookup, async (c) => {
    const { system, externalId } = c.req.valid("param");
    const found = await findContactByExternalConnection(c.var.ctx, system, externalId);
    return c.json({ id: found.number, uid: found.id }, 200);
  });
  routes.openapi(list, async (c) => {
    const ref = { number: c.req.valid("param").contactId };
    return c.json({ connections: await listExternalConnections(c.var.ctx, ref) }, 200);
  });
  routes.openapi(add, async (c) => {
    const id = await contactIdOf(c.var.ctx, c.req.valid("param").contactId);
    await addExternalConnection(c.var.ctx, id, c.req.valid("json"));
    return c.body(null, 204);
  });
  return routes;
}
