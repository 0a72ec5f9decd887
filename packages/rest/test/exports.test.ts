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
    const page = await h.request("/api/v2/externalcontacts/reference", { token: null });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("/api/v2/externalcontacts/contacts/{contactId}");
  });
});
