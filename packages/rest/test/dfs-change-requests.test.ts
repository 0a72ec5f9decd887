import { and, changeSets, eq, members } from "@switchboard/db";
import { PERMISSIONS } from "@switchboard/domain";
import { describe, expect, it } from "vitest";
import { createDfsContact, dfsMember, expectApiError, json } from "./dfs-harness";
import { withRestHarness } from "./harness";

const harness = withRestHarness();
const API = "/api/v2/externalcontacts";
const details = (id: number) => `/dfs/v1.0/contacts/${id}/details`;
const requestPath = (id: number, cr: number, v = "v1.0") => `/dfs/${v}/contacts/${id}/change-requests/${cr}`;

type Check = {
  hasPendingChangeRequest: boolean;
  changeRequest: { id: number; initiatorMember: Record<string, unknown>; createdDate: string } | null;
};
type ChangeRequest = {
  id: number;
  uId: string;
  contact: { id: number; uId: string; name: string | null };
  status: { id: number; name: string };
  createDate: string;
  initiatorMember: Record<string, unknown>;
  initiatorComment: string | null;
  reviewDate: string | null;
  reviewMember: Record<string, unknown> | null;
  reviewComment: string | null;
  details: {
    path: string;
    originalValue: string | null;
    targetValue: string | null;
    isApprovalRequired: boolean;
  }[];
};
type Paged<T> = { results: T[]; page: number; pageSize: number; pageCount: number; totalCount: number };

async function numberOf(memberId: string) {
  const [row] = await harness()
    .database.db.select({ number: members.number })
    .from(members)
    .where(eq(members.id, memberId));
  return row!.number;
}

const lastName = (value: string) => ({ details: { personalInformation: { lastName: value } } });

describe("DFS change requests: the approval workflow with two members and an app (#1-#9)", () => {
  it("holds a member's approval-required edit, applies the rest, and lets only another member decide", async () => {
    const h = harness();
    const alice = await dfsMember(h);
    const bob = await dfsMember(h);
    const { id, uId } = await createDfsContact(h, {
      personalInformation: { firstName: "Anna", lastName: "Smith", dateOfBirth: "1990-01-01" },
    });

    // Alice changes her last name (approval required) and her first name (not): one pending request.
    const update = await json(
      await h.request(details(id), {
        method: "PATCH",
        token: alice.token,
        json: {
          details: { personalInformation: { firstName: "Anne", lastName: "Jones" } },
          comment: "married",
        },
      }),
    );
    expect(update).toEqual({ isApprovalRequired: true, hasPendingEmail: false, hasPendingMobile: false });
    const read = await json<{
      hasPendingChangeRequest: boolean;
      details: Record<string, Record<string, unknown>>;
    }>(await h.request(details(id)));
    expect(read.hasPendingChangeRequest).toBe(true);
    expect(read.details.personalInformation).toMatchObject({ firstName: "Anne", lastName: "Smith" });

    const aliceNumber = await numberOf(alice.id);
    const checkV10 = await json<Check>(
      await h.request(`/dfs/v1.0/contacts/${id}/pending-change-request/check`),
    );
    expect(checkV10).toMatchObject({
      hasPendingChangeRequest: true,
      changeRequest: { initiatorMember: { id: aliceNumber, name: alice.name } },
    });
    expect(checkV10.changeRequest!.createdDate).toMatch(/^\d{4}-\d\d-\d\dT/);
    const checkV11 = await json<Check>(
      await h.request(`/dfs/v1.1/contacts/${id}/pending-change-request/check`),
    );
    expect(checkV11.changeRequest!.initiatorMember).toEqual({ uid: alice.id, name: alice.name });
    const crId = checkV10.changeRequest!.id;

    const v10 = await json<ChangeRequest>(await h.request(requestPath(id, crId)));
    expect(v10).toMatchObject({
      id: crId,
      contact: { id, uId },
      status: { id: 1, name: "Pending" },
      initiatorMember: { id: aliceNumber, name: alice.name },
      initiatorComment: "married",
      reviewDate: null,
      reviewMember: null,
    });
    expect(v10.details).toEqual([
      {
        path: "personalInformation.firstName",
        originalValue: "Anna",
        targetValue: "Anne",
        isApprovalRequired: false,
      },
      {
        path: "personalInformation.lastName",
        originalValue: "Smith",
        targetValue: "Jones",
        isApprovalRequired: true,
      },
    ]);
    const v11 = await json<ChangeRequest>(
      await h.request(requestPath(id, crId, "v1.1"), { headers: { "accept-language": "de" } }),
    );
    expect(v11.initiatorMember).toEqual({ uId: alice.id, name: alice.name });
    expect(v11.status).toEqual({ id: 1, name: "Ausstehend" });

    // While pending: nobody overwrites the held path (422, never lost); a second request cannot open; an app's
    // edit of other fields bypasses approval and applies.
    await expectApiError(
      await h.request(details(id), { method: "PATCH", token: bob.token, json: lastName("Brown") }),
      422,
    );
    await expectApiError(await h.request(details(id), { method: "PATCH", json: lastName("Brown") }), 422);
    await expectApiError(
      await h.request(details(id), {
        method: "PATCH",
        token: bob.token,
        json: { details: { personalInformation: { dateOfBirth: "1991-01-01" } } },
      }),
      422,
    );
    expect(
      await json(
        await h.request(details(id), {
          method: "PATCH",
          json: { details: { personalInformation: { dateOfBirth: "1990-02-02" } } },
        }),
      ),
    ).toMatchObject({ isApprovalRequired: false });

    // Alice cannot review her own; Bob cannot cancel Alice's; an app cannot review.
    const review = (token: string | undefined, isApproved: boolean, comment = "ok") =>
      h.request(`${requestPath(id, crId)}/review`, { method: "POST", token, json: { isApproved, comment } });
    await expectApiError(await review(alice.token, true), 403);
    await expectApiError(
      await h.request(`${requestPath(id, crId)}/cancel`, { method: "POST", token: bob.token }),
      403,
    );
    await expectApiError(await review(undefined, true), 403);
    // Editing contacts is not reviewing: a member without the review permission may not decide.
    const editor = await dfsMember(h, [PERMISSIONS.contactView, PERMISSIONS.contactEdit]);
    const unreviewed = await expectApiError(await review(editor.token, true), 403);
    expect(unreviewed.message).toContain(PERMISSIONS.changeRequestReview);

    // Bob approves: the target value applies, as Alice's change with Bob recorded as reviewer.
    expect((await review(bob.token, true, "documents seen")).status).toBe(204);
    const approved = await json<{
      hasPendingChangeRequest: boolean;
      details: Record<string, Record<string, unknown>>;
    }>(await h.request(details(id)));
    expect(approved.hasPendingChangeRequest).toBe(false);
    expect(approved.details.personalInformation).toMatchObject({
      firstName: "Anne",
      lastName: "Jones",
      dateOfBirth: "1990-02-02",
    });
    expect(await json(await h.request(`${API}/contacts/${uId}`))).toMatchObject({ lastName: "Jones" });
    const sets = await h.database.db
      .select()
      .from(changeSets)
      .where(and(eq(changeSets.entityId, uId), eq(changeSets.reviewerId, bob.id)));
    expect(sets).toHaveLength(1);
    expect(sets[0]).toMatchObject({
      actorKind: "member",
      actorId: alice.id,
      actorName: alice.name,
      reviewerName: bob.name,
    });
    expect(sets[0]!.changes).toEqual([{ path: "lastName", old: "Smith", new: "Jones" }]);
    const done = await json<ChangeRequest>(await h.request(requestPath(id, crId, "v1.1")));
    expect(done).toMatchObject({
      status: { id: 2, name: "Approved" },
      reviewMember: { uId: bob.id, name: bob.name },
      reviewComment: "documents seen",
    });
    expect(done.reviewDate).toEqual(expect.any(String));
    // Decided: no second review, no cancel.
    await expectApiError(await review(bob.token, false), 422);
    await expectApiError(
      await h.request(`${requestPath(id, crId)}/cancel`, { method: "POST", token: alice.token }),
      422,
    );
    expect(
      await json<Check>(await h.request(`/dfs/v1.0/contacts/${id}/pending-change-request/check`)),
    ).toEqual({
      hasPendingChangeRequest: false,
      changeRequest: null,
    });

    // A rejected request changes nothing.
    await json(
      await h.request(details(id), { method: "PATCH", token: alice.token, json: lastName("Miller") }),
    );
    const second = (
      await json<Check>(await h.request(`/dfs/v1.0/contacts/${id}/pending-change-request/check`))
    ).changeRequest!.id;
    expect(
      (
        await h.request(`${requestPath(id, second)}/review`, {
          method: "POST",
          token: bob.token,
          json: { isApproved: false, comment: "no" },
        })
      ).status,
    ).toBe(204);
    expect(
      (await json<{ details: Record<string, Record<string, unknown>> }>(await h.request(details(id)))).details
        .personalInformation!.lastName,
    ).toBe("Jones");
    expect((await json<ChangeRequest>(await h.request(requestPath(id, second)))).status).toEqual({
      id: 3,
      name: "Rejected",
    });

    // The initiator cancels her own pending request; afterwards it is Cancelled and nothing applies.
    await json(
      await h.request(details(id), { method: "PATCH", token: alice.token, json: lastName("Taylor") }),
    );
    const third = (
      await json<Check>(await h.request(`/dfs/v1.0/contacts/${id}/pending-change-request/check`))
    ).changeRequest!.id;
    expect(
      (await h.request(`${requestPath(id, third)}/cancel`, { method: "POST", token: alice.token })).status,
    ).toBe(204);
    expect((await json<ChangeRequest>(await h.request(requestPath(id, third)))).status).toEqual({
      id: 4,
      name: "Cancelled",
    });
    await expectApiError(
      await h.request(`${requestPath(id, third)}/review`, {
        method: "POST",
        token: bob.token,
        json: { isApproved: true },
      }),
      422,
    );

    // An app's edit of an approval-required field applies at once.
    expect(
      await json(
        await h.request(details(id), {
          method: "PUT",
          json: { details: { personalInformation: { lastName: "Wilson" } } },
        }),
      ),
    ).toEqual({
      isApprovalRequired: false,
      hasPendingEmail: false,
      hasPendingMobile: false,
    });
    expect(await json(await h.request(`${API}/contacts/${uId}`))).toMatchObject({ lastName: "Wilson" });

    // Unknown request, a request of another contact, a bad review body.
    await expectApiError(await h.request(requestPath(id, 999_999)), 404);
    const other = await createDfsContact(h, {});
    await expectApiError(await h.request(requestPath(other.id, crId)), 404);
    await expectApiError(
      await h.request(`${requestPath(id, crId)}/review`, {
        method: "POST",
        token: bob.token,
        json: { comment: "?" },
      }),
      400,
    );
  });

  it("opens exactly one change request when two members edit approval-required fields at once", async () => {
    const h = harness();
    const [erin, frank] = [await dfsMember(h), await dfsMember(h)];
    const { id } = await createDfsContact(h, { personalInformation: { lastName: "Stone" } });
    const responses = await Promise.all(
      [erin, frank].map((m, i) =>
        h.request(details(id), { method: "PATCH", token: m.token, json: lastName(`Race ${i}`) }),
      ),
    );
    expect(responses.map((r) => r.status).sort()).toEqual([200, 422]);
    const winner = responses.findIndex((r) => r.status === 200);
    const check = await json<Check>(await h.request(`/dfs/v1.1/contacts/${id}/pending-change-request/check`));
    expect(check.changeRequest!.initiatorMember).toMatchObject({ uid: [erin, frank][winner]!.id });
    const found = await json<Paged<ChangeRequest>>(
      await h.request("/dfs/v1.0/contacts/change-requests/search", {
        method: "POST",
        json: { contactIds: [id] },
      }),
    );
    expect(found.totalCount).toBe(1);
  });

  it("refuses a member's edit of a read-only field with 422; an app may write it", async () => {
    const h = harness();
    const schema = await json<{ schema: string; concurrencyToken: number }>(
      await h.request("/dfs/v1.0/schemas/contact"),
    );
    const definition = JSON.parse(schema.schema);
    definition.fields.push({ key: "preferences.segment", fieldType: "Text", isReadOnly: true });
    await json(
      await h.request("/dfs/v1.0/schemas/contact", {
        method: "PUT",
        json: { schema: JSON.stringify(definition), concurrencyToken: schema.concurrencyToken },
      }),
    );
    const member = await dfsMember(h);
    const { id } = await createDfsContact(h, { preferences: { segment: "retail" } });
    const edit = { details: { preferences: { segment: "private" } } };
    await expectApiError(
      await h.request(details(id), { method: "PATCH", token: member.token, json: edit }),
      422,
    );
    await json(await h.request(details(id), { method: "PATCH", json: edit }));
    expect(
      (await json<{ details: Record<string, Record<string, unknown>> }>(await h.request(details(id)))).details
        .preferences,
    ).toEqual({ segment: "private" });
  });

  it("searches change requests with filters, paths, sorting and paging (v1.0 member ids, v1.1 uids)", async () => {
    const h = harness();
    const carol = await dfsMember(h);
    const dave = await dfsMember(h);
    const contacts = await Promise.all(
      [1, 2, 3].map(() => createDfsContact(h, { personalInformation: { lastName: "Old" } })),
    );
    for (const [i, c] of contacts.entries()) {
      const who = i === 2 ? dave : carol;
      const body =
        i === 1 ? { details: { personalInformation: { dateOfBirth: "2000-01-01" } } } : lastName(`New ${i}`);
      expect(
        await json(await h.request(details(c.id), { method: "PATCH", token: who.token, json: body })),
      ).toMatchObject({ isApprovalRequired: true });
    }
    const first = (
      await json<Check>(await h.request(`/dfs/v1.0/contacts/${contacts[0]!.id}/pending-change-request/check`))
    ).changeRequest!.id;
    await h.request(`${requestPath(contacts[0]!.id, first)}/review`, {
      method: "POST",
      token: dave.token,
      json: { isApproved: true },
    });

    const search = (body: Record<string, unknown>, token = carol.token) =>
      h.request("/dfs/v1.0/contacts/change-requests/search", { method: "POST", token, json: body });
    const ids = contacts.map((c) => c.id);
    const all = await json<Paged<ChangeRequest>>(await search({ contactIds: ids }));
    expect(all).toMatchObject({ page: 1, pageSize: 10, pageCount: 1, totalCount: 3 });
    // Latest first by default.
    expect(all.results.map((r) => r.contact.id)).toEqual([...ids].reverse());
    expect(all.results[0]).toMatchObject({
      initiatorMember: { uid: dave.id, name: dave.name },
      status: { id: 1, name: "Pending" },
    });
    expect(all.results[0]).not.toHaveProperty("details");

    expect(
      (await json<Paged<ChangeRequest>>(await search({ contactIds: ids, statusId: 2 }))).results.map(
        (r) => r.contact.id,
      ),
    ).toEqual([ids[0]]);
    expect(
      (await json<Paged<ChangeRequest>>(await search({ contactIds: ids, initiatorMemberUids: [carol.id] })))
        .totalCount,
    ).toBe(2);
    expect(
      (await json<Paged<ChangeRequest>>(await search({ contactIds: ids, reviewMemberUids: [dave.id] })))
        .results[0],
    ).toMatchObject({
      reviewMember: { uid: dave.id },
    });
    expect(
      (
        await json<Paged<ChangeRequest>>(
          await search({ contactIds: ids, paths: ["personalInformation.dateOfBirth"] }),
        )
      ).results.map((r) => r.contact.id),
    ).toEqual([ids[1]]);
    expect(
      (await json<Paged<ChangeRequest>>(await search({ contactIds: ids, paths: ["personalInformation"] })))
        .totalCount,
    ).toBe(3);
    const future = new Date(Date.now() + 60_000).toISOString();
    expect(
      (await json<Paged<ChangeRequest>>(await search({ contactIds: ids, createDateFrom: future })))
        .totalCount,
    ).toBe(0);
    const sorted = await json<Paged<ChangeRequest>>(
      await search({ contactIds: ids, sortBy: "contactid", sortOrder: "Ascending", page: 2, pageSize: 2 }),
    );
    expect(sorted).toMatchObject({ page: 2, pageSize: 2, pageCount: 2, totalCount: 3 });
    expect(sorted.results.map((r) => r.contact.id)).toEqual([Math.max(...ids)]);
    await expectApiError(await search({ sortBy: "Colour" }), 400);
    await expectApiError(await search({ sortOrder: "Sideways" }), 400);

    // v1.0: the member by number, int member ids in filters and results.
    const carolNumber = await numberOf(carol.id);
    const daveNumber = await numberOf(dave.id);
    const v10 = await json<Paged<ChangeRequest>>(
      await h.request(`/dfs/v1.0/members/${carolNumber}/contacts/change-requests/search`, {
        method: "POST",
        token: carol.token,
        json: { contactIds: ids, initiatorMemberIds: [daveNumber] },
      }),
    );
    expect(v10.results).toHaveLength(1);
    expect(v10.results[0]).toMatchObject({
      initiatorMember: { id: daveNumber, name: dave.name },
      contact: { id: ids[2] },
    });
    await expectApiError(
      await h.request(`/dfs/v1.0/members/${daveNumber}/contacts/change-requests/search`, {
        method: "POST",
        token: carol.token,
        json: {},
      }),
      403,
    );
    await expectApiError(
      await h.request("/dfs/v1.0/members/2000000000/contacts/change-requests/search", {
        method: "POST",
        token: carol.token,
        json: {},
      }),
      404,
    );
  });
});
