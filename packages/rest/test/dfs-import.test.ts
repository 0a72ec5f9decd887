import { and, contacts, eq, externalIds, externalSources, isNull, organizations, sql } from "@switchboard/db";
import {
  getContact,
  JOBS,
  localFileStorage,
  PERMISSIONS,
  runDfsSync,
  systemActor,
} from "@switchboard/domain";
import { describe, expect, it } from "vitest";
import { apiError, json, systemOf } from "./dfs-helpers-ext";
import { type Harness, withRestHarness } from "./harness";

const harness = withRestHarness();
const DFS = "/dfs/v1.0";

/** Runs the queued `dfs-sync` jobs as the worker does (the worker's crash test runs it through pg-boss). */
async function runQueued(h: Harness) {
  const jobs = await h.jobs.boss.fetch<{ tenantId: string; syncId: string }>("dfs-sync", { batchSize: 20 });
  for (const job of jobs) {
    const { tenantId, syncId } = JOBS["dfs-sync"].parse(job.data);
    await runDfsSync({ db: h.database.db, tenantId, actor: systemActor("worker") }, syncId, {
      storage: localFileStorage(h.storageDir),
      owner: "test-worker",
      batchSize: 2,
    });
    await h.jobs.boss.complete("dfs-sync", job.id);
  }
  return jobs.length;
}

function upload(h: Harness, path: string, files: Record<string, string>, token?: string) {
  const form = new FormData();
  for (const [name, text] of Object.entries(files))
    form.append("files", new Blob([text], { type: "application/json" }), name);
  return h.request(path, { method: "POST", body: form, token });
}

type Status = { status: string; errorMessage: string | null; failedExternalIds: string[] };
const status = async (h: Harness, id: string) =>
  json<Status>(await h.request(`${DFS}/sync/status/${id}`), 200);

/** The live contact holding the `Default` external id `value`, if any (and how many do). */
async function holdersOf(h: Harness, table: "contact" | "organization", value: string) {
  const rows = await h.database.db
    .select({ entityId: externalIds.entityId })
    .from(externalIds)
    .innerJoin(
      externalSources,
      and(eq(externalSources.tenantId, externalIds.tenantId), eq(externalSources.id, externalIds.sourceId)),
    )
    .where(
      and(
        eq(externalIds.tenantId, h.tenantId),
        eq(externalIds.entityType, table),
        eq(externalIds.value, value),
        eq(externalSources.name, "Default"),
      ),
    );
  return rows.map((r) => r.entityId);
}

describe("DFS contact import and sync (#33, #34, #32)", () => {
  it("stores uploaded files, then a sync creates and later updates contacts by externalId", async () => {
    const h = harness();
    const first = [
      {
        externalId: "IMP-1",
        details: {
          personalInformation: {
            firstName: "Ada",
            lastName: "Lovelace",
            dateOfBirth: "1815-12-10",
            nationality: "GB",
          },
          preferences: { newsletter: true },
          communicationMethods: { primaryEmail: "ada@example.com", primaryPhoneNumber: "+44 20 7946 0018" },
        },
      },
      { externalId: "IMP-2", details: { personalInformation: { firstName: "Alan", lastName: "Turing" } } },
    ];
    const second = {
      items: [{ externalId: "IMP-3", details: { personalInformation: { lastName: "Hopper" } } }],
    };
    const response = await upload(h, `${DFS}/contacts/import`, {
      "first.json": JSON.stringify(first),
      "second.json": JSON.stringify(second),
    });
    const { files } = await json<{ files: { fileName: string; fileLength: number; uploadDate: string }[] }>(
      response,
      200,
    );
    expect(files).toEqual([
      { fileName: "first.json", fileLength: JSON.stringify(first).length, uploadDate: expect.any(String) },
      { fileName: "second.json", fileLength: JSON.stringify(second).length, uploadDate: expect.any(String) },
    ]);
    expect(Date.now() - Date.parse(files[0]!.uploadDate)).toBeLessThan(60_000);

    const { statusId } = await json<{ statusId: string }>(
      await h.request(`${DFS}/contacts/sync`, { method: "POST" }),
      200,
    );
    expect(statusId).toMatch(/^[0-9a-f-]{36}$/);
    expect(await status(h, statusId)).toEqual({
      status: "InProgress",
      errorMessage: null,
      failedExternalIds: [],
    });
    expect(await runQueued(h)).toBe(1);
    expect(await status(h, statusId)).toEqual({
      status: "Completed",
      errorMessage: null,
      failedExternalIds: [],
    });
    const [ada] = await holdersOf(h, "contact", "IMP-1");
    expect(await holdersOf(h, "contact", "IMP-3")).toHaveLength(1);
    const created = await getContact(systemOf(h), ada!);
    expect(created).toMatchObject({ firstName: "Ada", lastName: "Lovelace", dateOfBirth: "1815-12-10" });
    expect(created.emails.map((e) => e.address)).toEqual(["ada@example.com"]);
    expect(created.phones.map((p) => p.type)).toEqual(["cell"]);
    // Unbound fields went to the contact's DFS details document: the DFS details read shows them with the bound ones.
    const read = async () =>
      (
        await json<{ details: Record<string, Record<string, unknown>> }>(
          await h.request(`${DFS}/contacts/${created.number}/details`),
          200,
        )
      ).details;
    expect(await read()).toMatchObject({
      personalInformation: { firstName: "Ada", lastName: "Lovelace", nationality: "GB" },
      preferences: { newsletter: true },
    });

    // A second sync updates by externalId: no new contact, fields the entry leaves out are kept, and the
    // entries that cannot be written are listed.
    await json(
      await upload(h, `${DFS}/contacts/import`, {
        "update.json": JSON.stringify([
          { externalId: "IMP-1", details: { personalInformation: { lastName: "King" } } },
          { externalId: "IMP-BAD", details: { personalInformation: { dateOfBirth: "yesterday" } } },
          { details: { personalInformation: { lastName: "No id" } } },
          { externalId: "IMP-4", details: "not an object" },
          { externalId: "IMP-5", details: { communicationMethods: { primaryEmail: "not an email" } } },
          { externalId: "IMP-6", details: { personalInformation: { shoeSize: 44 } } },
          { externalId: "IMP-1", details: { preferences: { newsletter: null } } },
        ]),
      }),
      200,
    );
    const before = await liveContacts(h);
    const again = await json<{ statusId: string }>(
      await h.request(`${DFS}/contacts/sync`, { method: "POST" }),
      200,
    );
    await runQueued(h);
    expect(await status(h, again.statusId)).toEqual({
      status: "CompletedWithErrors",
      errorMessage: null,
      failedExternalIds: ["IMP-BAD", "(entry 3 of file 1)", "IMP-4", "IMP-5", "IMP-6"],
    });
    expect(await liveContacts(h)).toBe(before);
    expect(await holdersOf(h, "contact", "IMP-1")).toEqual([ada]);
    const updated = await getContact(systemOf(h), ada!);
    expect(updated).toMatchObject({ firstName: "Ada", lastName: "King", dateOfBirth: "1815-12-10" });
    expect(updated.emails.map((e) => e.id)).toEqual(created.emails.map((e) => e.id));
    const details = await read();
    expect(details.personalInformation).toMatchObject({ lastName: "King", nationality: "GB" });
    expect(details.preferences?.newsletter).toBeUndefined();
    // The first sync's status is unchanged, and its files were removed from storage.
    expect((await status(h, statusId)).status).toBe("Completed");
  });

  it("syncs nothing when no file waits: the sync is Completed at once", async () => {
    const h = harness();
    await runQueued(h);
    const { statusId } = await json<{ statusId: string }>(
      await h.request(`${DFS}/contacts/sync`, { method: "POST" }),
      200,
    );
    expect(await status(h, statusId)).toEqual({
      status: "Completed",
      errorMessage: null,
      failedExternalIds: [],
    });
    expect(await runQueued(h)).toBe(0);
  });

  it("refuses files that are not JSON data, bodies that are not multipart, and uploads with no file (400)", async () => {
    const h = harness();
    const path = `${DFS}/contacts/import`;
    expect(await apiError(await upload(h, path, { "a.csv": "id,name\n1,x" }), 400, "BadRequest")).toContain(
      "a.csv",
    );
    expect(await apiError(await upload(h, path, { "b.json": '{"a": 1}' }), 400, "BadRequest")).toContain(
      "items",
    );
    expect(await apiError(await upload(h, path, { "c.json": "[1, 2]" }), 400, "BadRequest")).toContain(
      "not an object",
    );
    expect(await apiError(await upload(h, path, { "d.json": '[{"a": 1}' }), 400, "BadRequest")).toContain(
      "ends",
    );
    await apiError(await h.request(path, { method: "POST", json: [{ externalId: "x" }] }), 400, "BadRequest");
    const empty = new FormData();
    empty.append("note", "no file here");
    await apiError(await h.request(path, { method: "POST", body: empty }), 400, "BadRequest");
    // Nothing refused was stored: a sync now has nothing to do.
    const { statusId } = await json<{ statusId: string }>(
      await h.request(`${DFS}/contacts/sync`, { method: "POST" }),
      200,
    );
    expect((await status(h, statusId)).status).toBe("Completed");
  });

  it("answers 404 for an unknown or malformed statusId", async () => {
    const h = harness();
    await apiError(
      await h.request(`${DFS}/sync/status/8a16feed-2e0d-4228-8fbb-a05bb4aba530`),
      404,
      "NotFound",
    );
    await apiError(await h.request(`${DFS}/sync/status/not-a-uuid`), 404, "NotFound");
  });

  it("needs the import and write permissions (403)", async () => {
    const h = harness();
    const viewer = await h.tokenFor([PERMISSIONS.contactView, PERMISSIONS.importJobView]);
    await apiError(await upload(h, `${DFS}/contacts/import`, { "a.json": "[]" }, viewer), 403, "Forbidden");
    await apiError(
      await h.request(`${DFS}/contacts/sync`, { method: "POST", token: viewer }),
      403,
      "Forbidden",
    );
    const writer = await h.tokenFor([
      PERMISSIONS.importJobAdd,
      PERMISSIONS.contactAdd,
      PERMISSIONS.contactEdit,
    ]);
    await apiError(
      await h.request(`${DFS}/sync/status/8a16feed-2e0d-4228-8fbb-a05bb4aba530`, { token: writer }),
      403,
      "Forbidden",
    );
  });
});

describe("DFS legal-entity import and sync (#35, #36)", () => {
  it("creates legal entities by externalId, then renames them, kept apart from contact files", async () => {
    const h = harness();
    await runQueued(h);
    await json(
      await upload(h, `${DFS}/legal-entities/import`, {
        "le.json": JSON.stringify([
          { externalId: "LE-1", details: { name: "Globales Holding AG" } },
          { externalId: "LE-2", details: {} },
        ]),
      }),
      200,
    );
    // A contact sync does not take legal-entity files.
    const contactSync = await json<{ statusId: string }>(
      await h.request(`${DFS}/contacts/sync`, { method: "POST" }),
      200,
    );
    expect((await status(h, contactSync.statusId)).status).toBe("Completed");
    const { statusId } = await json<{ statusId: string }>(
      await h.request(`${DFS}/legal-entities/sync`, { method: "POST" }),
      200,
    );
    await runQueued(h);
    expect(await status(h, statusId)).toEqual({
      status: "CompletedWithErrors",
      errorMessage: null,
      failedExternalIds: ["LE-2"],
    });
    const [id] = await holdersOf(h, "organization", "LE-1");
    await json(
      await upload(h, `${DFS}/legal-entities/import`, {
        "rename.json": JSON.stringify({ items: [{ externalId: "LE-1", details: { name: "Globales AG" } }] }),
      }),
      200,
    );
    const rename = await json<{ statusId: string }>(
      await h.request(`${DFS}/legal-entities/sync`, { method: "POST" }),
      200,
    );
    await runQueued(h);
    expect((await status(h, rename.statusId)).status).toBe("Completed");
    expect(await holdersOf(h, "organization", "LE-1")).toEqual([id]);
    const [row] = await h.database.db
      .select({ name: organizations.name })
      .from(organizations)
      .where(and(eq(organizations.tenantId, h.tenantId), eq(organizations.id, id!)));
    expect(row?.name).toBe("Globales AG");
  });
});

async function liveContacts(h: Harness) {
  const [row] = await h.database.db
    .select({ n: sql<number>`count(*)::int` })
    .from(contacts)
    .where(and(eq(contacts.tenantId, h.tenantId), isNull(contacts.deletedAt)));
  return row!.n;
}
