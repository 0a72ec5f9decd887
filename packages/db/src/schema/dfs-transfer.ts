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

/** What a DFS export, import file or sync is about: contacts, or legal entities (organizations). */
export type DfsTransferKind = "contacts" | "legal-entities";

/**
 * A DFS CSV export (`POST /v1.0/contacts/export`), run by the worker. `filter` is the parsed `where` tree of
 * the request's GraphQL query (null: every record); the CSV becomes downloadable when `status` is Completed.
 */
export const dfsExportJobs = pgTable(
  "dfs_export_jobs",
  {
    tenantId: tenantId(),
    id: id(),
    kind: text("kind").notNull().$type<DfsTransferKind>(),
    status: text("status").notNull().$type<"Running" | "Completed" | "Failed">().default("Running"),
    filter: jsonb("filter").$type<unknown>(),
    fileId: uuid("file_id"),
    rowCount: integer("row_count"),
    error: text("error"),
    createdByKind: text("created_by_kind").notNull(),
    createdById: text("created_by_id").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
    completedAt: timestamp("completed_at", { withTimezone: true, mode: "date" }),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] })],
);

/**
 * A JSON data file uploaded for a DFS sync (`POST /v1.0/contacts/import`), kept in file storage until a sync
 * takes it (`syncId`) and has processed it (`removedAt`).
 */
export const dfsImportFiles = pgTable(
  "dfs_import_files",
  {
    tenantId: tenantId(),
    id: id(),
    kind: text("kind").notNull().$type<DfsTransferKind>(),
    fileName: text("file_name").notNull(),
    fileLength: bigint("file_length", { mode: "number" }).notNull(),
    storageKey: text("storage_key").notNull(),
    entryCount: integer("entry_count").notNull(),
    uploadedAt: timestamp("uploaded_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
    syncId: uuid("sync_id"),
    removedAt: timestamp("removed_at", { withTimezone: true, mode: "date" }),
    createdByKind: text("created_by_kind").notNull(),
    createdById: text("created_by_id").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    // A sync takes the files of its kind that no sync took yet, in upload order.
    index("dfs_import_files_waiting_idx").on(t.tenantId, t.kind, t.syncId, t.uploadedAt),
  ],
);

export type DfsSyncStatus = "InProgress" | "Completed" | "CompletedWithErrors" | "Failed";

/**
 * A DFS sync (`POST /v1.0/contacts/sync`): the files it took, in order, and its checkpoint, the file and the
 * number of that file's entries committed, which moves in the same transaction as each batch's writes, so a
 * resumed run continues after it with nothing written twice. The lease keeps two workers off one sync.
 */
export const dfsSyncs = pgTable(
  "dfs_syncs",
  {
    tenantId: tenantId(),
    id: id(),
    kind: text("kind").notNull().$type<DfsTransferKind>(),
    status: text("status").notNull().$type<DfsSyncStatus>().default("InProgress"),
    errorMessage: text("error_message"),
    fileIds: jsonb("file_ids").$type<string[]>().notNull().default([]),
    fileIndex: integer("file_index").notNull().default(0),
    entryIndex: integer("entry_index").notNull().default(0),
    processed: integer("processed").notNull().default(0),
    created: integer("created").notNull().default(0),
    updated: integer("updated").notNull().default(0),
    failed: integer("failed").notNull().default(0),
    leaseOwner: text("lease_owner"),
    leaseSeenAt: timestamp("lease_seen_at", { withTimezone: true, mode: "date" }),
    createdByKind: text("created_by_kind").notNull(),
    createdById: text("created_by_id").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
    completedAt: timestamp("completed_at", { withTimezone: true, mode: "date" }),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] })],
);

/** An entry a sync could not write (`failedExternalIds`), keyed by its place in the sync's files. */
export const dfsSyncFailures = pgTable(
  "dfs_sync_failures",
  {
    tenantId: tenantId(),
    syncId: uuid("sync_id").notNull(),
    fileIndex: integer("file_index").notNull(),
    entryIndex: integer("entry_index").notNull(),
    externalId: text("external_id").notNull(),
    message: text("message").notNull(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.syncId, t.fileIndex, t.entryIndex] })],
);

export type DfsExportJobRow = typeof dfsExportJobs.$inferSelect;
export type DfsImportFileRow = typeof dfsImportFiles.$inferSelect;
export type DfsSyncRow = typeof dfsSyncs.$inferSelect;
