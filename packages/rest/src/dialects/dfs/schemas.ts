import { z } from "@hono/zod-openapi";
import {
  fieldsMetadataOf,
  getDetailsSchema,
  jsonSchemaOf,
  layoutOf,
  PERMISSIONS,
  updateDetailsSchema,
} from "@switchboard/domain";
import { dialectRoutes, operation } from "../../http/kit";
import { languageOf } from "./language";
import { errors, jsonBody, languageHeaders, languageQuery, ok } from "./wire";

const TAG = "Schemas";
const keyPath = z.object({
  key: z.string().max(100).openapi({ description: "Schema key (contact, legal-entity)" }),
});
const common = { params: keyPath, query: languageQuery, headers: languageHeaders };
const view = { permissions: [PERMISSIONS.customFieldsView] };

const schemaResponse = z
  .object({
    id: z.number().int(),
    key: z.string(),
    schema: z
      .string()
      .openapi({ description: "The serialized definition: fieldSets and fields with their flags" }),
    jsonSchema: z.string(),
    concurrencyToken: z.number().int(),
  })
  .openapi("SchemaResponse");

const toggleHidden = z.object({ when: z.string(), eq: z.string() }).nullable();
const layoutField = z
  .object({
    key: z.string(),
    label: z.string().nullable(),
    fieldType: z.string(),
    parentKey: z.string().nullable(),
    tooltip: z.string().nullable(),
    isHidden: z.boolean(),
    isLabelHidden: z.boolean(),
    toggleHidden,
  })
  .openapi("LayoutField");
const inputField = z
  .object({
    key: z.string(),
    label: z.string().nullable(),
    fieldType: z.string(),
    listKey: z.string().nullable(),
    listHierarchyFilterKey: z.string().nullable(),
    isReadOnly: z.boolean(),
    isArrayItem: z.boolean(),
    tooltip: z.string().nullable(),
    layoutPath: z.array(z.object({ label: z.string().nullable(), key: z.string() })),
    placeholder: z.string().nullable(),
    isRequired: z.boolean(),
    isApprovalRequired: z.boolean(),
    isHidden: z.boolean(),
    isExportable: z.boolean(),
    validations: z.record(z.string(), z.unknown()).nullable(),
    toggleHidden,
    currency: z.string().nullable(),
    alias: z.string().nullable(),
  })
  .openapi("InputField");

const get = operation(view, {
  method: "get",
  path: "/v1.0/schemas/{key}",
  operationId: "Schemas_Get",
  summary: "Get schema info (definition, JSON schema, concurrency token)",
  tags: [TAG],
  request: common,
  responses: { ...ok(schemaResponse), ...errors(400, 404) },
});

const update = operation(
  { permissions: [PERMISSIONS.customFieldsEdit] },
  {
    method: "put",
    path: "/v1.0/schemas/{key}",
    operationId: "Schemas_Update",
    summary:
      "Update the schema definition (schema editor only); the JSON schema and metadata are regenerated from it, a stale concurrencyToken is 422",
    tags: [TAG],
    request: {
      ...common,
      ...jsonBody(
        z
          .object({
            schema: z.string().max(1_000_000).nullish(),
            jsonSchema: z.string().nullish().openapi({ description: "Ignored: derived from schema" }),
            concurrencyToken: z.number().int(),
          })
          .openapi("UpdateSchemaRequest"),
      ),
    },
    responses: {
      ...ok(z.object({ concurrencyToken: z.number().int() }).openapi("UpdateSchemaResponse")),
      ...errors(400, 404, 422),
    },
  },
);

const jsonSchema = operation(view, {
  method: "get",
  path: "/v1.0/schemas/{key}/json-schema",
  operationId: "Schemas_GetJsonSchema",
  summary: "Get the JSON Schema for external validation of details",
  tags: [TAG],
  request: common,
  responses: {
    ...ok(z.object({ jsonSchema: z.string() }).openapi("JsonSchemaResponse")),
    ...errors(400, 404),
  },
});

const layout = operation(view, {
  method: "get",
  path: "/v1.0/schemas/{key}/layout-metadata",
  operationId: "Schemas_GetLayoutMetadata",
  summary: "Get the layout-element metadata for rendering a form",
  tags: [TAG],
  request: common,
  responses: {
    ...ok(z.object({ fields: z.array(layoutField) }).openapi("LayoutMetadataResponse")),
    ...errors(400, 404),
  },
});

const fields = operation(view, {
  method: "post",
  path: "/v1.0/schemas/{key}/fields-metadata",
  operationId: "Schemas_GetFieldsMetadata",
  summary: "Get the input-element (field) metadata, filtered by fieldKeys and layoutPathKey",
  tags: [TAG],
  request: {
    ...common,
    body: {
      required: false,
      content: {
        "application/json": {
          schema: z
            .object({
              fieldKeys: z.array(z.string().max(500)).max(1000).nullish(),
              layoutPathKey: z.string().max(500).nullish(),
            })
            .openapi("FieldsMetadataRequest"),
        },
      },
    },
  },
  responses: {
    ...ok(z.object({ fields: z.array(inputField) }).openapi("FieldsMetadataResponse")),
    ...errors(400, 404),
  },
});

export function schemaRoutes() {
  const routes = dialectRoutes();
  routes.openapi(get, async (c) => {
    const s = await getDetailsSchema(c.var.ctx, c.req.valid("param").key);
    return c.json(
      {
        id: s.id,
        key: s.key,
        schema: JSON.stringify(s.definition),
        jsonSchema: JSON.stringify(jsonSchemaOf(s.definition)),
        concurrencyToken: s.version,
      },
      200,
    );
  });
  routes.openapi(update, async (c) => {
    const body = c.req.valid("json");
    const s = await updateDetailsSchema(c.var.ctx, c.req.valid("param").key, {
      definition: body.schema,
      concurrencyToken: body.concurrencyToken,
    });
    return c.json({ concurrencyToken: s.version }, 200);
  });
  routes.openapi(jsonSchema, async (c) => {
    const s = await getDetailsSchema(c.var.ctx, c.req.valid("param").key);
    return c.json({ jsonSchema: JSON.stringify(jsonSchemaOf(s.definition)) }, 200);
  });
  routes.openapi(layout, async (c) => {
    const s = await getDetailsSchema(c.var.ctx, c.req.valid("param").key);
    return c.json({ fields: layoutOf(s.definition, languageOf(c)) }, 200);
  });
  routes.openapi(fields, async (c) => {
    const s = await getDetailsSchema(c.var.ctx, c.req.valid("param").key);
    const body = (c.req.header("content-type")?.includes("json") ? c.req.valid("json") : {}) ?? {};
    return c.json({ fields: fieldsMetadataOf(s.definition, languageOf(c), body) }, 200);
  });
  return routes;
}
