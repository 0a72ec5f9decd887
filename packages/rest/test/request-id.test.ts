import { randomUUID } from "node:crypto";
import { localFileStorage, runExport, systemActor } from "@switchboard/domain";
import { describe, expect, it } from "vitest";
import { withRestHarness } from "./harness";

const harness = withRestHarness();
const API = "/api/v2/externalcontacts";
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe("request ids", () => {
  it("every answer names its request in x-request-id: the caller's own id echoed, else a new one, errors too", async () => {
    const h = harness();
    const created = await h.request(`${API}/contacts`, { method: "POST", json: { firstName: "Traced" } });
    const { id, version } = (await created.json()) as { id: string; version: number };

    const read = await h.request(`${API}/contacts/${id}`, { headers: { "x-request-id": "trace-read" } });
    expect(read.status).toBe(200);
    expect(read.headers.get("x-request-id")).toBe("trace-read");
    // The handler's own header (the version as the ETag) is kept beside the request id.
    expect(read.headers.get("etag")).toBe(`"${version}"`);

    const missing = await h.request(`${API}/contacts/${randomUUID()}`, {
      headers: { "x-request-id": "trace-missing" },
    });
    expect(missing.status).toBe(404);
    expect(missing.headers.get("x-request-id")).toBe("trace-missing");

    const unauthenticated = await h.request(`${API}/contacts/${id}`, { token: null });
    expect(unauthenticated.status).toBe(401);
    const fresh = unauthenticated.headers.get("x-request-id");
    expect(fresh).toMatch(UUID);
    expect(((await unauthenticated.json()) as { contextId?: string }).contextId).toBe(fresh);
  });

  it("a download, a response its handler builds itself, carries the id as well", async () => {
    const h = harness();
    const job = (await (await h.request(`${API}/contacts/exports`, { method: "POST", json: {} })).json()) as {
      id: string;
    };
    await runExport(
      { db: h.database.db, tenantId: h.tenantId, actor: systemActor("worker") },
      job.id,
      localFileStorage(h.storageDir),
    );
    const download = await h.request(`${API}/contacts/exports/${job.id}/download`, {
      headers: { "x-request-id": "trace-download" },
    });
    expect(download.status).toBe(200);
    expect(download.headers.get("x-request-id")).toBe("trace-download");
  });
});
