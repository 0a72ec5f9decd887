import { describe, expect, it } from "vitest";
import { withRestHarness } from "./harness";

const harness = withRestHarness();
const API = "/api/v2/externalcontacts";
type Listing = { entities: { id: string }[]; nextUri?: string; cursors?: { after: string }; selfUri: string };

describe("Genesys scans", () => {
  it("walk every contact with cursors, never repeating one", async () => {
    const h = harness();
    for (let i = 0; i < 23; i++)
      await h.request(`${API}/contacts`, { method: "POST", json: { firstName: `Scan ${i}` } });
    const seen: string[] = [];
    let next: string | undefined = `${API}/scan/contacts?limit=10`;
    while (next) {
      const response = await h.request(next);
      expect(response.status).toBe(200);
      const page = (await response.json()) as Listing;
      seen.push(...page.entities.map((e) => e.id));
      expect(Boolean(page.cursors?.after)).toBe(Boolean(page.nextUri));
      next = page.nextUri;
    }
    expect(seen.length).toBe(23);
    expect(new Set(seen).size).toBe(23);
  });

  it("answers 400 for a bad limit, cursor or division, and 403 without the permission", async () => {
    const h = harness();
    for (const query of ["limit=5", "limit=201", "cursor=forged", "divisionId=nope"])
      expect((await h.request(`${API}/scan/contacts?${query}`)).status, query).toBe(400);
    expect((await h.request(`${API}/scan/contacts?divisionId=*`)).status).toBe(200);
    const orgViewer = await h.tokenFor(["externalContacts:externalOrganization:view"]);
    expect((await h.request(`${API}/scan/contacts`, { token: orgViewer })).status).toBe(403);
    expect((await h.request(`${API}/scan/organizations`, { token: orgViewer })).status).toBe(200);
  });

  it("scan organizations, notes and relationships", async () => {
    const h = harness();
    const org = (await (
      await h.request(`${API}/organizations`, { method: "POST", json: { name: "Scan Org" } })
    ).json()) as { id: string };
    await h.request(`${API}/organizations/${org.id}/notes`, {
      method: "POST",
      json: { noteText: "scan me" },
    });
    const orgs = (await (await h.request(`${API}/scan/organizations`)).json()) as Listing;
    expect(orgs.entities.map((o) => o.id)).toContain(org.id);
    const notes = (await (await h.request(`${API}/scan/notes`)).json()) as {
      entities: { noteText: string }[];
    };
    expect(notes.entities.map((n) => n.noteText)).toContain("scan me");
    expect((await h.request(`${API}/scan/relationships`)).status).toBe(200);
  });
});
