import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from "drizzle-orm/pg-core";
import { id, tenantId, timestamps } from "./_columns";

/** Genesys `ContactImportSettings`: how imported rows are matched to existing contacts and written. */
export const importSettings = pgTable(
  "import_settings",
  {
    tenantId: tenantId(),
    id: id(),
    /** Keyset for cursor listings; never reused. */
    number: bigint("number", { mode: "number" }).generatedAlwaysAsIdentity().notNull(),
    name: text("name").notNull(),
    /** Identity-resolution keys tried in order after the external id. */
    matchingCriteria: jsonb("matching_criteria").$type<("Email" | "Phone")[]>().notNull().default([]),
    /** Merge (keep what a row leaves empty) instead of Upsert (a row's empty cells clear the field). */
    mergeContacts: boolean("merge_contacts").notNull().default(false),
    externalSourceId: uuid("external_source_id"),
    importFields: jsonb("import_fields").$type<{ name: string; included: boolean }[]>().notNull().default([]),
    createdByKind: text("created_by_kind").notNull(),
    createdById: text("created_by_id").notNull(),
    ...timestamps(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index("import_settings_number_idx").on(t.tenantId, t.number),
  ],
);

/** Genesys `CsvSettings`: CSV column → contact field mappings, optionally tied to import settings. */
export const csvSettings = pgTable(
  "csv_settings",
  {
    tenantId: tenantId(),
    id: id(),
    number: bigint("number", { mode: "number" }).generatedAlwaysAsIdentity().notNull(),
    externalSettingsId: uuid("external_settings_id"),
    mappings: jsonb("mappings").$type<{ sourceField: string; targetField: string }[]>().notNull(),
    ...timestamps(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index("csv_settings_number_idx").on(t.tenantId, t.number),
  ],
);

/** A line the upload analysis could not read (Genesys `ValidationError`). */
export interface CsvLineError {
  lineNumber: number;
  message: string;
}

/**
 * A CSV upload: first a signed, expiring slot (only the token's hash is kept), then, once the bytes arrived,
 * the stored file and what its analysis found. When its retention ends (never used by a job, or every job
 * that used it ended long enough ago) the file and its `files` row go and `removedAt` says when; the row
 * stays so that reading the upload says it is gone rather than that it never was.
 */
export const csvUploads = pgTable(
  "csv_uploads",
  {
    tenantId: tenantId(),
    id: id(),
    fileName: text("file_name"),
    declaredSize: bigint("declared_size", { mode: "number" }).notNull(),
    tokenHash: text("token_hash").notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true, mode: "date" }).notNull(),
    fileId: uuid("file_id"),
    uploadedAt: timestamp("uploaded_at", { withTimezone: true, mode: "date" }),
    delimiter: text("delimiter"),
    encoding: text("encoding"),
    separatorValid: boolean("separator_valid"),
    encodingValid: boolean("encoding_valid"),
    headers: jsonb("headers").$type<string[]>(),
    rowCount: integer("row_count"),
    lineErrors: jsonb("line_errors").$type<CsvLineError[]>(),
    createdByKind: text("created_by_kind").notNull(),
    createdById: text("created_by_id").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
    removedAt: timestamp("removed_at", { withTimezone: true, mode: "date" }),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    // The cleanup's scan: uploads whose file is still kept, oldest first.
    index("csv_uploads_kept_idx").on(t.tenantId, t.expiresAt).where(sql`${t.removedAt} is null`),
  ],
);

export type ImportJobStatus = "Created" | "Running" | "Completed" | "Failed" | "Cancelled";
export type ImportExecutionStep = "Validating" | "Validated" | "Importing";

/** What a job imports with, frozen at creation so edits to the settings never change a running job. */
export interface ImportJobPlan {
  mappings: { sourceField: string; targetField: string }[];
  matchingCriteria: ("Email" | "Phone")[];
  mergeContacts: boolean;
  externalSourceId: string | null;
  importFields: { name: string; included: boolean }[];
  /** The divisions the job's creator may use (absent: all): rows only match contacts there. */
  divisionIds?: string[];
}

/**
 * An import run. `lastCommittedRow` is the resume checkpoint: it moves in the same transaction as each
 * batch's writes, so a restarted run continues after it with no duplicate and no lost row. The lease
 * (`leaseOwner`, `leaseSeenAt`) keeps two workers from running the same job at once.
 */
export const importJobs = pgTable(
  "import_jobs",
  {
    tenantId: tenantId(),
    id: id(),
    number: bigint("number", { mode: "number" }).generatedAlwaysAsIdentity().notNull(),
    settingsId: uuid("settings_id"),
    csvSettingsId: uuid("csv_settings_id"),
    uploadId: uuid("upload_id"),
    divisionId: uuid("division_id").notNull(),
    status: text("status").notNull().$type<ImportJobStatus>().default("Created"),
    statusDetails: text("status_details"),
    executionStep: text("execution_step").$type<ImportExecutionStep>(),
    plan: jsonb("plan").$type<ImportJobPlan>(),
    fileName: text("file_name"),
    totalRows: integer("total_rows").notNull().default(0),
    processedRows: integer("processed_rows").notNull().default(0),
    succeededRows: integer("succeeded_rows").notNull().default(0),
    failedRows: integer("failed_rows").notNull().default(0),
    createdRows: integer("created_rows").notNull().default(0),
    updatedRows: integer("updated_rows").notNull().default(0),
    /** The dry run's counts (Genesys `dryRunSuccessCount`/`dryRunFailedCount`); null until it has run. */
    dryRunSucceededRows: integer("dry_run_succeeded_rows"),
    dryRunFailedRows: integer("dry_run_failed_rows"),
    lastCommittedRow: integer("last_committed_row").notNull().default(0),
    errorFileId: uuid("error_file_id"),
    leaseOwner: text("lease_owner"),
    leaseSeenAt: timestamp("lease_seen_at", { withTimezone: true, mode: "date" }),
    createdByKind: text("created_by_kind").notNull(),
    createdById: text("created_by_id").notNull(),
    ...timestamps(),
    completedAt: timestamp("completed_at", { withTimezone: true, mode: "date" }),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index("import_jobs_number_idx").on(t.tenantId, t.number),
    index("import_jobs_status_idx").on(t.tenantId, t.status),
    index("import_jobs_upload_idx").on(t.tenantId, t.uploadId),
  ],
);

/** The rows a job could not import, written with the batch they belong to (exactly once, like its writes). */
export const importRowErrors = pgTable(
  "import_row_errors",
  {
    tenantId: tenantId(),
    jobId: uuid("job_id").notNull(),
    rowNumber: integer("row_number").notNull(),
    position: integer("position").notNull().default(0),
    field: text("field").notNull(),
    message: text("message").notNull(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.jobId, t.rowNumber, t.position] })],
);

export type ImportSettingsRow = typeof importSettings.$inferSelect;
export type CsvSettingsRow = typeof csvSettings.$inferSelect;
export type CsvUploadRow = typeof csvUploads.$inferSelect;
export type ImportJobRow = typeof importJobs.$inferSelect;
export type ImportRowErrorRow = typeof importRowErrors.$inferSelect;
