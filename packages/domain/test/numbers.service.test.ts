import { apiClients, contacts, eq, members } from "@switchboard/db";
import { describe, expect, it } from "vitest";
import {
  addMember,
  type Context,
  createApiClient,
  createContact,
  createContacts,
  createExternalSource,
  createOrganization,
  deleteContact,
  deleteOrganization,
  findExternalIdHolders,
  listContactsByOffset,
  listOrganizationsByOffset,
  MAX_RECORD_NUMBER,
  mergeContacts,
  PERMISSIONS,
  readContact,
  readOrganization,
  resolveNumber,
  saveDivision,
} from "../src";
import { rejection, withTestTenant } from "./helpers";

const tenant = withTestTenant();

/** The admin limited to `divisionIds` (a division-scoped role). */
const limitedTo = (ctx: Context, divisionIds: string[]): Context => ({
  ...ctx,
  actor: { ...ctx.actor, divisionIds: new Set(divisionIds) },
});

describe("record numbers", () => {
  it("numbers contacts one after another, a bulk add as one range, unique and within int32", async () => {
    const t = tenant();
    const first = await createContact(t.admin, { firstName: "First" });
    const batch = await createContacts(
      t.admin,
      Array.from({ length: 50 }, (_, i) => ({ firstName: `Batch ${i}` })),
    );
    const after = await createContact(t.admin, { firstName: "After" });
    const batchNumbers = batch.map((r) => (r.ok ? r.entity.number : 0));
    expect(batchNumbers).toEqual(Array.from({ length: 50 }, (_, i) => first.number + 1 + i));
    expect(after.number).toBe(first.number + 51);
    const all = await t.database.db
      .select({ number: contacts.number })
      .from(contacts)
      .where(eq(contacts.tenantId, t.tenantId));
    expect(new Set(all.map((r) => r.number)).size).toBe(all.length);
    for (const { number } of all) expect(number).toBeGreaterThanOrEqual(1);
    for (const { number } of all) expect(number).toBeLessThanOrEqual(MAX_RECORD_NUMBER);
  });

  it("gives organizations, members and API clients numbers of their own kind", async () => {
    const t = tenant();
    const organization = await createOrganization(t.admin, { name: "Numbered Ltd" });
    expect(organization.number).toBeGreaterThanOrEqual(1);
    const member = await addMember(t.admin, {
      email: "numbered@example.com",
      name: "N",
      password: "0123456789ab",
    });
    const client = await createApiClient(t.admin, { name: "numbered", roleIds: [] });
    const [memberRow] = await t.database.db.select().from(members).where(eq(members.id, member.id));
    const [clientRow] = await t.database.db.select().from(apiClients).where(eq(apiClients.id, client.id));
    expect(await resolveNumber(t.admin, "member", memberRow!.number)).toMatchObject({ id: member.id });
    expect(await resolveNumber(t.admin, "apiClient", clientRow!.number)).toMatchObject({ id: client.id });
    expect(await resolveNumber(t.admin, "organization", organization.number)).toEqual({
      kind: "organization",
      id: organization.id,
      number: organization.number,
      deleted: false,
    });
  });

  it("resolves a merged-away contact's number to the surviving contact", async () => {
    const t = tenant();
    const a = await createContact(t.admin, { firstName: "Merge A" });
    const b = await createContact(t.admin, { firstName: "Merge B" });
    const merged = await mergeContacts(t.admin, { contactIds: [a.id, b.id] });
    expect((await resolveNumber(t.admin, "contact", a.number)).id).toBe(merged.id);
    expect((await resolveNumber(t.admin, "contact", b.number)).id).toBe(merged.id);
    expect((await resolveNumber(t.admin, "contact", merged.number)).id).toBe(merged.id);
    const read = await readContact(t.admin, { number: a.number });
    expect(read).toMatchObject({ id: merged.id, number: merged.number, deleted: false });
  });

  it("reads a contact and an organization by number with their points and external ids as written", async () => {
    const t = tenant();
    const crm = await createExternalSource(t.admin, {
      name: "Numbers CRM",
      uriTemplate: "https://crm.example/n/{{externalId.value}}",
    });
    const contact = await createContact(t.admin, {
      lastName: "Numbered",
      phones: [
        { type: "work", display: "+44 20 7946 0301", vendorType: "MAIN" },
        { type: "work", display: "+44 20 7946 0302", description: "desk" },
      ],
      emails: [{ type: "work", address: "numbered@numbers.example", usageContext: "PROFESSIONAL" }],
      addresses: [{ type: "home", city: "York", countryCode: "GB" }],
      externalIds: [{ sourceId: crm.id, value: "N/1" }],
    });
    const read = await readContact(t.admin, { number: contact.number });
    expect(read).toEqual({ ...contact, deleted: false });
    expect(read.phones.map((p) => [p.e164, p.vendorType, p.description])).toEqual([
      ["+442079460301", "MAIN", null],
      ["+442079460302", null, "desk"],
    ]);
    expect(read.externalIds).toEqual([
      { sourceId: crm.id, value: "N/1", source: crm, link: "https://crm.example/n/N%2F1" },
    ]);
    expect(await readContact(t.admin, { id: contact.id })).toEqual(read);

    const organization = await createOrganization(t.admin, {
      name: "Numbered Points Ltd",
      phones: [{ type: "work", display: "+44 20 7946 0303", vendorType: "MAIN" }],
      emails: [{ type: "work", address: "office@numbers.example" }],
      externalIds: [{ sourceId: crm.id, value: "O-7" }],
      tags: ["beta", "alpha"],
    });
    const org = await readOrganization(t.admin, { number: organization.number });
    expect(org).toEqual({ ...organization, deleted: false });
    expect(org.phones.map((p) => [p.e164, p.vendorType])).toEqual([["+442079460303", "MAIN"]]);
    expect(org.emails.map((e) => e.address)).toEqual(["office@numbers.example"]);
    expect(org.externalIds).toEqual([
      { sourceId: crm.id, value: "O-7", source: crm, link: "https://crm.example/n/O-7" },
    ]);
    expect(org.tags).toEqual(["beta", "alpha"]);
  });

  it("finds a soft-deleted record by number only when asked, flagged deleted", async () => {
    const t = tenant();
    const contact = await createContact(t.admin, { firstName: "Gone" });
    await deleteContact(t.admin, contact.id);
    expect((await rejection(resolveNumber(t.admin, "contact", contact.number))).code).toBe("NOT_FOUND");
    expect((await rejection(readContact(t.admin, { number: contact.number }))).code).toBe("NOT_FOUND");
    expect(await resolveNumber(t.admin, "contact", contact.number, { includeDeleted: true })).toMatchObject({
      id: contact.id,
      deleted: true,
    });
    const read = await readContact(t.admin, { id: contact.id }, { includeDeleted: true });
    expect(read).toMatchObject({ id: contact.id, firstName: "Gone", deleted: true });

    const organization = await createOrganization(t.admin, { name: "Gone Ltd" });
    await deleteOrganization(t.admin, organization.id);
    expect((await rejection(readOrganization(t.admin, { number: organization.number }))).code).toBe(
      "NOT_FOUND",
    );
    expect(
      await readOrganization(t.admin, { number: organization.number }, { includeDeleted: true }),
    ).toMatchObject({ id: organization.id, name: "Gone Ltd", deleted: true });
  });

  it("answers not found for numbers that name nothing, and for another division's records", async () => {
    const t = tenant();
    for (const number of [0, -1, 1.5, MAX_RECORD_NUMBER + 1, 999_999])
      expect((await rejection(resolveNumber(t.admin, "contact", number))).code).toBe("NOT_FOUND");
    const division = await saveDivision(t.admin, { name: "Elsewhere" });
    const hidden = await createContact(t.admin, { firstName: "Hidden", divisionId: division.id });
    const limited = limitedTo(t.admin, [t.homeDivisionId]);
    expect((await rejection(resolveNumber(limited, "contact", hidden.number))).code).toBe("NOT_FOUND");
    expect((await rejection(readContact(limited, { number: hidden.number }))).code).toBe("NOT_FOUND");
  });

  it("needs the view permission of the kind", async () => {
    const t = tenant();
    const contact = await createContact(t.admin, { firstName: "Private" });
    const viewer = t.as([PERMISSIONS.organizationView]);
    expect((await rejection(resolveNumber(viewer, "contact", contact.number))).code).toBe("FORBIDDEN");
    expect((await rejection(readContact(viewer, { number: contact.number }))).code).toBe("FORBIDDEN");
    expect((await rejection(resolveNumber(viewer, "member", 1))).code).toBe("FORBIDDEN");
  });
});

describe("offset listings", () => {
  it("pages contacts in creation order by limit and offset, deleted ones only when asked", async () => {
    const t = tenant();
    const live0 = (await listContactsByOffset(t.admin, { limit: 5000 })).entities.length;
    const all0 = (await listContactsByOffset(t.admin, { limit: 5000, includeDeleted: true })).entities.length;
    const made = [];
    for (const name of ["Offset 1", "Offset 2", "Offset 3", "Offset 4"])
      made.push(await createContact(t.admin, { firstName: name }));
    await deleteContact(t.admin, made[1]!.id);
    const live = await listContactsByOffset(t.admin, { limit: 2, offset: live0 });
    expect(live.entities.map((c) => c.firstName)).toEqual(["Offset 1", "Offset 3"]);
    const withDeleted = await listContactsByOffset(t.admin, {
      limit: 2,
      offset: all0 + 1,
      includeDeleted: true,
    });
    expect(withDeleted.entities.map((c) => [c.firstName, c.deleted])).toEqual([
      ["Offset 2", true],
      ["Offset 3", false],
    ]);
    const whole = (await listContactsByOffset(t.admin, { limit: 5000, includeDeleted: true })).entities;
    const numbers = whole.map((c) => c.number);
    expect(numbers).toEqual([...numbers].sort((a, b) => a - b));
    // Merged-away contacts read as the survivor: listings leave them out.
    expect(whole.every((c) => !c.canonicalContactId)).toBe(true);
  });

  it("pages organizations the same way", async () => {
    const t = tenant();
    const before = (await listOrganizationsByOffset(t.admin, { limit: 5000, includeDeleted: true })).entities;
    const a = await createOrganization(t.admin, { name: "Offset Org A" });
    await createOrganization(t.admin, { name: "Offset Org B" });
    await deleteOrganization(t.admin, a.id);
    const page = await listOrganizationsByOffset(t.admin, { offset: before.length, includeDeleted: true });
    expect(page.entities.map((o) => [o.name, o.deleted])).toEqual([
      ["Offset Org A", true],
      ["Offset Org B", false],
    ]);
  });

  it("refuses a limit outside 1..5000 and a negative offset", async () => {
    const t = tenant();
    for (const params of [{ limit: 0 }, { limit: 5001 }, { offset: -1 }, { limit: 2.5 }])
      expect((await rejection(listContactsByOffset(t.admin, params))).code).toBe("VALIDATION");
  });
});

describe("lookup by external id value", () => {
  it("finds the records a value names, in one source or all, deleted ones included", async () => {
    const t = tenant();
    const crm = await createExternalSource(t.admin, { name: "Lookup CRM" });
    const erp = await createExternalSource(t.admin, { name: "Lookup ERP" });
    const value = "x".repeat(256);
    const contact = await createContact(t.admin, {
      firstName: "External",
      externalIds: [{ sourceId: crm.id, value }],
    });
    const organization = await createOrganization(t.admin, {
      name: "External Ltd",
      externalIds: [{ sourceId: erp.id, value }],
    });
    expect(await findExternalIdHolders(t.admin, { value })).toEqual(
      expect.arrayContaining([
        { sourceId: crm.id, value, entityType: "contact", entityId: contact.id },
        { sourceId: erp.id, value, entityType: "organization", entityId: organization.id },
      ]),
    );
    expect(await findExternalIdHolders(t.admin, { value, sourceId: crm.id })).toEqual([
      { sourceId: crm.id, value, entityType: "contact", entityId: contact.id },
    ]);
    expect(await findExternalIdHolders(t.admin, { value, entityType: "organization" })).toHaveLength(1);
    await deleteContact(t.admin, contact.id);
    expect(await findExternalIdHolders(t.admin, { value, sourceId: crm.id })).toHaveLength(1);
    expect(await findExternalIdHolders(t.admin, { value: "nothing" })).toEqual([]);
    // Only the kinds the caller may view.
    expect(
      await findExternalIdHolders(t.as([PERMISSIONS.organizationView]), { value, sourceId: crm.id }),
    ).toEqual([]);
  });

  it("takes values up to 256 characters, and no caller takes a reserved enfore source name", async () => {
    const t = tenant();
    const source = await createExternalSource(t.admin, { name: "Long Values" });
    const refused = await rejection(
      createContact(t.admin, {
        firstName: "Long",
        externalIds: [{ sourceId: source.id, value: "x".repeat(257) }],
      }),
    );
    expect(refused.code).toBe("VALIDATION");
    const reserved = await rejection(createExternalSource(t.admin, { name: "enfore:individual" }));
    expect(reserved.issues).toEqual([{ path: "name", message: "names starting with enfore: are reserved" }]);
  });
});
