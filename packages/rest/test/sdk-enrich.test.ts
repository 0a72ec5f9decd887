import { describe, expect, it } from "vitest";
import { withSdk } from "./sdk-harness";

/**
 * The official Genesys SDK (262) on the enrich operations: its own methods, models and dryRun option against
 * a real server of ours (same setup as sdk-current.test.ts).
 */
const { api } = withSdk();

describe("the official Genesys SDK on enrich", () => {
  it("enriches a contact: creates, dry-runs, updates and merges through postExternalcontactsContactsEnrich", async () => {
    const identifier = { type: "Email", value: "sdk@enrich.example" };
    const dry = await api.postExternalcontactsContactsEnrich(
      { action: "Upsert", matchingIdentifiers: [identifier], contact: { firstName: "Sdk Dry" } },
      { dryRun: true },
    );
    expect(dry.firstName).toBe("Sdk Dry");
    await expect(api.postExternalcontactsIdentifierlookupContacts(identifier, {})).rejects.toMatchObject({
      status: 404,
    });

    const created = await api.postExternalcontactsContactsEnrich({
      action: "Upsert",
      matchingIdentifiers: [identifier],
      contact: { firstName: "Sdk", lastName: "Enrich", workEmail: "sdk@enrich.example" },
    });
    expect((await api.postExternalcontactsIdentifierlookupContacts(identifier, {})).id).toBe(created.id);

    const updated = await api.postExternalcontactsContactsEnrich({
      action: "Update",
      matchingIdentifiers: [identifier],
      contact: { firstName: "Ignored", title: "Dr" },
      fieldRules: { rules: [{ field: "$.firstName", action: "PreferExisting" }] },
    });
    expect(updated).toMatchObject({ id: created.id, firstName: "Sdk", lastName: "Enrich", title: "Dr" });

    const other = await api.postExternalcontactsContactsEnrich({
      action: "Insert",
      matchingIdentifiers: [{ type: "Cookie", value: "sdk-cookie" }],
      contact: { firstName: "Sdk Other" },
    });
    const merged = await api.postExternalcontactsContactsEnrich({
      action: "Merge",
      matchingIdentifiers: [identifier, { type: "Cookie", value: "sdk-cookie" }],
    });
    expect(merged.mergedFrom?.map((m) => m.id)).toEqual([created.id, other.id]);

    await expect(
      api.postExternalcontactsContactsEnrich({ action: "Insert", matchingIdentifiers: [identifier] }),
    ).rejects.toMatchObject({ status: 409 });
    await expect(
      api.postExternalcontactsContactsEnrich({
        action: "Update",
        matchingIdentifiers: [{ type: "Cookie", value: "sdk-nobody" }],
      }),
    ).rejects.toMatchObject({ status: 404 });
  });

  it("bulk-enriches contacts with per-item results through postExternalcontactsBulkContactsEnrich", async () => {
    const response = await api.postExternalcontactsBulkContactsEnrich({
      entities: [
        {
          id: "a",
          action: "Upsert",
          matchingIdentifiers: [{ type: "Cookie", value: "sdk-bulk" }],
          contact: { firstName: "Sdk Bulk" },
        },
        { id: "b", action: "Update", matchingIdentifiers: [{ type: "Cookie", value: "sdk-bulk-missing" }] },
      ],
    });
    expect(response.results?.map((r) => [r.id, r.success, r.status])).toEqual([
      ["a", true, 201],
      ["b", false, 404],
    ]);
    expect(response).toMatchObject({ errorCount: 1, errorIndexes: [1] });
    expect(response.results?.[0]?.entity?.firstName).toBe("Sdk Bulk");
    expect(response.results?.[1]?.error?.entity?.id).toBe("b");
  });

  it("enriches organizations through postExternalcontactsOrganizationsEnrich and its bulk method", async () => {
    const identifier = { type: "ExternalId", value: "sdk-erp-1" };
    const created = await api.postExternalcontactsOrganizationsEnrich({
      action: "Upsert",
      matchingIdentifiers: [identifier],
      externalOrganization: { name: "Sdk Enrich Org" },
    });
    const updated = await api.postExternalcontactsOrganizationsEnrich({
      action: "Update",
      matchingIdentifiers: [identifier],
      externalOrganization: { industry: "Tea" } as never,
    });
    expect(updated).toMatchObject({ id: created.id, name: "Sdk Enrich Org", industry: "Tea" });

    const bulk = await api.postExternalcontactsBulkOrganizationsEnrich(
      {
        entities: [
          {
            id: "x",
            action: "Upsert",
            matchingIdentifiers: [identifier],
            externalOrganization: { name: "Renamed" },
          },
          {
            id: "y",
            action: "Insert",
            matchingIdentifiers: [{ type: "ExternalId", value: "sdk-erp-2" }],
            externalOrganization: { name: "Sdk Dry Org" },
          },
        ],
      },
      { dryRun: true },
    );
    expect(bulk.results?.map((r) => [r.id, r.status, r.entity?.name])).toEqual([
      ["x", 200, "Renamed"],
      ["y", 201, "Sdk Dry Org"],
    ]);
    // A dry run: nothing changed.
    expect((await api.getExternalcontactsOrganization(created.id!, {})).name).toBe("Sdk Enrich Org");
  });
});
