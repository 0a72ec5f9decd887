import { Readable } from "node:stream";
import { text } from "node:stream/consumers";
import { and, changeSets, csvUploads, eq, importJobs } from "@switchboard/db";
import { describe, expect, it } from "vitest";
import {
  type Context,
  changesOf,
  contactHistory,
  createContact,
  createContacts,
  createCsvImportJob,
  createCsvSettings,
  createExternalSource,
  createImportJob,
  createImportSettings,
  createUpload,
  deleteImportSettings,
  getContact,
  getImportJob,
  getImportSettings,
  getUploadDetails,
  listImportJobs,
  listImportSettings,
  openImportErrorReport,
  PERMISSIONS,
  previewUpload,
  receiveUpload,
  runImport,
  saveDivision,
  searchContacts,
  updateImportJobStatus,
  updateImportSettings,
} from "../src";
import { rejection, withJobsAndFiles, withTestTenant } from "./helpers";

const tenant = withTestTenant();
const { storage, jobs, admin, worker } = withJobsAndFiles(tenant, "imports");

/** Requests an upload and sends `csv` to it, as a client of the upload URL would. */
async function upload(csv: string | Buffer, fileName = "contacts.csv") {
  const bytes = typeof csv === "string" ? Buffer.from(csv) : csv;
  const slot = await createUpload(admin(), { fileName, fileSize: bytes.length });
  const details = await receiveUpload(
    { db: tenant().database.db, storage },
    { uploadId: slot.uploadId, token: slot.token, body: Readable.from([bytes]) },
  );
  return { slot, details };
}

/** An import job of a file of one column, `last`, mapped to the last name: one row per given value. */
async function lastNameJob(lastNames: string[]) {
  const csvSettings = await createCsvSettings(admin(), {
    mappings: [{ sourceField: "last", targetField: "lastName" }],
  });
  const { slot } = await upload(["last", ...lastNames].join("\n"));
  const job = await createCsvImportJob(admin(), { uploadId: slot.uploadId, settingsId: csvSettings.id });
  return {
    csvSettings,
    job,
    where: and(eq(importJobs.tenantId, tenant().tenantId), eq(importJobs.id, job.id)),
  };
}

describe("import settings", () => {
  it("are created, read, listed by cursor and name, updated and deleted", async () => {
    const source = await createExternalSource(admin(), { name: "Settings CRM", active: true });
    const a = await createImportSettings(admin(), {
      name: "Nightly CRM",
      matchingCriteria: ["Email", "Phone"],
      mergeContacts: true,
      externalSourceId: source.id,
      importFields: [{ name: "title", included: false }],
    });
    await createImportSettings(admin(), { name: "Weekly" });
    await createImportSettings(admin(), { name: "Monthly CRM" });
    expect(await getImportSettings(admin(), a.id)).toEqual(a);

    const first = await listImportSettings(admin(), { pageSize: 2 });
    expect(first.entities.map((s) => s.name)).toEqual(["Nightly CRM", "Weekly"]);
    const second = await listImportSettings(admin(), { pageSize: 2, after: first.nextCursor! });
    expect(second).toMatchObject({ entities: [{ name: "Monthly CRM" }], nextCursor: null });
    expect(
      (await listImportSettings(admin(), { name: "crm", sortOrder: "Descending" })).entities.map(
        (s) => s.name,
      ),
    ).toEqual(["Monthly CRM", "Nightly CRM"]);

    const updated = await updateImportSettings(admin(), a.id, {
      name: "Nightly",
      matchingCriteria: ["Phone"],
    });
    expect(updated).toMatchObject({
      name: "Nightly",
      matchingCriteria: ["Phone"],
      mergeContacts: false,
      externalSourceId: null,
    });
    await deleteImportSettings(admin(), a.id);
    expect((await rejection(getImportSettings(admin(), a.id))).code).toBe("NOT_FOUND");
  });

  it("refuse bad input and callers without the permission", async () => {
    const bad = await rejection(
      createImportSettings(admin(), {
        name: "",
        matchingCriteria: ["Email", "Email"],
        externalSourceId: crypto.randomUUID(),
      }),
    );
    expect(bad.issues.map((i) => i.path).sort()).toEqual(["matchingCriteria", "name"]);
    expect(
      (await rejection(createImportSettings(admin(), { name: "x", externalSourceId: crypto.randomUUID() })))
        .issues[0],
    ).toMatchObject({ path: "externalSourceId" });
    const viewer = tenant().as([PERMISSIONS.importSettingsView]);
    expect((await rejection(createImportSettings(viewer, { name: "x" }))).code).toBe("FORBIDDEN");
    expect((await rejection(listImportSettings(viewer))).code).toBe("FORBIDDEN");
  });
});

describe("CSV uploads", () => {
  it("refuse files over 1 GB and files that are not CSV before a byte is sent", async () => {
    const big = await rejection(
      createUpload(admin(), { fileName: "big.csv", fileSize: 1024 * 1024 * 1024 + 1 }),
    );
    expect(big.issues[0]).toMatchObject({ path: "fileSize" });
    expect(big.message).toMatch(/limited to 1073741824 bytes/);
    const xlsx = await rejection(createUpload(admin(), { fileName: "contacts.xlsx", fileSize: 10 }));
    expect(xlsx.issues[0]).toMatchObject({
      path: "fileName",
      message: expect.stringMatching(/not a \.csv file/),
    });
  });

  it("accept the file only with the right token, once, within the declared size, and only CSV", async () => {
    const db = tenant().database.db;
    const csv = Buffer.from("firstName,lastName\nAda,Lovelace\n");
    const slot = await createUpload(admin(), { fileName: "a.csv", fileSize: csv.length });
    const send = (token: string, body: Buffer) =>
      receiveUpload({ db, storage }, { uploadId: slot.uploadId, token, body: Readable.from([body]) });
    expect((await rejection(send("nonsense", csv))).code).toBe("UNAUTHENTICATED");
    const other = await createUpload(admin(), { fileName: "b.csv", fileSize: 10 });
    expect((await rejection(send(other.token, csv))).code).toBe("UNAUTHENTICATED");
    expect((await rejection(send(slot.token, Buffer.concat([csv, csv])))).code).toBe("TOO_LARGE");
    expect((await getUploadDetails(admin(), slot.uploadId)).uploaded).toBe(false);
    await send(slot.token, csv);
    expect((await rejection(send(slot.token, csv))).code).toBe("CONFLICT");

    const zip = Buffer.from([0x50, 0x4b, 3, 4, 0, 0, 0, 0]);
    const z = await createUpload(admin(), { fileName: "z.csv", fileSize: zip.length });
    const refused = await rejection(
      receiveUpload({ db, storage }, { uploadId: z.uploadId, token: z.token, body: Readable.from([zip]) }),
    );
    expect(refused).toMatchObject({ code: "VALIDATION", message: expect.stringMatching(/not CSV.*xlsx/) });

    await db.update(csvUploads).set({ expiresAt: new Date(Date.now() - 1000) });
    const late = await createUpload(admin(), { fileName: "late.csv", fileSize: 5 });
    await db
      .update(csvUploads)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(csvUploads.id, late.uploadId));
    const expired = await rejection(
      receiveUpload(
        { db, storage },
        { uploadId: late.uploadId, token: late.token, body: Readable.from([Buffer.from("a,b\n")]) },
      ),
    );
    expect(expired).toMatchObject({ code: "UNAUTHENTICATED", message: expect.stringMatching(/expired/) });
  });

  it("detect separator, encoding, headers, rows and line errors; preview rows with their validation errors", async () => {
    const { slot, details } = await upload(
      "Vorname;Nachname;E-Mail;Mobile\nAda;Lovelace;ada@example.com;(202) 555-0101\nBad;Row;not-an-email;\nShort;Row\n",
    );
    expect(details).toMatchObject({
      delimiter: ";",
      encoding: "UTF-8",
      separatorValid: true,
      fileEncodingValid: true,
      headers: ["Vorname", "Nachname", "E-Mail", "Mobile"],
      rowCount: 3,
      errors: [{ lineNumber: 4, message: "expected 4 fields as in the header, found 2" }],
    });
    expect(await getUploadDetails(admin(), slot.uploadId)).toMatchObject({ uploaded: true, rowCount: 3 });

    const preview = await previewUpload(admin(), slot.uploadId, storage);
    expect(preview.mappings).toEqual([
      { sourceField: "Vorname", targetField: "firstName" },
      { sourceField: "Nachname", targetField: "lastName" },
      { sourceField: "E-Mail", targetField: "workEmail" },
      { sourceField: "Mobile", targetField: "cellPhone" },
    ]);
    expect(preview.entries).toHaveLength(3);
    expect(preview.rows[0]).toMatchObject({
      rowNumber: 1,
      contact: { firstName: "Ada", emails: [{ type: "work", address: "ada@example.com" }] },
      errors: [],
    });
    expect(preview.rows[1]!.errors).toEqual([{ field: "E-Mail", message: "must be a valid email address" }]);
    expect(preview.rows[2]!.errors[0]!.message).toMatch(/expected 4 fields/);

    const latin1 = await upload(Buffer.from("lastName\nMüller\n", "latin1"));
    expect(latin1.details).toMatchObject({ encoding: "ISO-8859-1", fileEncodingValid: false, rowCount: 1 });
    const p = await previewUpload(admin(), latin1.slot.uploadId, storage);
    expect(p.rows[0]!.contact).toMatchObject({ lastName: "Müller" });
  });
});

describe("import jobs", () => {
  it("import a CSV in batches: create, match by external id and email, update, and report bad rows", async () => {
    const source = await createExternalSource(admin(), { name: "Import CRM", active: true });
    const known = await createContact(admin(), {
      firstName: "Known",
      lastName: "ByEmail",
      title: "CTO",
      emails: [{ type: "work", address: "known@example.com" }],
    });
    const byId = await createContact(admin(), {
      lastName: "ById",
      externalIds: [{ sourceId: source.id, value: "C-7" }],
    });
    const settings = await createImportSettings(admin(), {
      name: "CRM",
      matchingCriteria: ["Email"],
      mergeContacts: true,
      externalSourceId: source.id,
    });
    const csvSettings = await createCsvSettings(admin(), {
      externalSettingsId: settings.id,
      mappings: [
        { sourceField: "id", targetField: "externalId" },
        { sourceField: "first", targetField: "firstName" },
        { sourceField: "last", targetField: "lastName" },
        { sourceField: "mail", targetField: "workEmail" },
      ],
    });
    const csv = [
      "id,first,last,mail",
      "C-1,New,One,one@example.com",
      ",Known,Renamed,KNOWN@example.com", // matches by email (normalized); merge keeps the title
      "C-7,Found,ById,", // matches by external id
      "C-2,Bad,Email,nope",
      "C-3,Twice,First,twice@example.com",
      "C-4,Twice,Second,twice@example.com", // same email as the row before: one contact, updated
      "C-5,Short",
      ",,,",
    ].join("\n");
    const { slot } = await upload(csv);
    const job = await createCsvImportJob(admin(), { uploadId: slot.uploadId, settingsId: csvSettings.id });
    expect(job).toMatchObject({
      status: "Created",
      totalRows: 8,
      settingsId: settings.id,
      csvSettingsId: csvSettings.id,
    });
    expect(await jobs().boss.findJobs("import", { data: { jobId: job.id } })).toHaveLength(1);

    const progress: string[] = [];
    const done = await runImport(worker(), job.id, {
      storage,
      owner: "test",
      batchSize: 3,
      dryRunProgressMs: 0,
      onProgress: (j) => {
        const checked = (j.dryRunSucceededRows ?? 0) + (j.dryRunFailedRows ?? 0);
        progress.push(`${j.executionStep} ${j.executionStep === "Validating" ? checked : j.processedRows}`);
      },
    });
    // The dry run's counts grow batch by batch, then the imported rows do.
    expect(progress).toEqual([
      "Validating 3",
      "Validating 6",
      "Validating 8",
      "Importing 3",
      "Importing 6",
      "Importing 8",
    ]);
    expect(done).toMatchObject({
      status: "Completed",
      executionStep: "Importing",
      // The dry run checked every row with the contact rules before anything was written.
      dryRunSucceededRows: 5,
      dryRunFailedRows: 3,
      processedRows: 8,
      succeededRows: 5,
      failedRows: 3,
      createdRows: 2,
      updatedRows: 3,
      lastCommittedRow: 8,
    });
    expect(await getContact(admin(), known.id)).toMatchObject({ lastName: "Renamed", title: "CTO" });
    expect(await getContact(admin(), byId.id)).toMatchObject({ firstName: "Found", emails: [] });
    const twice = await searchContacts(admin(), { q: "twice@example.com" });
    expect(twice.entities.map((c) => c.lastName)).toEqual(["Second"]);
    expect(twice.entities[0]!.externalIds.map((e) => e.value)).toEqual(["C-4"]);

    const report = await text((await openImportErrorReport(admin(), job.id, storage)).stream);
    expect(report.trim().split("\n")).toEqual([
      "row,field,message",
      "4,mail,must be a valid email address",
      '7,,"expected 4 fields as in the header, found 2"',
      "8,,the row has no value to import",
    ]);
    // The same file again: every good row now matches; contacts it leaves as they are keep their version.
    const versionBefore = (await getContact(admin(), known.id)).version;
    const again = await createCsvImportJob(admin(), { uploadId: slot.uploadId, settingsId: csvSettings.id });
    expect(await runImport(worker(), again.id, { storage, owner: "test", batchSize: 3 })).toMatchObject({
      status: "Completed",
      succeededRows: 5,
      failedRows: 3,
      createdRows: 0,
      updatedRows: 5,
    });
    expect((await getContact(admin(), known.id)).version).toBe(versionBefore);

    // Running a finished job again changes nothing.
    expect(await runImport(worker(), job.id, { storage, owner: "other" })).toMatchObject({
      status: "Completed",
      processedRows: 8,
    });
  });

  it("a created contact's history entry is the one createContacts writes for the same contact", async () => {
    const source = await createExternalSource(admin(), { name: "History CRM", active: true });
    const settings = await createImportSettings(admin(), { name: "History", externalSourceId: source.id });
    const headers = [
      "id",
      "first",
      "last",
      "title",
      "mail",
      "private",
      "mobile",
      "work",
      "city",
      "zip",
      "country",
    ];
    const csvSettings = await createCsvSettings(admin(), {
      externalSettingsId: settings.id,
      mappings: headers.map((h, i) => ({
        sourceField: h,
        targetField: [
          "externalId",
          "firstName",
          "lastName",
          "title",
          "workEmail",
          "personalEmail",
          "cellPhone",
          "workPhone",
          "address.city",
          "address.postalCode",
          "address.countryCode",
        ][i]!,
      })),
    });
    const row = [
      "H-1",
      "Hélène",
      "Historia",
      "Editor",
      "helene@history.example",
      "",
      "(415) 555-0134",
      "not a number",
      "Paris",
      "75001",
      "FR",
    ];
    const { slot } = await upload([headers.join(","), row.join(",")].join("\n"));
    const job = await createCsvImportJob(admin(), { uploadId: slot.uploadId, settingsId: csvSettings.id });
    expect(await runImport(worker(), job.id, { storage, owner: "test" })).toMatchObject({ createdRows: 1 });
    const [imported] = (await searchContacts(admin(), { q: "Historia" })).entities;

    const [created] = await createContacts(admin(), [
      {
        divisionId: job.divisionId,
        firstName: "Hélène",
        lastName: "Historia",
        title: "Editor",
        emails: [{ type: "work", address: "helene@history.example" }],
        phones: [
          { type: "cell", display: "(415) 555-0134" },
          { type: "work", display: "not a number" },
        ],
        addresses: [{ type: "home", city: "Paris", postalCode: "75001", countryCode: "FR" }],
        externalIds: [{ sourceId: source.id, value: "H-2" }],
      },
    ]);
    const entryOf = async (id: string) => (await contactHistory(admin(), id))[0]!;
    const expected = await entryOf(created!.ok ? created!.entity.id : "");
    const entry = await entryOf(imported!.id);
    expect(entry.action).toBe("create");
    expect(entry.changes).toEqual(
      expected.changes.map((c) => (c.path === "externalIds.0.value" ? { ...c, new: "H-1" } : c)),
    );
    expect(entry.changes).toContainEqual({ path: "phones.0.e164", old: null, new: "+14155550134" });
    // Both stored as the contact's values by path, one object rather than an object per field.
    for (const id of [imported!.id, expected.entityId]) {
      const [stored] = await tenant()
        .database.db.select({ changes: changeSets.changes })
        .from(changeSets)
        .where(and(eq(changeSets.tenantId, tenant().tenantId), eq(changeSets.entityId, id)));
      expect(stored!.changes).toMatchObject({
        lastName: expect.any(String),
        "phones.0.e164": "+14155550134",
      });
      expect(changesOf(stored!.changes)).toEqual((await entryOf(id)).changes);
    }
  });

  it("give the contacts and contact points they create ids in the order they were made (UUIDv7)", async () => {
    const settings = await createImportSettings(admin(), { name: "Ordered ids" });
    const csvSettings = await createCsvSettings(admin(), {
      externalSettingsId: settings.id,
      mappings: Object.entries({
        first: "firstName",
        last: "lastName",
        mobile: "cellPhone",
        work: "workPhone",
      }).map(([sourceField, targetField]) => ({ sourceField, targetField })),
    });
    const rows = Array.from(
      { length: 5 },
      (_, i) => `Row${i},Idorder,+1 415 555 01${10 + i},+1 415 555 02${10 + i}`,
    );
    const { slot } = await upload(["first,last,mobile,work", ...rows].join("\n"));
    const job = await createCsvImportJob(admin(), { uploadId: slot.uploadId, settingsId: csvSettings.id });
    expect(await runImport(worker(), job.id, { storage, owner: "test" })).toMatchObject({ createdRows: 5 });

    const created = (await searchContacts(admin(), { q: "Idorder", pageSize: 10 })).entities.sort(
      (a, b) => a.number - b.number,
    );
    // Per row its contact's id and its points' ids (in either order), every one above the row before's:
    // the rows go in at the end of the id indexes.
    const ids = created.flatMap((c) => [c.id, ...c.phones.map((p) => p.id)].sort());
    expect(created.map((c) => c.firstName)).toEqual(["Row0", "Row1", "Row2", "Row3", "Row4"]);
    expect(ids).toHaveLength(15);
    for (const id of ids)
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect([...ids].sort()).toEqual(ids);
    const [entry] = await contactHistory(admin(), created[4]!.id);
    expect(entry!.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7/);
    expect(entry!.id > ids.at(-1)!).toBe(true); // made after the row's contact and points
  });

  it("refuse a row whose name an index cannot hold, naming the field, and import the rest", async () => {
    // 1,000 characters, as Genesys allows, but 3,000 bytes of UTF-8 that do not compress: more than an entry of
    // the name sort index holds. Refused by the rules, the row is one error; by PostgreSQL, the batch failed.
    const wide = Array.from({ length: 1000 }, () =>
      String.fromCodePoint(0x4e00 + Math.floor(Math.random() * 0x5000)),
    ).join("");
    const { job } = await lastNameJob(["Indexedname", wide]);
    const ended = await runImport(worker(), job.id, { storage, owner: "test" });
    expect(ended).toMatchObject({ status: "Completed", createdRows: 1, failedRows: 1 });
    const report = await text((await openImportErrorReport(admin(), job.id, storage)).stream);
    expect(report).toContain("2,last,must be at most 1300 bytes of UTF-8");
    expect((await searchContacts(admin(), { q: "Indexedname" })).entities).toHaveLength(1);
  });

  it("resume after the last committed batch, skip a job another worker holds, and stop when cancelled", async () => {
    const rows = Array.from({ length: 10 }, (_, i) => `Resume${i + 1}`);
    const { csvSettings, job, where } = await lastNameJob(rows);
    const db = tenant().database.db;

    // Another worker holds a fresh lease: this run leaves the job alone.
    await db
      .update(importJobs)
      .set({ status: "Running", leaseOwner: "alive", leaseSeenAt: new Date() })
      .where(where);
    expect(await runImport(worker(), job.id, { storage, owner: "me" })).toMatchObject({ processedRows: 0 });

    // A run killed after 4 committed rows: its lease went stale; the next run resumes at row 5.
    const first = await runImport(worker(), job.id, {
      storage,
      owner: "w1",
      batchSize: 4,
      leaseMs: 0,
      onProgress: (j) => {
        if (j.processedRows === 4) throw new Error("killed");
      },
    }).catch((e) => e);
    expect(first).toMatchObject({ status: "Failed", statusDetails: "killed", processedRows: 4 });
    await db
      .update(importJobs)
      .set({ status: "Running", statusDetails: null, leaseOwner: "w1", leaseSeenAt: new Date(0) })
      .where(where);
    const resumed = await runImport(worker(), job.id, { storage, owner: "w2", batchSize: 4 });
    expect(resumed).toMatchObject({
      status: "Completed",
      processedRows: 10,
      succeededRows: 10,
      createdRows: 10,
    });
    const found = await searchContacts(admin(), { q: "Resume", pageSize: 100 });
    expect(found.entities.map((c) => c.lastName).sort()).toEqual([...rows].sort());

    // Cancel stops a run between batches; Retry resumes it.
    const again = await upload(["last", ...Array.from({ length: 6 }, (_, i) => `Cancel${i}`)].join("\n"));
    const j2 = await createCsvImportJob(admin(), {
      uploadId: again.slot.uploadId,
      settingsId: csvSettings.id,
    });
    const stopped = await runImport(worker(), j2.id, {
      storage,
      owner: "w3",
      batchSize: 2,
      onProgress: (j) => {
        if (j.processedRows === 2) return updateImportJobStatus(admin(), j2.id, "Cancel").then(() => {});
      },
    });
    expect(stopped).toMatchObject({ status: "Cancelled", processedRows: 2 });
    expect((await rejection(updateImportJobStatus(admin(), j2.id, "Cancel"))).code).toBe("CONFLICT");
    expect(await updateImportJobStatus(admin(), j2.id, "Retry")).toMatchObject({
      accepted: true,
      job: { status: "Created" },
    });
    expect(await runImport(worker(), j2.id, { storage, owner: "w4", batchSize: 2 })).toMatchObject({
      status: "Completed",
      processedRows: 6,
      succeededRows: 6,
    });
  });

  it("match rows against the contacts that earlier batches of the same file created", async () => {
    // Batches that may match contacts are written one after the other: each sees what the one before wrote.
    const settings = await createImportSettings(admin(), { name: "By email", matchingCriteria: ["Email"] });
    const csvSettings = await createCsvSettings(admin(), {
      externalSettingsId: settings.id,
      mappings: [
        { sourceField: "last", targetField: "lastName" },
        { sourceField: "mail", targetField: "workEmail" },
      ],
    });
    const csv = [
      "last,mail",
      ...[1, 2, 3, 4, 5, 6].map((i) => `Chain${i},chain${Math.ceil(i / 2)}@example.com`),
    ];
    // Batches of one row: rows 2, 4 and 6 each update the contact the batch before created.
    const { slot } = await upload(csv.join("\n"));
    const job = await createCsvImportJob(admin(), { uploadId: slot.uploadId, settingsId: csvSettings.id });
    expect(await runImport(worker(), job.id, { storage, owner: "chain", batchSize: 1 })).toMatchObject({
      status: "Completed",
      createdRows: 3,
      updatedRows: 3,
    });
    const found = await searchContacts(admin(), { q: "Chain", pageSize: 100 });
    expect(found.entities.map((c) => c.lastName).sort()).toEqual(["Chain2", "Chain4", "Chain6"]);
  });

  it("a run that loses its lease rolls back the batch it was writing, and writes no more", async () => {
    const { job, where } = await lastNameJob(Array.from({ length: 8 }, (_, i) => `Lost${i + 1}`));
    const run = await runImport(worker(), job.id, {
      storage,
      owner: "stale",
      batchSize: 2,
      // After the first batch commits (the second may be written beside it meanwhile), another worker takes over.
      onProgress: async (j) => {
        if (j.executionStep === "Importing" && j.processedRows === 2)
          await tenant()
            .database.db.update(importJobs)
            .set({ leaseOwner: "taker", leaseSeenAt: new Date() })
            .where(where);
      },
    });
    expect(run).toMatchObject({ status: "Running", processedRows: 2, lastCommittedRow: 2 });
    const found = await searchContacts(admin(), { q: "Lost", pageSize: 100 });
    expect(found.entities.map((c) => c.lastName).sort()).toEqual(["Lost1", "Lost2"]);
  });

  it("a creator limited to some divisions imports only there: target division checked, rows match no contact elsewhere", async () => {
    const other = await saveDivision(admin(), { name: "Elsewhere" });
    const hidden = await createContact(admin(), {
      lastName: "Hidden",
      divisionId: other.id,
      emails: [{ type: "work", address: "hidden@example.com" }],
    });
    const limited: Context = {
      ...admin(),
      actor: { ...admin().actor, divisionIds: new Set([tenant().homeDivisionId]) },
    };
    const settings = await createImportSettings(limited, { name: "Scoped", matchingCriteria: ["Email"] });
    const csvSettings = await createCsvSettings(limited, {
      externalSettingsId: settings.id,
      mappings: [
        { sourceField: "last", targetField: "lastName" },
        { sourceField: "mail", targetField: "workEmail" },
      ],
    });
    const { slot } = await upload("last,mail\nVisible,hidden@example.com\n");
    const denied = await rejection(
      createCsvImportJob(limited, {
        uploadId: slot.uploadId,
        settingsId: csvSettings.id,
        divisionId: other.id,
      }),
    );
    expect(denied.code).toBe("FORBIDDEN");
    const job = await createCsvImportJob(limited, { uploadId: slot.uploadId, settingsId: csvSettings.id });
    expect(await runImport(worker(), job.id, { storage, owner: "test" })).toMatchObject({
      createdRows: 1,
      updatedRows: 0,
    });
    expect(await getContact(admin(), hidden.id)).toMatchObject({ lastName: "Hidden" });
  });

  it("list with cursors and status filter; generic jobs wait for a file; permissions are checked", async () => {
    const settings = await createImportSettings(admin(), { name: "Generic" });
    const generic = await createImportJob(admin(), { settingsId: settings.id });
    expect(generic).toMatchObject({ status: "Created", uploadId: null, divisionId: tenant().homeDivisionId });
    expect(
      (await rejection(updateImportJobStatus(admin(), generic.id, "Continue"))).issues[0]!.message,
    ).toMatch(/no file/);
    expect(await getImportJob(admin(), generic.id)).toMatchObject({ id: generic.id });
    const created = await listImportJobs(admin(), { status: "Created" });
    expect(created.entities.map((j) => j.id)).toContain(generic.id);
    const page = await listImportJobs(admin(), { pageSize: 1, sortOrder: "Descending" });
    expect(page.entities[0]!.id).toBe(generic.id);
    // The cursor leads on to the next, older job: the page before is not repeated.
    const older = await listImportJobs(admin(), {
      pageSize: 1,
      sortOrder: "Descending",
      after: page.nextCursor ?? undefined,
    });
    expect(older.entities).toHaveLength(1);
    expect(older.entities[0]!.id).not.toBe(generic.id);
    expect((await rejection(listImportJobs(admin(), { after: "forged" }))).issues[0]!.path).toBe("after");

    // An externalId column needs a source to belong to.
    const idOnly = await createCsvSettings(admin(), {
      mappings: [{ sourceField: "id", targetField: "externalId" }],
    });
    const { slot } = await upload("id\nX-1\n");
    const noSource = await rejection(
      createCsvImportJob(admin(), { uploadId: slot.uploadId, settingsId: idOnly.id }),
    );
    expect(noSource.issues).toEqual([
      {
        path: "settingsId",
        message: "a column maps to externalId, but the import settings name no externalSourceId",
      },
    ]);

    const importer = { ...tenant().as([PERMISSIONS.importCsvJobAdd]), jobs: jobs() };
    expect(
      (
        await rejection(
          createCsvImportJob(importer, { uploadId: crypto.randomUUID(), settingsId: settings.id }),
        )
      ).message,
    ).toMatch(/externalContacts:contact:add/);
    expect((await rejection(createImportJob(admin(), { settingsId: crypto.randomUUID() }))).code).toBe(
      "NOT_FOUND",
    );
  });
});
