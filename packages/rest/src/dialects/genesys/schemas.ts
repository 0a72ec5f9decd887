import {
  type CoreType,
  createSchema,
  type DataSchema,
  deleteSchema,
  getCoreType,
  getSchema,
  getSchemaVersion,
  listCoreTypes,
  listSchemas,
  listSchemaVersions,
  PERMISSIONS,
  type SchemaTarget,
  schemaLimits,
  updateSchema,
} from "@switchboard/domain";
import { dialectRoutes } from "../../http/kit";
import { readJson } from "../../http/request";
import { badRequest } from "./errors";
import { BASE } from "./mappers";
import { genesysOperation } from "./operations";
import { dataSchema } from "./wire";

const APPLIES_TO: Record<SchemaTarget, string> = {
  contact: "CONTACT",
  organization: "EXTERNAL_ORGANIZATION",
};
const COLLECTION: Record<SchemaTarget, string> = { contact: "contacts", organization: "organizations" };

function schemaToWire(target: SchemaTarget, s: DataSchema) {
  return {
    id: s.id,
    name: s.name,
    version: s.version,
    appliesTo: [APPLIES_TO[target]],
    enabled: s.enabled,
    createdBy: { id: s.createdById, ...(s.createdByName && { name: s.createdByName }) },
    dateCreated: s.createdAt.toISOString(),
    jsonSchema: s.jsonSchema,
    selfUri: `${BASE}/${COLLECTION[target]}/schemas/${s.id}`,
  };
}

function coreTypeToWire(target: SchemaTarget, t: CoreType) {
  return {
    id: t.name,
    name: t.name,
    version: 1,
    dateCreated: "2024-01-01T00:00:00.000Z",
    current: true,
    schema: {
      title: t.title,
      description: t.description,
      type: t.type,
      ...(t.items && { items: t.items }),
      ...(t.pattern && { pattern: t.pattern }),
    },
    validationFields: t.validationFields,
    validationLimits: t.validationLimits,
    ...(t.itemValidationFields && { itemValidationFields: t.itemValidationFields }),
    ...(t.itemValidationLimits && { itemValidationLimits: t.itemValidationLimits }),
    selfUri: `${BASE}/${COLLECTION[target]}/schemas/coretypes/${t.name}`,
  };
}

/** The schema operations of one target, mounted at `/contacts/schemas` or `/organizations/schemas`. */
function schemaOperations(target: SchemaTarget) {
  const id = (verb: string, rest: string) =>
    `${verb}Externalcontacts${target === "contact" ? "Contacts" : "Organizations"}${rest}`;
  const view = { permissions: [PERMISSIONS.customFieldsView] };
  const edit = { permissions: [PERMISSIONS.customFieldsEdit] };
  return {
    coreTypes: genesysOperation(view, {
      method: "get",
      path: "/coretypes",
      operationId: id("get", "SchemasCoretypes"),
      summary: "Get the core types from which all schemas are built",
      status: 200,
    }),
    coreType: genesysOperation(view, {
      method: "get",
      path: "/coretypes/{coreTypeName}",
      operationId: id("get", "SchemasCoretype"),
      summary: "Get a specific named core type",
      status: 200,
    }),
    limits: genesysOperation(view, {
      method: "get",
      path: "/limits",
      operationId: id("get", "SchemasLimits"),
      summary: "Get quantitative limits on schemas",
      status: 200,
    }),
    list: genesysOperation(view, {
      method: "get",
      path: "/",
      operationId: id("get", "Schemas"),
      summary: "Get a list of schemas",
      status: 200,
      response: "DataSchemaListing",
    }),
    create: genesysOperation(
      { permissions: [PERMISSIONS.customFieldsAdd] },
      {
        method: "post",
        path: "/",
        operationId: id("post", "Schemas"),
        summary: "Create a schema",
        body: "DataSchema",
        status: 200,
        response: "DataSchema",
      },
    ),
    get: genesysOperation(view, {
      method: "get",
      path: "/{schemaId}",
      operationId: id("get", "Schema"),
      summary: "Get a schema",
      status: 200,
      response: "DataSchema",
    }),
    update: genesysOperation(edit, {
      method: "put",
      path: "/{schemaId}",
      operationId: id("put", "Schema"),
      summary: "Update a schema (a new version)",
      body: "DataSchema",
      status: 200,
      response: "DataSchema",
    }),
    delete: genesysOperation(edit, {
      method: "delete",
      path: "/{schemaId}",
      operationId: id("delete", "Schema"),
      summary: "Delete a schema",
      status: 204,
    }),
    versions: genesysOperation(view, {
      method: "get",
      path: "/{schemaId}/versions",
      operationId: id("get", "SchemaVersions"),
      summary: "Get all versions of a schema",
      status: 200,
      response: "DataSchemaListing",
    }),
    version: genesysOperation(view, {
      method: "get",
      path: "/{schemaId}/versions/{versionId}",
      operationId: id("get", "SchemaVersion"),
      summary: "Get a specific version of a schema",
      status: 200,
      response: "DataSchema",
    }),
  };
}

/** `/contacts/schemas` and `/organizations/schemas`: the same versioned schemas, one collection per target. */
export function schemaRoutes(target: SchemaTarget) {
  const app = dialectRoutes();
  const ops = schemaOperations(target);
  const base = `${BASE}/${COLLECTION[target]}/schemas`;
  const listing = <T>(entities: T[], selfUri: string) => ({ entities, total: entities.length, selfUri });

  // Fixed paths first, so `coretypes` and `limits` are not taken for schema ids.
  app.openapi(ops.coreTypes, (c) => {
    const types = listCoreTypes(c.get("ctx")).map((t) => coreTypeToWire(target, t));
    return c.json(listing(types, `${base}/coretypes`));
  });
  app.openapi(ops.coreType, (c) =>
    c.json(coreTypeToWire(target, getCoreType(c.get("ctx"), c.req.param("coreTypeName")))),
  );
  app.openapi(ops.limits, (c) => c.json({ ...schemaLimits(c.get("ctx")), selfUri: `${base}/limits` }));

  app.openapi(ops.list, async (c) => {
    const schemas = await listSchemas(c.get("ctx"), target);
    return c.json(
      listing(
        schemas.map((s) => schemaToWire(target, s)),
        base,
      ),
    );
  });
  app.openapi(ops.create, async (c) => {
    const body = await readJson(c, dataSchema);
    const created = await createSchema(c.get("ctx"), target, body);
    return c.json(schemaToWire(target, created));
  });
  app.openapi(ops.get, async (c) =>
    c.json(schemaToWire(target, await getSchema(c.get("ctx"), target, c.req.param("schemaId")))),
  );
  app.openapi(ops.update, async (c) => {
    const body = await readJson(c, dataSchema);
    if (body.version === undefined)
      throw badRequest("version is required to update a schema", [
        { errorCode: "required", fieldName: "version" },
      ]);
    const updated = await updateSchema(c.get("ctx"), target, c.req.param("schemaId"), {
      ...body,
      version: body.version,
    });
    return c.json(schemaToWire(target, updated));
  });
  if (target === "contact") {
    // Genesys has no DELETE for organization schemas.
    app.openapi(ops.delete, async (c) => {
      await deleteSchema(c.get("ctx"), target, c.req.param("schemaId"));
      return c.body(null, 204);
    });
  }
  app.openapi(ops.versions, async (c) => {
    const versions = await listSchemaVersions(c.get("ctx"), target, c.req.param("schemaId"));
    return c.json(
      listing(
        versions.map((s) => schemaToWire(target, s)),
        `${base}/${c.req.param("schemaId")}/versions`,
      ),
    );
  });
  app.openapi(ops.version, async (c) => {
    const version = Number(c.req.param("versionId"));
    const schema = await getSchemaVersion(c.get("ctx"), target, c.req.param("schemaId"), version);
    return c.json(schemaToWire(target, schema));
  });
  return app;
}
