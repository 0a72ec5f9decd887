import { describe, expect, it } from "vitest";
import {
  addCustomerListMembers,
  addImage,
  addTag,
  createContact,
  createCustomerList,
  createMembership,
  createOrganization,
  createPersonalRelationship,
  listCustomerListMembers,
  listImages,
  listMemberships,
  listPersonalRelationships,
  listProfileRoles,
  listTags,
  mergeContacts,
  putProfileRole,
} from "../src";
import { withTestTenant } from "./helpers";

const tenant = withTestTenant();
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]).toString("base64");
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0]).toString("base64");

describe("merging contacts", () => {
  it("moves the merged contacts' tags, roles, images, memberships, relationships and list places to the merged one", async () => {
    const t = tenant();
    const a = await createContact(t.admin, { firstName: "Ann", lastName: "One" });
    const b = await createContact(t.admin, { firstName: "Ann", lastName: "Two" });
    const friend = await createContact(t.admin, { firstName: "Friend" });
    const club = await createOrganization(t.admin, { name: "Club" });
    const A = { kind: "contact" as const, id: a.id };
    const B = { kind: "contact" as const, id: b.id };
    for (const name of ["x", "y"]) await addTag(t.admin, A, { name });
    for (const name of ["y", "z"]) await addTag(t.admin, B, { name });
    const base = { isActive: true, since: "2024-01-01" };
    await putProfileRole(t.admin, A, "customer", { ...base, number: "C-A", isSuspended: false });
    await putProfileRole(t.admin, B, "customer", { ...base, number: "C-B", isSuspended: false });
    await putProfileRole(t.admin, B, "supplier", { ...base, number: "S-B" });
    const png = await addImage(t.admin, A, { data: PNG });
    const jpeg = await addImage(t.admin, B, { data: JPEG });
    await createMembership(t.admin, B, { type: "CLUB", organizationId: club.id, name: "Gold" });
    await createPersonalRelationship(t.admin, A, { type: "SPOUSE", relatedContactId: b.id });
    await createPersonalRelationship(t.admin, A, { type: "FRIEND", relatedContactId: friend.id });
    await createPersonalRelationship(
      t.admin,
      { kind: "contact", id: friend.id },
      {
        type: "FRIEND",
        relatedContactId: b.id,
      },
    );
    const list = await createCustomerList(t.admin, { name: "Both" });
    await addCustomerListMembers(t.admin, list.id, [a.id, b.id, friend.id]);

    const merged = await mergeContacts(t.admin, { contactIds: [a.id, b.id] });
    const M = { kind: "contact" as const, id: merged.id };

    expect((await listTags(t.admin, M)).map((x) => x.name)).toEqual(["x", "y", "z"]);
    const roles = await listProfileRoles(t.admin, M);
    expect(roles.map((r) => [r.kind, r.number])).toEqual([
      ["customer", "C-A"],
      ["supplier", "S-B"],
    ]);
    expect((await listImages(t.admin, M)).map((i) => i.id)).toEqual([png.id, jpeg.id]);
    expect((await listMemberships(t.admin, M)).map((m) => m.name)).toEqual(["Gold"]);
    expect((await listPersonalRelationships(t.admin, M)).map((r) => [r.type, r.relatedContactId])).toEqual([
      ["FRIEND", friend.id],
    ]);
    expect(
      (await listPersonalRelationships(t.admin, { kind: "contact", id: friend.id })).map(
        (r) => r.relatedContactId,
      ),
    ).toEqual([merged.id]);
    const members = (await listCustomerListMembers(t.admin, list.id)).map((m) => m.id);
    expect(members.sort()).toEqual([friend.id, merged.id].sort());
  });
});
