import type { DfsSyncStatus, DfsTransferKind } from "@switchboard/db";
import type { Filter } from "./filter";

export type { DfsSyncStatus, DfsTransferKind };

/** What an export job keeps of its request: the parsed filter and the divisions its creator may see. */
export interface DfsExportRequest {
  where: Filter | null;
  /** null: every division (the creator is not limited to some). */
  divisionIds: string[] | null;
}

export interface DfsExportJob {
  id: string;
  kind: DfsTransferKind;
  status: "Running" | "Completed" | "Failed";
  rowCount: number | null;
  error: string | null;
}

/** DFS `ImportedFile` (§3.9). */
export interface DfsImportedFile {
  fileName: string;
  fileLength: number;
  uploadDate: Date;
}

/** DFS `SyncStatusResponse` (§3.9), plus the counts the web app and logs show. */
export interface DfsSyncState {
  id: string;
  kind: DfsTransferKind;
  status: DfsSyncStatus;
  errorMessage: string | null;
  failedExternalIds: string[];
  processed: number;
  created: number;
  updated: number;
  failed: number;
}

/** Most bytes of one uploaded JSON data file. */
export const DFS_IMPORT_MAX_BYTES = 100 * 1024 * 1024;
/** Entries written per transaction (and per checkpoint) by a sync. */
export const DFS_SYNC_BATCH_SIZE = 500;
/** A sync whose worker has not renewed its lease for this long is resumed by another. */
export const DFS_SYNC_LEASE_MS = 60_000;
