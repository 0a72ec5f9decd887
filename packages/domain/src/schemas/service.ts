import { and, asc, count, dataSchemas, dataSchemaVersions, desc, eq, isNull } from "@switchboard/db";
import { PERMISSIONS } from "../access/permissions";
import { recordChangeSet } from "../history";
import { type Context, inTransaction, requirePermission } from "../shared/context";
import { conflict, type FieldIssue, notFound, validationFailed } from "../shared/errors";
import { isUuid } from "../shared/ids";
import { parseInput } from "../shared/validation";
import { CORE_TYPES, coreTypeNamed, SCHEMA_LIMITS } from "./core-types";
import {
  type CustomFieldsRef,
  type DataSchema,
  type DataSchemaInput,
  dataSchemaInput,
  type SchemaTarget,
} from "./model";
import { readSchemaDocument, validateCustomFieldValues } from "./rules";

const ENTITY = "dataSchema";

function toDataSchema(appliesTo: SchemaTarget, v: typeof dataSchemaVersions.$inferSelect): DataSchema {
  return {
    id: v.schemaId,
    appliesTo,
    name: v.name,
    version: v.version,
    enabled: v.enabled,
    jsonSchema: v.jsonSchema,
    createdById: v.createdById,
    createdByName: v.createdByName,
    createdAt: v.createdAt,
  };
}

function validDocument(input: DataSchemaInput) {
  const valid = parseInput(dataSchemaInput, input);
  const { issues } = readSchemaDocument(valid.jsonSchema);
  if (issues.length) throw validationFailed(issues.map((i) => ({ ...i, path: `jsonSchema.${i.path}` })));
  return valid;
}

async function findSchemaRow(ctx: Context, appliesTo: SchemaTarget, id: string, forUpdate = false) {
  if (!isUuid(id)) throw notFound(ENTITY, id);
  const query = ctx.db
    .select()
    .from(dataSchemas)
    .where(
      and(
        eq(dataSchemas.tenantId, ctx.tenantId),
        eq(dataSchemas.appliesTo, appliesTo),
        eq(dataSchemas.id, id),
        isNull(dataSchemas.deletedAt),
      ),
    );
  const [row] = forUpdate ? await query.for("update") : await query;
  if (!row) throw notFound(ENTITY, id);
  return row;
}

async function findVersion(ctx: Context, schemaId: string, version: number) {
  const [row] = await ctx.db
    .select()
    .from(dataSchemaVersions)
    .where(
      and(
        eq(dataSchemaVersions.tenantId, ctx.tenantId),
        eq(dataSchemaVersions.schemaId, schemaId),
        eq(dataSchemaVersions.version, version),
      ),
    );
  return row;
}

async function saveVersion(
  ctx: Context,
  schemaId: string,
  version: number,
  valid: ReturnType<typeof validDocument>,
) {
  const [row] = await ctx.db
    .insert(dataSchemaVersions)
    .values({
      tenantId: ctx.tenantId,
      schemaId,
      version,
      name: valid.name,
      enabled: valid.enabled,
      jsonSchema: valid.jsonSchema,
      createdById: ctx.actor.id,
      createdByName: ctx.actor.name,
    })
    .returning();
  return row!;
}

export async function listSchemas(ctx: Context, appliesTo: SchemaTarget): Promise<DataSchema[]> {
  requirePermission(ctx, PERMISSIONS.customFieldsView);
  const rows = await ctx.db
    .select({ version: dataSchemaVersions })
    .from(dataSchemas)
    .innerJoin(
      dataSchemaVersions,
      and(
        eq(dataSchemaVersions.tenantId, dataSchemas.tenantId),
        eq(dataSchemaVersions.schemaId, dataSchemas.id),
        eq(dataSchemaVersions.version, dataSchemas.version),
      ),
    )
    .where(
      and(
        eq(dataSchemas.tenantId, ctx.tenantId),
        eq(dataSchemas.appliesTo, appliesTo),
        isNull(dataSchemas.deletedAt),
      ),
    )
    .orderBy(asc(dataSchemas.name), asc(dataSchemas.id));
  return rows.map((r) => toDataSchema(appliesTo, r.version));
}

/** The current version of a schema. */
export async function getSchema(ctx: Context, appliesTo: SchemaTarget, id: string): Promise<DataSchema> {
  requirePermission(ctx, PERMISSIONS.customFieldsView);
  const row = await findSchemaRow(ctx, appliesTo, id);
  return toDataSchema(appliesTo, (await findVersion(ctx, id, row.version))!);
}

export async function getSchemaVersion(ctx: Context, appliesTo: SchemaTarget, id: string, version: number) {
  requirePermission(ctx, PERMISSIONS.customFieldsView);
  await findSchemaRow(ctx, appliesTo, id);
  const row = Number.isInteger(version) ? await findVersion(ctx, id, version) : undefined;
  if (!row) throw notFound("dataSchemaVersion", `${id} v${version}`);
  return toDataSchema(appliesTo, row);
}

/** Every saved version, newest first. */
export async function listSchemaVersions(
  ctx: Context,
  appliesTo: SchemaTarget,
  id: string,
): Promise<DataSchema[]> {
  requirePermission(ctx, PERMISSIONS.customFieldsView);
  await findSchemaRow(ctx, appliesTo, id);
  const rows = await ctx.db
    .select()
    .from(dataSchemaVersions)
    .where(and(eq(dataSchemaVersions.tenantId, ctx.tenantId), eq(dataSchemaVersions.schemaId, id)))
    .orderBy(desc(dataSchemaVersions.version));
  return rows.map((r) => toDataSchema(appliesTo, r));
}

export async function createSchema(
  ctx: Context,
  appliesTo: SchemaTarget,
  input: DataSchemaInput,
): Promise<DataSchema> {
  requirePermission(ctx, PERMISSIONS.customFieldsAdd);
  const valid = validDocument(input);
  return inTransaction(ctx, async (tx) => {
    const [existing] = await tx.db
      .select({ n: count() })
      .from(dataSchemas)
      .where(and(eq(dataSchemas.tenantId, tx.tenantId), isNull(dataSchemas.deletedAt)));
    if ((existing?.n ?? 0) >= SCHEMA_LIMITS.maxNumberOfSchemasPerOrg)
      throw validationFailed([
        { path: "", message: `at most ${SCHEMA_LIMITS.maxNumberOfSchemasPerOrg} schemas` },
      ]);
    const [schema] = await tx.db
      .insert(dataSchemas)
      .values({ tenantId: tx.tenantId, appliesTo, name: valid.name, enabled: valid.enabled, version: 1 })
      .returning();
    const version = await saveVersion(tx, schema!.id, 1, valid);
    await recordChangeSet(tx, {
      entityType: ENTITY,
      entityId: schema!.id,
      action: "create",
      changes: [{ path: "version", old: null, new: 1 }],
    });
    return toDataSchema(appliesTo, version);
  });
}

/**
 * Saves a new immutable version. `version` must be the current one (optimistic concurrency: 409 otherwise);
 * records written with older versions keep validating against them.
 */
export async function updateSchema(
  ctx: Context,
  appliesTo: SchemaTarget,
  id: string,
  input: DataSchemaInput & { version: number },
): Promise<DataSchema> {
  requirePermission(ctx, PERMISSIONS.customFieldsEdit);
  const valid = validDocument(input);
  return inTransaction(ctx, async (tx) => {
    const row = await findSchemaRow(tx, appliesTo, id, true);
    if (input.version !== row.version)
      throw conflict(`schema ${id} is at version ${row.version}, not ${input.version}`, { type: ENTITY, id });
    const next = row.version + 1;
    await tx.db
      .update(dataSchemas)
      .set({ name: valid.name, enabled: valid.enabled, version: next, modifiedAt: new Date() })
      .where(and(eq(dataSchemas.tenantId, tx.tenantId), eq(dataSchemas.id, id)));
    const version = await saveVersion(tx, id, next, valid);
    await recordChangeSet(tx, {
      entityType: ENTITY,
      entityId: id,
      action: "update",
      changes: [{ path: "version", old: row.version, new: next }],
    });
    return toDataSchema(appliesTo, version);
  });
}

/** Deletes a schema (Genesys allows it for contact schemas only); records keep their stored values. */
export async function deleteSchema(ctx: Context, appliesTo: SchemaTarget, id: string): Promise<void> {
  requirePermission(ctx, PERMISSIONS.customFieldsEdit);
  await inTransaction(ctx, async (tx) => {
    await findSchemaRow(tx, appliesTo, id, true);
    await tx.db
      .update(dataSchemas)
      .set({ deletedAt: new Date() })
      .where(and(eq(dataSchemas.tenantId, tx.tenantId), eq(dataSchemas.id, id)));
    await recordChangeSet(tx, { entityType: ENTITY, entityId: id, action: "delete", changes: [] });
  });
}

export function listCoreTypes(ctx: Context) {
  requirePermission(ctx, PERMISSIONS.customFieldsView);
  return CORE_TYPES;
}

export function getCoreType(ctx: Context, name: string) {
  requirePermission(ctx, PERMISSIONS.customFieldsView);
  const type = coreTypeNamed(name);
  if (!type) throw notFound("coretype", name);
  return type;
}

export function schemaLimits(ctx: Context) {
  requirePermission(ctx, PERMISSIONS.customFieldsView);
  return SCHEMA_LIMITS;
}

/**
 * The issues with a record's custom fields: the schema version must exist for this kind of record, be
 * enabled when first assigned (`assigning`), and the values must satisfy that exact version.
 */
export async function customFieldIssues(
  ctx: Context,
  appliesTo: SchemaTarget,
  ref: CustomFieldsRef,
  options: { assigning: boolean },
): Promise<FieldIssue[]> {
  if (!ref.schemaId) {
    return ref.customFields && Object.keys(ref.customFields).length > 0
      ? [{ path: "customFields", message: "custom fields need a schema" }]
      : [];
  }
  if (!ref.schemaVersion) return [{ path: "schemaVersion", message: "the schema version is required" }];
  const schema = isUuid(ref.schemaId)
    ? (
        await ctx.db
          .select()
          .from(dataSchemas)
          .where(
            and(
              eq(dataSchemas.tenantId, ctx.tenantId),
              eq(dataSchemas.appliesTo, appliesTo),
              eq(dataSchemas.id, ref.schemaId),
            ),
          )
      )[0]
    : undefined;
  if (!schema || schema.deletedAt)
    return [{ path: "schemaId", message: `schema ${ref.schemaId} does not exist` }];
  const version = await findVersion(ctx, schema.id, ref.schemaVersion);
  if (!version)
    return [{ path: "schemaVersion", message: `schema ${schema.id} has no version ${ref.schemaVersion}` }];
  if (options.assigning && !schema.enabled)
    return [{ path: "schemaId", message: "a disabled schema cannot be assigned" }];
  return validateCustomFieldValues(
    `${ctx.tenantId}:${schema.id}:${version.version}`,
    version.jsonSchema,
    ref.customFields ?? {},
  );
}
