import { PERMISSIONS } from "@switchboard/domain";
import { describe, expect, it } from "vitest";
import { apiError, GENESYS, genesysContact, json, memberWith } from "./dfs-helpers-ext";
import { withRestHarness } from "./harness";

const harness = withRestHarness();

type Detail = {
  path: string;
  originalValue: string | null;
  targetValue: string | null;
  isApprovalRequired: boolean;
};
type Entry<P> = { initiatorPerson: P; executionDate: string; details: Detail[] };
type Page<P> = { results: Entry<P>[]; page: number; pageSize: number; pageCount: number; totalCount: number };
type V11 = Page<{ uid: string | null; name: string }>;
type V10 = Page<{ id: number; name: string }>;

const v11 = (number: number, body: unknown = {}, token?: string) =>
  harness().request(`/dfs/v1.1/contacts/${number}/details/change-history/search`, {
    method: "POST",
    json: body,
    token,
  });
const v10 = (number: number, body: unknown = {}) =>
  harness().request(`/dfs/v1.0/contacts/${number}/details/change-history/search`, {
    method: "POST",
    json: body,
  });

/** A contact created by an app through Genesys, then edited by a member (last name) and by Genesys-only fields. */
async function story(lastName: string) {
  const h = harness();
  const contact = await genesysContact(h, {
    firstName: "Grace",
    lastName,
    workEmail: `${lastName}@navy.example`,
  });
  const member = await memberWith(h, `Editor ${lastName}`, [
    PERMISSIONS.contactView,
    PERMISSIONS.contactEdit,
  ]);
  await json(
    await h.request(`${GENESYS}/contacts/${contact.id}`, {
      method: "PUT",
      token: member.token,
      json: { firstName: "Grace", lastName: `${lastName}-Murray`, workEmail: `${lastName}@navy.example` },
    }),
    200,
  );
  // Changes DFS cannot see: a Genesys-only field and the username.
  await json(
    await h.request(`${GENESYS}/contacts/${contact.id}`, {
      method: "PUT",
      json: {
        firstName: "Grace",
        lastName: `${lastName}-Murray`,
        workEmail: `${lastName}@navy.example`,
        externalSystemUrl: "https://crm.example/grace",
      },
    }),
    200,
  );
  expect(
    (
      await h.request(`/dfs/v1.0/contacts/${contact.number}/username`, {
        method: "PUT",
        json: { username: lastName },
      })
    ).status,
  ).toBe(204);
  return { ...contact, member };
}

describe("DFS change history (#23, #24)", () => {
  it("shows the canonical changes through the schema's paths, one entry per submission, latest first", async () => {
    const s = await story("Hopper");
    const page = await json<V11>(await v11(s.number), 200);
    expect(page).toMatchObject({ page: 1, pageSize: 10, pageCount: 1, totalCount: 2 });
    const [edit, create] = page.results;
    expect(edit!.initiatorPerson).toEqual({ uid: s.member.id, name: "Editor Hopper" });
    expect(edit!.details).toEqual([
      {
        path: "personalInformation.lastName",
        originalValue: "Hopper",
        targetValue: "Hopper-Murray",
        isApprovalRequired: true,
      },
    ]);
    expect(create!.details).toEqual([
      {
        path: "communicationMethods.primaryEmail",
        originalValue: null,
        targetValue: "Hopper@navy.example",
        isApprovalRequired: false,
      },
      {
        path: "personalInformation.firstName",
        originalValue: null,
        targetValue: "Grace",
        isApprovalRequired: false,
      },
      {
        path: "personalInformation.lastName",
        originalValue: null,
        targetValue: "Hopper",
        isApprovalRequired: false,
      },
    ]);
    expect(create!.initiatorPerson.uid).toMatch(/^[0-9a-f-]{36}$/);
    expect(Date.parse(edit!.executionDate)).toBeGreaterThan(Date.parse(create!.executionDate));

    // v1.0 names people by number.
    const old = await json<V10>(await v10(s.number), 200);
    expect(old.results[0]!.initiatorPerson).toEqual({ id: expect.any(Number), name: "Editor Hopper" });
    expect(old.results[0]!.initiatorPerson.id).toBeGreaterThan(0);
    expect(old.results.map((r) => r.details)).toEqual(page.results.map((r) => r.details));
  });

  it("filters by initiator, execution date and paths, sorts and pages", async () => {
    const s = await story("Lamarr");
    const all = (await json<V11>(await v11(s.number), 200)).results;
    const [edit, create] = all;
    const memberNumber = (await json<V10>(await v10(s.number), 200)).results[0]!.initiatorPerson.id;
    const by = async (body: unknown) => (await json<V11>(await v11(s.number, body), 200)).results;

    expect(await by({ initiatorPersonUids: [s.member.id] })).toEqual([edit]);
    expect(
      (await json<V10>(await v10(s.number, { initiatorPersonIds: [memberNumber] }), 200)).results,
    ).toHaveLength(1);
    expect(await by({ initiatorPersonUids: [crypto.randomUUID()] })).toEqual([]);
    expect(await by({ paths: ["communicationMethods.primaryEmail"] })).toEqual([create]);
    expect(await by({ paths: ["personalInformation.lastName", "nothing.here"] })).toEqual([edit, create]);
    expect(await by({ paths: ["personalInformation"] })).toHaveLength(2);
    expect(await by({ executionDateFrom: edit!.executionDate })).toEqual([edit]);
    expect(await by({ executionDateTo: create!.executionDate })).toEqual([create]);
    expect(await by({ sortOrder: "Ascending" })).toEqual([create, edit]);
    expect(await by({ sortBy: "CONTACTCHANGESETID", sortOrder: "Ascending" })).toEqual([create, edit]);
    expect(await by({ sortBy: "executionDate", sortOrder: "Descending" })).toEqual([edit, create]);
    expect(await by({ sortBy: "initiatorPersonId" })).toHaveLength(2);

    const second = await json<V11>(await v11(s.number, { page: 2, pageSize: 1 }), 200);
    expect(second).toMatchObject({ page: 2, pageSize: 1, pageCount: 2, totalCount: 2, results: [create] });
    expect((await json<V11>(await v11(s.number, { page: 3, pageSize: 1 }), 200)).results).toEqual([]);

    // GET takes the criteria from the query string.
    const get = await json<V11>(
      await harness().request(
        `/dfs/v1.1/contacts/${s.number}/details/change-history/search?page=1&pageSize=1&sortOrder=Ascending&paths=personalInformation.firstName,x`,
      ),
      200,
    );
    expect(get).toMatchObject({ totalCount: 1, results: [create] });
  });

  it("shows unbound DFS fields and submissions of DFS details writes under their schema paths", async () => {
    const h = harness();
    const { number } = await genesysContact(h, { firstName: "Dfs", lastName: "Writer" });
    const patch = (details: unknown) =>
      h.request(`/dfs/v1.0/contacts/${number}/details`, { method: "PATCH", json: { details } });
    await json(await patch({ personalInformation: { nationality: "CH", firstName: "Dora" } }), 200);
    const [latest] = (await json<V11>(await v11(number), 200)).results;
    // One submission, though the bound name and the unbound nationality are two change sets.
    expect(latest!.details).toEqual([
      {
        path: "personalInformation.firstName",
        originalValue: "Dfs",
        targetValue: "Dora",
        isApprovalRequired: false,
      },
      {
        path: "personalInformation.nationality",
        originalValue: null,
        targetValue: "CH",
        isApprovalRequired: false,
      },
    ]);
  });

  it("shows an approved change when it was applied, under its initiator", async () => {
    const h = harness();
    const { number } = await genesysContact(h, { firstName: "Approve", lastName: "Before" });
    const rights = [PERMISSIONS.contactView, PERMISSIONS.contactEdit];
    const initiator = await memberWith(h, "Initiator", rights);
    const reviewer = await memberWith(h, "Reviewer", [...rights, PERMISSIONS.changeRequestReview]);
    const edit = await json<{ isApprovalRequired: boolean }>(
      await h.request(`/dfs/v1.0/contacts/${number}/details`, {
        method: "PATCH",
        token: initiator.token,
        json: { details: { personalInformation: { lastName: "After" } }, comment: "married" },
      }),
      200,
    );
    expect(edit.isApprovalRequired).toBe(true);
    // Pending: nothing applied, nothing in the history yet.
    expect((await json<V11>(await v11(number), 200)).totalCount).toBe(1);
    const check = await json<{ changeRequest: { id: number } }>(
      await h.request(`/dfs/v1.1/contacts/${number}/pending-change-request/check`),
      200,
    );
    const approvedAt = Date.now();
    expect(
      (
        await h.request(`/dfs/v1.0/contacts/${number}/change-requests/${check.changeRequest.id}/review`, {
          method: "POST",
          token: reviewer.token,
          json: { isApproved: true, comment: "ok" },
        })
      ).status,
    ).toBe(204);
    const [applied] = (await json<V11>(await v11(number), 200)).results;
    expect(applied!.initiatorPerson).toEqual({ uid: initiator.id, name: "Initiator" });
    expect(Date.parse(applied!.executionDate)).toBeGreaterThanOrEqual(approvedAt - 1000);
    expect(applied!.details).toEqual([
      {
        path: "personalInformation.lastName",
        originalValue: "Before",
        targetValue: "After",
        isApprovalRequired: true,
      },
    ]);
  });

  it("keeps an anonymized contact's submissions with their paths but without values", async () => {
    const h = harness();
    const s = await story("Noether");
    expect(
      (await h.request("/dfs/v1.0/contacts/anonymize", { method: "POST", json: { contactIds: [s.number] } }))
        .status,
    ).toBe(204);
    const page = await json<V11>(await v11(s.number), 200);
    expect(page.totalCount).toBe(2);
    for (const entry of page.results)
      for (const d of entry.details) expect([d.originalValue, d.targetValue]).toEqual([null, null]);
    expect(page.results[0]!.details.map((d) => d.path)).toEqual(["personalInformation.lastName"]);
    // The member who edited is another person and keeps their name; the contact's values are gone.
    for (const secret of ["Noether-Murray", "navy.example", "Grace"])
      expect(JSON.stringify(page)).not.toContain(secret);
  });

  it("answers 400 for bad criteria, 404 for an unknown contact, 401/403 without rights", async () => {
    const h = harness();
    const { number } = await genesysContact(h, { firstName: "Errors" });
    await apiError(await v11(number, { sortBy: "name" }), 400, "BadRequest");
    await apiError(await v11(number, { sortOrder: "Up" }), 400, "BadRequest");
    await apiError(await v11(number, { page: 0 }), 400, "BadRequest");
    await apiError(await v11(number, { initiatorPersonUids: ["x"] }), 400, "BadRequest");
    await apiError(await v11(number, { executionDateFrom: "yesterday" }), 400, "BadRequest");
    await apiError(await v10(number, { initiatorPersonIds: ["a"] }), 400, "BadRequest");
    await apiError(
      await h.request(`/dfs/v1.1/contacts/${number}/details/change-history/search?sortBy=nope`),
      400,
      "BadRequest",
    );
    await apiError(await v11(2_000_000_000), 404, "NotFound");
    await apiError(await v10(2_000_000_000), 404, "NotFound");
    await apiError(await v11(number, {}, null as never), 401, "Unauthorized");
    await apiError(await v11(number, {}, await h.tokenFor([PERMISSIONS.contactEdit])), 403, "Forbidden");
  });
});
