import { PERMISSIONS } from "@switchboard/domain";
import { describe, expect, it } from "vitest";
import { apiError, GENESYS, genesysContact, json } from "./dfs-helpers-ext";
import { withRestHarness } from "./harness";

const harness = withRestHarness();
const DFS = "/dfs/v1.0/contacts";

const connections = async (number: number) =>
  (
    await json<{ connections: { externalId: string; system: string }[] }>(
      await harness().request(`${DFS}/${number}/external-connections`),
      200,
    )
  ).connections;

const add = (number: number, body: unknown, token?: string) =>
  harness().request(`${DFS}/${number}/external-connections`, { method: "POST", json: body, token });

describe("DFS external connections (#17-#19)", () => {
  it("adds connections under their systems by name and lists them; Default is the import's system", async () => {
    const h = harness();
    const { id, number } = await genesysContact(h, { firstName: "Conn", lastName: "Ected" });
    expect(await connections(number)).toEqual([]);
    expect((await add(number, { externalId: "CBS-1", system: "CBS" })).status).toBe(204);
    expect((await add(number, { externalId: "imp-1", system: "Default" })).status).toBe(204);
    expect(await connections(number)).toEqual([
      { externalId: "CBS-1", system: "CBS" },
      { externalId: "imp-1", system: "Default" },
    ]);
    // The same connection again changes nothing.
    expect((await add(number, { externalId: "CBS-1", system: "cbs" })).status).toBe(204);
    expect(await connections(number)).toHaveLength(2);
    // Resolves, by path and by query, to {id, uid}.
    expect(await json(await h.request(`${DFS}/external-connections/CBS/CBS-1`), 200)).toEqual({
      id: number,
      uid: id,
    });
    expect(
      await json(await h.request(`${DFS}/external-connections?system=Default&externalId=imp-1`), 200),
    ).toEqual({ id: number, uid: id });
  });

  it("refuses an externalId another contact holds, whatever the system (422)", async () => {
    const h = harness();
    const first = await genesysContact(h, { firstName: "First" });
    const second = await genesysContact(h, { firstName: "Second" });
    expect((await add(first.number, { externalId: "shared-1", system: "SSO" })).status).toBe(204);
    await apiError(
      await add(second.number, { externalId: "shared-1", system: "SSO" }),
      422,
      "UnprocessableEntity",
    );
    await apiError(
      await add(second.number, { externalId: "shared-1", system: "CBS" }),
      422,
      "UnprocessableEntity",
    );
    expect(await connections(second.number)).toEqual([]);
  });

  it("lets exactly one of concurrent adds of one externalId win", async () => {
    const h = harness();
    const contacts = await Promise.all(
      Array.from({ length: 6 }, (_, i) => genesysContact(h, { firstName: `Racer ${i}` })),
    );
    const statuses = await Promise.all(
      contacts.map((c, i) =>
        add(c.number, { externalId: "race-1", system: `Race ${i % 2}` }).then((r) => r.status),
      ),
    );
    expect(statuses.filter((s) => s === 204)).toHaveLength(1);
    expect(statuses.filter((s) => s === 422)).toHaveLength(5);
  });

  it("answers 400 for a missing system or externalId or a reserved enfore system, 404 for unknown ones", async () => {
    const h = harness();
    const { number } = await genesysContact(h, { firstName: "Errors" });
    await apiError(await add(number, { externalId: "x" }), 400, "BadRequest");
    await apiError(await add(number, { system: "CBS", externalId: "  " }), 400, "BadRequest");
    await apiError(await add(number, { system: "enfore:individual", externalId: "x" }), 400, "BadRequest");
    await apiError(await add(number, { system: "CBS", externalId: "x".repeat(257) }), 400, "BadRequest");
    await apiError(await add(number, { system: 7, externalId: "x" }), 400, "BadRequest");
    await apiError(await add(2_000_000_000, { system: "CBS", externalId: "x" }), 404, "NotFound");
    await apiError(await h.request(`${DFS}/2000000000/external-connections`), 404, "NotFound");
    await apiError(await h.request(`${DFS}/abc/external-connections`), 400, "BadRequest");
    await apiError(await h.request(`${DFS}/external-connections/CBS/nobody`), 404, "NotFound");
    await apiError(await h.request(`${DFS}/external-connections/NoSuchSystem/x`), 404, "NotFound");
    await apiError(await h.request(`${DFS}/external-connections?system=CBS`), 400, "BadRequest");
  });

  it("refuses callers without the permission (401, 403)", async () => {
    const h = harness();
    const { number } = await genesysContact(h, { firstName: "Perm" });
    await apiError(
      await h.request(`${DFS}/${number}/external-connections`, { token: null }),
      401,
      "Unauthorized",
    );
    const viewer = await h.tokenFor([PERMISSIONS.contactView]);
    await apiError(await add(number, { system: "CBS", externalId: "p-1" }, viewer), 403, "Forbidden");
    const editor = await h.tokenFor([PERMISSIONS.contactEdit]);
    await apiError(
      await h.request(`${DFS}/${number}/external-connections`, { token: editor }),
      403,
      "Forbidden",
    );
  });

  it("reads a contact created through Genesys by its external connection, and Genesys sees DFS connections", async () => {
    const h = harness();
    const source = await json<{ id: string }>(
      await h.request(`${GENESYS}/externalsources`, { method: "POST", json: { name: "Core Banking" } }),
      200,
    );
    const created = await genesysContact(h, {
      firstName: "Grace",
      lastName: "Hopper",
      externalIds: [{ externalSource: { id: source.id }, value: "CB-42" }],
    });
    const found = await json<{ id: number; uid: string }>(
      await h.request(`${DFS}/external-connections/${encodeURIComponent("Core Banking")}/CB-42`),
      200,
    );
    expect(found).toEqual({ id: created.number, uid: created.id });
    expect(await connections(found.id)).toEqual([{ externalId: "CB-42", system: "Core Banking" }]);
    // Its details through DFS show the bound values Genesys wrote.
    const details = await json<{ id: number; details: { personalInformation?: Record<string, unknown> } }>(
      await h.request(`${DFS}/${found.id}/details`),
      200,
    );
    expect(details.id).toBe(created.number);
    expect(details.details.personalInformation).toMatchObject({ firstName: "Grace", lastName: "Hopper" });
    // A DFS connection shows in Genesys beside the one Genesys wrote.
    expect((await add(found.id, { externalId: "SSO-7", system: "SSO" })).status).toBe(204);
    const genesys = await json<{ externalIds: { externalSource: { name: string }; value: string }[] }>(
      await h.request(`${GENESYS}/contacts/${created.id}`),
      200,
    );
    expect(genesys.externalIds.map((e) => [e.externalSource.name, e.value])).toEqual([
      ["Core Banking", "CB-42"],
      ["SSO", "SSO-7"],
    ]);
  });
});
