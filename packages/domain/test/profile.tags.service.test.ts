import { describe, expect, it } from "vitest";
import {
  addTag,
  type Context,
  createContact,
  createOrganization,
  ensureTenant,
  getOrganization,
  listTags,
  listTenantTags,
  PERMISSIONS,
  patchOrganization,
  removeTag,
  searchOrganizations,
  updateOrganization,
} from "../src";
import { changeSetsOf } from "../src/history";
import { rejection, withTestTenant } from "./helpers";

const tenant = withTestTenant();

/** The admin of a second tenant in the same database. */
async function otherTenant(): Promise<Context> {
  const t = tenant();
  const { tenantId } = await ensureTenant(t.database.db, {
    slug: `other-${crypto.randomUUID().slice(0, 8)}`,
  });
  return { ...t.admin, tenantId };
}

describe("tags", () => {
  it("tags a person and an organization by name, reusing the tenant's tag, in the order given", async () => {
    const t = tenant();
    const person = {
      kind: "contact" as const,
      id: (await createContact(t.admin, { firstName: "Tagged" })).id,
    };
    const org = {
      kind: "organization" as const,
      id: (await createOrganization(t.admin, { name: "Tag Co" })).id,
    };

    const vip = await addTag(t.admin, person, { name: "VIP" });
    await addTag(t.admin, person, { name: "vip" });
    expect(await addTag(t.admin, person, { name: "VIP" })).toEqual(vip);
    const orgVip = await addTag(t.admin, org, { name: "VIP" });

    expect(orgVip.id).toBe(vip.id);
    expect((await listTags(t.admin, person)).map((x) => x.name)).toEqual(["VIP", "vip"]);
    expect((await listTags(t.admin, org)).map((x) => x.name)).toEqual(["VIP"]);
    const names = (await listTenantTags(t.admin)).map((x) => x.name);
    expect(names).toEqual(expect.arrayContaining(["VIP", "vip"]));

    await removeTag(t.admin, person, vip.id);
    expect((await listTags(t.admin, person)).map((x) => x.name)).toEqual(["vip"]);
    expect((await listTags(t.admin, org)).map((x) => x.name)).toEqual(["VIP"]);
    expect((await listTenantTags(t.admin)).map((x) => x.name)).toContain("VIP");
    expect((await rejection(removeTag(t.admin, person, vip.id))).code).toBe("NOT_FOUND");

    const history = await changeSetsOf(t.admin, "contact", person.id);
    // The same field-level paths an organization write records for its tags.
    expect(history[0]!.changes).toEqual([
      { path: "tags.0", old: "VIP", new: "vip" },
      { path: "tags.1", old: "vip", new: null },
    ]);
  });

  it("refuses names outside 1..256 characters, callers without the tag permissions, and other tenants' records", async () => {
    const t = tenant();
    const person = {
      kind: "contact" as const,
      id: (await createContact(t.admin, { firstName: "Guarded" })).id,
    };
    expect((await rejection(addTag(t.admin, person, { name: " " }))).code).toBe("VALIDATION");
    expect((await rejection(addTag(t.admin, person, { name: "x".repeat(257) }))).code).toBe("VALIDATION");
    const viewer = t.as([PERMISSIONS.tagView, PERMISSIONS.contactView]);
    expect((await rejection(addTag(viewer, person, { name: "a" }))).code).toBe("FORBIDDEN");
    expect((await rejection(listTags(t.as([PERMISSIONS.contactView]), person))).code).toBe("FORBIDDEN");

    const other = await otherTenant();
    const foreign = {
      kind: "contact" as const,
      id: (await createContact(other, { firstName: "Foreign" })).id,
    };
    expect((await rejection(addTag(t.admin, foreign, { name: "a" }))).code).toBe("NOT_FOUND");
    expect((await rejection(listTags(t.admin, foreign))).code).toBe("NOT_FOUND");
    // The same name in another tenant is another tag.
    const mine = await addTag(t.admin, person, { name: "shared" });
    const theirs = await addTag(other, foreign, { name: "shared" });
    expect(theirs.id).not.toBe(mine.id);
    expect((await listTenantTags(other)).map((x) => x.name)).toEqual(["shared"]);
  });

  it("holds at most 100 tags per record, as many as a Genesys organization write may send back", async () => {
    const t = tenant();
    const org = {
      kind: "organization" as const,
      id: (await createOrganization(t.admin, { name: "Many" })).id,
    };
    const names = Array.from({ length: 100 }, (_, i) => `t${i}`);
    await updateOrganization(t.admin, org.id, { name: "Many", tags: names });
    const refused = await rejection(addTag(t.admin, org, { name: "one more" }));
    expect(refused.code).toBe("VALIDATION");
    expect(await addTag(t.admin, org, { name: "t7" })).toMatchObject({ name: "t7" });
  });
});

describe("organization tags are a view of the tag assignments", () => {
  it("reads and writes the same tags through the organization and the tag use cases", async () => {
    const t = tenant();
    const created = await createOrganization(t.admin, { name: "View Co", tags: ["b", "a", "b"] });
    expect(created.tags).toEqual(["b", "a"]);
    const org = { kind: "organization" as const, id: created.id };
    expect((await listTags(t.admin, org)).map((x) => x.name)).toEqual(["b", "a"]);

    // A tag added through the tag use cases shows in the organization, whose version moves on.
    await addTag(t.admin, org, { name: "c" });
    const read = await getOrganization(t.admin, created.id);
    expect(read.tags).toEqual(["b", "a", "c"]);
    expect(read.version).toBe(created.version + 1);

    // A whole-record write replaces the assignments; the tenant keeps its tags.
    const updated = await updateOrganization(t.admin, created.id, { name: "View Co", tags: ["c", "d"] });
    expect(updated.tags).toEqual(["c", "d"]);
    expect((await listTags(t.admin, org)).map((x) => x.name)).toEqual(["c", "d"]);
    expect((await listTenantTags(t.admin)).map((x) => x.name)).toEqual(expect.arrayContaining(["a", "b"]));

    // Genesys `q` searches organization tags, whichever way they were written.
    await addTag(t.admin, org, { name: "zebrafish" });
    expect((await searchOrganizations(t.admin, { q: "zebrafish" })).entities.map((o) => o.id)).toEqual([
      created.id,
    ]);
    const [zebra] = (await listTags(t.admin, org)).filter((x) => x.name === "zebrafish");
    await removeTag(t.admin, org, zebra!.id);
    expect((await searchOrganizations(t.admin, { q: "zebrafish" })).total).toBe(0);

    const patched = await patchOrganization(t.admin, created.id, (o) => ({
      name: o.name,
      tags: [...o.tags, "e"],
    }));
    expect(patched.tags).toEqual(["c", "d", "e"]);
    expect((await getOrganization(t.admin, created.id)).tags).toEqual(["c", "d", "e"]);
  });
});
