import { members } from "@switchboard/db";
import {
  createApiClient,
  createContact,
  localFileStorage,
  runExport,
  saveDivision,
  saveRole,
  setRoleDivisions,
  systemActor,
} from "@switchboard/domain";
import { describe, expect, it } from "vitest";
import { withRestHarness } from "./harness";

const harness = withRestHarness();
const API = "/api/v2/externalcontacts";
const EXPORTS = `${API}/contacts/exports`;
type Export = {
  id: string;
  status: string;
  selfUri: string;
  downloadUrl?: string;
  resultRowCount?: number;
  queryConditions?: unknown;
};

/** Runs the export job as the worker would (the worker app's own test drives it through pg-boss). */
async function runJob(h: ReturnType<typeof harness>, id: string) {
  await runExport(
    { db: h.database.db, tenantId: h.tenantId, actor: systemActor("worker") },
    id,
    localFileStorage(h.storageDir),
  );
}

async function json<T>(response: Response | Promise<Response>, status = 200): Promise<T> {
  const r = await response;
  expect(r.status).toBe(status);
  return (await r.json()) as T;
}

/** The data rows of a finished export's CSV, fetched through its `downloadUrl`. */
async function downloadRows(h: ReturnType<typeof harness>, path: string) {
  const done = await json<Export>(h.request(path));
  expect(done.status).toBe("SUCCEEDED");
  const response = await h.request(new URL(done.downloadUrl!).pathname);
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
  const [header, ...rows] = (await response.text()).trimEnd().split("\n");
  return { done, header: header!.split(","), rows };
}

describe("Genesys contact exports", () => {
  it("creates (201), polls, lists and downloads an export once the job ran", async () => {
    const h = harness();
    await h.request("/api/v2/externalcontacts/contacts", {
      method: "POST",
      json: { firstName: "Exported", lastName: "Person", cellPhone: { display: "+1 212 555 0199" } },
    });
    const created = await h.request(EXPORTS, { method: "POST", json: {} });
    expect(created.status).toBe(201);
    const job = (await created.json()) as Export;
    expect(job).toMatchObject({ status: "RUNNING", selfUri: `${EXPORTS}/${job.id}` });
    expect(job.downloadUrl).toBeUndefined();
    expect((await h.request(`${EXPORTS}/${job.id}/download`)).status).toBe(404);

    // The worker's job body, run here directly; the worker app's own test drives it through pg-boss.
    await runExport(
      { db: h.database.db, tenantId: h.tenantId, actor: systemActor("worker") },
      job.id,
      localFileStorage(h.storageDir),
    );

    const done = (await (await h.request(`${EXPORTS}/${job.id}`)).json()) as Export;
    expect(done).toMatchObject({ status: "SUCCEEDED", resultRowCount: 1 });
    expect(done.downloadUrl).toBe(`http://localhost${EXPORTS}/${job.id}/download`);

    const download = await h.request(new URL(done.downloadUrl!).pathname);
    expect(download.status).toBe(200);
    expect(download.headers.get("content-type")).toContain("text/csv");
    const csv = await download.text();
    expect(csv.split("\n")[0]).toContain("firstName");
    expect(csv).toContain("Exported");
    expect(csv).toContain("+12125550199");

    const listing = (await (await h.request(`${EXPORTS}?pageSize=1`)).json()) as {
      entities: Export[];
      selfUri: string;
    };
    expect(listing.entities.map((e) => e.id)).toEqual([job.id]);
  });

  it("needs the export permissions and the contact view permission", async () => {
    const h = harness();
    const contactsOnly = await h.tokenFor(["externalContacts:contact:view"]);
    const refused = await h.request(EXPORTS, { method: "POST", json: {}, token: contactsOnly });
    expect(refused.status).toBe(403);
    const exportOnly = await h.tokenFor(["externalContacts:export:add", "externalContacts:export:view"]);
    expect((await h.request(EXPORTS, { token: exportOnly })).status).toBe(403);
    expect((await h.request(`${EXPORTS}/${crypto.randomUUID()}`)).status).toBe(404);
  });

  it("streams the download only to a caller with a token and the view permissions", async () => {
    const h = harness();
    const job = (await (await h.request(EXPORTS, { method: "POST", json: {} })).json()) as Export;
    await runExport(
      { db: h.database.db, tenantId: h.tenantId, actor: systemActor("worker") },
      job.id,
      localFileStorage(h.storageDir),
    );
    const download = `${EXPORTS}/${job.id}/download`;
    expect((await h.request(download, { token: null })).status).toBe(401);
    const contactsOnly = await h.tokenFor(["externalContacts:contact:view"]);
    expect((await h.request(download, { token: contactsOnly })).status).toBe(403);
    const viewer = await h.tokenFor(["externalContacts:export:view", "externalContacts:contact:view"]);
    expect((await h.request(download, { token: viewer })).status).toBe(200);
  });

  it("pages the export list with after-cursors", async () => {
    const h = harness();
    for (let i = 0; i < 2; i++) await h.request(EXPORTS, { method: "POST", json: {} });
    const seen: string[] = [];
    let uri: string | undefined = `${EXPORTS}?pageSize=1`;
    while (uri) {
      const page = (await (await h.request(uri)).json()) as {
        entities: Export[];
        selfUri: string;
        nextUri?: string;
      };
      expect(page.entities.length).toBeLessThanOrEqual(1);
      expect(page.selfUri.startsWith(EXPORTS)).toBe(true);
      seen.push(...page.entities.map((e) => e.id));
      uri = page.nextUri;
    }
    expect(seen.length).toBeGreaterThanOrEqual(2);
    expect(new Set(seen).size).toBe(seen.length);
  });

  it("applies queryConditions: only matching contacts, at most limit, conditions echoed back", async () => {
    const h = harness();
    const created = async (firstName: string) =>
      await json<{ id: string; createDate: string }>(
        h.request(`${API}/contacts`, { method: "POST", json: { firstName } }),
      );
    const org = await json<{ id: string }>(
      h.request(`${API}/organizations`, { method: "POST", json: { name: "Filter Org" } }),
    );
    const atOrg = await json<{ id: string }>(
      h.request(`${API}/contacts`, {
        method: "POST",
        json: { firstName: "AtOrg", externalOrganization: { id: org.id } },
      }),
    );
    const loose = await created("Loose");
    const queryConditions = {
      filters: {
        or: [
          { eq: { field: "ExternalOrganizationId", value: org.id } },
          {
            and: [
              { eq: { field: "ContactClassification", value: "Curated" } },
              { gte: { field: "CreateDate", value: loose.createDate } },
              { not: { in: { field: "ExternalOrganizationId", values: [org.id] } } },
            ],
          },
        ],
      },
    };
    const job = await json<Export>(h.request(EXPORTS, { method: "POST", json: { queryConditions } }), 201);
    expect(job.queryConditions).toEqual(queryConditions);
    await runJob(h, job.id);
    const { done, rows } = await downloadRows(h, `${EXPORTS}/${job.id}`);
    expect(done).toMatchObject({ resultRowCount: 2, queryConditions });
    expect(rows.map((r) => r.split(",")[0])).toEqual([atOrg.id, loose.id]);

    const limited = await json<Export>(
      h.request(EXPORTS, { method: "POST", json: { queryConditions: { ...queryConditions, limit: 1 } } }),
      201,
    );
    await runJob(h, limited.id);
    expect((await downloadRows(h, `${EXPORTS}/${limited.id}`)).rows.map((r) => r.split(",")[0])).toEqual([
      atOrg.id,
    ]);
  });

  it("answers 400 naming the field for malformed conditions and unknown divisions", async () => {
    const h = harness();
    const post = (json: unknown, path = EXPORTS) => h.request(path, { method: "POST", json });
    const expect400 = async (response: Promise<Response>, fieldName: string) => {
      const body = await json<{ status: number; code: string; details: { fieldName: string }[] }>(
        response,
        400,
      );
      expect(body.status).toBe(400);
      expect(body.details.map((d) => d.fieldName)).toContain(fieldName);
    };
    await expect400(
      post({ queryConditions: { filters: { eq: { field: "FirstName", value: "x" } } } }),
      "queryConditions.filters.eq.field",
    );
    await expect400(
      post({ queryConditions: { filters: { eq: { field: "DivisionId", value: "sales" } } } }),
      "queryConditions.filters.eq.value",
    );
    await expect400(
      post({ queryConditions: { filters: { lte: { field: "CreateDate", value: "last tuesday" } } } }),
      "queryConditions.filters.lte.value",
    );
    await expect400(
      post({
        queryConditions: {
          filters: {
            eq: { field: "ContactClassification", value: "Curated" },
            in: { field: "ContactClassification", values: ["Ephemeral"] },
          },
        },
      }),
      "queryConditions.filters",
    );
    await expect400(post({ queryConditions: { filters: {} } }), "queryConditions.filters");
    await expect400(post({ queryConditions: { limit: 0 } }), "queryConditions.limit");
    // Each kind filters on its own fields only.
    await expect400(
      post(
        { queryConditions: { filters: { eq: { field: "ContactClassification", value: "Curated" } } } },
        `${API}/organizations/exports`,
      ),
      "queryConditions.filters.eq.field",
    );
    await expect400(post({ divisionIds: [crypto.randomUUID()] }), "divisionIds.0");
  });
});

describe("Genesys exports and division scoping", () => {
  it("a client limited to a division neither lists nor downloads exports covering other divisions", async () => {
    const h = harness();
    const system = { db: h.database.db, tenantId: h.tenantId, actor: systemActor("test") };
    const secret = await saveDivision(system, { name: "Secret (exports)" });
    const hidden = await createContact(system, { firstName: "Hidden", divisionId: secret.id });
    const role = await saveRole(system, { name: "Home exporters", permissions: ["*"] });
    const { divisionId: homeDivisionId } = await createContact(system, { firstName: "Visible" });
    await setRoleDivisions(system, role.id, [homeDivisionId]);
    const client = await createApiClient(system, { name: "home exporter", roleIds: [role.id] });
    const token = await h.issueToken(client);
    expect((await h.request(`${API}/contacts/${hidden.id}`, { token })).status).toBe(404);

    // The admin's export of every division holds the hidden contact.
    const all = await json<Export>(h.request(EXPORTS, { method: "POST", json: {} }), 201);
    await runJob(h, all.id);
    expect((await downloadRows(h, `${EXPORTS}/${all.id}`)).rows.join("\n")).toContain(hidden.id);
    const own = await json<Export>(h.request(EXPORTS, { method: "POST", token, json: {} }), 201);
    await runJob(h, own.id);

    const listed = await json<{ entities: Export[] }>(h.request(`${EXPORTS}?pageSize=200`, { token }));
    expect(listed.entities.map((e) => e.id)).toEqual([own.id]);
    for (const path of [`${EXPORTS}/${all.id}`, `${EXPORTS}/${all.id}/download`]) {
      const refused = await h.request(path, { token });
      expect(refused.status).toBe(404);
      expect(await refused.json()).toMatchObject({ status: 404, code: "not.found" });
    }
    const mine = await h.request(`${EXPORTS}/${own.id}/download`, { token });
    expect(mine.status).toBe(200);
    expect(await mine.text()).not.toContain(hidden.id);
  });
});

describe("Genesys organization, note and relationship exports", () => {
  it("exports organizations: 201, poll, list, download the CSV the job wrote", async () => {
    const h = harness();
    const org = await json<{ id: string; division: { id: string } }>(
      h.request(`${API}/organizations`, {
        method: "POST",
        json: { name: "Exported Org", industry: "Rail", phoneNumber: { display: "+1 212 555 0150" } },
      }),
    );
    const ORGS = `${API}/organizations/exports`;
    const job = await json<Export>(
      h.request(ORGS, { method: "POST", json: { divisionIds: [org.division.id] } }),
      201,
    );
    expect(job).toMatchObject({
      status: "RUNNING",
      selfUri: `${ORGS}/${job.id}`,
      divisionIds: [org.division.id],
    });
    expect((await h.request(`${ORGS}/${job.id}/download`)).status).toBe(404);
    await runJob(h, job.id);
    const { done, header, rows } = await downloadRows(h, `${ORGS}/${job.id}`);
    expect(done.downloadUrl).toBe(`http://localhost${ORGS}/${job.id}/download`);
    expect(header.slice(0, 4)).toEqual(["id", "name", "divisionId", "companyType"]);
    const row = rows.find((r) => r.startsWith(org.id));
    expect(row).toContain("Exported Org");
    expect(row).toContain("+12125550150");
    const listing = await json<{ entities: Export[]; selfUri: string }>(h.request(`${ORGS}?pageSize=5`));
    expect(listing.entities.map((e) => e.id)).toContain(job.id);
    expect(listing.selfUri).toBe(`${ORGS}?pageSize=5`);
    // A contacts export is not an organizations export, and the other way round.
    expect((await h.request(`${EXPORTS}/${job.id}`)).status).toBe(404);
    expect((await h.request(`${EXPORTS}/${job.id}/download`)).status).toBe(404);
  });

  it("exports notes, filtered by EntityType, and relationships, filtered by UserId", async () => {
    const h = harness();
    const contact = await json<{ id: string }>(
      h.request(`${API}/contacts`, { method: "POST", json: { firstName: "Noted" } }),
    );
    const org = await json<{ id: string }>(
      h.request(`${API}/organizations`, { method: "POST", json: { name: "Noted Org" } }),
    );
    const contactNote = await json<{ id: string }>(
      h.request(`${API}/contacts/${contact.id}/notes`, {
        method: "POST",
        json: { noteText: "on the contact" },
      }),
    );
    const orgNote = await json<{ id: string }>(
      h.request(`${API}/organizations/${org.id}/notes`, { method: "POST", json: { noteText: "on the org" } }),
    );
    const NOTES = `${API}/notes/exports`;
    const notesJob = await json<Export>(
      h.request(NOTES, {
        method: "POST",
        json: { queryConditions: { filters: { eq: { field: "EntityType", value: "contact" } } } },
      }),
      201,
    );
    await runJob(h, notesJob.id);
    const notes = await downloadRows(h, `${NOTES}/${notesJob.id}`);
    expect(notes.header).toContain("noteText");
    const noteIds = notes.rows.map((r) => r.split(",")[0]);
    expect(noteIds).toContain(contactNote.id);
    expect(noteIds).not.toContain(orgNote.id);

    const [member] = await h.database.db.select().from(members);
    const rel = await json<{ id: string }>(
      h.request(`${API}/relationships`, {
        method: "POST",
        json: { user: { id: member!.id }, externalOrganization: { id: org.id }, relationship: "Owner" },
      }),
    );
    const RELS = `${API}/relationships/exports`;
    const byUser = { filters: { eq: { field: "UserId", value: member!.id } } };
    const relJob = await json<Export>(
      h.request(RELS, { method: "POST", json: { queryConditions: byUser } }),
      201,
    );
    const nobody = await json<Export>(
      h.request(RELS, {
        method: "POST",
        json: { queryConditions: { filters: { eq: { field: "UserId", value: crypto.randomUUID() } } } },
      }),
      201,
    );
    await runJob(h, relJob.id);
    await runJob(h, nobody.id);
    const rels = await downloadRows(h, `${RELS}/${relJob.id}`);
    expect(rels.header).toEqual([
      "id",
      "externalOrganizationId",
      "userId",
      "relationship",
      "divisionId",
      "createDate",
      "modifyDate",
    ]);
    expect(rels.rows.map((r) => r.split(",").slice(0, 4))).toEqual([[rel.id, org.id, member!.id, "Owner"]]);
    expect((await downloadRows(h, `${RELS}/${nobody.id}`)).done.resultRowCount).toBe(0);
  });

  it("checks each kind's permissions: export and the view of what it holds", async () => {
    const h = harness();
    const orgViewer = await h.tokenFor([
      "externalContacts:export:add",
      "externalContacts:export:view",
      "externalContacts:externalOrganization:view",
    ]);
    const post = (kind: string, token: string) =>
      h.request(`${API}/${kind}/exports`, { method: "POST", json: {}, token });
    expect((await post("organizations", orgViewer)).status).toBe(201);
    expect((await post("relationships", orgViewer)).status).toBe(201);
    // Notes need the contact view as well; contacts need it alone.
    const refused = await json<{ code: string; status: number }>(post("notes", orgViewer), 403);
    expect(refused.status).toBe(403);
    expect((await post("contacts", orgViewer)).status).toBe(403);
    expect((await h.request(`${API}/notes/exports`, { token: orgViewer })).status).toBe(403);
    const noExport = await h.tokenFor(["externalContacts:externalOrganization:view"]);
    expect((await post("organizations", noExport)).status).toBe(403);
    expect((await h.request(`${API}/organizations/exports`, { token: null })).status).toBe(401);
    expect((await h.request(`${API}/relationships/exports/${crypto.randomUUID()}`)).status).toBe(404);
  });
});

describe("API reference", () => {
  it("serves an OpenAPI 3.1 document listing every implemented operation, and a page", async () => {
    const h = harness();
    const doc = (await (
      await h.request("/api/v2/externalcontacts/openapi.json", { token: null })
    ).json()) as {
      openapi: string;
      paths: Record<string, Record<string, { operationId: string }>>;
      components: { schemas: Record<string, unknown> };
    };
    expect(doc.openapi).toBe("3.1.0");
    const ids = Object.values(doc.paths).flatMap((p) => Object.values(p).map((o) => o.operationId));
    expect(ids).toEqual(
      expect.arrayContaining([
        "getExternalcontactsContacts",
        "postExternalcontactsContacts",
        "deleteExternalcontactsContact",
        "postExternalcontactsContactsExports",
        "postExternalcontactsOrganizationsExports",
        "getExternalcontactsNotesExports",
        "getExternalcontactsRelationshipsExport",
      ]),
    );
    expect(doc.components.schemas.ExternalContact).toBeDefined();
    // Every reference resolves inside the document (shared and recursive models are components).
    const refs = JSON.stringify(doc).match(/"\$ref":"[^"]+"/g) ?? [];
    for (const ref of new Set(refs)) {
      const name = ref.match(/^"\$ref":"#\/components\/schemas\/([^"]+)"$/)?.[1];
      expect(name && doc.components.schemas[name], ref).toBeDefined();
    }
    expect(doc.components.schemas.ContactsExportFilter).toMatchObject({
      properties: { and: { items: { $ref: "#/components/schemas/ContactsExportFilter" } } },
    });
    const page = await h.request("/api/v2/externalcontacts/reference", { token: null });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("/api/v2/externalcontacts/contacts/{contactId}");
  });
});
