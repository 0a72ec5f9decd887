import { localFileStorage, runExport, systemActor } from "@switchboard/domain";
import { describe, expect, it } from "vitest";
import { withSdk } from "./sdk-harness";

/** The official Genesys SDK (262) drives all four kinds of export, as an integrator's code would. */
const { api, harness, accessToken } = withSdk();

/** The worker's part, run here: the job body that writes the CSV. */
const work = (id: string) =>
  runExport(
    { db: harness().database.db, tenantId: harness().tenantId, actor: systemActor("worker") },
    id,
    localFileStorage(harness().storageDir),
  );

async function download(url: string) {
  const response = await fetch(url, { headers: { authorization: `Bearer ${accessToken()}` } });
  expect(response.status).toBe(200);
  return (await response.text()).trimEnd().split("\n");
}

describe("exports through the official Genesys SDK", () => {
  it("creates, polls, lists and downloads contacts exports filtered by queryConditions", async () => {
    const kept = await api.postExternalcontactsContacts({ firstName: "Kept", title: "in" });
    const org = await api.postExternalcontactsOrganizations({ name: "Sdk Export Org" });
    await api.postExternalcontactsContacts({
      firstName: "Dropped",
      externalOrganization: { id: org.id! } as never,
    });
    const started = await api.postExternalcontactsContactsExports({
      queryConditions: {
        filters: { not: { eq: { field: "ExternalOrganizationId", value: org.id! } } },
        limit: 1000,
      },
    });
    expect(started.status).toBe("RUNNING");
    await work(started.id!);
    const done = await api.getExternalcontactsContactsExport(started.id!);
    expect(done).toMatchObject({ status: "SUCCEEDED", resultRowCount: 1 });
    const [, row] = await download(done.downloadUrl!);
    expect(row?.startsWith(`${kept.id},Kept,`)).toBe(true);
    const listing = await api.getExternalcontactsContactsExports({ pageSize: 10 });
    expect(listing.entities?.map((e) => e.id)).toContain(started.id);
  });

  it("creates, polls, lists and downloads organizations, notes and relationships exports", async () => {
    const org = await api.postExternalcontactsOrganizations({ name: "Sdk Kinds Org" });
    const note = await api.postExternalcontactsOrganizationNotes(org.id!, { noteText: "sdk note" } as never);

    const orgs = await api.postExternalcontactsOrganizationsExports({
      queryConditions: { filters: { gte: { field: "CreateDate", value: "2000-01-01T00:00:00Z" } } },
    });
    const notes = await api.postExternalcontactsNotesExports({
      queryConditions: { filters: { eq: { field: "EntityType", value: "organization" } } },
    });
    const rels = await api.postExternalcontactsRelationshipsExports({});
    for (const id of [orgs.id!, notes.id!, rels.id!]) await work(id);

    const orgsDone = await api.getExternalcontactsOrganizationsExport(orgs.id!);
    expect(orgsDone.status).toBe("SUCCEEDED");
    expect(
      (await download(orgsDone.downloadUrl!)).some((l) => l.startsWith(`${org.id},Sdk Kinds Org,`)),
    ).toBe(true);
    const notesDone = await api.getExternalcontactsNotesExport(notes.id!);
    expect(notesDone.resultRowCount).toBe(1);
    expect(
      (await download(notesDone.downloadUrl!))[1]?.startsWith(`${note.id},organization,${org.id},`),
    ).toBe(true);
    const relsDone = await api.getExternalcontactsRelationshipsExport(rels.id!);
    expect(relsDone).toMatchObject({ status: "SUCCEEDED", resultRowCount: 0 });

    expect((await api.getExternalcontactsOrganizationsExports({ pageSize: 5 })).entities?.[0]?.id).toBe(
      orgs.id,
    );
    expect((await api.getExternalcontactsNotesExports({})).entities?.map((e) => e.id)).toEqual([notes.id]);
    expect((await api.getExternalcontactsRelationshipsExports({})).entities?.map((e) => e.id)).toEqual([
      rels.id,
    ]);
  });

  it("surfaces a malformed filter as the SDK's 400 error", async () => {
    await expect(
      api.postExternalcontactsNotesExports({
        queryConditions: { filters: { eq: { field: "DivisionId", value: "not-a-division" } } },
      }),
    ).rejects.toMatchObject({ status: 400 });
  });
});
