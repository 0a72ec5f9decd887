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
  type SchemaTarget,
  schemaLimits,
  updateSchema,
} from "@switchboard/domain";
import { Hono } from "hono";
import type { RestEnv } from "../../env";
import { readJson } from "../../http/request";
import { badRequest } from "./errors";
import { BASE } from "./mappers";
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

/** `/contacts/schemas` and `/organizations/schemas`: the same versioned schemas, one collection per target. */
export function schemaRoutes(target: SchemaTarget) {
  const app = new Hono<RestEnv>();
  const base = `${BASE}/${COLLECTION[target]}/schemas`;
  const listing = <T>(entities: T[], selfUri: string) => ({ entities, total: entities.length, selfUri });

  // Fixed paths first, so `coretypes` and `limits` are not taken for schema ids.
  app.get("/coretypes", (c) => {
    const types = listCoreTypes(c.get("ctx")).map((t) => coreTypeToWire(target, t));
    return c.json(listing(types, `${base}/coretypes`));
  });
  app.get("/coretypes/:name", (c) =>
    c.json(coreTypeToWire(target, getCoreType(c.get("ctx"), c.req.param("name")))),
  );
  app.get("/limits", (c) => c.json({ ...schemaLimits(c.get("ctx")), selfUri: `${base}/limits` }));

  app.get("/", async (c) => {
    const schemas = await listSchemas(c.get("ctx"), target);
    return c.json(
      listing(
        schemas.map((s) => schemaToWire(target, s)),
        base,
      ),
    );
  });
  app.post("/", async (c) => {
    const body = await readJson(c, dataSchema);
    const created = await createSchema(c.get("ctx"), target, body);
    return c.json(schemaToWire(target, created));
  });
  app.get("/:schemaId", async (c) =>
    c.json(schemaToWire(target, await getSchema(c.get("ctx"), target, c.req.param("schemaId")))),
  );
  app.put("/:schemaId", async (c) => {
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
    app.delete("/:schemaId", async (c) => {
      await deleteSchema(c.get("ctx"), target, c.req.param("schemaId"));
      return c.body(null, 204);
    });
  }
  app.get("/:schemaId/versions", async (c) => {
    const versions = await listSchemaVersions(c.get("ctx"), target, c.req.param("schemaId"));
    return c.json(
      listing(
        versions.map((s) => schemaToWire(target, s)),
        `${base}/${c.req.param("schemaId")}/versions`,
      ),
    );
  });
  app.get("/:schemaId/versions/:versionId", async (c) => {
    const version = Number(c.req.param("versionId"));
    const schema = await getSchemaVersion(c.get("ctx"), target, c.req.param("schemaId"), version);
    return c.json(schemaToWire(target, schema));
  });
  return app;
}
