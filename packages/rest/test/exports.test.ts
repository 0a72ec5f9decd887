import { localFileStorage, runExport, systemActor } from "@switchboard/domain";
import { describe, expect, it } from "vitest";
import { withRestHarness } from "./harness";

const harness = withRestHarness();
const EXPORTS = "/api/v2/externalcontacts/contacts/exports";
type Export = { id: string; status: string; selfUri: string; downloadUrl?: string; resultRowCount?: number };

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

  it("refuses what it cannot honour: query filters and unknown divisions are 400", async () => {
    const h = harness();
    const filtered = await h.request(EXPORTS, {
      method: "POST",
      json: { queryConditions: { filters: { eq: { field: "ContactClassification", value: "Curated" } } } },
    });
    expect(filtered.status).toBe(400);
    expect(await filtered.json()).toMatchObject({ details: [{ fieldName: "queryConditions" }] });
    const badField = await h.request(EXPORTS, {
      method: "POST",
      json: { queryConditions: { filters: { eq: { field: "FirstName", value: "x" } } } },
    });
    expect(badField.status).toBe(400);
    const unknown = await h.request(EXPORTS, {
      method: "POST",
      json: { divisionIds: [crypto.randomUUID()] },
    });
    expect(unknown.status).toBe(400);
    expect(await unknown.json()).toMatchObject({ details: [{ fieldName: "divisionIds.0" }] });
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
