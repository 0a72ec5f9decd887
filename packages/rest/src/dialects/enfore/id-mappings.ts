import { z } from "@hono/zod-openapi";
import {
  deleteIdMapping,
  getIdMapping,
  listIdMappings,
  PERMISSIONS,
  writeIdMappings,
} from "@switchboard/domain";
import { dialectRoutes, operation } from "../../http/kit";
import { body, errors, json, noContent, OrgParams, orgId, pathParam } from "./routes";
import { IdMappingSchema, IdMappingsSchema } from "./wire";

// External-ID mappings (ops 61–67, 106–112): one factory over the contact kind. A mapping is the record's
// external id of the reserved source `enfore:individual` / `enfore:organization`: the same value the contact's
// `external_id` reads and writes.

const KINDS = [
  {
    owner: "contact",
    wire: "individual",
    Wire: "Individual",
    view: PERMISSIONS.contactView,
    edit: PERMISSIONS.contactEdit,
  },
  {
    owner: "organization",
    wire: "organization",
    Wire: "Organization",
    view: PERMISSIONS.organizationView,
    edit: PERMISSIONS.organizationEdit,
  },
] as const;

export function idMappingRoutes() {
  const routes = dialectRoutes();
  for (const k of KINDS) {
    const tags = [`${k.Wire} ID mapping`];
    const text = `The mapping of internal to external IDs for ${k.wire} contacts.`;
    const one = `The mapping of internal to external ID for ${k.wire} contacts.`;
    const deleted = `The mapping of internal to external ID for ${k.wire} contact was sucessfully deleted.`;
    const ExternalParams = z.object({
      "org-id": orgId,
      "external-id": pathParam("external-id", "The external ID"),
    });
    const InternalParams = z.object({
      "org-id": orgId,
      "contact-id": pathParam("contact-id", "ID of the contact"),
    });
    const byExternal = `/org/{org-id}/${k.wire}/id-from-external-id/{external-id}`;
    const byInternal = `/org/{org-id}/${k.wire}/external-id-from-id/{contact-id}`;

    routes.openapi(
      operation(
        { permissions: [k.view] },
        {
          method: "get",
          path: `/org/{org-id}/${k.wire}-id-mapping`,
          operationId: `get${k.Wire}IdMappings`,
          summary: `Get all internal/external ID mappings (${k.wire})`,
          tags,
          request: { params: OrgParams },
          responses: { 200: json(IdMappingsSchema, text), ...errors(403) },
        },
      ),
      async (c) => c.json({ items: await listIdMappings(c.var.ctx, k.owner) }, 200),
    );

    for (const [method, mode, summary] of [
      ["post", "add", `Add ID mappings (${k.wire}); 422 when an id already has another mapping`],
      ["put", "upsert", `Upsert ID mappings (${k.wire}): the listed ids' mappings are replaced`],
    ] as const)
      routes.openapi(
        operation(
          { permissions: [k.edit] },
          {
            method,
            path: `/org/{org-id}/${k.wire}-id-mapping`,
            operationId: `${mode}${k.Wire}IdMappings`,
            summary,
            tags,
            request: { params: OrgParams, body: body(IdMappingsSchema) },
            responses: { 200: json(IdMappingsSchema, text), ...errors(400, 403, 422) },
          },
        ),
        async (c) => {
          const items = await writeIdMappings(c.var.ctx, k.owner, c.req.valid("json").items, mode);
          return c.json({ items }, 200);
        },
      );

    routes.openapi(
      operation(
        { permissions: [k.view] },
        {
          method: "get",
          path: byExternal,
          operationId: `get${k.Wire}IdMappingByExternalId`,
          summary: `Get mapping by external ID (${k.wire})`,
          tags,
          request: { params: ExternalParams },
          responses: { 200: json(IdMappingSchema, one), ...errors(403, 404) },
        },
      ),
      async (c) =>
        c.json(
          await getIdMapping(c.var.ctx, k.owner, { external: c.req.valid("param")["external-id"] }),
          200,
        ),
    );

    routes.openapi(
      operation(
        { permissions: [k.edit] },
        {
          method: "delete",
          path: byExternal,
          operationId: `delete${k.Wire}IdMappingByExternalId`,
          summary: `Delete mapping by external ID (${k.wire})`,
          tags,
          request: { params: ExternalParams },
          responses: { 204: noContent(deleted), ...errors(403, 404) },
        },
      ),
      async (c) => {
        await deleteIdMapping(c.var.ctx, k.owner, { external: c.req.valid("param")["external-id"] });
        return c.body(null, 204);
      },
    );

    routes.openapi(
      operation(
        { permissions: [k.view] },
        {
          method: "get",
          path: byInternal,
          operationId: `get${k.Wire}IdMappingByInternalId`,
          summary: `Get mapping by internal contact ID (${k.wire})`,
          tags,
          request: { params: InternalParams },
          responses: { 200: json(IdMappingSchema, one), ...errors(403, 404) },
        },
      ),
      async (c) =>
        c.json(await getIdMapping(c.var.ctx, k.owner, { internal: c.req.valid("param")["contact-id"] }), 200),
    );

    routes.openapi(
      operation(
        { permissions: [k.edit] },
        {
          method: "delete",
          path: byInternal,
          operationId: `delete${k.Wire}IdMappingByInternalId`,
          summary: `Delete mapping by internal contact ID (${k.wire})`,
          tags,
          request: { params: InternalParams },
          responses: { 204: noContent(deleted), ...errors(403, 404) },
        },
      ),
      async (c) => {
        await deleteIdMapping(c.var.ctx, k.owner, { internal: c.req.valid("param")["contact-id"] });
        return c.body(null, 204);
      },
    );
  }
  return routes;
}
