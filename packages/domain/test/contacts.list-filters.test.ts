import { describe, expect, it } from "vitest";
import {
  createContact,
  createContacts,
  createSchema,
  type DomainError,
  searchContacts,
  updateContact,
} from "../src";
import { withTestTenant } from "./helpers";

const tenant = withTestTenant();
const text = (maxLength: number) => ({ allOf: [{ $ref: "#/definitions/text" }], title: "Text", maxLength });

describe("the contact list's filters", () => {
  it("narrows the search by type, email and phone presence, and one custom field's value", async () => {
    const t = tenant();
    const schema = await createSchema(t.admin, "contact", {
      name: "Tiers",
      jsonSchema: { properties: { level: text(10) } },
    });
    const tier = (level: string) => ({ schemaId: schema.id, schemaVersion: 1, customFields: { level } });
    const mail = await createContact(t.admin, {
      lastName: "Filter Mail",
      emails: [{ type: "work", address: "mail@example.com" }],
      ...tier("gold"),
    });
    const phone = await createContact(
      t.admin,
      { lastName: "Filter Phone", phones: [{ type: "cell", display: "+1 202 555 0100" }], ...tier("silver") },
      { type: "Ephemeral" },
    );
    const both = await createContact(t.admin, {
      lastName: "Filter Both",
      emails: [{ type: "work", address: "both@example.com" }],
      phones: [{ type: "work", display: "+1 202 555 0101" }],
      ...tier("gold"),
    });
    const none = await createContact(t.admin, { lastName: "Filter None" });
    const ids = async (filters: Parameters<typeof searchContacts>[1]) => {
      const page = await searchContacts(t.admin, { q: "filter", ...filters });
      expect(page.total).toBe(page.entities.length);
      return page.entities.map((c) => c.id).sort();
    };
    const sorted = (...list: { id: string }[]) => list.map((c) => c.id).sort();

    expect(await ids({})).toEqual(sorted(mail, phone, both, none));
    expect(await ids({ hasEmail: true })).toEqual(sorted(mail, both));
    expect(await ids({ hasEmail: false })).toEqual(sorted(phone, none));
    expect(await ids({ hasPhone: true, hasEmail: true })).toEqual(sorted(both));
    expect(await ids({ hasPhone: false })).toEqual(sorted(mail, none));
    expect(await ids({ type: "Ephemeral" })).toEqual(sorted(phone));
    expect(await ids({ customField: { name: "level", value: "gold" } })).toEqual(sorted(mail, both));
    expect(await ids({ customField: { name: "level", value: "gold" }, hasPhone: true })).toEqual(
      sorted(both),
    );
    expect(await ids({ customField: { name: "missing", value: "gold" } })).toEqual([]);

    // The flags follow edits and set-based writes alike.
    await updateContact(t.admin, mail.id, {
      lastName: "Filter Mail",
      phones: [{ type: "cell", display: "+1 202 555 0102" }],
    });
    const [batched] = await createContacts(t.admin, [
      { lastName: "Filter Batch", emails: [{ type: "work", address: "batch@example.com" }] },
    ]);
    if (!batched?.ok) throw new Error("the batch item failed");
    expect(await ids({ hasEmail: true })).toEqual(sorted(both, batched.entity));
    expect(await ids({ hasPhone: true, hasEmail: false })).toEqual(sorted(phone, mail));
  });

  it("refuses an unknown type", async () => {
    const error = await searchContacts(tenant().admin, { type: "Bogus" as "Curated" }).catch(
      (e: DomainError) => e,
    );
    expect((error as DomainError).code).toBe("VALIDATION");
  });
});
