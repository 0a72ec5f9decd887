import { addNote, createRelationship, saveDivision, systemActor } from "@switchboard/domain";
import { describe, expect, it } from "vitest";
import { withSdk } from "./sdk-harness";

/**
 * The official Genesys SDK (262) on the division views, organization identifiers and the body search, each
 * called through the SDK's own method. Same setup as sdk.test.ts: `setGateway` + `loginClientCredentialsGrant`
 * (the admin client: every permission, every division).
 */
const { api, harness } = withSdk();

/** Every id a division-view scan returns, page after page through `cursors.after`. */
async function scanIds(
  scan: (opts: { limit: number; cursor?: string }) => Promise<{
    entities?: { id?: string }[];
    cursors?: { after?: string };
  }>,
) {
  const ids: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await scan({ limit: 10, ...(cursor && { cursor }) });
    ids.push(...(page.entities ?? []).map((e) => e.id!));
    cursor = page.cursors?.after;
  } while (cursor);
  return ids;
}

describe("the official Genesys SDK on division views, organization identifiers and body search", () => {
  it("scans and bulk-fetches every division's records through the division views", async () => {
    const h = harness();
    const system = { db: h.database.db, tenantId: h.tenantId, actor: systemActor("test") };
    const north = await saveDivision(system, { name: "North (sdk)" });
    const org = await api.postExternalcontactsOrganizations({
      name: "Sdk North Ltd",
      division: { id: north.id },
    });
    const contacts = [];
    for (let i = 0; i < 12; i++)
      contacts.push(
        await api.postExternalcontactsContacts({
          firstName: "Sdk",
          lastName: `View ${i}`,
          division: { id: north.id },
        }),
      );
    const note = await addNote(system, { type: "contact", id: contacts[0]!.id! }, { text: "sdk note" });
    const [member] = await h.database.db.query.members.findMany({ limit: 1 });
    const relationship = await createRelationship(system, {
      memberId: member!.id,
      organizationId: org.id!,
      relationship: "Owner",
    });

    const contactIds = await scanIds((opts) => api.getExternalcontactsScanContactsDivisionviewsAll(opts));
    expect(contactIds).toEqual(expect.arrayContaining(contacts.map((c) => c.id!)));
    expect(new Set(contactIds).size).toBe(contactIds.length);
    expect(await scanIds((opts) => api.getExternalcontactsScanOrganizationsDivisionviewsAll(opts))).toContain(
      org.id,
    );
    expect(await scanIds((opts) => api.getExternalcontactsScanNotesDivisionviewsAll(opts))).toContain(
      note.id,
    );
    expect(await scanIds((opts) => api.getExternalcontactsScanRelationshipsDivisionviewsAll(opts))).toContain(
      relationship.id,
    );

    const fetched = await api.postExternalcontactsBulkContactsDivisionviews({
      entities: [{ id: contacts[3]!.id }, { id: crypto.randomUUID() }],
    });
    expect(fetched.results?.map((r) => [r.success, r.entity?.lastName])).toEqual([
      [true, "View 3"],
      [false, undefined],
    ]);
    expect(fetched).toMatchObject({ errorCount: 1, errorIndexes: [1] });
    const orgs = await api.postExternalcontactsBulkOrganizationsDivisionviews({ entities: [{ id: org.id }] });
    expect(orgs.results?.[0]?.entity?.name).toBe("Sdk North Ltd");
    await expect(api.getExternalcontactsScanContactsDivisionviewsAll({ limit: 5 })).rejects.toMatchObject({
      status: 400,
    });
  });

  it("claims, lists, looks up and releases organization identifiers", async () => {
    const source = await api.postExternalcontactsExternalsources({ name: "Sdk ERP", active: true });
    const org = await api.postExternalcontactsOrganizations({ name: "Sdk Identified" });
    const identifier = {
      type: "ExternalId",
      value: "sdk-erp-1",
      externalSource: { id: source.id, name: source.name },
    };
    const claimed = await api.patchExternalcontactsOrganizationIdentifiers(org.id!, {
      operation: "Claim",
      identifier,
    });
    expect(claimed).toMatchObject({
      type: "ExternalId",
      value: "sdk-erp-1",
      externalSource: { id: source.id },
    });
    const listing = await api.getExternalcontactsOrganizationIdentifiers(org.id!);
    expect(listing.entities).toEqual([claimed]);
    const found = await api.postExternalcontactsIdentifierlookupOrganizations(
      { type: "ExternalId", value: "sdk-erp-1" },
      { expand: ["identifiers", "division"] },
    );
    expect(found).toMatchObject({ id: org.id, name: "Sdk Identified", identifiers: [claimed] });
    expect(found.division?.name).toBe("Home");

    const rival = await api.postExternalcontactsOrganizations({ name: "Sdk Rival" });
    await expect(
      api.patchExternalcontactsOrganizationIdentifiers(rival.id!, { operation: "Claim", identifier }),
    ).rejects.toMatchObject({ status: 409 });
    await expect(
      api.postExternalcontactsIdentifierlookupOrganizations({ type: "Email", value: "a@b.example" }),
    ).rejects.toMatchObject({ status: 400 });

    await api.patchExternalcontactsOrganizationIdentifiers(org.id!, { operation: "Release", identifier });
    expect((await api.getExternalcontactsOrganizationIdentifiers(org.id!)).entities).toEqual([]);
    await expect(
      api.postExternalcontactsIdentifierlookupOrganizations({ type: "ExternalId", value: "sdk-erp-1" }),
    ).rejects.toMatchObject({ status: 404 });
  });

  it("searches contacts with a body: query, sort keys, ids, paging and expand", async () => {
    const made = [];
    for (const [lastName, title] of [
      ["Quill", "B"],
      ["Quartz", "A"],
      ["Quince", "A"],
    ])
      made.push(await api.postExternalcontactsContacts({ firstName: "Sdkbody", lastName, title }));
    const page = await api.postExternalcontactsContactsSearch({
      pageSize: 2,
      pageNumber: 1,
      expand: ["division"],
      operation: { simpleSearch: { query: "sdkbody", sortOrder: ["title:asc", "lastName:asc"] } },
    });
    expect(page).toMatchObject({ total: 3, pageSize: 2, pageNumber: 1, pageCount: 2 });
    expect(page.entities?.map((c) => c.lastName)).toEqual(["Quartz", "Quince"]);
    expect(page.entities?.[0]?.division?.name).toBe("Home");
    const byIds = await api.postExternalcontactsContactsSearch({
      operation: { simpleSearch: { ids: [made[0]!.id!] } },
    });
    expect(byIds.entities?.map((c) => c.id)).toEqual([made[0]!.id]);
    await expect(
      api.postExternalcontactsContactsSearch({ operation: { simpleSearch: { sortOrder: ["nope:asc"] } } }),
    ).rejects.toMatchObject({ status: 400 });
  });
});
