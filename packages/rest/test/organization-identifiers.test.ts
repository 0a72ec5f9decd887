import {
  createApiClient,
  createOrganization,
  PERMISSIONS,
  saveDivision,
  saveRole,
  setRoleDivisions,
  systemActor,
} from "@switchboard/domain";
import { describe, expect, it } from "vitest";
import { withRestHarness } from "./harness";

const harness = withRestHarness();
const API = "/api/v2/externalcontacts";
type Json = Record<string, unknown> & { id: string };

async function createOrg(name: string) {
  const response = await harness().request(`${API}/organizations`, { method: "POST", json: { name } });
  return (await response.json()) as Json;
}

const patch = (orgId: string, json: unknown, token?: string) =>
  harness().request(`${API}/organizations/${orgId}/identifiers`, { method: "PATCH", json, token });
const lookup = (json: unknown, query = "", token?: string) =>
  harness().request(`${API}/identifierlookup/organizations${query}`, { method: "POST", json, token });

describe("Genesys organization identifiers and identifier lookup", () => {
  it("claims, conflicts, lists, looks up (with expand) and releases an ExternalId", async () => {
    const h = harness();
    const source = (await (
      await h.request(`${API}/externalsources`, { method: "POST", json: { name: "ERP", active: true } })
    ).json()) as Json;
    const acme = await createOrg("Acme");
    const rival = await createOrg("Rival");
    const identifier = { type: "ExternalId", value: " erp-42 ", externalSource: { id: source.id } };

    const claimed = await patch(acme.id, { operation: "Claim", identifier });
    expect(claimed.status).toBe(200);
    const wire = (await claimed.json()) as Json;
    expect(wire).toMatchObject({
      type: "ExternalId",
      value: "erp-42",
      division: { id: (acme.division as Json).id },
      externalSource: { id: source.id, selfUri: `${API}/externalsources/${source.id}` },
    });
    expect(Date.parse(wire.dateCreated as string)).not.toBeNaN();
    const again = await patch(acme.id, { operation: "Claim", identifier });
    expect(await again.json()).toEqual(wire);

    const conflict = await patch(rival.id, { operation: "Claim", identifier });
    expect(conflict.status).toBe(409);
    expect(await conflict.json()).toMatchObject({ status: 409, code: "conflict" });

    const listing = await h.request(`${API}/organizations/${acme.id}/identifiers`);
    expect(await listing.json()).toEqual({ entities: [wire] });
    expect(await (await h.request(`${API}/organizations/${rival.id}/identifiers`)).json()).toEqual({
      entities: [],
    });
    const read = (await (
      await h.request(`${API}/organizations/${acme.id}?expand=identifiers`)
    ).json()) as Json;
    expect(read.identifiers).toEqual([wire]);

    const found = await lookup(
      { type: "ExternalId", value: "erp-42" },
      "?expand=identifiers&expand=division",
    );
    expect(found.status).toBe(200);
    expect(await found.json()).toMatchObject({
      id: acme.id,
      name: "Acme",
      division: { name: "Home" },
      identifiers: [wire],
    });
    const plain = (await (await lookup({ type: "ExternalId", value: "erp-42" })).json()) as Json;
    expect(plain.id).toBe(acme.id);
    expect(plain.identifiers).toBeUndefined();

    const released = await patch(acme.id, { operation: "Release", identifier });
    expect(released.status).toBe(200);
    expect(await released.json()).toEqual(wire);
    expect((await lookup({ type: "ExternalId", value: "erp-42" })).status).toBe(404);
    expect((await patch(acme.id, { operation: "Release", identifier })).status).toBe(404);
    expect((await patch(rival.id, { operation: "Claim", identifier })).status).toBe(200);
  });

  it("refuses other identifier types, bad bodies, unknown organizations and expands", async () => {
    const h = harness();
    const org = await createOrg("Strict");
    const email = { type: "Email", value: "info@strict.example" };
    const wrongType = await patch(org.id, { operation: "Claim", identifier: email });
    expect(wrongType.status).toBe(400);
    expect(await wrongType.json()).toMatchObject({
      status: 400,
      message: "type: an organization identifier is of type ExternalId",
    });
    const wrongLookup = await lookup(email);
    expect(wrongLookup.status).toBe(400);
    const ok = { type: "ExternalId", value: "strict-1" };
    for (const body of [
      { operation: "Steal", identifier: ok },
      { operation: "Claim" },
      { operation: "Claim", identifier: { type: "ExternalId" } },
      { operation: "Claim", identifier: { ...ok, value: " " } },
      { operation: "Claim", identifier: { ...ok, value: "x".repeat(256) } },
      { operation: "Claim", identifier: { ...ok, externalSource: { id: crypto.randomUUID() } } },
    ]) {
      const response = await patch(org.id, body);
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(await response.json()).toMatchObject({ status: 400, code: "bad.request" });
    }
    expect((await lookup({ type: "ExternalId" })).status).toBe(400);
    expect((await lookup(ok, "?expand=externalOrganization")).status).toBe(400);
    const notJson = await h.request(`${API}/identifierlookup/organizations`, {
      method: "POST",
      body: "type=ExternalId",
      headers: { "content-type": "text/plain" },
    });
    expect(notJson.status).toBe(415);

    const nobody = "00000000-0000-4000-8000-000000000000";
    expect((await h.request(`${API}/organizations/${nobody}/identifiers`)).status).toBe(404);
    expect((await h.request(`${API}/organizations/not-an-id/identifiers`)).status).toBe(404);
    expect((await patch(nobody, { operation: "Claim", identifier: ok })).status).toBe(404);
    const deleted = await createOrg("Gone");
    await h.request(`${API}/organizations/${deleted.id}`, { method: "DELETE" });
    expect((await h.request(`${API}/organizations/${deleted.id}/identifiers`)).status).toBe(404);
  });

  it("needs the organization permissions, and hides organizations of other divisions", async () => {
    const h = harness();
    const org = await createOrg("Guarded Org");
    const id = { type: "ExternalId", value: "guarded-org-1" };
    expect((await patch(org.id, { operation: "Claim", identifier: id })).status).toBe(200);

    const viewer = await h.tokenFor([PERMISSIONS.organizationView]);
    expect((await h.request(`${API}/organizations/${org.id}/identifiers`, { token: viewer })).status).toBe(
      200,
    );
    expect((await lookup(id, "", viewer)).status).toBe(200);
    const refused = await patch(org.id, { operation: "Release", identifier: id }, viewer);
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { message: string }).message).toContain(
      "externalContacts:externalOrganization:edit",
    );
    const contactsOnly = await h.tokenFor([PERMISSIONS.contactView, PERMISSIONS.contactEdit]);
    expect(
      (await h.request(`${API}/organizations/${org.id}/identifiers`, { token: contactsOnly })).status,
    ).toBe(403);
    expect((await lookup(id, "", contactsOnly)).status).toBe(403);

    const system = { db: h.database.db, tenantId: h.tenantId, actor: systemActor("test") };
    const west = await saveDivision(system, { name: "West (org identifiers)" });
    const role = await saveRole(system, { name: "West orgs", permissions: ["*"] });
    await setRoleDivisions(system, role.id, [west.id]);
    const token = await h.issueToken(
      await createApiClient(system, { name: "west orgs", roleIds: [role.id] }),
    );
    expect((await h.request(`${API}/organizations/${org.id}/identifiers`, { token })).status).toBe(404);
    expect((await lookup(id, "", token)).status).toBe(404);
    const westOrg = await createOrganization(system, { name: "Westerly", divisionId: west.id });
    const taken = await patch(westOrg.id, { operation: "Claim", identifier: id }, token);
    expect(taken.status).toBe(409);
    expect(await taken.text()).not.toContain(org.id);
  });
});
