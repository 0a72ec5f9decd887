import { describe, expect, it } from "vitest";
import { withRestHarness } from "./harness";

const harness = withRestHarness();
const API = "/api/v2/externalcontacts";
type Json = Record<string, unknown> & { id: string };

describe("Genesys reverse whitepages lookup, promotion and conversation association", () => {
  it("looks contacts up by email, phone in any format and Twitter screen name", async () => {
    const h = harness();
    const created = (await (
      await h.request(`${API}/contacts`, {
        method: "POST",
        json: {
          firstName: "Lookup",
          workEmail: "look@up.example",
          cellPhone: { display: "+1 646 555 0188" },
          twitterId: { screenName: "lookup" },
        },
      })
    ).json()) as Json;
    for (const value of ["LOOK@up.example", "(646) 555-0188", "lookup"]) {
      const response = await h.request(
        `${API}/reversewhitepageslookup?lookupVal=${encodeURIComponent(value)}&expand=division`,
      );
      expect(response.status, value).toBe(200);
      const body = (await response.json()) as { contacts: Json[] };
      expect(
        body.contacts.map((c) => c.id),
        value,
      ).toEqual([created.id]);
    }
    expect((await h.request(`${API}/reversewhitepageslookup`)).status).toBe(400);
    expect((await h.request(`${API}/reversewhitepageslookup?lookupVal=x&expand=bogus`)).status).toBe(400);
  });

  it("promotes an observed contact once, and refuses a Curated one", async () => {
    const h = harness();
    const curated = (await (
      await h.request(`${API}/contacts`, { method: "POST", json: { firstName: "Curated" } })
    ).json()) as Json;
    const response = await h.request(`${API}/contacts/${curated.id}/promotion`, { method: "POST" });
    expect(response.status).toBe(400);
    expect(
      (await h.request(`${API}/contacts/${crypto.randomUUID()}/promotion`, { method: "POST" })).status,
    ).toBe(404);
  });

  it("associates a conversation with 202 and no body, and checks the body", async () => {
    const h = harness();
    const contact = (await (
      await h.request(`${API}/contacts`, { method: "POST", json: { firstName: "Caller" } })
    ).json()) as Json;
    const body = {
      conversationId: "c-1",
      communicationId: "m-1",
      mediaType: "CALL",
      externalContactId: contact.id,
    };
    const associated = await h.request(`${API}/conversations/c-1`, { method: "PUT", json: body });
    expect(associated.status).toBe(202);
    expect(await associated.text()).toBe("");
    const { externalContactId: _omit, ...disassociate } = body;
    expect((await h.request(`${API}/conversations/c-1`, { method: "PUT", json: disassociate })).status).toBe(
      202,
    );
    expect((await h.request(`${API}/conversations/other`, { method: "PUT", json: body })).status).toBe(400);
    expect(
      (await h.request(`${API}/conversations/c-1`, { method: "PUT", json: { ...body, mediaType: "FAX" } }))
        .status,
    ).toBe(400);
    const viewer = await h.tokenFor(["externalContacts:contact:view"]);
    expect(
      (await h.request(`${API}/conversations/c-1`, { method: "PUT", json: body, token: viewer })).status,
    ).toBe(403);
  });
});
