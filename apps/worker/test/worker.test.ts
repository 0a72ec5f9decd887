import { join } from "node:path";
import { text } from "node:stream/consumers";
import { and, csvUploads, eq, workerHeartbeats } from "@switchboard/db";
import type { TestDatabase } from "@switchboard/db/testing";
import {
  addNote,
  CONTACT_EXPORT_COLUMNS,
  type Context,
  createContact,
  createExport,
  createOrganization,
  DomainError,
  type ExportJob,
  getExport,
  getUploadDetails,
  type JobQueue,
  localFileStorage,
  NOTE_EXPORT_COLUMNS,
  ORGANIZATION_EXPORT_COLUMNS,
  openExportDownload,
  UNUSED_UPLOAD_GRACE_MS,
  uploadStorageKey,
} from "@switchboard/domain";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Worker } from "../src/worker";
import { startTestWorker, type TestWorker } from "./test-worker";
import { uploadCsv } from "./uploads";

let database: TestDatabase;
let dataDir: string;
let worker: Worker;
let web: JobQueue;
let ctx: Context;
const logged: string[] = [];

let testWorker: TestWorker;
beforeAll(async () => {
  testWorker = await startTestWorker("worker", logged);
  ({ database, dataDir, worker, web, ctx } = testWorker);
});
afterAll(() => testWorker?.stop());

describe("worker", () => {
  it("beats its heart into worker_heartbeats", async () => {
    const [row] = await database.db
      .select()
      .from(workerHeartbeats)
      .where(eq(workerHeartbeats.workerId, worker.id));
    expect(row).toBeDefined();
    expect(Date.now() - row!.seenAt.getTime()).toBeLessThan(30_000);
  });

  it("runs an export enqueued by the domain and leaves the CSV where downloads read it", async () => {
    const ada = await createContact(ctx, {
      firstName: "Ada",
      lastName: "Lovelace",
      phones: [{ type: "cell", display: "(201) 555-0100" }],
    });
    const grace = await createContact(ctx, { firstName: "Grace", lastName: "Hopper" });
    const started = await createExport(ctx, { entityType: "contacts" });

    const done = await vi.waitFor(
      async () => {
        const job = await getExport(ctx, started.id);
        if (job.status === "RUNNING") throw new Error("still running");
        return job;
      },
      { timeout: 20_000, interval: 200 },
    );
    expect(done).toMatchObject({ status: "SUCCEEDED", rowCount: 2 });

    const file = await openExportDownload(ctx, started.id, localFileStorage(join(dataDir, "files")));
    const [header, ...rows] = (await text(file.stream)).trimEnd().split("\n");
    expect(header).toBe(CONTACT_EXPORT_COLUMNS.join(","));
    expect(rows.map((r) => r.split(",").slice(0, 2))).toEqual([
      [ada.id, "Ada"],
      [grace.id, "Grace"],
    ]);
    expect(rows[0]).toContain("+12015550100");
    expect(logged.some((line) => line.includes(`export ${started.id}`) && line.includes("SUCCEEDED"))).toBe(
      true,
    );
  });

  it("runs organization and note exports, filters applied", async () => {
    const acme = await createOrganization(ctx, { name: "Acme Rail" });
    const note = await addNote(ctx, { type: "organization", id: acme.id }, { text: "worker note" });
    const onContact = await createContact(ctx, { firstName: "Noted" });
    await addNote(ctx, { type: "contact", id: onContact.id }, { text: "not exported" });
    const orgs = await createExport(ctx, { entityType: "organizations" });
    const notes = await createExport(ctx, {
      entityType: "notes",
      queryConditions: { filters: { eq: { field: "EntityType", value: "organization" } } },
    });
    const finished = (id: string) =>
      vi.waitFor(
        async () => {
          const job = await getExport(ctx, id);
          if (job.status === "RUNNING") throw new Error("still running");
          return job;
        },
        { timeout: 20_000, interval: 200 },
      );
    const lines = async (job: ExportJob) => {
      const file = await openExportDownload(ctx, job.id, localFileStorage(join(dataDir, "files")));
      return (await text(file.stream)).trimEnd().split("\n");
    };
    const orgsDone = await finished(orgs.id);
    expect(orgsDone).toMatchObject({ status: "SUCCEEDED", rowCount: 1 });
    const [orgHeader, orgRow] = await lines(orgsDone);
    expect(orgHeader).toBe(ORGANIZATION_EXPORT_COLUMNS.join(","));
    expect(orgRow?.startsWith(`${acme.id},Acme Rail,`)).toBe(true);
    const notesDone = await finished(notes.id);
    expect(notesDone).toMatchObject({ status: "SUCCEEDED", rowCount: 1 });
    const [noteHeader, noteRow] = await lines(notesDone);
    expect(noteHeader).toBe(NOTE_EXPORT_COLUMNS.join(","));
    expect(noteRow?.startsWith(`${note.id},organization,${acme.id},`)).toBe(true);
    expect(
      logged.some((line) => line.includes(`export ${notes.id}`) && line.includes("of notes SUCCEEDED")),
    ).toBe(true);
  });

  it("schedules the import file cleanup, and a run removes an expired upload's file", async () => {
    expect(await web.boss.getSchedules("import-file-cleanup")).toMatchObject([{ cron: "*/15 * * * *" }]);
    const storage = localFileStorage(join(dataDir, "files"));
    const csv = "last\nLovelace\n";
    const uploadId = await uploadCsv(ctx, storage, "old.csv", csv);
    const key = uploadStorageKey(ctx.tenantId, uploadId);
    expect(await storage.size(key)).toBe(csv.length);
    await database.db
      .update(csvUploads)
      .set({ expiresAt: new Date(Date.now() - 2 * UNUSED_UPLOAD_GRACE_MS) })
      .where(and(eq(csvUploads.tenantId, ctx.tenantId), eq(csvUploads.id, uploadId)));

    // A run, as the schedule sends one.
    await web.enqueue(database.db, "import-file-cleanup", {});
    await vi.waitFor(
      async () => {
        if (!logged.some((line) => line.includes("removed the files of 1 expired upload(s)")))
          throw new Error("not run yet");
      },
      { timeout: 20_000, interval: 200 },
    );
    expect(await storage.size(key)).toBeNull();
    const gone = await getUploadDetails(ctx, uploadId).catch((e: unknown) => e);
    expect(gone).toBeInstanceOf(DomainError);
    expect((gone as DomainError).message).toMatch(/is gone/);
  });

  it("removes its heartbeat when it stops", async () => {
    await worker.stop();
    const rows = await database.db
      .select()
      .from(workerHeartbeats)
      .where(eq(workerHeartbeats.workerId, worker.id));
    expect(rows).toEqual([]);
  });
});
