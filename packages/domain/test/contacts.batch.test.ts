import { PgTransaction, sql } from "@switchboard/db";
import { describe, expect, it } from "vitest";
import {
  contactHistory,
  createContact,
  createContacts,
  createExternalSource,
  getContact,
  importContacts,
  inOpenTransaction,
  inTransaction,
  PERMISSIONS,
  prepareNewContact,
  saveDivision,
  searchContacts,
} from "../src";
import { withTestTenant } from "./helpers";

const tenant = withTestTenant();

describe("createContacts (set-based)", () => {
  it("creates the valid items of a batch as createContact would, and fails each bad item alone", async () => {
    const t = tenant();
    const source = await createExternalSource(t.admin, { name: "CRM", active: true });
    await createContact(t.admin, {
      lastName: "Holder",
      externalIds: [{ sourceId: source.id, value: "X-1" }],
    });
    const results = await createContacts(t.admin, [
      { firstName: "Grace", lastName: "Hopper", phones: [{ type: "work", display: "+1 (202) 555-0101" }] },
      { lastName: "Bad", emails: [{ type: "work", address: "not-an-email" }] },
      { lastName: "Nowhere", organizationId: crypto.randomUUID() },
      { lastName: "Taken", externalIds: [{ sourceId: source.id, value: "X-1" }] },
      { lastName: "First", externalIds: [{ sourceId: source.id, value: "X-2" }] },
      { lastName: "Second", externalIds: [{ sourceId: source.id, value: "X-2" }] },
      { lastName: "Kept", emails: [{ type: "personal", address: "Kept@Example.com" }] },
    ]);
    expect(results.map((r) => r.ok)).toEqual([true, false, false, false, true, false, true]);
    const [grace, bad, nowhere, taken, , second] = results;
    if (!grace?.ok || bad?.ok || nowhere?.ok || taken?.ok || second?.ok) throw new Error("unexpected");
    expect(bad!.error).toMatchObject({ code: "VALIDATION" });
    expect(bad!.error.issues[0]!.path).toBe("emails.0.address");
    expect(nowhere!.error.issues[0]).toMatchObject({ path: "organizationId" });
    expect(taken!.error).toMatchObject({ code: "CONFLICT" });
    expect(second!.error).toMatchObject({ code: "CONFLICT" });

    // What was written reads back exactly like a contact made one at a time, with its history.
    expect(await getContact(t.admin, grace.entity.id)).toEqual(grace.entity);
    expect(grace.entity).toMatchObject({ type: "Curated", version: 1, divisionId: t.homeDivisionId });
    expect(grace.entity.phones[0]).toMatchObject({ e164: "+12025550101" });
    const [created] = await contactHistory(t.admin, grace.entity.id);
    expect(created!.changes).toContainEqual({ path: "lastName", old: null, new: "Hopper" });
    expect((await searchContacts(t.admin, { q: "kept@example.com" })).total).toBe(1);
    expect((await searchContacts(t.admin, { q: "202 555 0101" })).entities.map((c) => c.id)).toEqual([
      grace.entity.id,
    ]);
  });

  it("refuses, item by item, contacts a division-limited actor may not put where they ask", async () => {
    const t = tenant();
    const east = await saveDivision(t.admin, { name: "East (batch)" });
    const limited = { ...t.admin, actor: { ...t.admin.actor, divisionIds: new Set([east.id]) } };
    const results = await createContacts(limited, [
      { lastName: "In East", divisionId: east.id },
      { lastName: "In Home" },
    ]);
    expect(results[0]).toMatchObject({ ok: true, entity: { divisionId: east.id } });
    expect(results[1]).toMatchObject({ ok: false, error: { code: "FORBIDDEN" } });
  });

  it("needs the add permission for the whole batch", async () => {
    const t = tenant();
    await expect(createContacts(t.as([PERMISSIONS.contactView]), [{ lastName: "X" }])).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
  });
});

describe("a created contact's history entry", () => {
  it("records each field as written, without its contact points' generated ids, whichever way it was created", async () => {
    const t = tenant();
    const input = {
      firstName: "Hist",
      lastName: "Compact",
      emails: [{ type: "work" as const, address: "hist@compact.example" }],
      phones: [{ type: "cell" as const, display: "+44 7911 123456" }],
      addresses: [{ type: "work" as const, city: "York", countryCode: "GB" }],
    };
    const one = await createContact(t.admin, input);
    const [batched] = await createContacts(t.admin, [input]);
    // And as an import writes it: its rows encoded ahead, through binary COPY.
    expect(await importContacts(t.admin, [input])).toEqual([{ ok: true }]);
    const batchedId = batched!.ok ? batched!.entity.id : "";
    const found = await searchContacts(t.admin, { q: "hist@compact.example" });
    const imported = found.entities.find((c) => c.id !== one.id && c.id !== batchedId);
    const ids = [one.id, batchedId, imported!.id];
    const entries = await Promise.all(ids.map(async (id) => (await contactHistory(t.admin, id))[0]!));
    for (const entry of entries) {
      expect(entry.action).toBe("create");
      expect(entry.changes).toEqual([
        { path: "addresses.0.city", old: null, new: "York" },
        { path: "addresses.0.countryCode", old: null, new: "GB" },
        { path: "addresses.0.type", old: null, new: "work" },
        { path: "divisionId", old: null, new: t.homeDivisionId },
        { path: "emails.0.address", old: null, new: "hist@compact.example" },
        { path: "emails.0.type", old: null, new: "work" },
        { path: "firstName", old: null, new: "Hist" },
        { path: "lastName", old: null, new: "Compact" },
        { path: "phones.0.countryCode", old: null, new: "GG" },
        { path: "phones.0.display", old: null, new: "+44 7911 123456" },
        { path: "phones.0.e164", old: null, new: "+447911123456" },
        { path: "phones.0.type", old: null, new: "cell" },
        { path: "phones.0.userInput", old: null, new: "+44 7911 123456" },
        { path: "type", old: null, new: "Curated" },
      ]);
    }
  });
});

describe("importContacts", () => {
  it("writes a contact prepared with the rows of another tenant into its own tenant, made again", async () => {
    const t = tenant();
    const input = { lastName: "Elsewhere-Prepared", divisionId: t.homeDivisionId };
    const foreign = prepareNewContact(input, { tenantId: crypto.randomUUID(), actor: t.admin.actor });
    expect(await importContacts(t.admin, [input], [foreign])).toEqual([{ ok: true }]);
    const found = await searchContacts(t.admin, { q: "Elsewhere-Prepared" });
    expect(found.entities.map((c) => [c.lastName, c.divisionId])).toEqual([
      ["Elsewhere-Prepared", t.homeDivisionId],
    ]);
    expect((await contactHistory(t.admin, found.entities[0]!.id))[0]).toMatchObject({
      action: "create",
      actorId: t.admin.actor.id,
    });
  });
});

describe("inOpenTransaction", () => {
  it("joins the caller's transaction without a savepoint, and opens one when there is none", async () => {
    const t = tenant();
    // Joined: a statement failing inside it fails the caller's transaction, with no savepoint to return to.
    const caller = inTransaction(t.admin, async (tx) => {
      await inOpenTransaction(tx, (joined) => joined.db.execute(sql`select 1 / 0`)).catch(() => {});
      await tx.db.execute(sql`select 1`);
    });
    await expect(caller).rejects.toMatchObject({ cause: { code: "25P02" } }); // in failed transaction
    // importContacts writes through it: the caller's rollback takes its rows.
    await inTransaction(t.admin, async (tx) => {
      expect(await importContacts(tx, [{ lastName: "Joined-Rollback" }])).toEqual([{ ok: true }]);
      expect((await searchContacts(tx, { q: "Joined-Rollback" })).total).toBe(1);
      throw new Error("the caller fails");
    }).catch(() => {});
    expect((await searchContacts(t.admin, { q: "Joined-Rollback" })).total).toBe(0);
    await inOpenTransaction(t.admin, async (tx) => {
      expect(tx.db).toBeInstanceOf(PgTransaction);
    });
  });
});
