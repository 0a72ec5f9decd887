import { describe, expect, it } from "vitest";
import { withRestHarness } from "./harness";

const harness = withRestHarness();
const API = "/api/v2/externalcontacts";
type Listing = { entities: { id: string; firstName?: string; name?: string }[]; total: number };

describe("Genesys q search with typo tolerance", () => {
  it("finds contacts and organizations by misspelled names; accents and case fold", async () => {
    const h = harness();
    const post = async (path: string, json: unknown) =>
      (await (await h.request(`${API}${path}`, { method: "POST", json })).json()) as { id: string };
    const john = await post("/contacts", { firstName: "John", lastName: "Smith" });
    const jose = await post("/contacts", { firstName: "José", lastName: "Núñez" });
    const acme = await post("/organizations", { name: "Acme Corporation" });
    const search = async (path: string) => {
      const response = await h.request(`${API}${path}`);
      expect(response.status, path).toBe(200);
      return (await response.json()) as Listing;
    };
    expect((await search("/contacts?q=Jonh%20Smiht")).entities.map((c) => c.id)).toEqual([john.id]);
    expect((await search("/contacts?q=JOSE%20nunez")).entities.map((c) => c.id)).toEqual([jose.id]);
    expect((await search("/contacts?q=N%C3%BA%C3%B1ex")).entities.map((c) => c.id)).toEqual([jose.id]);
    expect((await search("/organizations?q=acme%20corporatoin")).entities.map((o) => o.id)).toEqual([
      acme.id,
    ]);
    const none = await search("/contacts?q=qqqxxxzzz");
    expect(none).toMatchObject({ entities: [], total: 0 });
  });
});
