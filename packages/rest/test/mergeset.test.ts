import { describe, expect, it } from "vitest";
import { withRestHarness } from "./harness";

const harness = withRestHarness();
const API = "/api/v2/externalcontacts";
type Ref = { id: string; selfUri: string };
type Json = Record<string, unknown> & {
  id: string;
  canonicalContact?: Ref;
  mergeSet?: Ref[];
  mergedFrom?: Ref[];
  mergedTo?: Ref;
};

const read = async (path: string) => {
  const response = await harness().request(`${API}${path}`);
  expect(response.status, path).toBe(200);
  return (await response.json()) as Json;
};
const ids = (refs: Ref[] | undefined) => refs?.map((r) => r.id);

describe("Genesys merge sets on reads", () => {
  it("returns canonicalContact, mergeSet, mergedFrom and mergedTo across a two-level merge tree", async () => {
    const h = harness();
    const create = async (lastName: string) =>
      (await (
        await h.request(`${API}/contacts`, { method: "POST", json: { firstName: "Treecase", lastName } })
      ).json()) as Json;
    const merge = async (contactIds: string[]) =>
      (await (
        await h.request(`${API}/contacts/merge`, { method: "POST", json: { contactIds } })
      ).json()) as Json;
    const a = await create("Alpha");
    const b = await create("Beta");
    const c = await create("Gamma");
    const loner = await create("Loner");
    const m = await merge([a.id, b.id]);
    expect(ids(m.mergeSet)).toEqual([m.id, a.id, b.id]);
    const n = await merge([m.id, c.id]);
    // The canonical contact first, then the others in creation order.
    const tree = [n.id, a.id, b.id, c.id, m.id];

    // The merge answer and a plain read of the canonical contact carry the whole tree.
    expect(ids(n.mergeSet)).toEqual(tree);
    const head = await read(`/contacts/${n.id}`);
    expect(head.canonicalContact).toEqual({ id: n.id, selfUri: `${API}/contacts/${n.id}` });
    expect(ids(head.mergeSet)).toEqual(tree);
    expect(ids(head.mergedFrom)).toEqual([m.id, c.id]);
    expect(head.mergedTo).toBeUndefined();

    // A merged-away read resolves to the head; unresolved reads show where each input went.
    expect((await read(`/contacts/${a.id}?expand=mergeset`)).id).toBe(n.id);
    const ancestor = await read(`/contacts/${a.id}/unresolved`);
    expect(ancestor).toMatchObject({ id: a.id, canonicalContact: { id: n.id }, mergedTo: { id: m.id } });
    expect(ids(ancestor.mergeSet)).toEqual(tree);
    expect(ancestor.mergedFrom).toBeUndefined();
    const middle = await read(`/contacts/${m.id}/unresolved`);
    expect(ids(middle.mergedFrom)).toEqual([a.id, b.id]);
    expect(middle.mergedTo?.id).toBe(n.id);

    // Search and scan carry the same bookkeeping; a contact in no merge has none of it.
    const found = (await read(`/contacts?q=treecase&expand=mergeset`)) as unknown as { entities: Json[] };
    expect(found.entities.map((e) => e.id).sort()).toEqual([loner.id, n.id].sort());
    const foundHead = found.entities.find((e) => e.id === n.id)!;
    expect(ids(foundHead.mergeSet)).toEqual(tree);
    const alone = found.entities.find((e) => e.id === loner.id)!;
    for (const field of ["canonicalContact", "mergeSet", "mergedFrom", "mergedTo"])
      expect(alone[field], field).toBeUndefined();

    const scanned: Json[] = [];
    let next: string | undefined = `/scan/contacts?limit=200`;
    while (next) {
      const page = (await read(next)) as unknown as { entities: Json[]; cursors?: { after: string } };
      scanned.push(...page.entities);
      next = page.cursors ? `/scan/contacts?limit=200&cursor=${page.cursors.after}` : undefined;
    }
    expect(ids(scanned.find((e) => e.id === n.id)?.mergeSet)).toEqual(tree);
    expect(scanned.some((e) => e.id === a.id)).toBe(false);
  });
});
