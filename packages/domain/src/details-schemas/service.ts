import { and, desc, dfsSchemas, eq, sql } from "@switchboard/db";
import { PERMISSIONS } from "../access/permissions";
import { type Context, inTransaction, requirePermission } from "../shared/context";
import { notFound, unprocessable, validationFailed } from "../shared/errors";
import { DEFAULT_SCHEMAS, SCHEMA_IDS } from "./defaults";
import { DETAILS_SCHEMA_KEYS, type DetailsSchema, type DetailsSchemaKey, schemaDefinition } from "./model";

const isKey = (key: string): key is DetailsSchemaKey =>
  (DETAILS_SCHEMA_KEYS as readonly string[]).includes(key);

/**
 * The tenant's schema of `key` in force, without a permission check (every DFS details read and write needs
 * it): the newest stored version, else the built-in default as version 1.
 */
export async function detailsSchemaOf(ctx: Context, key: DetailsSchemaKey): Promise<DetailsSchema> {
  const [row] = await ctx.db
    .select({ version: dfsSchemas.version, definition: dfsSchemas.definition })
    .from(dfsSchemas)
    .where(and(eq(dfsSchemas.tenantId, ctx.tenantId), eq(dfsSchemas.key, key)))
    .orderBy(desc(dfsSchemas.version))
    .limit(1);
  if (!row) return { id: SCHEMA_IDS[key], key, version: 1, definition: DEFAULT_SCHEMAS[key] };
  return {
    id: SCHEMA_IDS[key],
    key,
    version: row.version,
    definition: schemaDefinition.parse(row.definition),
  };
}

/** A details schema by its DFS key (#42, #44, #45, #47); an unknown key is 404. */
export async function getDetailsSchema(ctx: Context, key: string): Promise<DetailsSchema> {
  requirePermission(ctx, PERMISSIONS.customFieldsView);
  if (!isKey(key)) throw notFound("schema", key);
  return detailsSchemaOf(ctx, key);
}

/**
 * Replaces a details schema's definition (#43, the schema editor): `definition` is the serialized definition;
 * `concurrencyToken` must be the version read (else 422, someone saved since). Returns the new version, which
 * is the new token. The JSON Schema and metadata follow from the definition; details already stored stay as
 * they are until their next write, which validates against the new version.
 */
export async function updateDetailsSchema(
  ctx: Context,
  key: string,
  input: { definition: string | null | undefined; concurrencyToken: number },
): Promise<DetailsSchema> {
  requirePermission(ctx, PERMISSIONS.customFieldsEdit);
  if (!isKey(key)) throw notFound("schema", key);
  let raw: unknown;
  try {
    raw = JSON.parse(input.definition ?? "");
  } catch {
    throw validationFailed([{ path: "schema", message: "must be a JSON schema definition" }]);
  }
  const parsed = schemaDefinition.safeParse(raw);
  if (!parsed.success)
    throw validationFailed(
      parsed.error.issues.map((i) => ({
        path: ["schema", ...i.path.map(String)].join("."),
        message: i.message,
      })),
    );
  const keys = parsed.data.fields.map((f) => f.key);
  const duplicate = keys.find((k, i) => keys.indexOf(k) !== i);
  if (duplicate)
    throw validationFailed([{ path: "schema.fields", message: `field ${duplicate} is defined twice` }]);
  const bindings = parsed.data.fields.flatMap((f) => (f.binding ? [f.binding] : []));
  const twice = bindings.find((b, i) => bindings.indexOf(b) !== i);
  if (twice) throw validationFailed([{ path: "schema.fields", message: `binding ${twice} is used twice` }]);
  const nested = keys.find((k) => keys.some((o) => o.startsWith(`${k}.`)));
  if (nested)
    throw validationFailed([{ path: "schema.fields", message: `field ${nested} has fields below it` }]);

  return inTransaction(ctx, async (tx) => {
    // Saves of one schema take turns, so two editors holding one token cannot both win.
    await tx.db.execute(sql`select pg_advisory_xact_lock(hashtext(${`dfs-schema:${tx.tenantId}:${key}`}))`);
    const current = await detailsSchemaOf(tx, key);
    if (current.version !== input.concurrencyToken)
      throw unprocessable(
        `schema ${key} changed since it was read: concurrencyToken ${input.concurrencyToken} is not the current ${current.version}`,
      );
    const version = current.version + 1;
    await tx.db.insert(dfsSchemas).values({
      tenantId: tx.tenantId,
      key,
      version,
      definition: parsed.data,
      createdByKind: tx.actor.kind,
      createdById: tx.actor.id,
    });
    return { ...current, version, definition: parsed.data };
  });
}
