import { divisions } from "@switchboard/db";
import { describe, expect, it } from "vitest";
import {
  type Context,
  claimIdentifier,
  contactHistory,
  createContact,
  listIdentifiers,
  lookupByIdentifier,
  PERMISSIONS,
  releaseIdentifier,
} from "../src";
import { normalizeIdentifier } from "../src/identifiers/rules";
import { failure, withTestTenant } from "./helpers";

const tenant = withTestTenant();

describe("identifiers", () => {
  it("normalizes phones to E.164 (a + country code is required) and emails to lower case", () => {
    expect(normalizeIdentifier("Phone", "+1 704 298 4733")).toEqual({ value: "+17042984733" });
    expect(normalizeIdentifier("Phone", "704 298 4733")).toHaveProperty("issue");
    expect(normalizeIdentifier("Email", " Ada@X.org ")).toEqual({ value: "ada@x.org" });
    expect(normalizeIdentifier("Cookie", " abc ")).toEqual({ value: "abc" });
  });

  it("lets one contact at a time hold a value: claim, conflict, release, claim again", async () => {
    const t = tenant();
    const a = await createContact(t.admin, { firstName: "Holder" });
    const b = await createContact(t.admin, { firstName: "Other" });
    const phone = { type: "Phone" as const, value: "+1 (704) 298-4733" };
    const claimed = await claimIdentifier(t.admin, a.id, phone);
    expect(claimed).toMatchObject({ contactId: a.id, value: "+17042984733" });
    expect(await claimIdentifier(t.admin, a.id, phone)).toEqual(claimed);
    expect(
      (await failure(claimIdentifier(t.admin, b.id, { type: "Phone", value: "+17042984733" })))!.code,
    ).toBe("CONFLICT");
    expect((await lookupByIdentifier(t.admin, { type: "Phone", value: "+1 704 298 4733" })).id).toBe(a.id);
    expect((await listIdentifiers(t.admin, a.id)).map((i) => i.type)).toEqual(["Phone"]);

    await releaseIdentifier(t.admin, a.id, phone);
    expect((await failure(releaseIdentifier(t.admin, a.id, phone)))!.code).toBe("NOT_FOUND");
    expect((await claimIdentifier(t.admin, b.id, phone)).contactId).toBe(b.id);
    expect((await lookupByIdentifier(t.admin, phone)).id).toBe(b.id);
    expect((await contactHistory(t.admin, a.id))[0]!.changes).toEqual([
      { path: "identifiers.Phone", old: "+17042984733", new: null },
    ]);
  });

  it("names the holder of a claimed value only to a caller who can see it", async () => {
    const t = tenant();
    const [secret] = await t.database.db
      .insert(divisions)
      .values({ tenantId: t.tenantId, name: "Secret (identifiers)" })
      .returning();
    const hidden = await createContact(t.admin, {
      firstName: "Hidden",
      lastName: "Holder",
      divisionId: secret!.id,
    });
    const mine = await createContact(t.admin, { firstName: "Visible" });
    const email = { type: "Email" as const, value: "hidden.holder@example.com" };
    await claimIdentifier(t.admin, hidden.id, email);
    const homeOnly: Context = {
      ...t.admin,
      actor: { ...t.admin.actor, divisionIds: new Set([mine.divisionId]) },
    };

    const refused = (await failure(claimIdentifier(homeOnly, mine.id, email)))!;
    expect(refused.code).toBe("CONFLICT");
    const told = JSON.stringify({ message: refused.message, issues: refused.issues, entity: refused.entity });
    expect(told).not.toContain(hidden.id);
    expect(told).not.toContain("Hidden");
    const lookedUp = (await failure(lookupByIdentifier(homeOnly, email)))!;
    expect(lookedUp.code).toBe("NOT_FOUND");
    expect(JSON.stringify({ message: lookedUp.message, entity: lookedUp.entity })).not.toContain(hidden.id);

    // A caller who sees the holder is told which contact holds it.
    expect((await failure(claimIdentifier(t.admin, mine.id, email)))!.message).toContain(hidden.id);
  });

  it("gives a value claimed by many contacts at once to exactly one of them, refusing the others as conflicts", async () => {
    const t = tenant();
    const racers = await Promise.all(
      Array.from({ length: 10 }, (_, i) => createContact(t.admin, { firstName: `Racer ${i}` })),
    );
    const results = await Promise.allSettled(
      racers.map((c) => claimIdentifier(t.admin, c.id, { type: "Cookie", value: "race-cookie" })),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const codes = results.flatMap((r) =>
      r.status === "rejected" ? [(r.reason as { code?: string }).code] : [],
    );
    expect(codes).toEqual(Array(9).fill("CONFLICT"));
  });

  it("checks permissions and input", async () => {
    const t = tenant();
    const c = await createContact(t.admin, { firstName: "Perm" });
    expect(
      (await failure(claimIdentifier(t.as([PERMISSIONS.contactView]), c.id, { type: "Cookie", value: "x" })))!
        .code,
    ).toBe("FORBIDDEN");
    expect(
      (await failure(claimIdentifier(t.admin, c.id, { type: "Bogus" as "Cookie", value: "x" })))!.code,
    ).toBe("VALIDATION");
    expect(
      (await failure(lookupByIdentifier(t.admin, { type: "Email", value: "nobody@example.org" })))!.code,
    ).toBe("NOT_FOUND");
  });
});
