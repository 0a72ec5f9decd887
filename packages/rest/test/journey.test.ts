import { describe, expect, it } from "vitest";
import { withRestHarness } from "./harness";

const harness = withRestHarness();
const API = "/api/v2/externalcontacts";

describe("Genesys contact journey sessions", () => {
  it("answers an empty SessionListing for a known contact, and 404/400/403 as documented", async () => {
    const h = harness();
    const created = await h.request(`${API}/contacts`, { method: "POST", json: { firstName: "Journey" } });
    const { id } = (await created.json()) as { id: string };

    const response = await h.request(`${API}/contacts/${id}/journey/sessions?pageSize=50&includeMerged=true`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      entities: [],
      selfUri: `${API}/contacts/${id}/journey/sessions?pageSize=50&includeMerged=true`,
    });
    // No nextUri and no cursors: there is nothing after the (empty) first page.
    expect((await h.request(`${API}/contacts/${id}/journey/sessions`)).status).toBe(200);

    const unknown = await h.request(`${API}/contacts/${crypto.randomUUID()}/journey/sessions`);
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ status: 404, code: "not.found" });
    expect((await h.request(`${API}/contacts/not-a-uuid/journey/sessions`)).status).toBe(404);

    const tooBig = await h.request(`${API}/contacts/${id}/journey/sessions?pageSize=201`);
    expect(tooBig.status).toBe(400);
    expect(await tooBig.json()).toMatchObject({ details: [{ fieldName: "pageSize" }] });
    expect((await h.request(`${API}/contacts/${id}/journey/sessions?includeMerged=sometimes`)).status).toBe(
      400,
    );
    const forged = await h.request(`${API}/contacts/${id}/journey/sessions?after=abc`);
    expect(forged.status).toBe(400);
    expect(await forged.json()).toMatchObject({ details: [{ fieldName: "after" }] });

    const contactViewer = await h.tokenFor(["externalContacts:contact:view"]);
    const refused = await h.request(`${API}/contacts/${id}/journey/sessions`, { token: contactViewer });
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({
      messageParams: { permissions: "externalContacts:session:view" },
    });
    const sessionViewer = await h.tokenFor(["externalContacts:session:view"]);
    expect((await h.request(`${API}/contacts/${id}/journey/sessions`, { token: sessionViewer })).status).toBe(
      200,
    );
  });
});
