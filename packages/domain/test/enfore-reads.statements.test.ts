import { describe, expect, it } from "vitest";
import {
  createContact,
  deleteContact,
  mergeContacts,
  readContact,
  readContactRecord,
  saveDivision,
} from "../src";
import type { ContactRecord } from "../src/contacts/reads";
import { rejection, statementsOf, withTestTenant } from "./helpers";

const tenant = withTestTenant();

/** What `readContactRecord` reads of a contact: all but its contact points (enfore's individual shows none). */
const withoutPoints = ({ phones, emails, addresses, webAddresses, ...rest }: ContactRecord) => rest;

describe("readContactRecord (enfore's GET of an individual)", () => {
  it("reads what readContact reads but the points, in one statement: live, deleted when asked, merged-away as the survivor", async () => {
    const t = tenant();
    const live = await createContact(t.admin, {
      firstName: "Ida",
      lastName: "Record",
      emails: [{ type: "work", address: "ida@example.com" }],
      phones: [{ type: "cell", display: "+41 79 555 01 02" }],
    });
    const read = await statementsOf(t, () =>
      readContactRecord(t.admin, { id: live.id }, { includeDeleted: true }),
    );
    expect(read.count).toBe(1);
    expect(read.result).toEqual(
      withoutPoints(await readContact(t.admin, { id: live.id }, { includeDeleted: true })),
    );
    expect(await readContactRecord(t.admin, { number: live.number })).toEqual(
      withoutPoints(await readContact(t.admin, { number: live.number })),
    );

    const gone = await createContact(t.admin, { firstName: "Gone", lastName: "Record" });
    await deleteContact(t.admin, gone.id);
    const deleted = await readContactRecord(t.admin, { id: gone.id }, { includeDeleted: true });
    expect(deleted).toEqual(
      withoutPoints(await readContact(t.admin, { id: gone.id }, { includeDeleted: true })),
    );
    expect(deleted.deleted).toBe(true);
    expect((await rejection(readContactRecord(t.admin, { id: gone.id }))).code).toBe("NOT_FOUND");

    const a = await createContact(t.admin, { firstName: "Merge", lastName: "Record" });
    const b = await createContact(t.admin, { firstName: "Merge", lastName: "Record" });
    const merged = await mergeContacts(t.admin, { contactIds: [a.id, b.id] });
    expect(await readContactRecord(t.admin, { id: a.id })).toEqual(
      withoutPoints(await readContact(t.admin, { id: merged.id })),
    );

    const elsewhere = await saveDivision(t.admin, { name: "Elsewhere record" });
    const far = await createContact(t.admin, { firstName: "Far", divisionId: elsewhere.id });
    const limited = { ...t.admin, actor: { ...t.admin.actor, divisionIds: new Set([t.homeDivisionId]) } };
    expect((await rejection(readContactRecord(limited, { id: far.id }))).code).toBe("NOT_FOUND");
    expect((await rejection(readContactRecord(t.admin, { id: "not-a-uuid" }))).code).toBe("NOT_FOUND");
  });
});
