import { sql } from "@switchboard/db";
import { changesOf, PERMISSIONS, PLACEHOLDER_PICTURE_PNG } from "@switchboard/domain";
import { describe, expect, it } from "vitest";
import { apiError, GENESYS, genesysContact, json, memberWith } from "./dfs-helpers-ext";
import { withRestHarness } from "./harness";

const harness = withRestHarness();
const DFS = "/dfs/v1.0/contacts";
const PNG =
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==";

const anonymize = (body: unknown, token?: string) =>
  harness().request(`${DFS}/anonymize`, { method: "POST", json: body, token });

/** The stored change sets of `id`, oldest first, each as field changes (a creation is stored by path). */
async function historyOf(id: string) {
  const rows = (await harness().database.db.execute(
    sql`select changes from change_sets where entity_id = ${id} order by at, id`,
  )) as unknown as { changes: Parameters<typeof changesOf>[0] }[];
  return rows.map((r) => ({ changes: changesOf(r.changes) }));
}

/** A person with data in every place anonymization must reach, written through Genesys and DFS. */
async function person(lastName: string) {
  const h = harness();
  const source = await json<{ id: string }>(
    await h.request(`${GENESYS}/externalsources`, { method: "POST", json: { name: `CRM of ${lastName}` } }),
    200,
  );
  const email = `${lastName.toLowerCase()}@private.example`;
  const contact = await genesysContact(h, {
    firstName: "Ada",
    lastName,
    title: "Countess",
    workEmail: email,
    cellPhone: { display: "+41 79 555 12 34" },
    address: { address1: "Secret Lane 1", city: "Zurich", postalCode: "8001", countryCode: "CH" },
    externalIds: [{ externalSource: { id: source.id }, value: `${lastName}-crm` }],
  });
  // A Genesys update, so history holds old and new personal values.
  await json(
    await h.request(`${GENESYS}/contacts/${contact.id}`, {
      method: "PUT",
      json: {
        firstName: "Augusta Ada",
        lastName,
        workEmail: email,
        cellPhone: { display: "+41 79 555 12 34" },
      },
    }),
    200,
  );
  await json(
    await h.request(`${GENESYS}/contacts/${contact.id}/notes`, {
      method: "POST",
      json: { noteText: `${lastName} prefers calls after six` },
    }),
    200,
  );
  const dfs = `${DFS}/${contact.number}`;
  expect(
    (
      await h.request(`${dfs}/external-connections`, {
        method: "POST",
        json: { system: "SSO", externalId: `${lastName}-sso` },
      })
    ).status,
  ).toBe(204);
  expect(
    (await h.request(`${dfs}/username`, { method: "PUT", json: { username: `${lastName}.login` } })).status,
  ).toBe(204);
  expect(
    (await h.request(`${dfs}/profile-picture`, { method: "PUT", json: { imageContentBase64: PNG } })).status,
  ).toBe(204);
  // DFS details: an unbound field in the details document, a primary e-mail change waiting for its key (sent
  // through the outbox), and a member's last-name change waiting for approval.
  const patch = (details: unknown, token?: string) =>
    h.request(`${dfs}/details`, { method: "PATCH", json: { details, comment: `about ${lastName}` }, token });
  await json(await patch({ personalInformation: { nationality: "CH" } }), 200);
  await json(await patch({ communicationMethods: { primaryEmail: `new.${email}` } }), 200);
  const member = await memberWith(h, `Member for ${lastName}`, [
    PERMISSIONS.contactView,
    PERMISSIONS.contactEdit,
  ]);
  const pending = await json<{ isApprovalRequired: boolean }>(
    await patch({ personalInformation: { lastName: `${lastName}-King` } }, member.token),
    200,
  );
  expect(pending.isApprovalRequired).toBe(true);
  return { ...contact, email, source };
}

describe("DFS anonymize (#27)", () => {
  it("removes the personal data everywhere: Genesys reads, DFS reads, notes, search and history values", async () => {
    const h = harness();
    const p = await person("Lovelace");
    const before = await historyOf(p.id);
    expect(JSON.stringify(before)).toContain("Lovelace");

    // Another Ada keeps the word "ada" in the search dictionary.
    await genesysContact(h, { firstName: "Ada", lastName: "Yonath" });
    expect((await anonymize({ contactIds: [p.number] })).status).toBe(204);
    const words = (await h.database.db.execute(
      sql`select word from search_words where tenant_id = ${h.tenantId} and word in ('lovelace', 'countess', 'ada')`,
    )) as unknown as { word: string }[];
    expect(words.map((w) => w.word)).toEqual(["ada"]);

    // Genesys: the record is still there (same id), without names, points or external ids.
    const genesys = await json<Record<string, unknown>>(await h.request(`${GENESYS}/contacts/${p.id}`), 200);
    expect(genesys.id).toBe(p.id);
    for (const field of ["firstName", "lastName", "title", "workEmail", "cellPhone", "address"])
      expect(genesys[field]).toBeUndefined();
    expect(genesys.externalIds ?? []).toEqual([]);
    const notes = await json<{ entities: unknown[] }>(
      await h.request(`${GENESYS}/contacts/${p.id}/notes`),
      200,
    );
    expect(notes.entities).toEqual([]);
    const search = await json<{ entities: unknown[] }>(
      await h.request(`${GENESYS}/contacts?q=Lovelace`),
      200,
    );
    expect(search.entities).toEqual([]);
    const bySource = await h.request(`${DFS}/external-connections/SSO/Lovelace-sso`);
    await apiError(bySource, 404, "NotFound");

    // DFS: same number, nothing personal.
    const dfs = `${DFS}/${p.number}`;
    expect(await json(await h.request(`${dfs}/external-connections`), 200)).toEqual({ connections: [] });
    expect(await json(await h.request(`${dfs}/username`), 200)).toEqual({ username: null });
    expect(await json(await h.request(`${dfs}/profile-picture`), 200)).toEqual({
      imageContentBase64: PLACEHOLDER_PICTURE_PNG,
      isDefaultImage: true,
    });

    // History: every change set stays (paths, who, when) but holds no value; the anonymization is recorded.
    const after = await historyOf(p.id);
    expect(after).toHaveLength(before.length + 1);
    const text = JSON.stringify(after);
    for (const secret of [
      "Lovelace",
      "Ada",
      "private.example",
      "555",
      "Secret Lane",
      "Zurich",
      "Countess",
      '"CH"',
    ])
      expect(text).not.toContain(secret);
    for (const { changes } of after.slice(0, -1))
      for (const c of changes) expect([c.old, c.new]).toEqual([null, null]);
    expect(after.at(-1)!.changes).toEqual([{ path: "anonymized", old: null, new: true }]);
    expect(before[0]!.changes.map((c) => c.path)).toEqual(after[0]!.changes.map((c) => c.path));

    // The DB holds nothing of the person either.
    const leftovers = (await h.database.db.execute(sql`
      select (select count(*) from contact_points where owner_id = ${p.id})::int as points,
             (select count(*) from external_ids where entity_id = ${p.id})::int as ids,
             (select count(*) from profile_images where owner_id = ${p.id})::int as images,
             (select count(*) from notes where entity_id = ${p.id})::int as notes,
             (select count(*) from dfs_details where owner_id = ${p.id})::int as details,
             (select count(*) from pending_verifications where contact_id = ${p.id})::int as pending,
             (select count(*) from notification_outbox where entity_id = ${p.id})::int as messages,
             (select json_agg(r)::text from change_requests r where contact_id = ${p.id}) as requests,
             (select row_to_json(c)::text from contacts c where id = ${p.id}) as row`)) as unknown as {
      points: number;
      ids: number;
      images: number;
      notes: number;
      details: number;
      pending: number;
      messages: number;
      requests: string;
      row: string;
    }[];
    expect(leftovers[0]).toMatchObject({ points: 0, ids: 0, images: 0, notes: 0 });
    for (const secret of ["Lovelace", "Ada", "private.example", "login"])
      expect(leftovers[0]!.row).not.toContain(secret);
  });

  it("is idempotent and takes contactUIds too", async () => {
    const h = harness();
    const p = await person("Byron");
    expect((await anonymize({ contactUIds: [p.id] })).status).toBe(204);
    const once = await historyOf(p.id);
    expect((await anonymize({ contactIds: [p.number], contactUIds: [p.id] })).status).toBe(204);
    expect(await historyOf(p.id)).toEqual(once);
    // The username and external ids it held are free again.
    const other = await genesysContact(h, { firstName: "Other" });
    expect(
      (
        await h.request(`${DFS}/${other.number}/username`, {
          method: "PUT",
          json: { username: "Byron.login" },
        })
      ).status,
    ).toBe(204);
  });

  it("answers 400 for an empty or malformed request, 404 for an unknown contact (anonymizing nothing), 403 without the permission", async () => {
    const h = harness();
    const p = await person("Somerville");
    await apiError(await anonymize({}), 400, "BadRequest");
    await apiError(await anonymize({ contactIds: [], contactUIds: null }), 400, "BadRequest");
    await apiError(await anonymize({ contactUIds: ["not-a-uuid"] }), 400, "BadRequest");
    await apiError(await anonymize({ contactIds: [p.number, 2_000_000_000] }), 404, "NotFound");
    await apiError(await anonymize({ contactUIds: [crypto.randomUUID()] }), 404, "NotFound");
    const genesys = await json<{ lastName?: string }>(await h.request(`${GENESYS}/contacts/${p.id}`), 200);
    expect(genesys.lastName).toBe("Somerville");
    const editor = await h.tokenFor([
      PERMISSIONS.contactView,
      PERMISSIONS.contactEdit,
      PERMISSIONS.contactDelete,
    ]);
    await apiError(await anonymize({ contactIds: [p.number] }, editor), 403, "Forbidden");
    await apiError(await anonymize({ contactIds: [p.number] }, null as never), 401, "Unauthorized");
  });
});
