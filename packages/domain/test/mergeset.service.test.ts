import { describe, expect, it } from "vitest";
import { createContact, getUnresolvedContact, mergeContacts, mergePlacesOf, PERMISSIONS } from "../src";
import { withTestTenant } from "./helpers";

const tenant = withTestTenant();

describe("merge places", () => {
  it("name the canonical contact, the whole tree and each contact's direct successor", async () => {
    const t = tenant();
    const a = await createContact(t.admin, { firstName: "A" });
    const b = await createContact(t.admin, { firstName: "B" });
    const c = await createContact(t.admin, { firstName: "C" });
    const loner = await createContact(t.admin, { firstName: "Loner" });
    const m = await mergeContacts(t.admin, { contactIds: [a.id, b.id] });
    const n = await mergeContacts(t.admin, { contactIds: [m.id, c.id] });

    const read = await Promise.all([a, m, c].map((x) => getUnresolvedContact(t.admin, x.id)));
    const places = await mergePlacesOf(t.admin, [...read, n, loner]);
    const tree = [n.id, a.id, b.id, c.id, m.id];
    expect(places.get(n.id)).toEqual({ canonicalContactId: n.id, mergeSet: tree, mergedTo: null });
    expect(places.get(a.id)).toEqual({ canonicalContactId: n.id, mergeSet: tree, mergedTo: m.id });
    expect(places.get(m.id)?.mergedTo).toBe(n.id);
    expect(places.get(c.id)?.mergedTo).toBe(n.id);
    expect(places.has(loner.id)).toBe(false);
    await expect(mergePlacesOf(t.as([PERMISSIONS.contactAdd]), [n])).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
  });
});
