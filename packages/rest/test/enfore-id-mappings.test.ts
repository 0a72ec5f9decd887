import { PERMISSIONS } from "@switchboard/domain";
import { describe, expect, it } from "vitest";
import { call, ORG } from "./enfore-helpers";
import { withRestHarness } from "./harness";

// ID mappings (ops 61-67, 106-112): one-to-one, and the same value as the contact's external_id.
const harness = withRestHarness();
const h = () => harness();

describe.each([
  ["individual", { name: "Mapped Person" }],
  ["organization", { name: "Mapped Org" }],
] as const)("enfore %s ID mappings", (kind, body) => {
  const mapping = `${ORG}/${kind}-id-mapping`;
  const byExternal = (e: string) => `${ORG}/${kind}/id-from-external-id/${encodeURIComponent(e)}`;
  const byInternal = (i: string) => `${ORG}/${kind}/external-id-from-id/${i}`;

  it("shares the mapping with external_id, both ways", async () => {
    const a = await call(h(), "POST", `${ORG}/${kind}`, 201, { ...body, external_id: `${kind}-a` });
    expect(await call(h(), "GET", byExternal(`${kind}-a`), 200)).toEqual({
      internal: a.id,
      external: `${kind}-a`,
    });
    expect(await call(h(), "GET", byInternal(a.id), 200)).toEqual({ internal: a.id, external: `${kind}-a` });
    const b = await call(h(), "POST", `${ORG}/${kind}`, 201, body);
    const added = await call(h(), "POST", mapping, 200, {
      items: [{ internal: b.id, external: `${kind}-b` }],
    });
    expect(added).toEqual({ items: [{ internal: b.id, external: `${kind}-b` }] });
    expect(await call(h(), "GET", `${ORG}/${kind}/${b.id}`, 200)).toMatchObject({ external_id: `${kind}-b` });
    const all = await call(h(), "GET", mapping, 200);
    expect(all.items).toEqual(
      expect.arrayContaining([
        { internal: a.id, external: `${kind}-a` },
        { internal: b.id, external: `${kind}-b` },
      ]),
    );
    // Upsert replaces the mappings of every id listed.
    await call(h(), "PUT", mapping, 200, { items: [{ internal: b.id, external: `${kind}-a` }] });
    expect(await call(h(), "GET", byExternal(`${kind}-a`), 200)).toEqual({
      internal: b.id,
      external: `${kind}-a`,
    });
    expect(await call(h(), "GET", `${ORG}/${kind}/${a.id}`, 200)).not.toHaveProperty("external_id");
    await call(h(), "DELETE", byInternal(b.id), 204);
    await call(h(), "GET", byInternal(b.id), 404);
    expect(await call(h(), "GET", `${ORG}/${kind}/${b.id}`, 200)).not.toHaveProperty("external_id");
    await call(h(), "PUT", mapping, 200, { items: [{ internal: a.id, external: `${kind}-c` }] });
    await call(h(), "DELETE", byExternal(`${kind}-c`), 204);
    await call(h(), "DELETE", byExternal(`${kind}-c`), 404);
    // A soft-deleted contact keeps its mapping.
    await call(h(), "PUT", mapping, 200, { items: [{ internal: a.id, external: `${kind}-d` }] });
    await call(h(), "DELETE", `${ORG}/${kind}/${a.id}`, 204);
    expect(await call(h(), "GET", byInternal(a.id), 200)).toEqual({ internal: a.id, external: `${kind}-d` });
  });

  it("refuses clashing, duplicate and unknown mappings with 422, malformed ones with 400", async () => {
    const a = await call(h(), "POST", `${ORG}/${kind}`, 201, { ...body, external_id: `${kind}-x` });
    const b = await call(h(), "POST", `${ORG}/${kind}`, 201, body);
    await call(h(), "POST", mapping, 422, { items: [{ internal: b.id, external: `${kind}-x` }] });
    await call(h(), "POST", mapping, 422, { items: [{ internal: a.id, external: `${kind}-y` }] });
    await call(h(), "POST", mapping, 422, {
      items: [
        { internal: b.id, external: `${kind}-1` },
        { internal: b.id, external: `${kind}-2` },
      ],
    });
    await call(h(), "PUT", mapping, 422, {
      items: [
        { internal: a.id, external: `${kind}-1` },
        { internal: b.id, external: `${kind}-1` },
      ],
    });
    await call(h(), "POST", mapping, 422, {
      items: [{ internal: crypto.randomUUID(), external: `${kind}-z` }],
    });
    const other = await call(
      h(),
      "POST",
      `${ORG}/${kind === "individual" ? "organization" : "individual"}`,
      201,
      {
        name: "Other kind",
      },
    );
    await call(h(), "POST", mapping, 422, { items: [{ internal: other.id, external: `${kind}-o` }] });
    // The same mapping again is no clash.
    await call(h(), "POST", mapping, 200, { items: [{ internal: a.id, external: `${kind}-x` }] });
    await call(h(), "POST", mapping, 400, { items: [{ internal: a.id }] });
    await call(h(), "POST", mapping, 400, { items: [{ internal: a.id, external: "" }] });
    await call(h(), "POST", mapping, 400, {});
    await call(h(), "GET", byExternal("nobody-has-this"), 404);
    await call(h(), "GET", byInternal(crypto.randomUUID()), 404);
    await call(h(), "DELETE", byInternal(crypto.randomUUID()), 404);
    const viewer = await h().tokenFor([PERMISSIONS.contactView, PERMISSIONS.organizationView]);
    await call(h(), "GET", mapping, 200, undefined, viewer);
    await call(h(), "POST", mapping, 403, { items: [] }, viewer);
    await call(h(), "DELETE", byInternal(a.id), 403, undefined, viewer);
  });
});
