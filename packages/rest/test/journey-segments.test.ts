import { and, changeSets, contactSegmentAssignments, eq, sql } from "@switchboard/db";
import { changesOf } from "@switchboard/domain";
import { describe, expect, it } from "vitest";
import { withRestHarness } from "./harness";

const harness = withRestHarness();
const API = "/api/v2/externalcontacts";
const DAY = 24 * 60 * 60 * 1000;

interface Assignment {
  dateAssigned: string;
  dateForUnassignment: string;
  segment: { id: string; selfUri?: string };
  externalContact: { id: string; selfUri?: string };
}

async function newContact(name: string) {
  const created = await harness().request(`${API}/contacts`, { method: "POST", json: { firstName: name } });
  return ((await created.json()) as { id: string }).id;
}

const segments = (...ids: string[]) => ({ segments: ids.map((id) => ({ id })) });

async function update(contactId: string, body: unknown, token?: string) {
  return harness().request(`${API}/contacts/${contactId}/journey/segments`, {
    method: "POST",
    json: body,
    token,
  });
}

async function list(contactId: string, query = "", token?: string) {
  const response = await harness().request(`${API}/contacts/${contactId}/journey/segments${query}`, {
    token,
  });
  expect(response.status).toBe(200);
  return ((await response.json()) as { entities: Assignment[] }).entities;
}

/** Moves a contact's assignments `days` into the past, as if they had been made that long ago. */
async function age(contactId: string, days: number) {
  await harness()
    .database.db.update(contactSegmentAssignments)
    .set({
      assignedAt: sql`assigned_at - make_interval(days => ${days})`,
      expiresAt: sql`expires_at - make_interval(days => ${days})`,
    })
    .where(eq(contactSegmentAssignments.contactId, contactId));
}

describe("Genesys contact journey segments", () => {
  it("assigns segments until an expiry 30 days on, refreshes it when assigned again, and unassigns", async () => {
    const id = await newContact("Segmented");
    const before = Date.now();
    const assigned = await update(id, { assign: segments("vip", "churn-risk") });
    expect(assigned.status).toBe(200);
    expect(await assigned.json()).toEqual({ unprocessedItems: { count: 0 } });

    const first = await list(id);
    expect(first.map((a) => a.segment.id).sort()).toEqual(["churn-risk", "vip"]);
    for (const a of first) {
      expect(a.externalContact).toEqual({ id, selfUri: `${API}/contacts/${id}` });
      expect(a.segment.selfUri).toBe(`/api/v2/journey/segments/${a.segment.id}`);
      expect(Date.parse(a.dateAssigned)).toBeGreaterThanOrEqual(before - 1000);
      expect(Date.parse(a.dateForUnassignment) - Date.parse(a.dateAssigned)).toBe(30 * DAY);
    }

    // Ten days later, assigning "vip" again moves its expiry on and keeps when it was assigned.
    await age(id, 10);
    const aged = new Map((await list(id)).map((a) => [a.segment.id, a]));
    expect((await update(id, { assign: segments("vip") })).status).toBe(200);
    const refreshed = new Map((await list(id)).map((a) => [a.segment.id, a]));
    expect(refreshed.get("vip")!.dateAssigned).toBe(aged.get("vip")!.dateAssigned);
    expect(Date.parse(refreshed.get("vip")!.dateForUnassignment)).toBeGreaterThanOrEqual(before + 30 * DAY);
    expect(refreshed.get("churn-risk")).toEqual(aged.get("churn-risk"));
    // Newest first: "vip" was assigned with "churn-risk", so the order is by segment id then.
    expect((await list(id)).map((a) => a.segment.id)).toEqual(["churn-risk", "vip"]);

    // Unassigning a segment the contact does not hold changes nothing and is no error.
    const unassigned = await update(id, { unassign: segments("churn-risk", "never-assigned") });
    expect(unassigned.status).toBe(200);
    expect(await unassigned.json()).toEqual({ unprocessedItems: { count: 0 } });
    expect((await list(id)).map((a) => a.segment.id)).toEqual(["vip"]);

    // Assign and unassign in one request.
    expect((await update(id, { assign: segments("new"), unassign: segments("vip") })).status).toBe(200);
    expect((await list(id)).map((a) => a.segment.id)).toEqual(["new"]);

    // Every change is in the contact's history.
    const history = await harness()
      .database.db.select({ changes: changeSets.changes })
      .from(changeSets)
      .where(and(eq(changeSets.entityType, "contact"), eq(changeSets.entityId, id)));
    const paths = history.flatMap((h) =>
      changesOf(h.changes).map((c) => `${c.path}:${c.new === null ? "-" : "+"}`),
    );
    expect(paths).toEqual(
      expect.arrayContaining([
        "segmentAssignments.vip:+",
        "segmentAssignments.churn-risk:+",
        "segmentAssignments.churn-risk:-",
        "segmentAssignments.vip:-",
        "segmentAssignments.new:+",
      ]),
    );
    expect(paths.filter((p) => p === "segmentAssignments.vip:+")).toHaveLength(2);
  });

  it("leaves expired assignments out, and assigning an expired segment again starts a new assignment", async () => {
    const id = await newContact("Expiring");
    await update(id, { assign: segments("short", "long") });
    await age(id, 31);
    expect(await list(id)).toEqual([]);
    await update(id, { assign: segments("short") });
    const [again] = await list(id);
    expect(again!.segment.id).toBe("short");
    expect(Date.now() - Date.parse(again!.dateAssigned)).toBeLessThan(60_000);
    // The lapsed one is not counted, listed or revived.
    expect((await list(id)).map((a) => a.segment.id)).toEqual(["short"]);
  });

  it("answers without a body, and refuses more than 10 segments, both lists naming one segment, and bad ids", async () => {
    const id = await newContact("Limits");
    const empty = await harness().request(`${API}/contacts/${id}/journey/segments`, { method: "POST" });
    expect(empty.status).toBe(200);
    expect(await empty.json()).toEqual({ unprocessedItems: { count: 0 } });
    expect((await update(id, {})).status).toBe(200);

    const eleven = Array.from({ length: 11 }, (_, i) => `s${i}`);
    const tooMany = await update(id, { assign: segments(...eleven) });
    expect(tooMany.status).toBe(400);
    expect(await tooMany.json()).toMatchObject({ details: [{ fieldName: "assign.segments" }] });
    const tooManyTogether = await update(id, {
      assign: segments(...eleven.slice(0, 6)),
      unassign: segments("u1", "u2", "u3", "u4", "u5"),
    });
    expect(tooManyTogether.status).toBe(400);
    // Ten, one named twice, is ten.
    expect((await update(id, { assign: segments(...eleven.slice(0, 10), "s0") })).status).toBe(200);
    expect(await list(id, "?limit=500")).toHaveLength(10);

    const both = await update(id, { assign: segments("x"), unassign: segments("x") });
    expect(both.status).toBe(400);
    expect(await both.json()).toMatchObject({ details: [{ fieldName: "unassign.segments" }] });
    const blank = await update(id, { assign: segments("ok", "") });
    expect(blank.status).toBe(400);
    expect(await blank.json()).toMatchObject({ details: [{ fieldName: "assign.segments.1.id" }] });
    expect((await update(id, { assign: segments("x".repeat(256)) })).status).toBe(400);
    const noList = await update(id, { assign: {} });
    expect(noList.status).toBe(400);
    expect(await noList.json()).toMatchObject({ details: [{ fieldName: "assign.segments" }] });
    const notJson = await harness().request(`${API}/contacts/${id}/journey/segments`, {
      method: "POST",
      body: "assign=x",
      headers: { "content-type": "text/plain" },
    });
    expect(notJson.status).toBe(415);
    // None of the refused requests changed anything.
    expect(await list(id, "?limit=500")).toHaveLength(10);
  });

  it("lists 25 by default and at most 500, newest first", async () => {
    const id = await newContact("Many");
    for (let batch = 0; batch < 3; batch++) {
      await update(id, { assign: segments(...Array.from({ length: 10 }, (_, i) => `b${batch}-${i}`)) });
      await age(id, 1);
    }
    const page = await list(id);
    expect(page).toHaveLength(25);
    expect(page[0]!.segment.id).toBe("b2-0");
    expect(page.every((a, i) => i === 0 || a.dateAssigned <= page[i - 1]!.dateAssigned)).toBe(true);
    expect(await list(id, "?limit=30")).toHaveLength(30);
    expect(await list(id, "?limit=2")).toHaveLength(2);
    for (const limit of ["0", "501", "ten"]) {
      const refused = await harness().request(`${API}/contacts/${id}/journey/segments?limit=${limit}`);
      expect(refused.status).toBe(400);
      expect(await refused.json()).toMatchObject({ details: [{ fieldName: "limit" }] });
    }
    const badFlag = await harness().request(`${API}/contacts/${id}/journey/segments?includeMerged=maybe`);
    expect(badFlag.status).toBe(400);
  });

  it("holds at most 500 live assignments a contact: new ones past it come back unprocessed", async () => {
    const h = harness();
    const id = await newContact("Full");
    await h.database.db.insert(contactSegmentAssignments).values(
      Array.from({ length: 499 }, (_, i) => ({
        tenantId: h.tenantId,
        contactId: id,
        segmentId: `held-${i}`,
        assignedAt: new Date(),
        expiresAt: new Date(Date.now() + DAY),
      })),
    );
    const response = await update(id, { assign: segments("held-0", "fits", "over-1", "over-2") });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      unprocessedItems: { assign: segments("over-1", "over-2"), count: 2 },
    });
    const all = await list(id, "?limit=500");
    expect(all).toHaveLength(500);
    expect(all.map((a) => a.segment.id)).toEqual(expect.arrayContaining(["held-0", "fits"]));
    // A held segment assigned again is refreshed even when the contact is full.
    const held0 = all.find((a) => a.segment.id === "held-0")!;
    expect(Date.parse(held0.dateForUnassignment)).toBeGreaterThan(Date.now() + 29 * DAY);
    // Room made by unassigning is used in the same request.
    const swapped = await update(id, { assign: segments("over-1"), unassign: segments("held-1") });
    expect(await swapped.json()).toEqual({ unprocessedItems: { count: 0 } });
  });

  it("keeps to the limit under concurrent requests: each new assignment past it comes back unprocessed", async () => {
    const h = harness();
    const id = await newContact("Raced");
    await h.database.db.insert(contactSegmentAssignments).values(
      Array.from({ length: 490 }, (_, i) => ({
        tenantId: h.tenantId,
        contactId: id,
        segmentId: `held-${i}`,
        assignedAt: new Date(),
        expiresAt: new Date(Date.now() + DAY),
      })),
    );
    const answers = await Promise.all(
      Array.from({ length: 20 }, async (_, i) => {
        const response = await update(id, { assign: segments(`raced-${i}`) });
        expect(response.status).toBe(200);
        return ((await response.json()) as { unprocessedItems: { count: number } }).unprocessedItems.count;
      }),
    );
    expect(answers.filter((count) => count === 0)).toHaveLength(10);
    expect(await list(id, "?limit=500")).toHaveLength(500);
  });

  it("includeMerged lists the assignments of every contact of the merge set", async () => {
    const a = await newContact("Merge A");
    const b = await newContact("Merge B");
    await update(a, { assign: segments("from-a") });
    await update(b, { assign: segments("from-b") });
    const merged = await harness().request(`${API}/contacts/merge`, {
      method: "POST",
      json: { contactIds: [a, b] },
    });
    const m = ((await merged.json()) as { id: string }).id;
    await update(m, { assign: segments("from-m") });

    const owners = (entities: Assignment[]) =>
      entities
        .map(
          (e) =>
            `${e.externalContact.id === m ? "m" : e.externalContact.id === a ? "a" : "b"}:${e.segment.id}`,
        )
        .sort();
    expect(owners(await list(m))).toEqual(["m:from-m"]);
    expect(owners(await list(m, "?includeMerged=true"))).toEqual(["a:from-a", "b:from-b", "m:from-m"]);
    // A merged-away contact is addressed as itself, and its merge set is the same.
    expect(owners(await list(a))).toEqual(["a:from-a"]);
    expect(owners(await list(a, "?includeMerged=true"))).toEqual(["a:from-a", "b:from-b", "m:from-m"]);
    expect(owners(await list(a, "?includeMerged=true&limit=1"))).toHaveLength(1);
  });

  it("is documented in the OpenAPI document, with the request body optional as in the SDK", async () => {
    const response = await harness().request(`${API}/openapi.json`, { token: null });
    const document = (await response.json()) as {
      paths: Record<
        string,
        Record<string, { requestBody?: { required: boolean }; parameters: { name: string }[] }>
      >;
    };
    const path = document.paths[`${API}/contacts/{contactId}/journey/segments`]!;
    expect(path.get!.parameters.map((p) => p.name)).toEqual(["contactId", "includeMerged", "limit"]);
    expect(path.post!.requestBody?.required).toBe(false);
  });

  it("is 404 for an unknown, malformed or deleted contact", async () => {
    const h = harness();
    for (const id of [crypto.randomUUID(), "not-a-uuid"]) {
      const get = await h.request(`${API}/contacts/${id}/journey/segments`);
      expect(get.status).toBe(404);
      expect(await get.json()).toMatchObject({ status: 404, code: "not.found" });
      expect((await update(id, { assign: segments("x") })).status).toBe(404);
    }
    const id = await newContact("Deleted");
    await update(id, { assign: segments("x") });
    expect((await h.request(`${API}/contacts/${id}`, { method: "DELETE" })).status).toBe(200);
    expect((await h.request(`${API}/contacts/${id}/journey/segments`)).status).toBe(404);
    expect((await update(id, { unassign: segments("x") })).status).toBe(404);
  });

  it("needs segmentAssignment:view to list, :add to assign and :delete to unassign", async () => {
    const h = harness();
    const id = await newContact("Guarded");
    const viewer = await h.tokenFor(["externalContacts:segmentAssignment:view"]);
    const adder = await h.tokenFor(["externalContacts:segmentAssignment:add"]);
    const deleter = await h.tokenFor(["externalContacts:segmentAssignment:delete"]);
    const contactOnly = await h.tokenFor(["externalContacts:contact:view", "externalContacts:contact:edit"]);

    const noView = await h.request(`${API}/contacts/${id}/journey/segments`, { token: contactOnly });
    expect(noView.status).toBe(403);
    expect(await noView.json()).toMatchObject({
      messageParams: { permissions: "externalContacts:segmentAssignment:view" },
    });
    const noWrite = await update(id, { assign: segments("x") }, contactOnly);
    expect(noWrite.status).toBe(403);
    expect(((await noWrite.json()) as { message: string }).message).toContain(
      "externalContacts:segmentAssignment:add or externalContacts:segmentAssignment:delete",
    );
    // Refused before the contact is looked up: an unknown one is 403 too.
    expect((await update(crypto.randomUUID(), {}, contactOnly)).status).toBe(403);

    expect((await update(id, { assign: segments("x") }, viewer)).status).toBe(403);
    expect((await update(id, { assign: segments("x") }, adder)).status).toBe(200);
    const adderUnassigns = await update(id, { unassign: segments("x") }, adder);
    expect(adderUnassigns.status).toBe(403);
    expect(await adderUnassigns.json()).toMatchObject({
      messageParams: { permissions: "externalContacts:segmentAssignment:delete" },
    });
    expect((await update(id, { assign: segments("y") }, deleter)).status).toBe(403);
    expect((await list(id, "", viewer)).map((a) => a.segment.id)).toEqual(["x"]);
    expect((await update(id, { unassign: segments("x") }, deleter)).status).toBe(200);
    expect(await list(id, "", viewer)).toEqual([]);
    expect((await h.request(`${API}/contacts/${id}/journey/segments`, { token: adder })).status).toBe(403);
  });
});
