import { describe, expect, it } from "vitest";
import { withRestHarness } from "./harness";

const harness = withRestHarness();
const API = "/api/v2/externalcontacts";
type Json = Record<string, unknown> & { id: string };

async function createOrganization(name: string): Promise<Json> {
  const response = await harness().request(`${API}/organizations`, { method: "POST", json: { name } });
  expect(response.status).toBe(200);
  return (await response.json()) as Json;
}
const search = async (query: string) => {
  const response = await harness().request(`${API}/organizations?${query}`);
  expect(response.status, query).toBe(200);
  return (await response.json()) as { entities: Json[]; total: number };
};

describe("Genesys organization trustor links", () => {
  it("links, embeds with includeTrustors, searches by trustorId in the order asked, and unlinks", async () => {
    const [a, b, c] = [
      await createOrganization("Trustor A"),
      await createOrganization("Trustor B"),
      await createOrganization("Not linked"),
    ];
    const [ta, tb] = [crypto.randomUUID(), crypto.randomUUID()];

    const linked = await harness().request(`${API}/organizations/${a.id}/trustor/${ta}`, { method: "PUT" });
    expect(linked.status).toBe(200);
    const link = (await linked.json()) as Record<string, unknown>;
    expect(link).toEqual({
      division: { id: (a.division as { id: string }).id, selfUri: expect.any(String) },
      externalOrganizationId: a.id,
      trustorOrgId: ta,
      dateCreated: expect.stringMatching(/^\d{4}-\d\d-\d\dT.*Z$/),
      externalOrganizationUri: `${API}/organizations/${a.id}`,
    });
    // Linking the same trustor again answers the same link.
    const again = await harness().request(`${API}/organizations/${a.id}/trustor/${ta}`, { method: "PUT" });
    expect(await again.json()).toEqual(link);
    await harness().request(`${API}/organizations/${b.id}/trustor/${tb}`, { method: "PUT" });

    // Without includeTrustors the trustor stays out; with it, the Trustor is embedded.
    const plain = (await (await harness().request(`${API}/organizations/${a.id}`)).json()) as Json;
    expect(plain.trustor).toBeUndefined();
    const withTrustor = (await (
      await harness().request(`${API}/organizations/${a.id}?includeTrustors=true`)
    ).json()) as Json;
    expect(withTrustor.trustor).toMatchObject({
      id: ta,
      enabled: true,
      dateCreated: link.dateCreated,
      organization: { id: ta },
    });

    // trustorId overrides q and keeps the requested order.
    const byTrustor = await search(
      `trustorId=${tb}&trustorId=${ta}&q=nothing-matches-this&includeTrustors=true`,
    );
    expect(byTrustor.entities.map((o) => o.id)).toEqual([b.id, a.id]);
    expect(byTrustor.total).toBe(2);
    expect(byTrustor.entities[0]!.trustor).toMatchObject({ id: tb });
    expect((await search(`trustorId=${ta},${tb}`)).entities.map((o) => o.id)).toEqual([a.id, b.id]);
    expect((await search(`q=linked`)).entities.map((o) => o.id)).toEqual([c.id]);

    // A trustor stands for one organization at a time.
    const taken = await harness().request(`${API}/organizations/${c.id}/trustor/${ta}`, { method: "PUT" });
    expect(taken.status).toBe(409);
    expect(await taken.json()).toMatchObject({ status: 409, code: "conflict" });

    const unlinked = await harness().request(`${API}/organizations/${a.id}/trustor`, { method: "DELETE" });
    expect(unlinked.status).toBe(204);
    expect(await unlinked.text()).toBe("");
    expect((await search(`trustorId=${ta}`)).entities).toEqual([]);
    const none = await harness().request(`${API}/organizations/${a.id}/trustor`, { method: "DELETE" });
    expect(none.status).toBe(404);
    // Once unlinked, the trustor may represent another organization.
    expect(
      (await harness().request(`${API}/organizations/${c.id}/trustor/${ta}`, { method: "PUT" })).status,
    ).toBe(200);
  });

  it("answers 400, 404 and 403 as documented", async () => {
    const org = await createOrganization("Edge cases");
    const notUuid = await harness().request(`${API}/organizations/${org.id}/trustor/not-an-org`, {
      method: "PUT",
    });
    expect(notUuid.status).toBe(400);
    expect(await notUuid.json()).toMatchObject({ details: [{ fieldName: "trustorId" }] });
    const unknown = await harness().request(
      `${API}/organizations/${crypto.randomUUID()}/trustor/${crypto.randomUUID()}`,
      { method: "PUT" },
    );
    expect(unknown.status).toBe(404);
    expect((await harness().request(`${API}/organizations?includeTrustors=maybe`)).status).toBe(400);
    const tooMany = Array.from({ length: 26 }, () => `trustorId=${crypto.randomUUID()}`).join("&");
    expect((await harness().request(`${API}/organizations?${tooMany}`)).status).toBe(400);

    const viewer = await harness().tokenFor(["externalContacts:externalOrganization:view"]);
    const refused = await harness().request(`${API}/organizations/${org.id}/trustor/${crypto.randomUUID()}`, {
      method: "PUT",
      token: viewer,
    });
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({
      status: 403,
      messageParams: { permissions: "externalContacts:externalOrganization:edit" },
    });
    expect(
      (await harness().request(`${API}/organizations/${org.id}/trustor`, { method: "DELETE", token: viewer }))
        .status,
    ).toBe(403);
  });
});
