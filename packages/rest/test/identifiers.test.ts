import { describe, expect, it } from "vitest";
import { withRestHarness } from "./harness";

const harness = withRestHarness();
const API = "/api/v2/externalcontacts";
type Json = Record<string, unknown> & { id: string };

describe("Genesys contact identifiers and identifier lookup", () => {
  it("claims, conflicts, lists, looks up (both routes) and releases", async () => {
    const h = harness();
    const create = async (firstName: string) =>
      (await (await h.request(`${API}/contacts`, { method: "POST", json: { firstName } })).json()) as Json;
    const a = await create("Claimer");
    const b = await create("Rival");
    const claim = { operation: "Claim", identifier: { type: "Phone", value: "+1 704 298 4733" } };

    const claimed = await h.request(`${API}/contacts/${a.id}/identifiers`, { method: "PATCH", json: claim });
    expect(claimed.status).toBe(200);
    expect(await claimed.json()).toMatchObject({ type: "Phone", value: "+17042984733" });
    expect(
      (await h.request(`${API}/contacts/${b.id}/identifiers`, { method: "PATCH", json: claim })).status,
    ).toBe(409);

    const listing = (await (await h.request(`${API}/contacts/${a.id}/identifiers`)).json()) as {
      entities: Json[];
    };
    expect(listing.entities.map((e) => e.value)).toEqual(["+17042984733"]);
    const expanded = (await (await h.request(`${API}/contacts/${a.id}?expand=identifiers`)).json()) as {
      identifiers: Json[];
    };
    expect(expanded.identifiers.map((e) => e.type)).toEqual(["Phone"]);

    for (const route of ["/identifierlookup", "/identifierlookup/contacts"]) {
      const found = await h.request(`${API}${route}`, {
        method: "POST",
        json: { type: "Phone", value: "+17042984733" },
      });
      expect(found.status, route).toBe(200);
      expect(((await found.json()) as Json).id).toBe(a.id);
    }
    expect(
      (
        await h.request(`${API}/identifierlookup`, {
          method: "POST",
          json: { type: "Phone", value: "7042984733" },
        })
      ).status,
    ).toBe(400);

    const released = await h.request(`${API}/contacts/${a.id}/identifiers`, {
      method: "PATCH",
      json: { ...claim, operation: "Release" },
    });
    expect(released.status).toBe(200);
    expect(
      (await h.request(`${API}/identifierlookup/contacts`, { method: "POST", json: claim.identifier }))
        .status,
    ).toBe(404);
    expect(
      (
        await h.request(`${API}/contacts/${a.id}/identifiers`, {
          method: "PATCH",
          json: { operation: "Steal", identifier: claim.identifier },
        })
      ).status,
    ).toBe(400);
  });
});
