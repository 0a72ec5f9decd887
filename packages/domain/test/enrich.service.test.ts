import { and, changeSets, contacts, eq } from "@switchboard/db";
import { describe, expect, it } from "vitest";
import {
  claimIdentifier,
  contactHistory,
  createContact,
  enrichContact,
  enrichOrganization,
  listIdentifiers,
  PERMISSIONS,
  saveDivision,
} from "../src";
import { rejection, withTestTenant } from "./helpers";

const tenant = withTestTenant();
const cookie = (value: string) => ({ type: "Cookie" as const, value });

describe("enrichContact", () => {
  it("needs only the enrich permission, and records its writes in the caller's name", async () => {
    const t = tenant();
    const caller = t.as([PERMISSIONS.contactEnrich], "Sync Job");
    const { entity, created } = await enrichContact(caller, {
      action: "Upsert",
      matchingIdentifiers: [cookie("svc-1")],
      inputFor: () => ({ firstName: "Service" }),
    });
    expect(created).toBe(true);
    expect((await listIdentifiers(t.admin, entity.id)).map((i) => i.value)).toEqual(["svc-1"]);
    const history = await contactHistory(t.admin, entity.id);
    expect(history.length).toBeGreaterThan(0);
    for (const set of history) expect(set.actorName).toBe("Sync Job");

    const refused = await rejection(
      enrichContact(t.as([PERMISSIONS.contactAdd, PERMISSIONS.contactEdit]), {
        action: "Upsert",
        matchingIdentifiers: [cookie("svc-2")],
        inputFor: () => ({}),
      }),
    );
    expect(refused.code).toBe("FORBIDDEN");
  });

  it("a dry run leaves no contact, claim or history behind", async () => {
    const t = tenant();
    const count = async (table: typeof contacts | typeof changeSets) =>
      (await t.database.db.select().from(table).where(eq(table.tenantId, t.tenantId))).length;
    const before = [await count(contacts), await count(changeSets)];
    const { entity, created } = await enrichContact(t.admin, {
      action: "Insert",
      matchingIdentifiers: [cookie("dry-domain")],
      dryRun: true,
      inputFor: () => ({ lastName: "Dry" }),
    });
    expect({ created, lastName: entity.lastName }).toEqual({ created: true, lastName: "Dry" });
    expect([await count(contacts), await count(changeSets)]).toEqual(before);
  });

  it("does not create a contact for an identifier held by one the caller cannot see (409, holder not named)", async () => {
    const t = tenant();
    const east = await saveDivision(t.admin, { name: "East (enrich)" });
    const hidden = await createContact(t.admin, { firstName: "Hidden" });
    await claimIdentifier(t.admin, hidden.id, cookie("hidden-cookie"));
    const limited = { ...t.admin, actor: { ...t.admin.actor, divisionIds: new Set([east.id]) } };
    for (const action of ["Upsert", "Merge", "Insert"] as const) {
      const refused = await rejection(
        enrichContact(limited, {
          action,
          matchingIdentifiers: [cookie("hidden-cookie")],
          inputFor: () => ({ firstName: "Duplicate", divisionId: east.id }),
        }),
      );
      expect(refused.code, action).toBe("CONFLICT");
      expect(refused.message).not.toContain(hidden.id);
    }
    expect(
      (
        await rejection(
          enrichContact(limited, {
            action: "Update",
            matchingIdentifiers: [cookie("hidden-cookie")],
            inputFor: () => ({}),
          }),
        )
      ).code,
    ).toBe("NOT_FOUND");
    const duplicates = await t.database.db
      .select()
      .from(contacts)
      .where(and(eq(contacts.tenantId, t.tenantId), eq(contacts.firstName, "Duplicate")));
    expect(duplicates).toEqual([]);
  });
});

describe("enrichOrganization", () => {
  it("refuses identifiers other than ExternalId, and an unknown action", async () => {
    const t = tenant();
    const wrongType = await rejection(
      enrichOrganization(t.admin, {
        action: "Upsert",
        matchingIdentifiers: [{ type: "Email", value: "a@b.example" }],
        inputFor: () => ({ name: "X" }),
      }),
    );
    expect(wrongType.issues.map((i) => i.path)).toEqual(["matchingIdentifiers.0.type"]);
    const merge = await rejection(
      enrichOrganization(t.admin, {
        action: "Merge" as never,
        matchingIdentifiers: [],
        inputFor: () => ({ name: "X" }),
      }),
    );
    expect(merge.issues.map((i) => i.path)).toEqual(["action"]);
  });
});
