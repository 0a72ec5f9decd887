import { sql } from "@switchboard/db";
import { PERMISSIONS } from "@switchboard/domain";
import { describe, expect, it } from "vitest";
import { apiError, GENESYS, genesysContact, json } from "./dfs-helpers-ext";
import { withRestHarness } from "./harness";

const harness = withRestHarness();
type Details = { contactGroupId: number; details: Record<string, unknown> };

const create = (body: unknown, version = "v1.1", spelling = "legalentities", token?: string) =>
  harness().request(`/dfs/${version}/${spelling}`, { method: "POST", json: body, token });
const read = async (id: number, spelling = "legalentities") =>
  json<Details>(await harness().request(`/dfs/v1.0/${spelling}/${id}/details`), 200);

async function identitiesOf(organizationId: string) {
  return (await harness().database.db.execute(
    sql`select contact_id, access_policy_keys, share from professional_identities
        where organization_id = ${organizationId} order by number`,
  )) as unknown as { contact_id: string; access_policy_keys: string[]; share: number | null }[];
}

describe("DFS legal entities (#37-#41)", () => {
  it("creates an organization with its contacts as professional identities carrying their access policies (v1.1)", async () => {
    const h = harness();
    const owner = await genesysContact(h, { firstName: "Olga", lastName: "Owner" });
    const viewer = await genesysContact(h, { firstName: "Vic", lastName: "Viewer" });
    const created = await json<{ id: number; details: Record<string, unknown> }>(
      await create({
        details: { name: "Globales Holding AG", legalForm: "AG", registrationNumber: "CHE-123" },
        contacts: [
          { contactId: owner.number, accessPolicyKeys: ["Owner", "representative"] },
          { contactId: viewer.number, accessPolicyKeys: ["Viewer"] },
        ],
      }),
      200,
    );
    expect(created.details).toEqual({
      legalForm: "AG",
      name: "Globales Holding AG",
      registrationNumber: "CHE-123",
    });
    expect(await read(created.id)).toEqual({ contactGroupId: created.id, details: created.details });
    expect(await read(created.id, "legal-entities")).toEqual({
      contactGroupId: created.id,
      details: created.details,
    });

    // It is an organization: Genesys reads it by name, and its PIs carry the policies.
    const orgs = await json<{ entities: { id: string; name: string }[] }>(
      await h.request(`${GENESYS}/organizations?q=Globales`),
      200,
    );
    expect(orgs.entities.map((o) => o.name)).toEqual(["Globales Holding AG"]);
    expect(await identitiesOf(orgs.entities[0]!.id)).toEqual([
      { contact_id: owner.id, access_policy_keys: ["Owner", "Representative"], share: null },
      { contact_id: viewer.id, access_policy_keys: ["Viewer"], share: null },
    ]);
    // #39: read through an associated contact; any other contact gets 404.
    const byContact = `/dfs/v1.0/contacts/${owner.number}/legalentities/${created.id}/details`;
    expect(await json(await h.request(byContact), 200)).toEqual({
      contactGroupId: created.id,
      details: created.details,
    });
    const stranger = await genesysContact(h, { firstName: "Stranger" });
    await apiError(
      await h.request(`/dfs/v1.0/contacts/${stranger.number}/legal-entities/${created.id}/details`),
      404,
      "NotFound",
    );
  });

  it("creates with v1.0 access policy ids and a share, under either spelling", async () => {
    const h = harness();
    const person = await genesysContact(h, { firstName: "Sharon", lastName: "Share" });
    const created = await json<{ id: number }>(
      await create(
        {
          details: { name: "Share Partners GmbH" },
          contacts: [{ contactId: person.number, accessPolicyIds: [1, 3], share: 0.25 }],
        },
        "v1.0",
        "legal-entities",
      ),
      200,
    );
    const [row] = (await h.database.db.execute(
      sql`select id from organizations where number = ${created.id} and tenant_id = ${h.tenantId}`,
    )) as unknown as { id: string }[];
    expect(await identitiesOf(row!.id)).toEqual([
      { contact_id: person.id, access_policy_keys: ["Owner", "Viewer"], share: 0.25 },
    ]);
  });

  it("updates details in full (PUT) or merged (PATCH); the bound name is the organization's name", async () => {
    const h = harness();
    const { id } = await json<{ id: number }>(
      await create({ details: { name: "Before Ltd", legalForm: "Ltd" } }),
      200,
    );
    const path = `/dfs/v1.0/legalentities/${id}/details`;
    expect((await h.request(path, { method: "PUT", json: { details: { name: "After Ltd" } } })).status).toBe(
      204,
    );
    expect((await read(id)).details).toEqual({ name: "After Ltd" });
    expect(
      (
        await h.request(`/dfs/v1.0/legal-entities/${id}/details`, {
          method: "PATCH",
          json: { details: { legalForm: "plc" } },
        })
      ).status,
    ).toBe(204);
    expect((await read(id)).details).toEqual({ legalForm: "plc", name: "After Ltd" });
    const orgs = await json<{ entities: { name: string }[] }>(
      await h.request(`${GENESYS}/organizations?q=After`),
      200,
    );
    expect(orgs.entities.map((o) => o.name)).toEqual(["After Ltd"]);
    // A Genesys rename shows in DFS.
    const orgId = (
      await json<{ entities: { id: string }[] }>(await h.request(`${GENESYS}/organizations?q=After`), 200)
    ).entities[0]!.id;
    const genesys = await json<Record<string, unknown>>(
      await h.request(`${GENESYS}/organizations/${orgId}`),
      200,
    );
    await json(
      await h.request(`${GENESYS}/organizations/${orgId}`, {
        method: "PUT",
        json: { ...genesys, name: "Renamed Ltd" },
      }),
      200,
    );
    expect((await read(id)).details).toEqual({ legalForm: "plc", name: "Renamed Ltd" });
  });

  it("answers 400 for invalid details or access policies, 404 for unknown ids, 403 without the permission", async () => {
    const h = harness();
    const person = await genesysContact(h, { firstName: "Err" });
    await apiError(await create({ details: { legalForm: "AG" } }), 400, "BadRequest");
    await apiError(await create({ details: { name: "X", nope: 1 } }), 400, "BadRequest");
    await apiError(await create({ details: "a string" }), 400, "BadRequest");
    await apiError(
      await create({
        details: { name: "Y" },
        contacts: [{ contactId: person.number, accessPolicyKeys: ["Boss"] }],
      }),
      400,
      "BadRequest",
    );
    await apiError(
      await create(
        { details: { name: "Y" }, contacts: [{ contactId: person.number, accessPolicyIds: [9] }] },
        "v1.0",
      ),
      400,
      "BadRequest",
    );
    await apiError(
      await create({
        details: { name: "Y" },
        contacts: [
          { contactId: person.number, accessPolicyKeys: ["Owner"] },
          { contactId: person.number, accessPolicyKeys: ["Viewer"] },
        ],
      }),
      400,
      "BadRequest",
    );
    await apiError(
      await create({
        details: { name: "Y" },
        contacts: [{ contactId: 2_000_000_000, accessPolicyKeys: ["Owner"] }],
      }),
      404,
      "NotFound",
    );
    const none = await json<{ entities: unknown[] }>(await h.request(`${GENESYS}/organizations?q=Y`), 200);
    expect(none.entities).toEqual([]);
    await apiError(await h.request("/dfs/v1.0/legalentities/2000000000/details"), 404, "NotFound");
    await apiError(
      await h.request("/dfs/v1.0/legalentities/2000000000/details", {
        method: "PUT",
        json: { details: { name: "Z" } },
      }),
      404,
      "NotFound",
    );
    const { id } = await json<{ id: number }>(await create({ details: { name: "Valid AG" } }), 200);
    await apiError(
      await h.request(`/dfs/v1.0/legalentities/${id}/details`, {
        method: "PUT",
        json: { details: { name: "" } },
      }),
      400,
      "BadRequest",
    );
    const viewerToken = await h.tokenFor([PERMISSIONS.organizationView, PERMISSIONS.contactView]);
    expect((await h.request(`/dfs/v1.0/legalentities/${id}/details`, { token: viewerToken })).status).toBe(
      200,
    );
    await apiError(
      await create({ details: { name: "No" } }, "v1.1", "legalentities", viewerToken),
      403,
      "Forbidden",
    );
    await apiError(
      await h.request(`/dfs/v1.0/legalentities/${id}/details`, {
        method: "PUT",
        json: { details: { name: "No" } },
        token: viewerToken,
      }),
      403,
      "Forbidden",
    );
  });
});
