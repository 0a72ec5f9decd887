import { describe, expect, it } from "vitest";
import {
  associateConversation,
  contactHistory,
  conversationsOf,
  createContact,
  createOrganization,
  PERMISSIONS,
  promoteContact,
  reverseLookup,
} from "../src";
import { lookupKeyOf } from "../src/lookup/rules";
import { failure, withTestTenant } from "./helpers";

const tenant = withTestTenant();

describe("reverse whitepages lookup", () => {
  it("classifies the lookup value", () => {
    expect(lookupKeyOf(" Ada@Example.COM ")).toEqual({ kind: "email", value: "ada@example.com" });
    expect(lookupKeyOf("(212) 555-0177")).toEqual({ kind: "phone", value: "+12125550177" });
    expect(lookupKeyOf("@AdaLovelace")).toEqual({ kind: "twitter", value: "adalovelace" });
    expect(lookupKeyOf("  ")).toBeNull();
  });

  it("finds contacts by email in any case, phone in any format and Twitter screen name, and organizations by phone", async () => {
    const t = tenant();
    const ada = await createContact(t.admin, {
      firstName: "Ada",
      emails: [{ type: "work", address: "Ada@Engine.example" }],
      phones: [{ type: "cell", display: "+1 212 555 0177" }],
      extensions: { genesys: { twitterId: { screenName: "AdaL" } } },
    });
    const org = await createOrganization(t.admin, {
      name: "Engine Co",
      phones: [{ type: "work", display: "+1 212 555 0177" }],
    });
    for (const lookupVal of ["ada@engine.EXAMPLE", "(212) 555-0177", "+12125550177", "@adal"]) {
      const result = await reverseLookup(t.admin, { lookupVal });
      expect(
        result.contacts.map((c) => c.id),
        lookupVal,
      ).toEqual([ada.id]);
    }
    expect(
      (await reverseLookup(t.admin, { lookupVal: "2125550177" })).organizations.map((o) => o.id),
    ).toEqual([org.id]);
    expect((await reverseLookup(t.admin, { lookupVal: "nobody@nowhere.example" })).contacts).toEqual([]);
    expect(
      (await reverseLookup(t.admin, { lookupVal: "(212) 555-0177", divisionId: crypto.randomUUID() }))
        .contacts,
    ).toEqual([]);
  });

  it("returns at most 25 contacts", async () => {
    const t = tenant();
    for (let i = 0; i < 27; i++)
      await createContact(t.admin, {
        firstName: `Shared ${i}`,
        emails: [{ type: "work", address: "desk@shared.example" }],
      });
    expect((await reverseLookup(t.admin, { lookupVal: "desk@shared.example" })).contacts).toHaveLength(25);
  });
});

describe("promotion and conversation association", () => {
  it("promotes an observed contact to Curated once", async () => {
    const t = tenant();
    const observed = await createContact(t.admin, { firstName: "Observed" }, { type: "Ephemeral" });
    expect((await promoteContact(t.admin, observed.id)).type).toBe("Curated");
    expect((await failure(promoteContact(t.admin, observed.id)))!.code).toBe("VALIDATION");
    expect((await failure(promoteContact(t.as([PERMISSIONS.contactEdit]), observed.id)))!.code).toBe(
      "FORBIDDEN",
    );
  });

  it("associates, moves and removes a conversation, with history on the contacts", async () => {
    const t = tenant();
    const a = await createContact(t.admin, { firstName: "Caller A" });
    const b = await createContact(t.admin, { firstName: "Caller B" });
    const conversation = { conversationId: "conv-1", communicationId: "comm-1", mediaType: "CALL" };
    await associateConversation(t.admin, { ...conversation, externalContactId: a.id });
    expect((await conversationsOf(t.admin, a.id)).map((c) => c.conversationId)).toEqual(["conv-1"]);
    await associateConversation(t.admin, { ...conversation, externalContactId: b.id });
    expect(await conversationsOf(t.admin, a.id)).toEqual([]);
    expect((await conversationsOf(t.admin, b.id)).map((c) => c.conversationId)).toEqual(["conv-1"]);
    await associateConversation(t.admin, conversation);
    expect(await conversationsOf(t.admin, b.id)).toEqual([]);
    expect((await contactHistory(t.admin, a.id))[0]!.changes).toEqual([
      { path: "conversations.conv-1", old: "CALL", new: null },
    ]);
    expect((await failure(associateConversation(t.admin, { ...conversation, mediaType: "FAX" })))!.code).toBe(
      "VALIDATION",
    );
    expect(
      (await failure(
        associateConversation(t.admin, { ...conversation, externalContactId: crypto.randomUUID() }),
      ))!.code,
    ).toBe("NOT_FOUND");
  });
});
