import { access, readdir } from "node:fs/promises";
import { join } from "node:path";
import { Readable } from "node:stream";
import { text } from "node:stream/consumers";
import { and, csvUploads, eq, files, importJobs } from "@switchboard/db";
import { beforeAll, describe, expect, it } from "vitest";
import {
  type Context,
  createCsvImportJob,
  createCsvSettings,
  createUpload,
  ensureTenant,
  getImportJob,
  getUploadDetails,
  IMPORT_FILE_RETENTION_MS,
  openImportErrorReport,
  previewUpload,
  receiveUpload,
  removeExpiredImportFiles,
  runImport,
  systemActor,
  UNUSED_UPLOAD_GRACE_MS,
  updateImportJobStatus,
} from "../src";
import { rejection, withJobsAndFiles, withTestTenant } from "./helpers";

const tenant = withTestTenant();
const { storage, jobs, dir, admin } = withJobsAndFiles(tenant, "import-cleanup");
let other: Context;

const HOUR = 60 * 60 * 1000;
const CSV = "first,last,mail\nAda,Lovelace,ada@example.com\nBad,Row,not-an-email\n";

beforeAll(async () => {
  const second = await ensureTenant(tenant().database.db, { slug: "cleanup-other" });
  other = { db: tenant().database.db, tenantId: second.tenantId, actor: systemActor("other"), jobs: jobs() };
});

const db = () => tenant().database.db;

/** An upload that received `csv`, with the path of its stored file. */
async function uploaded(ctx: Context = admin(), csv = CSV) {
  const slot = await createUpload(ctx, { fileName: "people.csv", fileSize: csv.length });
  await receiveUpload(
    { db: ctx.db, storage },
    { uploadId: slot.uploadId, token: slot.token, body: Readable.from([Buffer.from(csv)]) },
  );
  const [row] = await db()
    .select({ key: files.storageKey, fileId: files.id })
    .from(csvUploads)
    .innerJoin(files, and(eq(files.tenantId, csvUploads.tenantId), eq(files.id, csvUploads.fileId)))
    .where(and(eq(csvUploads.tenantId, ctx.tenantId), eq(csvUploads.id, slot.uploadId)));
  return { uploadId: slot.uploadId, path: join(dir, row!.key), fileId: row!.fileId };
}

/** Moves an upload's URL expiry `ms` into the past. */
async function expire(ctx: Context, uploadId: string, ms: number) {
  await db()
    .update(csvUploads)
    .set({ expiresAt: new Date(Date.now() - ms) })
    .where(and(eq(csvUploads.tenantId, ctx.tenantId), eq(csvUploads.id, uploadId)));
}

async function jobFor(ctx: Context, uploadId: string) {
  const settings = await createCsvSettings(ctx, {
    mappings: [
      { sourceField: "first", targetField: "firstName" },
      { sourceField: "last", targetField: "lastName" },
      { sourceField: "mail", targetField: "workEmail" },
    ],
  });
  return createCsvImportJob(ctx, { uploadId, settingsId: settings.id });
}

async function setJob(ctx: Context, jobId: string, values: Partial<typeof importJobs.$inferInsert>) {
  await db()
    .update(importJobs)
    .set(values)
    .where(and(eq(importJobs.tenantId, ctx.tenantId), eq(importJobs.id, jobId)));
}

const exists = (path: string) =>
  access(path).then(
    () => true,
    () => false,
  );

async function uploadRow(ctx: Context, uploadId: string) {
  const [row] = await db()
    .select()
    .from(csvUploads)
    .where(and(eq(csvUploads.tenantId, ctx.tenantId), eq(csvUploads.id, uploadId)));
  return row!;
}

async function fileRow(ctx: Context, fileId: string) {
  const [row] = await db()
    .select()
    .from(files)
    .where(and(eq(files.tenantId, ctx.tenantId), eq(files.id, fileId)));
  return row;
}

describe("import file cleanup", () => {
  it("removes expired unused uploads and ended jobs' files after retention; keeps everything else", async () => {
    // Unused, its URL expired longer ago than the grace period: removed.
    const stale = await uploaded();
    await expire(admin(), stale.uploadId, UNUSED_UPLOAD_GRACE_MS + HOUR);
    // Unused, expired within the grace period, and a fresh one: kept.
    const recent = await uploaded();
    await expire(admin(), recent.uploadId, UNUSED_UPLOAD_GRACE_MS - HOUR);
    const fresh = await uploaded();
    // A slot whose bytes never came: marked removed, with nothing to delete.
    const empty = await createUpload(admin(), { fileName: "never.csv", fileSize: 10 });
    await expire(admin(), empty.uploadId, UNUSED_UPLOAD_GRACE_MS + HOUR);

    // A running job's file, however old the upload: kept.
    const running = await uploaded();
    await expire(admin(), running.uploadId, 30 * 24 * HOUR);
    const runningJob = await jobFor(admin(), running.uploadId);
    await setJob(admin(), runningJob.id, {
      status: "Running",
      leaseOwner: "elsewhere",
      leaseSeenAt: new Date(),
    });

    // A completed job that ended longer ago than the retention: its file goes, its counts and report stay.
    const ended = await uploaded();
    const endedJob = await jobFor(admin(), ended.uploadId);
    const done = await runImport({ ...admin(), actor: systemActor("worker") }, endedJob.id, {
      storage,
      owner: "test",
    });
    expect(done).toMatchObject({ status: "Completed", succeededRows: 1, failedRows: 1 });
    const endedAt = new Date(Date.now() - IMPORT_FILE_RETENTION_MS - HOUR);
    await setJob(admin(), endedJob.id, { completedAt: endedAt });
    // A failed job that ended within the retention: kept, and it can still be retried.
    const failed = await uploaded();
    const failedJob = await jobFor(admin(), failed.uploadId);
    await setJob(admin(), failedJob.id, {
      status: "Failed",
      completedAt: new Date(Date.now() - IMPORT_FILE_RETENTION_MS + HOUR),
    });
    // Two jobs of one upload, one ended long ago and one still waiting: kept.
    const shared = await uploaded();
    const sharedOld = await jobFor(admin(), shared.uploadId);
    await setJob(admin(), sharedOld.id, { status: "Cancelled", completedAt: endedAt });
    await jobFor(admin(), shared.uploadId);

    // Another tenant: a kept upload and a removable one, judged by its own rows only.
    const otherKept = await uploaded(other);
    const otherStale = await uploaded(other);
    await expire(other, otherStale.uploadId, UNUSED_UPLOAD_GRACE_MS + HOUR);

    const removed = await removeExpiredImportFiles(db(), storage);
    expect(removed).toEqual({ uploads: 4, bytes: 3 * CSV.length });

    for (const gone of [stale, ended, otherStale]) {
      expect(await exists(gone.path)).toBe(false);
      expect(await fileRow(gone === otherStale ? other : admin(), gone.fileId)).toBeUndefined();
    }
    for (const kept of [recent, fresh, running, failed, shared]) {
      expect(await exists(kept.path)).toBe(true);
      expect(await fileRow(admin(), kept.fileId)).toBeDefined();
      expect((await uploadRow(admin(), kept.uploadId)).removedAt).toBeNull();
    }
    expect(await exists(otherKept.path)).toBe(true);
    expect((await uploadRow(other, otherKept.uploadId)).removedAt).toBeNull();
    expect(await uploadRow(admin(), empty.uploadId)).toMatchObject({
      fileId: null,
      removedAt: expect.any(Date),
    });
    expect(await uploadRow(admin(), stale.uploadId)).toMatchObject({
      fileId: null,
      removedAt: expect.any(Date),
    });

    // Reading a removed upload says it is gone.
    for (const read of [
      getUploadDetails(admin(), stale.uploadId),
      previewUpload(admin(), stale.uploadId, storage),
    ]) {
      const error = await rejection(read);
      expect(error.code).toBe("NOT_FOUND");
      expect(error.message).toMatch(/is gone: its file was removed on .* upload the file again/);
    }
    const refused = await rejection(jobFor(admin(), stale.uploadId));
    expect(refused.code).toBe("VALIDATION");
    expect(refused.issues).toEqual([{ path: "uploadId", message: expect.stringMatching(/is gone/) }]);

    // The ended job keeps its counts and error report; a retry of an old Cancelled job is refused clearly.
    expect(await getImportJob(admin(), endedJob.id)).toMatchObject({
      status: "Completed",
      uploadId: ended.uploadId,
      succeededRows: 1,
      failedRows: 1,
    });
    const report = await text((await openImportErrorReport(admin(), endedJob.id, storage)).stream);
    expect(report).toBe("row,field,message\n2,mail,must be a valid email address\n");
    expect(await updateImportJobStatus(admin(), failedJob.id, "Retry")).toMatchObject({ accepted: true });

    // Nothing else is left in the tenant's folder than the kept uploads and the error report.
    const left = await readdir(join(dir, "imports", tenant().tenantId));
    expect(left.sort()).toEqual(
      [
        ...[recent, fresh, running, failed, shared].map((u) => `${u.uploadId}.csv`),
        `${endedJob.id}-errors.csv`,
      ].sort(),
    );

    // A second run finds nothing more to do.
    expect(await removeExpiredImportFiles(db(), storage)).toEqual({ uploads: 0, bytes: 0 });
  });

  it("refuses to retry a job whose file was removed, and skips an upload a job is being created from", async () => {
    const old = await uploaded();
    const oldJob = await jobFor(admin(), old.uploadId);
    await setJob(admin(), oldJob.id, {
      status: "Failed",
      completedAt: new Date(Date.now() - IMPORT_FILE_RETENTION_MS - HOUR),
    });
    expect(await removeExpiredImportFiles(db(), storage)).toMatchObject({ uploads: 1 });
    const retry = await rejection(updateImportJobStatus(admin(), oldJob.id, "Retry"));
    expect(retry.code).toBe("VALIDATION");
    expect(retry.message).toMatch(/the file of import job .* was removed on .*; upload it again/);
    expect((await getImportJob(admin(), oldJob.id)).status).toBe("Failed");

    // While a transaction holds the upload's row (as creating a job from it does), the cleanup passes it by.
    const busy = await uploaded();
    await expire(admin(), busy.uploadId, UNUSED_UPLOAD_GRACE_MS + HOUR);
    await db().transaction(async (tx) => {
      await tx
        .select()
        .from(csvUploads)
        .where(and(eq(csvUploads.tenantId, tenant().tenantId), eq(csvUploads.id, busy.uploadId)))
        .for("update");
      expect(await removeExpiredImportFiles(db(), storage)).toEqual({ uploads: 0, bytes: 0 });
    });
    expect(await exists(busy.path)).toBe(true);
    expect(await removeExpiredImportFiles(db(), storage)).toEqual({ uploads: 1, bytes: CSV.length });
    expect(await exists(busy.path)).toBe(false);
  });

  it("leaves no partial file behind when an upload is refused for its size", async () => {
    const slot = await createUpload(admin(), { fileName: "big.csv", fileSize: 10 });
    const error = await rejection(
      receiveUpload(
        { db: db(), storage },
        { uploadId: slot.uploadId, token: slot.token, body: Readable.from([Buffer.from(CSV)]) },
      ),
    );
    expect(error.code).toBe("TOO_LARGE");
    const names = await readdir(join(dir, "imports", tenant().tenantId));
    expect(names.filter((n) => n.startsWith(slot.uploadId))).toEqual([]);
  });
});
