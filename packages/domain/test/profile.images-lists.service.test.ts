import { describe, expect, it } from "vitest";
import {
  addCustomerListMembers,
  addImage,
  createContact,
  createCustomerList,
  createOrganization,
  deleteContact,
  deleteCustomerList,
  ensureTenant,
  getCustomerList,
  getImage,
  listCustomerListMembers,
  listCustomerLists,
  listImages,
  PERMISSIONS,
  removeCustomerListMember,
  removeImage,
  updateCustomerList,
} from "../src";
import { changeSetsOf } from "../src/history";
import { rejection, withTestTenant } from "./helpers";

const tenant = withTestTenant();

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]).toString("base64");
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16]).toString("base64");

describe("images", () => {
  it("a new image goes first and is the default; removing it makes the next one the default", async () => {
    const t = tenant();
    const person = {
      kind: "contact" as const,
      id: (await createContact(t.admin, { firstName: "Pictured" })).id,
    };
    const png = await addImage(t.admin, person, { data: PNG });
    const jpeg = await addImage(t.admin, person, { data: JPEG });
    expect(png.contentType).toBe("image/png");
    expect((await listImages(t.admin, person)).map((i) => [i.id, i.contentType, i.isDefault])).toEqual([
      [jpeg.id, "image/jpeg", true],
      [png.id, "image/png", false],
    ]);
    expect(await getImage(t.admin, person, png.id)).toMatchObject({ data: PNG, isDefault: false });

    await removeImage(t.admin, person, jpeg.id);
    expect((await listImages(t.admin, person)).map((i) => [i.id, i.isDefault])).toEqual([[png.id, true]]);
    expect((await rejection(getImage(t.admin, person, jpeg.id))).code).toBe("NOT_FOUND");
    const paths = (await changeSetsOf(t.admin, "contact", person.id)).flatMap((c) =>
      c.changes.map((x) => x.path),
    );
    expect(paths).toEqual(expect.arrayContaining([`images.${png.id}`, `images.${jpeg.id}`]));
  });

  it("takes only base64 JPEG or PNG, with the image permissions, on the caller's tenant's records", async () => {
    const t = tenant();
    const org = {
      kind: "organization" as const,
      id: (await createOrganization(t.admin, { name: "Logo Co" })).id,
    };
    const gif = Buffer.from("GIF89a......").toString("base64");
    expect((await rejection(addImage(t.admin, org, { data: gif }))).code).toBe("VALIDATION");
    expect((await rejection(addImage(t.admin, org, { data: "not base64!" }))).code).toBe("VALIDATION");
    expect((await rejection(addImage(t.as([PERMISSIONS.imageView]), org, { data: PNG }))).code).toBe(
      "FORBIDDEN",
    );
    const { tenantId } = await ensureTenant(t.database.db, { slug: "images-other" });
    const theirs = await createOrganization({ ...t.admin, tenantId }, { name: "Theirs" });
    expect(
      (await rejection(addImage(t.admin, { kind: "organization", id: theirs.id }, { data: PNG }))).code,
    ).toBe("NOT_FOUND");
  });
});

describe("customer lists", () => {
  it("names a list, adds people and organizations once each in order, pages, removes, and deletes", async () => {
    const t = tenant();
    const list = await createCustomerList(t.admin, { name: "Spring mailing" });
    const ada = await createContact(t.admin, { firstName: "Ada" });
    const acme = await createOrganization(t.admin, { name: "Acme" });
    const gone = await createContact(t.admin, { firstName: "Gone" });
    await deleteContact(t.admin, gone.id);
    const missing = crypto.randomUUID();

    const added = await addCustomerListMembers(t.admin, list.id, [ada.id, acme.id, ada.id, gone.id, missing]);
    expect(added.items).toEqual([
      { kind: "contact", id: ada.id },
      { kind: "organization", id: acme.id },
    ]);
    expect(added.problems.map((p) => p.id)).toEqual([gone.id, missing]);
    await addCustomerListMembers(t.admin, list.id, [ada.id]);
    const live = added.items.map((i) => ({ ...i, live: true }));
    expect(await listCustomerListMembers(t.admin, list.id)).toEqual(live);
    expect(await listCustomerListMembers(t.admin, list.id, { limit: 1, offset: 1 })).toEqual([
      { kind: "organization", id: acme.id, live: true },
    ]);
    // A member deleted later stays on the list, no longer live.
    const later = await createContact(t.admin, { firstName: "Later" });
    await addCustomerListMembers(t.admin, list.id, [later.id]);
    await deleteContact(t.admin, later.id);
    expect(await listCustomerListMembers(t.admin, list.id, { offset: 2 })).toEqual([
      { kind: "contact", id: later.id, live: false },
    ]);
    await removeCustomerListMember(t.admin, list.id, later.id);

    await removeCustomerListMember(t.admin, list.id, ada.id);
    expect((await rejection(removeCustomerListMember(t.admin, list.id, ada.id))).code).toBe("NOT_FOUND");
    expect((await updateCustomerList(t.admin, list.id, { name: "Summer mailing" })).name).toBe(
      "Summer mailing",
    );
    expect((await listCustomerLists(t.admin)).map((l) => l.name)).toContain("Summer mailing");
    expect((await rejection(createCustomerList(t.admin, { name: "" }))).code).toBe("VALIDATION");

    await deleteCustomerList(t.admin, list.id);
    expect((await rejection(getCustomerList(t.admin, list.id))).code).toBe("NOT_FOUND");
    expect((await changeSetsOf(t.admin, "customerList", list.id)).map((c) => c.action)).toEqual([
      "delete",
      "update",
      "update",
      "update",
      "update",
      "update",
      "create",
    ]);
  });

  it("keeps lists and their members inside the tenant, behind the list permissions", async () => {
    const t = tenant();
    const { tenantId } = await ensureTenant(t.database.db, { slug: "lists-other" });
    const other = { ...t.admin, tenantId };
    const theirList = await createCustomerList(other, { name: "Theirs" });
    const theirContact = await createContact(other, { firstName: "Eve" });
    expect((await rejection(getCustomerList(t.admin, theirList.id))).code).toBe("NOT_FOUND");
    const mine = await createCustomerList(t.admin, { name: "Mine" });
    const added = await addCustomerListMembers(t.admin, mine.id, [theirContact.id]);
    expect(added.items).toEqual([]);
    expect(added.problems.map((p) => p.id)).toEqual([theirContact.id]);
    expect((await listCustomerLists(other)).map((l) => l.name)).toEqual(["Theirs"]);
    const viewer = t.as([PERMISSIONS.customerListView]);
    expect((await rejection(createCustomerList(viewer, { name: "x" }))).code).toBe("FORBIDDEN");
    expect((await rejection(addCustomerListMembers(viewer, mine.id, []))).code).toBe("FORBIDDEN");
    expect((await rejection(deleteCustomerList(viewer, mine.id))).code).toBe("FORBIDDEN");
  });
});
