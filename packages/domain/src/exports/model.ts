import type { Readable } from "node:stream";
import type { ExportJobRow } from "@switchboard/db";
import { z } from "zod";

/** Entity kinds an export can be started for. Only contacts so far; the table already names the others. */
export const EXPORT_ENTITY_TYPES = ["contacts"] as const;
export type ExportEntityType = (typeof EXPORT_ENTITY_TYPES)[number];
export type ExportStatus = ExportJobRow["status"];

const divisionIds = z.array(z.uuid()).max(50, "at most 50 divisions").optional();

export const createExportInput = z.object({
  entityType: z.enum(EXPORT_ENTITY_TYPES),
  /** Only entities in these divisions; absent or empty means every division. */
  divisionIds,
});
export type CreateExportInput = z.input<typeof createExportInput>;

export const listExportsInput = z.object({
  entityType: z.enum(EXPORT_ENTITY_TYPES),
  /** The `nextCursor` of the previous page. */
  after: z.string().trim().max(200).optional(),
  pageSize: z.number().int().min(1).max(200).default(25),
  /** Only exports that were asked for any of these divisions. */
  divisionIds,
});
export type ListExportsInput = z.input<typeof listExportsInput>;

/** An export as every dialect and the web app see it. */
export interface ExportJob {
  id: string;
  entityType: ExportJobRow["entityType"];
  status: ExportStatus;
  /** The divisions asked for; empty means every division. */
  divisionIds: string[];
  rowCount: number | null;
  error: string | null;
  createdAt: Date;
  completedAt: Date | null;
  fileId: string | null;
  /** Who started it (Genesys `createdBy`). */
  createdBy: { kind: string; id: string };
}

export interface ExportPage {
  entities: ExportJob[];
  /** Pass as `after` for the next page; null on the last one. */
  nextCursor: string | null;
}

export interface ExportDownload {
  stream: Readable;
  fileName: string;
  contentType: "text/csv";
  size: number;
}
