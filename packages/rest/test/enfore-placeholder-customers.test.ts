import { PERMISSIONS } from "@switchboard/domain";
import { describe, expect, it } from "vitest";
import { call, ORG } from "./enfore-helpers";
import { withRestHarness } from "./harness";

const harness = withRestHarness();
const h = () => harness();

const PATH = `${ORG}/placeholder-customers`;
const input = (customer_id: string, external_id?: string) => ({
  ...(external_id && { external_id }),
  customer_id,
  name: `Walk-in ${customer_id}`,
  is_active: true,
  customer_since: "2024-05-01",
  requires_formal_invoice: false,
  track_revenue: true,
});

describe("enfore placeholder customers (ops 113-117)", () => {
  it("creates, reads, replaces and soft-deletes; still readable and listed with deleted: true", async () => {
    const created = await call(h(), "POST", PATH, 201, input("PC-1", "ext-1"));
    expect(created).toEqual({ id: expect.any(String), ...input("PC-1", "ext-1"), deleted: false });
    expect(Object.keys(created)).toEqual(["id", ...Object.keys(input("PC-1", "ext-1")), "deleted"]);
    expect(await call(h(), "GET", `${PATH}/${created.id}`, 200)).toEqual(created);

    const replaced = await call(h(), "PUT", `${PATH}/${created.id}`, 200, {
      ...input("PC-1"),
      track_revenue: false,
    });
    expect(replaced).toEqual({ id: created.id, ...input("PC-1"), track_revenue: false, deleted: false });

    await call(h(), "DELETE", `${PATH}/${created.id}`, 204);
    expect(await call(h(), "GET", `${PATH}/${created.id}`, 200)).toEqual({ ...replaced, deleted: true });
    const list = await call(h(), "GET", `${PATH}?limit=5000`, 200);
    expect(list.items.find((p) => p.id === created.id)).toEqual({ ...replaced, deleted: true });
    await call(h(), "DELETE", `${PATH}/${created.id}`, 404);
    await call(h(), "PUT", `${PATH}/${created.id}`, 404, input("PC-1"));
  });

  it("refuses a customer_id or external_id another live one has (422) and invalid bodies (400)", async () => {
    const a = await call(h(), "POST", PATH, 201, input("DUP-1", "dup-ext"));
    const b = await call(h(), "POST", PATH, 201, input("DUP-2"));
    expect((await call(h(), "POST", PATH, 422, input("DUP-1"))).title).toBe("Unprocessable Entity");
    await call(h(), "POST", PATH, 422, input("DUP-3", "dup-ext"));
    await call(h(), "PUT", `${PATH}/${b.id}`, 422, input("DUP-1"));
    await call(h(), "PUT", `${PATH}/${a.id}`, 200, input("DUP-1", "dup-ext"));
    for (const bad of [
      {},
      { ...input("X"), customer_id: "" },
      { ...input("X"), customer_since: "yesterday" },
      { ...input("X"), is_active: "yes" },
      { ...input("X"), external_id: "" },
      { name: "no id", is_active: true },
    ])
      await call(h(), "POST", PATH, 400, bad);
    await call(h(), "GET", `${PATH}/${crypto.randomUUID()}`, 404);
    await call(h(), "GET", `${PATH}/not-an-id`, 404);
  });

  it("pages in creation order: limit 1..5000, offset from 0, 400 outside", async () => {
    const ids: string[] = [];
    for (const n of [1, 2, 3]) ids.push((await call(h(), "POST", PATH, 201, input(`PAGE-${n}`))).id);
    const all = (await call(h(), "GET", `${PATH}?limit=5000`, 200)).items.map((p) => p.id);
    const start = all.indexOf(ids[0]!);
    expect(all.slice(start, start + 3)).toEqual(ids);
    const page = await call(h(), "GET", `${PATH}?limit=2&offset=${start + 1}`, 200);
    expect(page).toEqual({
      items: [expect.objectContaining({ id: ids[1] }), expect.objectContaining({ id: ids[2] })],
      problems: [],
    });
    expect((await call(h(), "GET", `${PATH}?offset=${all.length}`, 200)).items).toEqual([]);
    expect((await call(h(), "GET", PATH, 200)).items.length).toBe(Math.min(all.length, 200));
    for (const q of ["limit=0", "limit=5001", "offset=-1", "limit=abc", "limit=1.5"])
      await call(h(), "GET", `${PATH}?${q}`, 400);
  });

  it("403 without the permissions or for another org", async () => {
    const pc = await call(h(), "POST", PATH, 201, input("PERM-1"));
    const viewer = await h().tokenFor([PERMISSIONS.placeholderCustomerView]);
    await call(h(), "GET", PATH, 200, undefined, viewer);
    await call(h(), "GET", `${PATH}/${pc.id}`, 200, undefined, viewer);
    await call(h(), "POST", PATH, 403, input("PERM-2"), viewer);
    await call(h(), "PUT", `${PATH}/${pc.id}`, 403, input("PERM-1"), viewer);
    await call(h(), "DELETE", `${PATH}/${pc.id}`, 403, undefined, viewer);
    const none = await h().tokenFor([PERMISSIONS.contactView]);
    await call(h(), "GET", PATH, 403, undefined, none);
    await call(h(), "GET", `/enfore/org/another-org/placeholder-customers/${pc.id}`, 403);
  });
});
