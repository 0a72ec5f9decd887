import { describe, expect, it } from "vitest";
import {
  addNote,
  claimIdentifier,
  createContact,
  createSchema,
  getContact,
  getUnresolvedContact,
  listNotes,
  lookupByIdentifier,
  mergeContacts,
  mergedInput,
  mergeTwoContacts,
  PERMISSIONS,
  searchContacts,
  updateSchema,
} from "../src";
import { failure, withTestTenant } from "./helpers";

const tenant = withTestTenant();
const text = (maxLength: number) => ({ allOf: [{ $ref: "#/definitions/text" }], title: "Text", maxLength });

describe("merging contacts", () => {
  it("picks each value from the first contact that has it, unless overridden", async () => {
    const t = tenant();
    const a = await createContact(t.admin, {
      firstName: "Ada",
      emails: [{ type: "work", address: "ada@a.example" }],
    });
    const b = await createContact(t.admin, {
      firstName: "Augusta",
      lastName: "King",
      emails: [{ type: "personal", address: "ada@home.example" }],
    });
    const input = mergedInput([a, b], { title: "Countess" });
    expect(input).toMatchObject({ firstName: "Ada", lastName: "King", title: "Countess" });
    expect(input.emails?.map((e) => e.type)).toEqual(["work", "personal"]);
  });

  it("takes each custom field and the addresses as picked, the rest from the first contact that has them", async () => {
    const t = tenant();
    const schema = await createSchema(t.admin, "contact", {
      name: "Loyalty (merge)",
      jsonSchema: { properties: { tier: text(20), region: text(20) } },
    });
    const loyalty = (customFields: Record<string, string>) => ({
      schemaId: schema.id,
      schemaVersion: 1,
      customFields,
    });
    const a = await createContact(t.admin, {
      firstName: "Annie",
      lastName: "Easley",
      addresses: [{ type: "home", address1: "1 First St", city: "Cleveland", postalCode: "44101" }],
      ...loyalty({ tier: "gold" }),
    });
    const b = await createContact(t.admin, {
      firstName: "Annie J.",
      lastName: "Easley",
      addresses: [
        { type: "work", address1: "21000 Brookpark Rd", city: "Cleveland", state: "OH" },
        { type: "home", address1: "2 Second Ave", city: "Cleveland" },
      ],
      ...loyalty({ tier: "silver", region: "midwest" }),
    });

    // Unpicked: the first contact's addresses, and each custom field from the first that has it.
    expect(mergedInput([a, b])).toMatchObject({
      schemaId: schema.id,
      schemaVersion: 1,
      customFields: { tier: "gold", region: "midwest" },
      addresses: a.addresses,
    });

    // A picked field that is not in the merged schema is refused, and nothing is merged.
    const unknown = await failure(
      mergeContacts(t.admin, { contactIds: [a.id, b.id], customFieldOverrides: { nickname: "Annie" } }),
    );
    expect(unknown?.code).toBe("VALIDATION");
    expect(unknown?.issues.map((i) => i.path)).toEqual(["customFields.nickname"]);
    expect((await getContact(t.admin, a.id)).id).toBe(a.id);

    // Picked: the second contact's addresses (as a whole) and tier; region left out.
    const merged = await mergeContacts(t.admin, {
      contactIds: [a.id, b.id],
      valueOverride: { addresses: b.addresses },
      customFieldOverrides: { tier: "silver", region: null },
    });
    expect(merged.customFields).toEqual({ tier: "silver" });
    expect(merged.schemaId).toBe(schema.id);
    // The merged contact is a new record: its points are copies with ids of their own.
    const withoutId = ({ id: _id, ...a }: (typeof b.addresses)[number]) => a;
    expect(merged.addresses.map(withoutId)).toEqual(b.addresses.map(withoutId));
    expect(merged.firstName).toBe("Annie");
    expect((await getContact(t.admin, merged.id)).addresses.map((x) => x.address1)).toEqual([
      "21000 Brookpark Rd",
      "2 Second Ave",
    ]);

    // Values of another schema version are not mixed in unless picked.
    await updateSchema(t.admin, "contact", schema.id, {
      name: "Loyalty (merge)",
      jsonSchema: { properties: { tier: text(20), region: text(20), since: text(4) } },
      version: 1,
    });
    const c = await createContact(t.admin, {
      firstName: "A.",
      schemaId: schema.id,
      schemaVersion: 2,
      customFields: { tier: "bronze", since: "1955" },
    });
    const d = await createContact(t.admin, { firstName: "Annie", ...loyalty({ region: "east" }) });
    expect(mergedInput([d, c]).customFields).toEqual({ region: "east" });
    expect(mergedInput([d, c], {}, { tier: "bronze" }).customFields).toEqual({
      region: "east",
      tier: "bronze",
    });
  });

  it("merges into a new contact that reads resolve to; notes and identifiers follow it", async () => {
    const t = tenant();
    const a = await createContact(t.admin, { firstName: "Grace", lastName: "Hopper" }, { type: "Ephemeral" });
    const b = await createContact(t.admin, {
      firstName: "G.",
      phones: [{ type: "cell", display: "+1 212 555 0144" }],
    });
    await addNote(t.admin, { type: "contact", id: a.id }, { text: "from A" });
    await claimIdentifier(t.admin, b.id, { type: "Cookie", value: "cookie-b" });

    const merged = await mergeContacts(t.admin, { contactIds: [a.id, b.id] });
    expect(merged.id).not.toBe(a.id);
    expect(merged).toMatchObject({
      firstName: "Grace",
      lastName: "Hopper",
      type: "Curated",
      mergedFrom: [a.id, b.id],
    });
    expect(merged.phones[0]?.e164).toBe("+12125550144");

    expect((await getContact(t.admin, a.id)).id).toBe(merged.id);
    expect(await getUnresolvedContact(t.admin, a.id)).toMatchObject({
      id: a.id,
      canonicalContactId: merged.id,
    });
    expect(
      (await listNotes(t.admin, { type: "contact", id: merged.id })).entities.map((n) => n.text),
    ).toEqual(["from A"]);
    expect((await lookupByIdentifier(t.admin, { type: "Cookie", value: "cookie-b" })).id).toBe(merged.id);
    const found = await searchContacts(t.admin, { q: "hopper" });
    expect(found.entities.map((c) => c.id)).toEqual([merged.id]);

    // Merging the merged contact again keeps every ancestor pointing at the head.
    const c = await createContact(t.admin, { firstName: "Third" });
    const head = await mergeContacts(t.admin, { contactIds: [merged.id, c.id] });
    expect((await getUnresolvedContact(t.admin, a.id)).canonicalContactId).toBe(head.id);
  });

  it("refuses fewer than two contacts, already merged ones, two Curated in the deprecated route, and no permission", async () => {
    const t = tenant();
    const a = await createContact(t.admin, { firstName: "Curated A" });
    const b = await createContact(t.admin, { firstName: "Curated B" });
    expect((await failure(mergeContacts(t.admin, { contactIds: [a.id, a.id] })))!.code).toBe("VALIDATION");
    expect(
      (await failure(mergeTwoContacts(t.admin, { sourceContactId: a.id, targetContactId: b.id })))!.code,
    ).toBe("VALIDATION");
    const observed = await createContact(t.admin, { firstName: "Observed" }, { type: "Identified" });
    const merged = await mergeTwoContacts(t.admin, { sourceContactId: observed.id, targetContactId: a.id });
    expect(merged.firstName).toBe("Curated A");
    expect((await failure(mergeContacts(t.admin, { contactIds: [a.id, b.id] })))!.code).toBe("VALIDATION");
    expect(
      (await failure(mergeContacts(t.as([PERMISSIONS.contactEdit]), { contactIds: [b.id, merged.id] })))!
        .code,
    ).toBe("FORBIDDEN");
  });
});
