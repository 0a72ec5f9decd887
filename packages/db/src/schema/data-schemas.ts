import { boolean, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { id, tenantId, timestamps } from "./_columns";

/**
 * A custom-field schema (Genesys contact/organization schemas, later DFS details schemas). The row holds
 * the current version; every version ever saved is kept, immutable, in `data_schema_versions`, so records
 * keep validating against the version they were written with.
 */
export const dataSchemas = pgTable(
  "data_schemas",
  {
    tenantId: tenantId(),
    id: id(),
    appliesTo: text("applies_to").notNull().$type<"contact" | "organization">(),
    name: text("name").notNull(),
    enabled: boolean("enabled").notNull().default(true),
    version: integer("version").notNull().default(1),
    ...timestamps(),
    deletedAt: timestamp("deleted_at", { withTimezone: true, mode: "date" }),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] })],
);

export const dataSchemaVersions = pgTable(
  "data_schema_versions",
  {
    tenantId: tenantId(),
    schemaId: uuid("schema_id").notNull(),
    version: integer("version").notNull(),
    name: text("name").notNull(),
    enabled: boolean("enabled").notNull(),
    jsonSchema: jsonb("json_schema").$type<Record<string, unknown>>().notNull(),
    createdById: text("created_by_id").notNull(),
    createdByName: text("created_by_name"),
    createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.schemaId, t.version] })],
);

export type DataSchemaRow = typeof dataSchemas.$inferSelect;
export type DataSchemaVersionRow = typeof dataSchemaVersions.$inferSelect;
