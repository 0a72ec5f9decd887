import type { CsvLineError, ImportExecutionStep, ImportJobPlan, ImportJobStatus } from "@switchboard/db";
import { z } from "zod";

export type { CsvLineError, ImportExecutionStep, ImportJobPlan, ImportJobStatus };

/**
 * Uploads larger than this are refused up front, before a byte is sent. Room for a few million rows: a
 * 1,000,000-row file of ten columns is about 120 MB.
 */
export const MAX_UPLOAD_BYTES = 1024 * 1024 * 1024;
/** How long an upload URL accepts the file. */
export const UPLOAD_TTL_MS = 60 * 60 * 1000;
/**
 * An upload no job has used is kept this long after its URL expired (time enough to map, preview and start
 * it), then its file is removed.
 */
export const UNUSED_UPLOAD_GRACE_MS = 24 * 60 * 60 * 1000;
/** The uploaded file of an import is kept this long after the last job using it ended (for a Retry), then removed. */
export const IMPORT_FILE_RETENTION_MS = 7 * 24 * 60 * 60 * 1000;
/**
 * Rows written per transaction; the job's checkpoint moves with each batch. Each batch pays a dozen round trips
 * and three `COPY` start-ups, so larger batches import faster and hold more memory: 2,000 rather than 1,000 rows
 * imported 50,000 rows 3–5% faster (two runs each), and a 1,000,000-row import peaked at 233 MB RSS (202 MB).
 */
export const IMPORT_BATCH_SIZE = 2000;

export const MATCHING_CRITERIA = ["Email", "Phone"] as const;
export const IMPORT_JOB_STATUSES = ["Created", "Running", "Completed", "Failed", "Cancelled"] as const;
export const IMPORT_JOB_ACTIONS = ["Continue", "Cancel", "Retry"] as const;
export type ImportJobAction = (typeof IMPORT_JOB_ACTIONS)[number];

const cursorPage = {
  after: z.string().trim().max(200).optional(),
  pageSize: z.number().int().min(1).max(100).default(25),
  sortOrder: z.enum(["Ascending", "Descending"]).default("Ascending"),
};

export const importFieldInput = z.object({
  name: z.string().trim().min(1, "a field name is required").max(200),
  included: z.boolean(),
});

export const importSettingsInput = z.object({
  name: z.string().trim().min(1, "a name is required").max(200, "must be at most 200 characters"),
  /** Identity-resolution keys, tried in this order after the external id. */
  matchingCriteria: z
    .array(z.enum(MATCHING_CRITERIA))
    .max(2)
    .default([])
    .refine((l) => new Set(l).size === l.length, "a criterion may appear once"),
  mergeContacts: z.boolean().default(false),
  externalSourceId: z.uuid("must be an external source id").nullish(),
  importFields: z.array(importFieldInput).max(200).default([]),
});
export type ImportSettingsInput = z.input<typeof importSettingsInput>;

export const listImportSettingsInput = z.object({
  ...cursorPage,
  /** Settings whose name contains this, case-insensitively. */
  name: z.string().trim().max(200).optional(),
});
export type ListImportSettingsInput = z.input<typeof listImportSettingsInput>;

export interface ImportSettings {
  id: string;
  name: string;
  matchingCriteria: (typeof MATCHING_CRITERIA)[number][];
  mergeContacts: boolean;
  externalSourceId: string | null;
  importFields: { name: string; included: boolean }[];
  createdAt: Date;
  modifiedAt: Date;
}

export const csvMappingInput = z.object({
  sourceField: z.string().trim().min(1, "a CSV column is required").max(500),
  targetField: z.string().trim().min(1, "a target field is required").max(500),
});
export type CsvMapping = z.output<typeof csvMappingInput>;

export const csvSettingsInput = z.object({
  externalSettingsId: z.uuid("must be an import settings id").nullish(),
  mappings: z.array(csvMappingInput).min(1, "at least one mapping is required").max(500),
});
export type CsvSettingsInput = z.input<typeof csvSettingsInput>;

export const listCsvSettingsInput = z.object({
  after: z.string().trim().max(200).optional(),
  pageSize: z.number().int().min(1).max(200).default(25),
  externalSettingsId: z.uuid().optional(),
});
export type ListCsvSettingsInput = z.input<typeof listCsvSettingsInput>;

export interface CsvSettings {
  id: string;
  externalSettingsId: string | null;
  mappings: CsvMapping[];
  createdAt: Date;
  modifiedAt: Date;
}

export const createUploadInput = z.object({
  fileName: z.string().trim().max(255).nullish(),
  fileSize: z.number().int().positive("must be a positive number of bytes"),
});
export type CreateUploadInput = z.input<typeof createUploadInput>;

/** A new upload slot: the file is sent to the dialect's upload URL with `token` (given once, stored hashed). */
export interface CreatedUpload {
  uploadId: string;
  token: string;
  /** The header that carries the token (the dialect may also accept it as the `token` query parameter). */
  tokenHeader: string;
  expiresAt: Date;
  maxBytes: number;
}

/** What the analysis of an uploaded CSV found (Genesys details: separator, encoding, line errors). */
export interface CsvAnalysis {
  delimiter: string;
  encoding: "UTF-8" | "ISO-8859-1";
  separatorValid: boolean;
  fileEncodingValid: boolean;
  headers: string[];
  rowCount: number;
  errors: CsvLineError[];
}

export interface CsvUploadDetails extends Partial<CsvAnalysis> {
  uploadId: string;
  fileName: string | null;
  declaredSize: number;
  expiresAt: Date;
  uploaded: boolean;
  size: number | null;
}

export const previewInput = z.object({
  /** Mappings to preview with; else those of `csvSettingsId`; else the suggested ones. */
  mappings: z.array(csvMappingInput).max(500).optional(),
  csvSettingsId: z.uuid().optional(),
  /** The external source an `externalId` column belongs to (else that of the CSV settings' import settings). */
  externalSourceId: z.uuid().optional(),
  rows: z.number().int().min(1).max(100).default(10),
});
export type PreviewInput = z.input<typeof previewInput>;

export interface PreviewRow {
  rowNumber: number;
  values: string[];
  /** The contact the row would write when it creates one. */
  contact: Record<string, unknown>;
  errors: { field: string; message: string }[];
}

export interface CsvPreview {
  uploadId: string;
  headers: string[];
  entries: string[][];
  mappings: CsvMapping[];
  rows: PreviewRow[];
}

export const createImportJobInput = z.object({
  settingsId: z.uuid("must be an import settings id"),
  divisionId: z.uuid().nullish(),
});
export type CreateImportJobInput = z.input<typeof createImportJobInput>;

export const createCsvImportJobInput = z.object({
  uploadId: z.uuid("must be an upload id"),
  /** CSV settings (their mappings, and the import settings they name); import settings ids are accepted too. */
  settingsId: z.uuid("must be a CSV settings id"),
  divisionId: z.uuid().nullish(),
});
export type CreateCsvImportJobInput = z.input<typeof createCsvImportJobInput>;

export const listImportJobsInput = z.object({
  ...cursorPage,
  status: z.enum(IMPORT_JOB_STATUSES).optional(),
});
export type ListImportJobsInput = z.input<typeof listImportJobsInput>;

export interface ImportJob {
  id: string;
  status: ImportJobStatus;
  statusDetails: string | null;
  executionStep: ImportExecutionStep | null;
  settingsId: string | null;
  csvSettingsId: string | null;
  uploadId: string | null;
  divisionId: string;
  fileName: string | null;
  totalRows: number;
  processedRows: number;
  succeededRows: number;
  failedRows: number;
  createdRows: number;
  updatedRows: number;
  /** Rows the dry run found valid / invalid before importing (null until it has run). */
  dryRunSucceededRows: number | null;
  dryRunFailedRows: number | null;
  /** The resume checkpoint: data rows up to this one are committed. */
  lastCommittedRow: number;
  errorFileId: string | null;
  createdBy: { kind: string; id: string };
  createdAt: Date;
  modifiedAt: Date;
  completedAt: Date | null;
}

export interface Page<T> {
  entities: T[];
  /** Pass as `after` for the next page; null on the last one. */
  nextCursor: string | null;
}
