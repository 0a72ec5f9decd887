import {
  bigint,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from "drizzle-orm/pg-core";
import { id, tenantId } from "./_columns";

/** Files kept in the storage interface (exports, uploads); the bytes live there, the metadata here. */
export const files = pgTable(
  "files",
  {
    tenantId: tenantId(),
    id: id(),
    name: text("name").notNull(),
    contentType: text("content_type").notNull(),
    size: bigint("size", { mode: "number" }).notNull(),
    storageKey: text("storage_key").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] })],
);

/** An export of one entity kind to CSV, run by the worker. */
export const exportJobs = pgTable(
  "export_jobs",
  {
    tenantId: tenantId(),
    id: id(),
    entityType: text("entity_type")
      .notNull()
      .$type<"contacts" | "organizations" | "notes" | "relationships">(),
    status: text("status").notNull().$type<"RUNNING" | "SUCCEEDED" | "FAILED">().default("RUNNING"),
    /** The request as the caller gave it (division filter, format, ...). */
    request: jsonb("request").$type<Record<string, unknown>>().notNull().default({}),
    fileId: uuid("file_id"),
    rowCount: integer("row_count"),
    error: text("error"),
    createdByKind: text("created_by_kind").notNull(),
    createdById: text("created_by_id").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
    completedAt: timestamp("completed_at", { withTimezone: true, mode: "date" }),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index("export_jobs_created_idx").on(t.tenantId, t.entityType, t.createdAt, t.id),
  ],
);

export type FileRow = typeof files.$inferSelect;
export type ExportJobRow = typeof exportJobs.$inferSelect;
