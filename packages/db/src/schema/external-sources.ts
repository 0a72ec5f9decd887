import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { id, tenantId, timestamps } from "./_columns";

/** A named system of record (a CRM, an ERP) whose ids contacts and organizations carry. */
export const externalSources = pgTable(
  "external_sources",
  {
    tenantId: tenantId(),
    id: id(),
    /** Keyset for cursor listings; never reused. */
    number: bigint("number", { mode: "number" }).generatedAlwaysAsIdentity().notNull(),
    name: text("name").notNull(),
    active: boolean("active").notNull().default(true),
    /** Deep-link template, e.g. `https://crm.example/contacts/{{externalId.value}}`. */
    uriTemplate: text("uri_template"),
    ...timestamps(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    // Names are unique per tenant regardless of case, as a user reading a list would expect.
    uniqueIndex("external_sources_name_uq").on(t.tenantId, sql`lower(${t.name})`),
    index("external_sources_number_idx").on(t.tenantId, t.number),
  ],
);

/** An id of a contact or organization in an external source; a value names one record per source. */
export const externalIds = pgTable(
  "external_ids",
  {
    tenantId: tenantId(),
    sourceId: uuid("source_id").notNull(),
    value: text("value").notNull(),
    entityType: text("entity_type").notNull().$type<"contact" | "organization">(),
    entityId: uuid("entity_id").notNull(),
    position: integer("position").notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.sourceId, t.value] }),
    index("external_ids_entity_idx").on(t.tenantId, t.entityType, t.entityId),
    // A value looked up whatever its source (DFS: an externalId is unique across all systems).
    index("external_ids_value_idx").on(t.tenantId, t.value),
  ],
);

export type ExternalSourceRow = typeof externalSources.$inferSelect;
export type ExternalIdRow = typeof externalIds.$inferSelect;
