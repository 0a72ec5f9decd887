import { describe, expect, it } from "vitest";
import {
  addTag,
  createContact,
  createOrganization,
  deleteTag,
  getOrganization,
  listTags,
  listTenantTags,
  PERMISSIONS,
  renameTag,
  searchOrganizations,
} from "../src";
import { changeSetsOf } from "../src/history";
import { rejection, withTestTenant } from "./helpers";

const tenant = withTestTenant();

describe("the tenant's tag list", () => {
  it("renames a tag everywhere it is held: enfore lists, Genesys organization tags, search and history", async () => {
    const t = tenant();
    const person = { kind: "contact" as const, id: (await createContact(t.admin, { firstName: "P" })).id };
    const org = { kind: "organization" as const, id: (await createOrganization(t.admin, { name: "O" })).id };
    const gold = await addTag(t.admin, person, { name: "gold" });
    await addTag(t.admin, person, { name: "first" });
    await addTag(t.admin, org, { name: "gold" });

    expect(await renameTag(t.admin, gold.id, { name: "platinum" })).toEqual({
      id: gold.id,
      name: "platinum",
    });
    expect((await listTags(t.admin, person)).map((x) => x.name)).toEqual(["platinum", "first"]);
    expect((await getOrganization(t.admin, org.id)).tags).toEqual(["platinum"]);
    expect((await searchOrganizations(t.admin, { q: "platinum" })).entities.map((o) => o.id)).toEqual([
      org.id,
    ]);
    expect((await searchOrganizations(t.admin, { q: "gold" })).total).toBe(0);
    const [last] = await changeSetsOf(t.admin, "contact", person.id);
    expect(last!.changes).toEqual([{ path: "tags.0", old: "gold", new: "platinum" }]);

    // Names are unique per tenant (case-sensitive): another tag's name is a conflict, its own is a no-op.
    await addTag(t.admin, person, { name: "Platinum" });
    const other = (await listTenantTags(t.admin)).find((x) => x.name === "first")!;
    expect((await rejection(renameTag(t.admin, other.id, { name: "platinum" }))).code).toBe("CONFLICT");
    expect(await renameTag(t.admin, gold.id, { name: "platinum" })).toEqual({
      id: gold.id,
      name: "platinum",
    });
    expect((await rejection(renameTag(t.admin, crypto.randomUUID(), { name: "x" }))).code).toBe("NOT_FOUND");
    expect((await rejection(renameTag(t.admin, gold.id, { name: "" }))).code).toBe("VALIDATION");
    expect((await rejection(renameTag(t.as([PERMISSIONS.tagView]), gold.id, { name: "y" }))).code).toBe(
      "FORBIDDEN",
    );
  });

  it("deletes a tag from the list and from every record holding it", async () => {
    const t = tenant();
    const person = { kind: "contact" as const, id: (await createContact(t.admin, { firstName: "P" })).id };
    const org = { kind: "organization" as const, id: (await createOrganization(t.admin, { name: "O" })).id };
    const old = await addTag(t.admin, person, { name: "old" });
    await addTag(t.admin, person, { name: "keep" });
    await addTag(t.admin, org, { name: "old" });

    await deleteTag(t.admin, old.id);
    const names = (await listTenantTags(t.admin)).map((x) => x.name);
    expect(names).toContain("keep");
    expect(names).not.toContain("old");
    expect((await listTags(t.admin, person)).map((x) => x.name)).toEqual(["keep"]);
    expect((await getOrganization(t.admin, org.id)).tags).toEqual([]);
    expect((await searchOrganizations(t.admin, { q: "old" })).total).toBe(0);
    expect((await rejection(deleteTag(t.admin, old.id))).code).toBe("NOT_FOUND");
    // The name can be used again: a new tag.
    expect((await addTag(t.admin, org, { name: "old" })).id).not.toBe(old.id);
  });
});
