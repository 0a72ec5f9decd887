import {
  and,
  asc,
  csvUploads,
  type Executor,
  eq,
  exists,
  files,
  gt,
  importJobs,
  isNull,
  lt,
  not,
  notInArray,
  or,
  type SQL,
  sql,
  tenants,
} from "@switchboard/db";
import type { FileStorage } from "../files/storage";
import { IMPORT_FILE_RETENTION_MS, UNUSED_UPLOAD_GRACE_MS } from "./model";

export interface ImportFileCleanupOptions {
  /** How long the file of an import is kept after the last job using it ended (default 7 days). */
  retentionMs?: number;
  /** How long an upload no job used is kept after its URL expired (default 24 h). */
  unusedGraceMs?: number;
  /** The clock the periods count from (tests). */
  now?: Date;
  /** Uploads examined per query. */
  batchSize?: number;
}

export interface ImportFileCleanup {
  /** Uploads whose file was removed (or which never received one), across tenants. */
  uploads: number;
  /** Bytes of storage freed. */
  bytes: number;
}

const ENDED = ["Completed", "Failed", "Cancelled"] as const;

/**
 * Whether an upload's retention is over, for the tenant of `tenantId`: nothing that may still read it
 * (a job not ended, or one that ended after `endedBefore`) uses it, and either a job used it or its URL
 * expired before `unusedBefore`. Read afresh under the upload's row lock, so a job created or retried
 * meanwhile (both lock that row) keeps the file.
 */
function retentionOver(
  db: Executor,
  tenantId: string,
  cutoffs: { endedBefore: Date; unusedBefore: Date },
): SQL {
  const jobsOfUpload = and(eq(importJobs.tenantId, tenantId), eq(importJobs.uploadId, csvUploads.id));
  const stillNeeded = db
    .select({ one: sql`1` })
    .from(importJobs)
    .where(
      and(
        jobsOfUpload,
        or(
          notInArray(importJobs.status, [...ENDED]),
          // An ended job without an end time (none is written so) counts from its last change.
          sql`coalesce(${importJobs.completedAt}, ${importJobs.modifiedAt}) > ${cutoffs.endedBefore.toISOString()}`,
        ),
      ),
    );
  const used = db.select({ one: sql`1` }).from(importJobs).where(jobsOfUpload);
  return and(
    eq(csvUploads.tenantId, tenantId),
    isNull(csvUploads.removedAt),
    not(exists(stillNeeded)),
    or(lt(csvUploads.expiresAt, cutoffs.unusedBefore), exists(used)),
  )!;
}

/**
 * Removes one upload's file in its own transaction: the row is locked (skipped if someone holds it, such as
 * a job being created from it), the retention re-checked, then the stored bytes, the `files` row and the
 * upload's link to it go and `removedAt` is set. The bytes are removed before the commit: should the commit
 * fail, the rows still name the file and the next run removes them (removing a missing file is a no-op).
 */
async function removeUpload(
  db: Executor,
  storage: FileStorage,
  tenantId: string,
  uploadId: string,
  cutoffs: { endedBefore: Date; unusedBefore: Date },
): Promise<number | null> {
  return db.transaction(async (tx) => {
    const [upload] = await tx
      .select({ fileId: csvUploads.fileId })
      .from(csvUploads)
      .where(and(retentionOver(tx, tenantId, cutoffs), eq(csvUploads.id, uploadId)))
      .for("update", { skipLocked: true });
    if (!upload) return null;
    // Under the lock, once more in a statement of its own: a job committed since the scan keeps the file.
    const [still] = await tx
      .select({ id: csvUploads.id })
      .from(csvUploads)
      .where(and(retentionOver(tx, tenantId, cutoffs), eq(csvUploads.id, uploadId)));
    if (!still) return null;
    let bytes = 0;
    if (upload.fileId) {
      const [file] = await tx
        .delete(files)
        .where(and(eq(files.tenantId, tenantId), eq(files.id, upload.fileId)))
        .returning({ storageKey: files.storageKey, size: files.size });
      if (file) {
        await storage.remove(file.storageKey);
        bytes = file.size;
      }
    }
    await tx
      .update(csvUploads)
      .set({ fileId: null, removedAt: new Date() })
      .where(and(eq(csvUploads.tenantId, tenantId), eq(csvUploads.id, uploadId)));
    return bytes;
  });
}

/**
 * Maintenance across tenants (the worker runs it periodically): removes the stored file of every upload
 * whose retention is over: one no job used, a day after its URL expired; one used by import jobs, a week
 * after the last of them ended (Completed, Failed or Cancelled). The jobs keep their counts and error
 * reports; the upload row stays, marked removed, so reading it says the file is gone. Tenant by tenant,
 * every query filtered by the tenant; safe to run in several workers at once.
 */
export async function removeExpiredImportFiles(
  db: Executor,
  storage: FileStorage,
  options: ImportFileCleanupOptions = {},
): Promise<ImportFileCleanup> {
  const now = options.now?.getTime() ?? Date.now();
  const cutoffs = {
    endedBefore: new Date(now - (options.retentionMs ?? IMPORT_FILE_RETENTION_MS)),
    unusedBefore: new Date(now - (options.unusedGraceMs ?? UNUSED_UPLOAD_GRACE_MS)),
  };
  const batchSize = options.batchSize ?? 100;
  const result: ImportFileCleanup = { uploads: 0, bytes: 0 };
  for (const { id: tenantId } of await db.select({ id: tenants.id }).from(tenants)) {
    // Uploads are visited in key order after the last one seen, so a skipped (locked) one is not met again.
    let after: string | null = null;
    for (;;) {
      const where = retentionOver(db, tenantId, cutoffs);
      const page: { id: string }[] = await db
        .select({ id: csvUploads.id })
        .from(csvUploads)
        .where(after ? and(where, gt(csvUploads.id, after)) : where)
        .orderBy(asc(csvUploads.id))
        .limit(batchSize);
      for (const { id } of page) {
        const bytes = await removeUpload(db, storage, tenantId, id, cutoffs);
        if (bytes === null) continue;
        result.uploads++;
        result.bytes += bytes;
      }
      if (page.length < batchSize) break;
      after = page.at(-1)!.id;
    }
  }
  return result;
}
