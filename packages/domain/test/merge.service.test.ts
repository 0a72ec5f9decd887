import { describe, expect, it } from "vitest";
import {
  addNote,
  claimIdentifier,
  createContact,
  type DomainError,
  getContact,
  getUnresolvedContact,
  listNotes,
  lookupByIdentifier,
  mergeContacts,
  mergedInput,
  mergeTwoContacts,
  PERMISSIONS,
  searchContacts,
} from "../src";
import { withTestTenant } from "./helpers";

const tenant = withTestTenant();
const failure = (p: Promise<unknown>) =>
  p.then(
    () => null,
    (e: DomainError) => e,
  );

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
