import { text } from "node:stream/consumers";
import { and, csvUploads, eq, files } from "@switchboard/db";
import { localFileStorage, runImport, systemActor } from "@switchboard/domain";
import { describe, expect, it } from "vitest";
import { withRestHarness } from "./harness";

const harness = withRestHarness();
const API = "/api/v2/externalcontacts";
const IMPORT = `${API}/import`;

async function json<T = Record<string, unknown>>(
  response: Response | Promise<Response>,
  status = 200,
): Promise<T> {
  const r = await response;
  expect(r.status).toBe(status);
  return (await r.json()) as T;
}

type ErrorBody = { status: number; code: string; message: string; details: { fieldName?: string }[] };
type Upload = { uploadId: string; uploadUrl: string; uploadHeaders: { name: string; value: string }[] };

async function newSource(name: string) {
  return json<{ id: string }>(
    harness().request(`${API}/externalsources`, { method: "POST", json: { name, active: true } }),
  );
}

async function requestUpload(fileSize: number, fileName = "contacts.csv") {
  return json<Upload>(
    harness().request(`${IMPORT}/csv/uploads`, { method: "POST", json: { fileName, fileSize } }),
    201,
  );
}

/** Sends the bytes where `uploadUrl` says, with `uploadHeaders`, and no bearer token (as a storage client would). */
function sendFile(upload: Upload, body: string | Uint8Array, headers: Record<string, string> = {}) {
  const path = new URL(upload.uploadUrl).pathname;
  return harness().request(path, {
    method: "PUT",
    token: null,
    headers: { ...Object.fromEntries(upload.uploadHeaders.map((h) => [h.name, h.value])), ...headers },
    body,
  });
}

describe("import settings (§2.14)", () => {
  it("create 200, get, list by cursor with name filter, update, delete 204", async () => {
    const h = harness();
    const source = await newSource("Settings source");
    const body = {
      name: "Nightly sync",
      matchingCriteria: ["Email", "Phone"],
      mergeContacts: true,
      externalSourceId: source.id,
      importFields: [{ name: "title", included: false }],
    };
    const created = await json<{ id: string }>(
      h.request(`${IMPORT}/settings`, { method: "POST", json: body }),
    );
    expect(created).toEqual({
      ...body,
      id: expect.any(String),
      dateCreated: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      selfUri: `${IMPORT}/settings/${created.id}`,
    });
    expect(await json(h.request(`${IMPORT}/settings/${created.id}`))).toEqual(created);
    await json(h.request(`${IMPORT}/settings`, { method: "POST", json: { ...body, name: "Weekly sync" } }));
    await json(h.request(`${IMPORT}/settings`, { method: "POST", json: { ...body, name: "Other" } }));

    type Listing = {
      entities: { name: string }[];
      selfUri: string;
      nextUri?: string;
      cursors?: { after: string };
    };
    const first = await json<Listing>(h.request(`${IMPORT}/settings?pageSize=2&name=sync`));
    expect(first.entities.map((e) => e.name)).toEqual(["Nightly sync", "Weekly sync"]);
    expect(first.selfUri).toBe(`${IMPORT}/settings?pageSize=2&name=sync`);
    const all = await json<Listing>(h.request(`${IMPORT}/settings?pageSize=2`));
    expect(all.nextUri).toBe(`${IMPORT}/settings?pageSize=2&after=${all.cursors!.after}`);
    const next = await json<Listing>(h.request(all.nextUri!));
    expect(next.entities.map((e) => e.name)).toEqual(["Other"]);
    expect(next.nextUri).toBeUndefined();
    expect(next.cursors).toBeUndefined();
    const desc = await json<Listing>(h.request(`${IMPORT}/settings?sortOrder=Descending`));
    expect(desc.entities[0]!.name).toBe("Other");

    const updated = await json(
      h.request(`${IMPORT}/settings/${created.id}`, {
        method: "PUT",
        json: { ...body, name: "Renamed", matchingCriteria: [] },
      }),
    );
    expect(updated).toMatchObject({ id: created.id, name: "Renamed", matchingCriteria: [] });
    const deleted = await h.request(`${IMPORT}/settings/${created.id}`, { method: "DELETE" });
    expect(deleted.status).toBe(204);
    expect(await deleted.text()).toBe("");
    const gone = await json<ErrorBody>(h.request(`${IMPORT}/settings/${created.id}`), 404);
    expect(gone).toMatchObject({ status: 404, code: "not.found" });
  });

  it("answer 400 for bad bodies and parameters, 401 without a token, 403 without the permission", async () => {
    const h = harness();
    const missing = await json<ErrorBody>(
      h.request(`${IMPORT}/settings`, { method: "POST", json: { name: "x" } }),
      400,
    );
    expect(missing.details.map((d) => d.fieldName).sort()).toEqual([
      "externalSourceId",
      "importFields",
      "mergeContacts",
    ]);
    const unknownSource = await json<ErrorBody>(
      h.request(`${IMPORT}/settings`, {
        method: "POST",
        json: { name: "x", mergeContacts: false, externalSourceId: crypto.randomUUID(), importFields: [] },
      }),
      400,
    );
    expect(unknownSource.details).toEqual([{ errorCode: "invalid.value", fieldName: "externalSourceId" }]);
    expect(
      (await json<ErrorBody>(h.request(`${IMPORT}/settings?sortOrder=up`), 400)).details[0]!.fieldName,
    ).toBe("sortOrder");
    expect(
      (await json<ErrorBody>(h.request(`${IMPORT}/settings?pageSize=101`), 400)).details[0]!.fieldName,
    ).toBe("pageSize");
    expect(
      (await json<ErrorBody>(h.request(`${IMPORT}/settings?after=forged`), 400)).details[0]!.fieldName,
    ).toBe("after");
    expect((await h.request(`${IMPORT}/settings`, { token: null })).status).toBe(401);
    const viewer = await h.tokenFor(["externalContacts:importSettings:view"]);
    const denied = await json<ErrorBody>(h.request(`${IMPORT}/settings`, { token: viewer }), 403);
    expect(denied.message).toMatch(/externalContacts:importSettings:viewAll/);
  });
});

describe("CSV settings (§2.15)", () => {
  it("create 201, get, list without cursors, update, delete 204; bad mappings 400", async () => {
    const h = harness();
    const settings = await json<{ id: string }>(
      h.request(`${IMPORT}/settings`, {
        method: "POST",
        json: {
          name: "For CSV",
          mergeContacts: false,
          externalSourceId: (await newSource("CSV src")).id,
          importFields: [],
        },
      }),
    );
    const body = {
      externalSettingsId: settings.id,
      mappings: [
        { sourceField: "Surname", targetField: "lastName" },
        { sourceField: "Mail", targetField: "workEmail" },
      ],
    };
    const created = await json<{ id: string }>(
      h.request(`${IMPORT}/csv/settings`, { method: "POST", json: body }),
      201,
    );
    expect(created).toEqual({
      ...body,
      id: expect.any(String),
      selfUri: `${IMPORT}/csv/settings/${created.id}`,
    });
    expect(await json(h.request(`${IMPORT}/csv/settings/${created.id}`))).toEqual(created);
    const other = await json<{ id: string }>(
      h.request(`${IMPORT}/csv/settings`, { method: "POST", json: { mappings: body.mappings } }),
      201,
    );
    const filtered = await json<{ entities: { id: string }[]; cursors?: unknown; selfUri: string }>(
      h.request(`${IMPORT}/csv/settings?externalSettingsId=${settings.id}`),
    );
    expect(filtered.entities.map((e) => e.id)).toEqual([created.id]);
    expect(filtered.cursors).toBeUndefined();
    const paged = await json<{ entities: unknown[]; nextUri?: string }>(
      h.request(`${IMPORT}/csv/settings?pageSize=1`),
    );
    expect(paged.entities).toHaveLength(1);
    expect(paged.nextUri).toMatch(/after=/);

    const put = await json(
      h.request(`${IMPORT}/csv/settings/${other.id}`, {
        method: "PUT",
        json: { mappings: [{ sourceField: "First", targetField: "firstName" }] },
      }),
    );
    expect(put).toEqual({
      id: other.id,
      mappings: [{ sourceField: "First", targetField: "firstName" }],
      selfUri: `${IMPORT}/csv/settings/${other.id}`,
    });
    expect((await h.request(`${IMPORT}/csv/settings/${other.id}`, { method: "DELETE" })).status).toBe(204);
    expect((await h.request(`${IMPORT}/csv/settings/${other.id}`)).status).toBe(404);

    const bad = await json<ErrorBody>(
      h.request(`${IMPORT}/csv/settings`, {
        method: "POST",
        json: { mappings: [{ sourceField: "a", targetField: "shoeSize" }] },
      }),
      400,
    );
    expect(bad.details).toEqual([{ errorCode: "invalid.value", fieldName: "mappings.0.targetField" }]);
    expect(bad.message).toMatch(/shoeSize is not an importable field/);
    expect((await h.request(`${IMPORT}/csv/settings`, { method: "POST", json: {} })).status).toBe(400);
  });
});

describe("CSV uploads (§2.15)", () => {
  it("upload 201 with a URL our server accepts with the given headers; details and preview", async () => {
    const h = harness();
    const csv =
      "firstName;lastName;workEmail\nAda;Lovelace;ada@example.com\nGrace;Hopper;grace@example.com\nShort;Row\n";
    const upload = await requestUpload(csv.length);
    expect(upload.uploadUrl).toBe(`http://localhost${IMPORT}/csv/uploads/${upload.uploadId}/file`);
    expect(upload.uploadHeaders.map((x) => x.name)).toEqual(["x-upload-token", "Content-Type"]);

    expect(
      (await json<ErrorBody>(h.request(`${IMPORT}/csv/uploads/${upload.uploadId}/details`), 400)).code,
    ).toBe("bad.request");
    expect(
      (await json<ErrorBody>(h.request(`${IMPORT}/csv/uploads/${upload.uploadId}/preview`), 422)).status,
    ).toBe(422);

    const sent = await json(sendFile(upload, csv));
    const details = {
      uploadId: upload.uploadId,
      fileName: "contacts.csv",
      validationResult: {
        separatorValid: true,
        fileEncodingValid: true,
        errors: [{ lineNumber: 4, message: "expected 3 fields as in the header, found 2" }],
      },
    };
    expect(sent).toEqual(details);
    expect(await json(h.request(`${IMPORT}/csv/uploads/${upload.uploadId}/details`))).toEqual(details);
    expect(await json(h.request(`${IMPORT}/csv/uploads/${upload.uploadId}/preview`))).toEqual({
      uploadId: upload.uploadId,
      headers: ["firstName", "lastName", "workEmail"],
      entries: [
        ["Ada", "Lovelace", "ada@example.com"],
        ["Grace", "Hopper", "grace@example.com"],
        ["Short", "Row"],
      ],
    });
    // The token works once; the bearer-authenticated routes do not accept it.
    expect((await json<ErrorBody>(sendFile(upload, csv), 409)).code).toBe("conflict");
    expect((await h.request(`${IMPORT}/csv/uploads/${crypto.randomUUID()}/details`)).status).toBe(404);
  });

  it("refuse over-size and non-CSV files up front, bad tokens, and more bytes than declared", async () => {
    const h = harness();
    const big = await json<ErrorBody>(
      h.request(`${IMPORT}/csv/uploads`, {
        method: "POST",
        json: { fileName: "big.csv", fileSize: 2 * 1024 * 1024 * 1024 },
      }),
      400,
    );
    expect(big.details).toEqual([{ errorCode: "invalid.value", fieldName: "fileSize" }]);
    expect(big.message).toMatch(/limited to 1073741824 bytes \(1024 MB\)/);
    const xlsx = await json<ErrorBody>(
      h.request(`${IMPORT}/csv/uploads`, { method: "POST", json: { fileName: "book.xlsx", fileSize: 100 } }),
      400,
    );
    expect(xlsx.message).toMatch(/book\.xlsx is not a \.csv file/);
    expect(
      (await h.request(`${IMPORT}/csv/uploads`, { method: "POST", json: { fileName: "a.csv" } })).status,
    ).toBe(400);

    const upload = await requestUpload(20);
    const path = new URL(upload.uploadUrl).pathname;
    const noToken = await json<ErrorBody>(
      h.request(path, { method: "PUT", token: null, body: "a,b\n1,2\n" }),
      401,
    );
    expect(noToken.message).toMatch(/x-upload-token/);
    expect((await sendFile(upload, "a,b\n", { "x-upload-token": "wrong.token" })).status).toBe(401);
    const tooMuch = await json<ErrorBody>(sendFile(upload, "a,b\n".repeat(100)), 413);
    expect(tooMuch).toMatchObject({ status: 413, code: "request.entity.too.large" });
    expect(tooMuch.message).toMatch(/larger than the 20 bytes declared/);

    const zip = await requestUpload(8, "data.csv");
    const refused = await json<ErrorBody>(sendFile(zip, new Uint8Array([0x50, 0x4b, 3, 4, 0, 0, 0, 0])), 400);
    expect(refused.message).toMatch(/not CSV.*ZIP/);
    // The token may also come as a query parameter.
    const viaQuery = await requestUpload(8);
    const token = viaQuery.uploadHeaders[0]!.value;
    const r = await h.request(`${new URL(viaQuery.uploadUrl).pathname}?token=${encodeURIComponent(token)}`, {
      method: "POST",
      token: null,
      body: "a,b\n1,2\n",
    });
    expect(r.status).toBe(200);
  });
});

/** `body` as a stream that trickles in a chunk at a time, so two uploads at once interleave their bytes. */
function trickle(body: string, chunks = 8) {
  const bytes = new TextEncoder().encode(body);
  const size = Math.ceil(bytes.length / chunks);
  let at = 0;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (at >= bytes.length) return controller.close();
      await new Promise((resolve) => setTimeout(resolve, 5));
      controller.enqueue(bytes.slice(at, at + size));
      at += size;
    },
  });
}

describe("CSV uploads racing for one uploadUrl", () => {
  it("stores exactly the bytes of the upload that got 200; the other gets 409", async () => {
    const h = harness();
    for (let trial = 0; trial < 4; trial++) {
      const bodies = ["A", "B"].map(
        (who) =>
          `firstName,lastName\n${Array.from({ length: 40 }, (_, i) => `${who}${i},${who}`).join("\n")}\n`,
      );
      const upload = await requestUpload(bodies[0]!.length);
      const path = new URL(upload.uploadUrl).pathname;
      const headers = Object.fromEntries(upload.uploadHeaders.map((x) => [x.name, x.value]));
      const responses = await Promise.all(
        bodies.map((body) =>
          h.request(path, {
            method: "PUT",
            token: null,
            headers,
            body: trickle(body),
            duplex: "half",
          } as RequestInit),
        ),
      );
      const statuses = responses.map((r) => r.status);
      expect([...statuses].sort(), `trial ${trial}`).toEqual([200, 409]);
      const winner = bodies[statuses.indexOf(200)]!;
      const [stored] = await h.database.db
        .select({ key: files.storageKey })
        .from(csvUploads)
        .innerJoin(files, and(eq(files.tenantId, csvUploads.tenantId), eq(files.id, csvUploads.fileId)))
        .where(eq(csvUploads.id, upload.uploadId));
      expect(await text(localFileStorage(h.storageDir).read(stored!.key)), `trial ${trial}`).toBe(winner);
    }
  });
});

describe("import jobs (§2.14, §2.15)", () => {
  it("a CSV job is accepted (202), runs, and reports progress counts and the error report", async () => {
    const h = harness();
    const source = await newSource("Job source");
    const settings = await json<{ id: string }>(
      h.request(`${IMPORT}/settings`, {
        method: "POST",
        json: {
          name: "Job",
          matchingCriteria: ["Email"],
          mergeContacts: false,
          externalSourceId: source.id,
          importFields: [],
        },
      }),
    );
    const csvSettings = await json<{ id: string }>(
      h.request(`${IMPORT}/csv/settings`, {
        method: "POST",
        json: {
          externalSettingsId: settings.id,
          mappings: [
            { sourceField: "id", targetField: "externalId" },
            { sourceField: "last", targetField: "lastName" },
            { sourceField: "mail", targetField: "workEmail" },
          ],
        },
      }),
      201,
    );
    const csv =
      "id,last,mail\nJ-1,Lovelace,ada@example.com\nJ-2,Hopper,not-an-email\nJ-3,Turing,alan@example.com\n";
    const upload = await requestUpload(csv.length);
    await json(sendFile(upload, csv));

    const badDivision = await json<ErrorBody>(
      h.request(`${IMPORT}/csv/jobs`, {
        method: "POST",
        json: {
          uploadId: upload.uploadId,
          settingsId: csvSettings.id,
          division: { id: crypto.randomUUID() },
        },
      }),
      400,
    );
    expect(badDivision.details).toEqual([{ errorCode: "invalid.value", fieldName: "division.id" }]);
    const noUpload = await json<ErrorBody>(
      h.request(`${IMPORT}/csv/jobs`, {
        method: "POST",
        json: { uploadId: crypto.randomUUID(), settingsId: csvSettings.id },
      }),
      400,
    );
    expect(noUpload.details[0]!.fieldName).toBe("uploadId");

    const accepted = await json<{ job: { id: string; selfUri: string } }>(
      h.request(`${IMPORT}/csv/jobs`, {
        method: "POST",
        json: { uploadId: upload.uploadId, settingsId: csvSettings.id },
      }),
      202,
    );
    expect(accepted).toEqual({
      job: { id: expect.any(String), selfUri: `${IMPORT}/jobs/${accepted.job.id}` },
    });
    const queued = await json(h.request(accepted.job.selfUri));
    expect(queued).toMatchObject({
      id: accepted.job.id,
      status: "Created",
      metadata: { fileName: "contacts.csv", importSuccessCount: 0, importFailedCount: 0 },
      settings: { id: settings.id, selfUri: `${IMPORT}/settings/${settings.id}` },
      division: {
        id: expect.any(String),
        selfUri: expect.stringMatching(/^\/api\/v2\/authorization\/divisions\//),
      },
    });

    // The worker's part, run in-process here (apps/worker's test runs it through pg-boss, and kills it).
    await runImport(
      { db: h.database.db, tenantId: h.tenantId, actor: systemActor("worker") },
      accepted.job.id,
      {
        storage: localFileStorage(h.storageDir),
        owner: "test",
      },
    );
    const done = await json<{ metadata: { importReportDownloadUrl: string } }>(
      h.request(`${IMPORT}/jobs/${accepted.job.id}?expand=division`),
    );
    expect(done).toMatchObject({
      status: "Completed",
      executionStep: "Importing",
      statusDetails: "2 of 3 rows imported (2 created, 0 updated), 1 failed",
      metadata: {
        dryRunSuccessCount: 2,
        dryRunFailedCount: 1,
        importSuccessCount: 2,
        importFailedCount: 1,
        importReportDownloadUrl: `http://localhost${IMPORT}/jobs/${accepted.job.id}/report`,
      },
      division: { name: "Home" },
    });
    const report = await h.request(new URL(done.metadata.importReportDownloadUrl).pathname);
    expect(report.status).toBe(200);
    expect(report.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(await report.text()).toBe("row,field,message\n2,mail,must be a valid email address\n");
    expect((await h.request(`${IMPORT}/jobs/${accepted.job.id}/report`, { token: null })).status).toBe(401);
  });

  it("create 200, list by cursor and status, workflow updates 200/202, and their errors", async () => {
    const h = harness();
    const settings = await json<{ id: string }>(
      h.request(`${IMPORT}/settings`, {
        method: "POST",
        json: {
          name: "Generic",
          mergeContacts: false,
          externalSourceId: (await newSource("Generic src")).id,
          importFields: [],
        },
      }),
    );
    const job = await json<{ id: string; status: string; settings: { id: string } }>(
      h.request(`${IMPORT}/jobs`, { method: "POST", json: { settingsId: settings.id } }),
    );
    expect(job).toMatchObject({
      status: "Created",
      settings: { id: settings.id },
      selfUri: `${IMPORT}/jobs/${job.id}`,
    });
    expect(
      (await h.request(`${IMPORT}/jobs`, { method: "POST", json: { settingsId: crypto.randomUUID() } }))
        .status,
    ).toBe(404);
    expect((await h.request(`${IMPORT}/jobs`, { method: "POST", json: {} })).status).toBe(400);

    type Listing = {
      entities: { id: string; division: { name?: string } }[];
      nextUri?: string;
      cursors?: { after: string };
    };
    const created = await json<Listing>(h.request(`${IMPORT}/jobs?jobStatus=Created&expand=division`));
    expect(created.entities.map((e) => e.id)).toContain(job.id);
    expect(created.entities[0]!.division.name).toBe("Home");
    const newest = await json<Listing>(h.request(`${IMPORT}/jobs?pageSize=1&sortOrder=Descending`));
    expect(newest.entities.map((e) => e.id)).toEqual([job.id]);
    // The cursor leads on to older jobs without repeating the newest one.
    const older = await json<Listing>(h.request(newest.nextUri!));
    expect(older.entities.map((e) => e.id)).not.toContain(job.id);
    expect(older.entities.length).toBeGreaterThan(0);
    expect(
      (await json<ErrorBody>(h.request(`${IMPORT}/jobs?jobStatus=Done`), 400)).details[0]!.fieldName,
    ).toBe("jobStatus");
    expect(
      (await json<ErrorBody>(h.request(`${IMPORT}/jobs?expand=settings`), 400)).details[0]!.fieldName,
    ).toBe("expand");

    const put = (id: string, status: string, jobId = id) =>
      h.request(`${IMPORT}/jobs/${id}`, { method: "PUT", json: { jobId, status } });
    const noFile = await json<ErrorBody>(put(job.id, "Continue"), 400);
    expect(noFile.message).toMatch(/no file to import/);
    expect(
      (await json<ErrorBody>(put(job.id, "Cancel", crypto.randomUUID()), 400)).details[0]!.fieldName,
    ).toBe("jobId");
    expect(
      (
        await h.request(`${IMPORT}/jobs/${job.id}`, {
          method: "PUT",
          json: { jobId: job.id, status: "Pause" },
        })
      ).status,
    ).toBe(400);
    expect(await json(put(job.id, "Cancel"))).toEqual({ jobId: job.id, status: "Cancel" });
    expect((await json<ErrorBody>(put(job.id, "Cancel"), 409)).code).toBe("conflict");
    expect((await json(h.request(`${IMPORT}/jobs/${job.id}`))).status).toBe("Cancelled");

    // A cancelled CSV job can be retried: 202, and it is queued for the worker again.
    const csv = "lastName\nRetry\n";
    const upload = await requestUpload(csv.length);
    await json(sendFile(upload, csv));
    const csvSettings = await json<{ id: string }>(
      h.request(`${IMPORT}/csv/settings`, {
        method: "POST",
        json: { mappings: [{ sourceField: "lastName", targetField: "lastName" }] },
      }),
      201,
    );
    const { job: csvJob } = await json<{ job: { id: string } }>(
      h.request(`${IMPORT}/csv/jobs`, {
        method: "POST",
        json: { uploadId: upload.uploadId, settingsId: csvSettings.id },
      }),
      202,
    );
    expect(await json(put(csvJob.id, "Cancel"))).toEqual({ jobId: csvJob.id, status: "Cancel" });
    expect(await json(put(csvJob.id, "Retry"), 202)).toEqual({ jobId: csvJob.id, status: "Retry" });
    expect(await h.jobs.boss.findJobs("import", { data: { jobId: csvJob.id } })).toHaveLength(2);
    expect((await json(h.request(`${IMPORT}/jobs/${csvJob.id}`))).settings).toEqual({
      id: csvSettings.id,
      selfUri: `${IMPORT}/csv/settings/${csvSettings.id}`,
    });
    expect((await put(crypto.randomUUID(), "Cancel")).status).toBe(404);

    const reader = await h.tokenFor(["externalContacts:importJob:view"]);
    expect((await h.request(`${IMPORT}/jobs`, { token: reader })).status).toBe(403);
    expect((await h.request(`${IMPORT}/jobs/${job.id}`, { token: reader })).status).toBe(200);
    const noContacts = await h.tokenFor(["externalContacts:importCsvJob:add"]);
    const denied = await json<ErrorBody>(
      h.request(`${IMPORT}/csv/jobs`, {
        method: "POST",
        token: noContacts,
        json: { uploadId: upload.uploadId, settingsId: csvSettings.id },
      }),
      403,
    );
    expect(denied.message).toMatch(/externalContacts:contact:add/);
  });
});

describe("OpenAPI", () => {
  it("lists every import operation with resolvable models", async () => {
    const doc = await json<{
      paths: Record<string, Record<string, { operationId: string; responses: Record<string, unknown> }>>;
      components: { schemas: Record<string, unknown> };
    }>(harness().request(`${API}/openapi.json`, { token: null }));
    const operations = Object.values(doc.paths).flatMap((p) => Object.values(p));
    const ids = operations.map((o) => o.operationId);
    for (const id of [
      "getExternalcontactsImportSettings",
      "postExternalcontactsImportSettings",
      "getExternalcontactsImportSetting",
      "putExternalcontactsImportSetting",
      "deleteExternalcontactsImportSetting",
      "getExternalcontactsImportJobs",
      "postExternalcontactsImportJobs",
      "getExternalcontactsImportJob",
      "putExternalcontactsImportJob",
      "postExternalcontactsImportCsvUploads",
      "getExternalcontactsImportCsvUploadDetails",
      "getExternalcontactsImportCsvUploadPreview",
      "getExternalcontactsImportCsvSettings",
      "postExternalcontactsImportCsvSettings",
      "getExternalcontactsImportCsvSetting",
      "putExternalcontactsImportCsvSetting",
      "deleteExternalcontactsImportCsvSetting",
      "postExternalcontactsImportCsvJobs",
    ])
      expect(ids).toContain(id);
    expect(doc.paths[`${IMPORT}/csv/jobs`]!.post!.responses["202"]).toBeDefined();
    expect(doc.paths[`${IMPORT}/csv/uploads`]!.post!.responses["201"]).toBeDefined();
    const refs = [...JSON.stringify(doc).matchAll(/"#\/components\/schemas\/(\w+)"/g)].map((m) => m[1]!);
    for (const ref of refs) expect(doc.components.schemas).toHaveProperty(ref);
    expect(doc.components.schemas).toHaveProperty("ContactImportJobResponse");
  });
});
