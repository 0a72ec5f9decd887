import { describe, expect, it } from "vitest";
import { withRestHarness } from "./harness";

const harness = withRestHarness();
const BULK = "/api/v2/externalcontacts/bulk";
type Result = {
  id?: string;
  success: boolean;
  status: number;
  entity?: Record<string, unknown>;
  error?: { code: string; status: number; details: { fieldName: string }[] };
};
type BulkResponse = { results: Result[]; errorCount: number; errorIndexes: number[] };

async function bulk(path: string, entities: unknown[]): Promise<BulkResponse> {
  const response = await harness().request(`${BULK}${path}`, { method: "POST", json: { entities } });
  expect(response.status, path).toBe(200);
  return (await response.json()) as BulkResponse;
}

describe("Genesys bulk operations", () => {
  it("adds contacts item by item: one bad item never fails the others", async () => {
    const added = await bulk("/contacts/add", [
      { firstName: "Bulk 1" },
      { firstName: "Bulk 2", workEmail: "not-an-email" },
      { firstName: "Bulk 3" },
    ]);
    expect(added.results.map((r) => r.success)).toEqual([true, false, true]);
    expect(added.errorCount).toBe(1);
    expect(added.errorIndexes).toEqual([1]);
    expect(added.results[0]).toMatchObject({ status: 201, entity: { firstName: "Bulk 1" } });
    expect(added.results[1]!.error).toMatchObject({
      code: "bad.request",
      status: 400,
      details: [{ fieldName: "workEmail" }],
    });

    const ids = added.results.filter((r) => r.success).map((r) => ({ id: r.id }));
    const fetched = await bulk("/contacts", [...ids, { id: crypto.randomUUID() }]);
    expect(fetched.results.map((r) => r.status)).toEqual([200, 200, 404]);
    expect((await bulk("/contacts/unresolved", ids)).errorCount).toBe(0);

    const updated = await bulk("/contacts/update", [
      { id: ids[0]!.id, firstName: "Bulk 1b" },
      { id: crypto.randomUUID(), firstName: "ghost" },
    ]);
    expect(updated.results.map((r) => [r.success, r.status])).toEqual([
      [true, 200],
      [false, 404],
    ]);
    expect(updated.results[0]!.entity).toMatchObject({ firstName: "Bulk 1b" });

    const removed = await bulk("/contacts/remove", ids);
    expect(removed.results.map((r) => r.success)).toEqual([true, true]);
    expect((await bulk("/contacts", ids)).errorCount).toBe(2);
  });

  it("does the same for organizations", async () => {
    const added = await bulk("/organizations/add", [{ name: "Bulk Org" }, { industry: "no name" }]);
    expect(added.results.map((r) => r.success)).toEqual([true, false]);
    const id = added.results[0]!.id!;
    expect((await bulk("/organizations", [{ id }])).results[0]!.entity).toMatchObject({ name: "Bulk Org" });
    expect(
      (await bulk("/organizations/update", [{ id, name: "Bulk Org 2" }])).results[0]!.entity,
    ).toMatchObject({ name: "Bulk Org 2" });
    expect((await bulk("/organizations/remove", [{ id }])).errorCount).toBe(0);
  });

  it("refuses more than 100 items with 422, and a caller without the permission with 403", async () => {
    const tooMany = await harness().request(`${BULK}/contacts/add`, {
      method: "POST",
      json: { entities: Array.from({ length: 101 }, (_, i) => ({ firstName: `n${i}` })) },
    });
    expect(tooMany.status).toBe(422);
    expect(await tooMany.json()).toMatchObject({ status: 422, code: "validation.failed" });
    const viewer = await harness().tokenFor(["externalContacts:contact:view"]);
    const refused = await harness().request(`${BULK}/contacts/add`, {
      method: "POST",
      json: { entities: [{ firstName: "x" }] },
      token: viewer,
    });
    // The documented permission is checked for the whole request, before any item, as Genesys does.
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({ status: 403, code: "missing.any.permissions" });
  });
});

describe("Genesys bulk notes and relationships", () => {
  it("adds notes to their named parents, fetches, updates and removes them by id", async () => {
    const contact = (await (
      await harness().request("/api/v2/externalcontacts/contacts", {
        method: "POST",
        json: { firstName: "Bulk notes" },
      })
    ).json()) as { id: string };
    const added = await bulk("/notes/add", [
      { entityType: "contact", entityId: contact.id, noteText: "first" },
      { entityType: "contact", entityId: crypto.randomUUID(), noteText: "orphan" },
      { entityType: "planet", entityId: contact.id, noteText: "bad type" },
    ]);
    expect(added.results.map((r) => r.status)).toEqual([201, 404, 400]);
    const id = added.results[0]!.id!;
    expect((await bulk("/notes", [{ id }])).results[0]!.entity).toMatchObject({
      noteText: "first",
      entityId: contact.id,
    });
    expect(
      (await bulk("/notes/update", [{ id, entityType: "contact", entityId: contact.id, noteText: "edited" }]))
        .results[0]!.entity,
    ).toMatchObject({ noteText: "edited" });
    expect((await bulk("/notes/remove", [{ id }, { id }])).results.map((r) => r.status)).toEqual([200, 404]);
  });

  it("adds, fetches and removes relationships", async () => {
    const org = (await (
      await harness().request("/api/v2/externalcontacts/organizations", {
        method: "POST",
        json: { name: "Bulk rel org" },
      })
    ).json()) as { id: string };
    const { members } = await import("@switchboard/db");
    const [member] = await harness().database.db.select().from(members);
    const added = await bulk("/relationships/add", [
      { user: { id: member!.id }, externalOrganization: { id: org.id }, relationship: "Owner" },
      { relationship: "missing refs" },
    ]);
    expect(added.results.map((r) => r.success)).toEqual([true, false]);
    const id = added.results[0]!.id!;
    expect((await bulk("/relationships", [{ id }])).results[0]!.entity).toMatchObject({
      relationship: "Owner",
    });
    expect((await bulk("/relationships/remove", [{ id }])).errorCount).toBe(0);
  });
});
