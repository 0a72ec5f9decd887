import {
  createApiClient,
  createContact,
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

describe("Genesys division scoping", () => {
  it("a client whose role is limited to a division sees and writes only that division's records", async () => {
    const h = harness();
    const system = { db: h.database.db, tenantId: h.tenantId, actor: systemActor("test") };
    const west = await saveDivision(system, { name: "West" });
    const inHome = await createContact(system, { firstName: "Scoped", lastName: "Home" });
    const inWest = await createContact(system, {
      firstName: "Scoped",
      lastName: "West",
      divisionId: west.id,
    });

    const role = await saveRole(system, { name: "West agents", permissions: ["*"] });
    await setRoleDivisions(system, role.id, [west.id]);
    const client = await createApiClient(system, { name: "west client", roleIds: [role.id] });
    const token = await h.issueToken(client);

    const hidden = await h.request(`${API}/contacts/${inHome.id}`, { token });
    expect(hidden.status).toBe(404);
    expect(await hidden.json()).toMatchObject({ status: 404, code: "not.found" });
    expect((await h.request(`${API}/contacts/${inWest.id}`, { token })).status).toBe(200);
    const listed = (await (await h.request(`${API}/contacts?q=scoped`, { token })).json()) as {
      entities: Json[];
      total: number;
    };
    expect(listed.entities.map((c) => c.id)).toEqual([inWest.id]);
    expect(listed.total).toBe(1);
    const scanned = (await (await h.request(`${API}/scan/contacts?limit=200`, { token })).json()) as {
      entities: Json[];
    };
    expect(scanned.entities.map((c) => c.id)).toEqual([inWest.id]);

    // Writing into a division outside the role's is refused with 403; into its own, allowed.
    const intoHome = await h.request(`${API}/contacts`, {
      method: "POST",
      token,
      json: { firstName: "Nope", division: { id: inHome.divisionId } },
    });
    expect(intoHome.status).toBe(403);
    expect(await intoHome.json()).toMatchObject({
      status: 403,
      code: "missing.any.permissions",
      messageParams: { permissions: `access to division ${inHome.divisionId}` },
    });
    const moved = await h.request(`${API}/contacts/${inWest.id}`, {
      method: "PUT",
      token,
      json: { firstName: "Scoped", division: { id: inHome.divisionId } },
    });
    expect(moved.status).toBe(403);
    const created = await h.request(`${API}/contacts`, {
      method: "POST",
      token,
      json: { firstName: "Allowed", division: { id: west.id } },
    });
    expect(created.status).toBe(200);
    expect(((await created.json()) as { division: { id: string } }).division.id).toBe(west.id);
    expect((await h.request(`${API}/contacts/${inHome.id}`, { method: "DELETE", token })).status).toBe(404);

    // The unlimited admin still sees both.
    const all = (await (await h.request(`${API}/contacts?q=scoped`)).json()) as { total: number };
    expect(all.total).toBe(2);
  });
});
