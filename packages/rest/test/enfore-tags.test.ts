import { PERMISSIONS } from "@switchboard/domain";
import { describe, expect, it } from "vitest";
import { call, ORG } from "./enfore-helpers";
import { withRestHarness } from "./harness";

const harness = withRestHarness();
const h = () => harness();

describe("enfore tags (ops 55-57, 94-96)", () => {
  it("tags a contact by name, reusing the org's tag by exact name; removing leaves the org's tag", async () => {
    const person = await call(h(), "POST", `${ORG}/individual`, 201, { name: "Tagged Person" });
    const org = await call(h(), "POST", `${ORG}/organization`, 201, { name: "Tagged Org" });
    const path = `${ORG}/individual/${person.id}/tags`;
    expect(await call(h(), "GET", path, 200)).toEqual({ items: [] });

    const vip = await call(h(), "POST", path, 201, { name: "VIP" });
    expect(vip).toEqual({ id: expect.any(String), name: "VIP" });
    const lower = await call(h(), "POST", path, 201, { name: "vip" });
    expect(lower.id).not.toBe(vip.id);
    expect(await call(h(), "POST", path, 201, { name: "VIP" })).toEqual(vip);
    const orgVip = await call(h(), "POST", `${ORG}/organization/${org.id}/tags`, 201, { name: "VIP" });
    expect(orgVip).toEqual(vip);
    expect(await call(h(), "GET", path, 200)).toEqual({ items: [vip, lower] });

    await call(h(), "DELETE", `${path}/${vip.id}`, 204);
    expect(await call(h(), "GET", path, 200)).toEqual({ items: [lower] });
    await call(h(), "DELETE", `${path}/${vip.id}`, 404);
    await call(h(), "DELETE", `${path}/not-a-tag`, 404);
    // The org keeps the tag: the organization still has it, and tagging again reuses it.
    expect(await call(h(), "GET", `${ORG}/organization/${org.id}/tags`, 200)).toEqual({ items: [vip] });
    expect(await call(h(), "POST", path, 201, { name: "VIP" })).toEqual(vip);

    for (const bad of [{}, { name: "" }, { name: "x".repeat(257) }, { name: 7 }])
      await call(h(), "POST", path, 400, bad);
  });

  it("Genesys organization tags and enfore organization tags are the same list", async () => {
    const created = await h().request("/api/v2/externalcontacts/organizations", {
      method: "POST",
      json: { name: "Both Dialects Ltd", tags: ["genesys-made", "shared"] },
    });
    expect(created.status).toBe(200);
    const { id } = (await created.json()) as { id: string };
    const enfore = await call(h(), "GET", `${ORG}/organization/${id}/tags`, 200);
    expect(enfore.items.map((t) => t.name)).toEqual(["genesys-made", "shared"]);

    await call(h(), "POST", `${ORG}/organization/${id}/tags`, 201, { name: "enfore-made" });
    await call(h(), "DELETE", `${ORG}/organization/${id}/tags/${enfore.items[0]!.id}`, 204);
    const read = await h().request(`/api/v2/externalcontacts/organizations/${id}`);
    expect(((await read.json()) as { tags: string[] }).tags).toEqual(["shared", "enfore-made"]);

    // A Genesys PUT replaces the list; enfore sees the result.
    const current = (await (
      await h().request(`/api/v2/externalcontacts/organizations/${id}`)
    ).json()) as Record<string, unknown>;
    const put = await h().request(`/api/v2/externalcontacts/organizations/${id}`, {
      method: "PUT",
      json: { ...current, tags: ["enfore-made", "genesys-again"] },
    });
    expect(put.status).toBe(200);
    const after = await call(h(), "GET", `${ORG}/organization/${id}/tags`, 200);
    expect(after.items.map((t) => t.name)).toEqual(["enfore-made", "genesys-again"]);
  });

  it("404s a deleted contact, the other kind's id and an unknown id; 403 without the permission or for another org", async () => {
    const person = await call(h(), "POST", `${ORG}/individual`, 201, { name: "Gone Tagged" });
    const tag = await call(h(), "POST", `${ORG}/individual/${person.id}/tags`, 201, { name: "old" });
    await call(h(), "GET", `${ORG}/organization/${person.id}/tags`, 404);
    await call(h(), "POST", `${ORG}/organization/${person.id}/tags`, 404, { name: "x" });
    await call(h(), "GET", `${ORG}/individual/${crypto.randomUUID()}/tags`, 404);

    const viewer = await h().tokenFor([PERMISSIONS.tagView]);
    await call(h(), "GET", `${ORG}/individual/${person.id}/tags`, 200, undefined, viewer);
    await call(h(), "POST", `${ORG}/individual/${person.id}/tags`, 403, { name: "x" }, viewer);
    await call(h(), "DELETE", `${ORG}/individual/${person.id}/tags/${tag.id}`, 403, undefined, viewer);
    const none = await h().tokenFor([PERMISSIONS.contactView]);
    await call(h(), "GET", `${ORG}/individual/${person.id}/tags`, 403, undefined, none);
    await call(h(), "GET", `/enfore/org/another-org/individual/${person.id}/tags`, 403);

    await call(h(), "DELETE", `${ORG}/individual/${person.id}`, 204);
    await call(h(), "GET", `${ORG}/individual/${person.id}/tags`, 404);
    await call(h(), "POST", `${ORG}/individual/${person.id}/tags`, 404, { name: "x" });
    await call(h(), "DELETE", `${ORG}/individual/${person.id}/tags/${tag.id}`, 404);
  });
});
