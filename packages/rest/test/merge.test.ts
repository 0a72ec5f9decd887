import { describe, expect, it } from "vitest";
import { withRestHarness } from "./harness";

const harness = withRestHarness();
const API = "/api/v2/externalcontacts";
type Json = Record<string, unknown> & { id: string };

describe("Genesys merge", () => {
  it("merges contacts into a new one with overrides; reads resolve, unresolved reads do not", async () => {
    const h = harness();
    const create = async (body: unknown) =>
      (await (await h.request(`${API}/contacts`, { method: "POST", json: body })).json()) as Json;
    const a = await create({ firstName: "Merge", lastName: "One", workEmail: "one@merge.example" });
    const b = await create({
      firstName: "Merge",
      lastName: "Two",
      cellPhone: { display: "+1 212 555 0155" },
    });

    const response = await h.request(`${API}/contacts/merge`, {
      method: "POST",
      json: { contactIds: [a.id, b.id], valueOverride: { title: "Merged" } },
    });
    expect(response.status).toBe(200);
    const merged = (await response.json()) as Json & {
      mergedFrom: { id: string }[];
      canonicalContact: { id: string };
    };
    expect(merged).toMatchObject({
      lastName: "One",
      title: "Merged",
      workEmail: "one@merge.example",
      cellPhone: { e164: "+12125550155" },
    });
    expect(merged.mergedFrom.map((m) => m.id)).toEqual([a.id, b.id]);
    expect(merged.canonicalContact.id).toBe(merged.id);

    expect(((await (await h.request(`${API}/contacts/${a.id}`)).json()) as Json).id).toBe(merged.id);
    const unresolved = (await (await h.request(`${API}/contacts/${a.id}/unresolved`)).json()) as Json & {
      mergedTo: { id: string };
    };
    expect(unresolved.id).toBe(a.id);
    expect(unresolved.mergedTo.id).toBe(merged.id);
    expect(
      (await h.request(`${API}/contacts/merge`, { method: "POST", json: { contactIds: [a.id] } })).status,
    ).toBe(400);
  });

  it("the deprecated two-contact merge refuses two Curated contacts", async () => {
    const h = harness();
    const create = async (firstName: string) =>
      (await (await h.request(`${API}/contacts`, { method: "POST", json: { firstName } })).json()) as Json;
    const a = await create("Curated One");
    const b = await create("Curated Two");
    const refused = await h.request(`${API}/merge/contacts`, {
      method: "POST",
      json: { sourceContactId: a.id, targetContactId: b.id },
    });
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as { message: string }).message).toContain("Curated");
    const viewer = await h.tokenFor(["externalContacts:contact:view"]);
    expect(
      (
        await h.request(`${API}/contacts/merge`, {
          method: "POST",
          json: { contactIds: [a.id, b.id] },
          token: viewer,
        })
      ).status,
    ).toBe(403);
  });
});
