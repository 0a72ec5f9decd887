import { and, desc, dfsSchemas, eq, type SQL, sql } from "@switchboard/db";
import { PERMISSIONS } from "../access/permissions";
import { type Context, inTransaction, requirePermission } from "../shared/context";
import { notFound, unprocessable, validationFailed } from "../shared/errors";
import { DEFAULT_SCHEMAS, SCHEMA_IDS } from "./defaults";
import {
  DETAILS_SCHEMA_KEYS,
  type DetailsSchema,
  type DetailsSchemaKey,
  type SchemaDefinition,
  schemaDefinition,
} from "./model";

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
  return storedSchema(ctx, key, row);
}

/**
 * The schema in force as a json expression `{version, definition}` (null for the default), for a read that
 * takes it in its own statement instead of a round trip of its own; `detailsSchemaFrom` reads the value.
 */
export const detailsSchemaJson = (ctx: Context, key: DetailsSchemaKey): SQL =>
  sql`(select json_build_object('version', s.version, 'definition', s.definition) from dfs_schemas s
    where s.tenant_id = ${ctx.tenantId} and s.key = ${key} order by s.version desc limit 1)`;

/** The schema a `detailsSchemaJson` column read (the driver may hand json over as text). */
export function detailsSchemaFrom(ctx: Context, key: DetailsSchemaKey, json: unknown): DetailsSchema {
  const row = (typeof json === "string" ? JSON.parse(json) : json) as StoredSchemaRow | null;
  return storedSchema(ctx, key, row ?? undefined);
}

interface StoredSchemaRow {
  version: number;
  definition: unknown;
}

/**
 * Parsed definitions by tenant, key and version. A stored version never changes (a save inserts the next
 * one), so a version parsed once is the same for every later read; the newest version is still read from the
 * database each time. Bounded: emptied when it reaches `PARSED_LIMIT` entries.
 */
const parsedDefinitions = new Map<string, SchemaDefinition>();
const PARSED_LIMIT = 1_000;

function storedSchema(ctx: Context, key: DetailsSchemaKey, row: StoredSchemaRow | undefined): DetailsSchema {
  if (!row) return { id: SCHEMA_IDS[key], key, version: 1, definition: DEFAULT_SCHEMAS[key] };
  const cacheKey = `${ctx.tenantId}:${key}:${row.version}`;
  let definition = parsedDefinitions.get(cacheKey);
  if (!definition) {
    definition = schemaDefinition.parse(row.definition);
    if (parsedDefinitions.size >= PARSED_LIMIT) parsedDefinitions.clear();
    parsedDefinitions.set(cacheKey, definition);
  }
  return { id: SCHEMA_IDS[key], key, version: row.version, definition };
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
