import { describe, expect, it } from "vitest";
import { withSdk } from "./sdk-harness";

/**
 * The official Genesys SDK (262) on journey segment assignments: its own methods, with its own models, against
 * a real server (`setGateway` + `loginClientCredentialsGrant`, as in sdk.test.ts).
 */
const { api } = withSdk();

describe("the official Genesys SDK on journey segment assignments", () => {
  it("assigns, refreshes, lists and unassigns segments", async () => {
    const contact = await api.postExternalcontactsContacts({ firstName: "Sdk", lastName: "Segments" });
    const id = contact.id!;
    const assigned = await api.postExternalcontactsContactJourneySegments(id, {
      body: { assign: { segments: [{ id: "gold" }, { id: "newsletter" }] } },
    });
    expect(assigned.unprocessedItems).toEqual({ count: 0 });

    const listing = await api.getExternalcontactsContactJourneySegments(id, { limit: 10 });
    expect(listing.entities?.map((a) => a.segment.id).sort()).toEqual(["gold", "newsletter"]);
    const gold = listing.entities!.find((a) => a.segment.id === "gold")!;
    expect(gold.externalContact.id).toBe(id);
    expect(new Date(gold.dateForUnassignment).getTime()).toBeGreaterThan(
      new Date(gold.dateAssigned).getTime(),
    );

    // The method's body is optional: without one nothing changes.
    expect((await api.postExternalcontactsContactJourneySegments(id)).unprocessedItems.count).toBe(0);
    await api.postExternalcontactsContactJourneySegments(id, {
      body: { assign: { segments: [{ id: "gold" }] }, unassign: { segments: [{ id: "newsletter" }] } },
    });
    const after = await api.getExternalcontactsContactJourneySegments(id);
    expect(after.entities?.map((a) => a.segment.id)).toEqual(["gold"]);
    expect(after.entities![0]!.dateAssigned).toBe(gold.dateAssigned);
  });

  it("lists a merge set's assignments with includeMerged, and answers errors as ErrorBody", async () => {
    const a = await api.postExternalcontactsContacts({ firstName: "Sdk Seg A" });
    const b = await api.postExternalcontactsContacts({ firstName: "Sdk Seg B" });
    await api.postExternalcontactsContactJourneySegments(a.id!, {
      body: { assign: { segments: [{ id: "a" }] } },
    });
    await api.postExternalcontactsContactJourneySegments(b.id!, {
      body: { assign: { segments: [{ id: "b" }] } },
    });
    const merged = await api.postExternalcontactsContactsMerge({ contactIds: [a.id!, b.id!] });
    expect((await api.getExternalcontactsContactJourneySegments(merged.id!)).entities).toEqual([]);
    const all = await api.getExternalcontactsContactJourneySegments(merged.id!, { includeMerged: true });
    expect(all.entities?.map((e) => e.segment.id).sort()).toEqual(["a", "b"]);

    const eleven = Array.from({ length: 11 }, (_, i) => ({ id: `s${i}` }));
    await expect(
      api.postExternalcontactsContactJourneySegments(a.id!, { body: { assign: { segments: eleven } } }),
    ).rejects.toMatchObject({ status: 400 });
    await expect(api.getExternalcontactsContactJourneySegments(a.id!, { limit: 501 })).rejects.toMatchObject({
      status: 400,
    });
    await expect(api.getExternalcontactsContactJourneySegments(crypto.randomUUID())).rejects.toMatchObject({
      status: 404,
    });
  });
});
