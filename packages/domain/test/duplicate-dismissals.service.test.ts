import { describe, expect, it } from "vitest";
import {
  type Context,
  contactHistory,
  createContact,
  type DuplicateGroup,
  dismissDuplicates,
  ensureTenant,
  listDuplicateDismissals,
  mergeContacts,
  PERMISSIONS,
  pairKey,
  saveDivision,
  sharedValueEdges,
  suggestDuplicateGroups,
  undoDuplicateDismissals,
} from "../src";
import { failure, withTestTenant } from "./helpers";

const tenant = withTestTenant();
const members = (g: DuplicateGroup) => g.contacts.map((c) => c.id).sort();
/** The suggested group holding `id`, if any. */
const groupOf = async (ctx: Context, id: string, limit = 100) =>
  (await suggestDuplicateGroups(ctx, { limit })).find((g) => g.contacts.some((c) => c.id === id));
const sorted = (...ids: string[]) => [...ids].sort();

/**
 * Each test its own tenant: suggestions are tenant-wide, and another test's look-alikes would join in.
 * `as` acts with only the given permissions in it.
 */
async function ownTenant(slug: string) {
  const t = tenant();
  const { tenantId } = await ensureTenant(t.database.db, { slug });
  const admin: Context = { ...t.admin, tenantId };
  const as = (permissions: string[]): Context => ({ ...t.as(permissions), tenantId });
  return { admin, as, db: t.database.db };
}

describe("edges of contacts sharing one value, without dismissed pairs", () => {
  const dismissed = (...pairs: [string, string][]) => new Set(pairs.map(([x, y]) => pairKey(x, y)));
  /** The connected components the edges make, as sorted member lists. */
  const components = (ids: string[], edges: [string, string][]) => {
    const of = new Map(ids.map((id) => [id, new Set([id])]));
    for (const [x, y] of edges) {
      const joined = new Set([...of.get(x)!, ...of.get(y)!]);
      for (const id of joined) of.set(id, joined);
    }
    return [...new Set(of.values())].map((s) => [...s].sort()).sort();
  };

  it("is a star around the first contact when nothing is dismissed", () => {
    expect(sharedValueEdges(["a", "b", "c"], new Set())).toEqual([
      ["a", "b"],
      ["a", "c"],
    ]);
  });

  it("still joins two contacts through a third when their own pair is dismissed", () => {
    const edges = sharedValueEdges(["a", "b", "c"], dismissed(["b", "a"]));
    expect(edges).toEqual([
      ["a", "c"],
      ["c", "b"],
    ]);
  });

  it("leaves out a contact dismissed with every other, and yields nothing when every pair is", () => {
    expect(
      components(["a", "b", "c"], sharedValueEdges(["a", "b", "c"], dismissed(["a", "c"], ["b", "c"]))),
    ).toEqual([["a", "b"], ["c"]]);
    expect(sharedValueEdges(["a", "b"], dismissed(["a", "b"]))).toEqual([]);
  });

  it("connects exactly what the pairs left connect (not only each contact's first partner)", () => {
    // Left: a-b, c-d, b-d. Linking each contact to its first partner alone would split {a,b} from {c,d}.
    const ids = ["a", "c", "b", "d"];
    const edges = sharedValueEdges(ids, dismissed(["a", "c"], ["a", "d"], ["b", "c"]));
    expect(components(ids, edges)).toEqual([["a", "b", "c", "d"]]);
    expect(edges.every(([x, y]) => !["a c", "a d", "b c"].includes(pairKey(x, y)))).toBe(true);
  });
});

describe("dismissing suggested duplicates", () => {
  it("hides a pair dismissed as not duplicates, keeps a group's other edges, and undoes", async () => {
    const t = await ownTenant("dismiss-pairs");
    const create = (input: Parameters<typeof createContact>[1]) => createContact(t.admin, input);
    // A pair by email, a pair by similar names, and a chain: x-y share an email, y-z a phone.
    const p1 = await create({ firstName: "Pat", emails: [{ type: "work", address: "pat@pair.example" }] });
    const p2 = await create({
      firstName: "Pam",
      emails: [{ type: "personal", address: "PAT@pair.example" }],
    });
    const n1 = await create({ firstName: "Rosalind", lastName: "Franklin" });
    const n2 = await create({ firstName: "Rosalinde", lastName: "Franklin" });
    const x = await create({ lastName: "Abbott", emails: [{ type: "work", address: "x@chain.example" }] });
    const y = await create({
      lastName: "Costello",
      emails: [{ type: "work", address: "x@chain.example" }],
      phones: [{ type: "cell", display: "+1 202 555 0199" }],
    });
    const z = await create({ lastName: "Marx", phones: [{ type: "work", display: "+12025550199" }] });
    // Three sharing one email: dismissing one pair leaves both joined through the third.
    const trio = await Promise.all(
      ["Groucho", "Harpo", "Zeppo"].map((lastName) =>
        create({ lastName, emails: [{ type: "work", address: "trio@example.com" }] }),
      ),
    );

    expect(members((await groupOf(t.admin, p1.id))!)).toEqual(sorted(p1.id, p2.id));
    expect(members((await groupOf(t.admin, n1.id))!)).toEqual(sorted(n1.id, n2.id));
    expect(members((await groupOf(t.admin, x.id))!)).toEqual(sorted(x.id, y.id, z.id));

    const dismissed = await dismissDuplicates(t.admin, { contactIds: [p2.id, p1.id] });
    expect(dismissed.pairs).toEqual([{ a: sorted(p1.id, p2.id)[0], b: sorted(p1.id, p2.id)[1] }]);
    await dismissDuplicates(t.admin, { contactIds: [n1.id, n2.id] });
    await dismissDuplicates(t.admin, { contactIds: [x.id, y.id] });
    await dismissDuplicates(t.admin, { contactIds: [trio[0]!.id, trio[1]!.id] });

    expect(await groupOf(t.admin, p1.id)).toBeUndefined();
    expect(await groupOf(t.admin, n2.id)).toBeUndefined();
    // The chain keeps its phone edge only: x is no longer suggested, y and z still are.
    expect(await groupOf(t.admin, x.id)).toBeUndefined();
    const chain = (await groupOf(t.admin, y.id))!;
    expect(members(chain)).toEqual(sorted(y.id, z.id));
    expect(chain.reasons).toEqual([{ kind: "phone", value: "+12025550199" }]);
    expect(members((await groupOf(t.admin, trio[0]!.id))!)).toEqual(sorted(...trio.map((c) => c.id)));

    // Dismissing again adds nothing (there is nothing new to undo).
    expect((await dismissDuplicates(t.admin, { contactIds: [p1.id, p2.id] })).pairs).toEqual([]);

    // The dismissal is in both contacts' history, with who did it.
    const [last] = await contactHistory(t.admin, p1.id);
    expect(last).toMatchObject({
      action: "dismiss",
      actorName: "Test Admin",
      changes: [{ path: "notDuplicateOf", old: null, new: [p2.id] }],
    });
    expect((await contactHistory(t.admin, p2.id))[0]?.changes[0]?.new).toEqual([p1.id]);

    // The list names both contacts, newest first.
    const list = await listDuplicateDismissals(t.admin);
    expect(list.map((d) => [d.a.id, d.b.id].sort())).toEqual([
      sorted(trio[0]!.id, trio[1]!.id),
      sorted(x.id, y.id),
      sorted(n1.id, n2.id),
      sorted(p1.id, p2.id),
    ]);
    expect(list[0]?.dismissedBy).toMatchObject({ kind: "member", name: "Test Admin" });
    expect([list[0]?.a.lastName, list[0]?.b.lastName].sort()).toEqual(["Groucho", "Harpo"]);

    // Undo: the pair is suggested again, and its history says so.
    const undone = await undoDuplicateDismissals(t.admin, { pairs: [{ a: p2.id, b: p1.id }] });
    expect(undone.pairs).toHaveLength(1);
    expect(members((await groupOf(t.admin, p1.id))!)).toEqual(sorted(p1.id, p2.id));
    expect((await contactHistory(t.admin, p2.id))[0]).toMatchObject({
      action: "undismiss",
      changes: [{ path: "notDuplicateOf", old: [p1.id], new: null }],
    });
    expect((await undoDuplicateDismissals(t.admin, { pairs: [dismissed.pairs[0]!] })).pairs).toEqual([]);
    expect((await listDuplicateDismissals(t.admin)).map((d) => d.a.id)).not.toContain(p1.id);
    expect((await listDuplicateDismissals(t.admin)).map((d) => d.b.id)).not.toContain(p1.id);

    // A dismissed pair that is later merged away no longer shows in the list.
    await mergeContacts(t.admin, { contactIds: [n1.id, n2.id] });
    expect((await listDuplicateDismissals(t.admin)).some((d) => d.a.id === n1.id || d.b.id === n1.id)).toBe(
      false,
    );
  });

  it("dismisses every pair of a group at once, and an undo restores exactly those", async () => {
    const t = await ownTenant("dismiss-group");
    const group = await Promise.all(
      ["Ann", "Bea", "Cleo"].map((firstName) =>
        createContact(t.admin, { firstName, emails: [{ type: "work", address: "ann@group.example" }] }),
      ),
    );
    const ids = group.map((c) => c.id);
    // One pair was dismissed before: the group's dismissal adds the other two, and its undo leaves that one.
    await dismissDuplicates(t.admin, { contactIds: [ids[0]!, ids[1]!] });
    const all = await dismissDuplicates(t.admin, { contactIds: ids });
    expect(all.pairs).toHaveLength(2);
    expect(await groupOf(t.admin, ids[0]!)).toBeUndefined();
    await undoDuplicateDismissals(t.admin, all);
    // 0-1 stays dismissed; 0-2 and 1-2 are back, so the three are one group again (through 2).
    expect(members((await groupOf(t.admin, ids[0]!))!)).toEqual(sorted(...ids));
    expect(
      (await listDuplicateDismissals(t.admin))
        .map((d) => pairKey(d.a.id, d.b.id))
        .filter((k) => k.includes(ids[2]!)),
    ).toEqual([]);
  });

  it("leaves fully dismissed values out before the limit, so they do not crowd out other suggestions", async () => {
    const t = await ownTenant("dismiss-crowd");
    // Names unlike one another: only the emails join these contacts.
    const lastName = () => crypto.randomUUID().slice(0, 8);
    // Eleven values held by three contacts each (listed first: larger), every pair dismissed...
    for (let i = 0; i < 11; i++) {
      const trio = await Promise.all(
        [1, 2, 3].map((n) =>
          createContact(t.admin, {
            lastName: `${lastName()}${n}`,
            emails: [{ type: "work", address: `crowd${i}@example.com` }],
          }),
        ),
      );
      await dismissDuplicates(t.admin, { contactIds: trio.map((c) => c.id) });
    }
    // ...and one pair nobody dismissed. A limit of one group reads ten values per kind.
    const left = () =>
      createContact(t.admin, {
        lastName: lastName(),
        emails: [{ type: "work", address: "left@example.com" }],
      });
    const a = await left();
    const b = await left();
    const groups = await suggestDuplicateGroups(t.admin, { limit: 1 });
    expect(groups.map(members)).toEqual([sorted(a.id, b.id)]);
  });

  it("stays inside the tenant and the actor's divisions", async () => {
    const t = await ownTenant("dismiss-divisions");
    const west = await saveDivision(t.admin, { name: "West (dismissals)" });
    const ward = (divisionId?: string) =>
      createContact(t.admin, {
        lastName: "Wardell",
        divisionId,
        emails: [{ type: "work", address: "wardell@example.com" }],
      });
    const a = await ward(west.id);
    const b = await ward(west.id);
    const hidden = await ward();
    const limited: Context = {
      ...t.admin,
      actor: { ...t.admin.actor, name: "West Staff", divisionIds: new Set([west.id]) },
    };

    // A limited actor cannot dismiss (or undo) a pair with a contact outside its divisions: not found.
    expect((await failure(dismissDuplicates(limited, { contactIds: [a.id, hidden.id] })))?.code).toBe(
      "NOT_FOUND",
    );
    await dismissDuplicates(t.admin, { contactIds: [b.id, hidden.id] });
    expect(
      (await failure(undoDuplicateDismissals(limited, { pairs: [{ a: b.id, b: hidden.id }] })))?.code,
    ).toBe("NOT_FOUND");
    // ...nor sees that pair in the list; the admin does.
    expect(await listDuplicateDismissals(limited)).toEqual([]);
    expect((await listDuplicateDismissals(t.admin)).map((d) => pairKey(d.a.id, d.b.id))).toEqual([
      pairKey(b.id, hidden.id),
    ]);

    // Inside its division it dismisses, and everyone's suggestions follow.
    expect(members((await groupOf(limited, a.id))!)).toEqual(sorted(a.id, b.id));
    await dismissDuplicates(limited, { contactIds: [a.id, b.id] });
    expect(await groupOf(limited, a.id)).toBeUndefined();
    // The admin still sees a with `hidden` (that pair is not dismissed); b is dismissed with both.
    expect(members((await groupOf(t.admin, a.id))!)).toEqual(sorted(a.id, hidden.id));
    expect((await listDuplicateDismissals(limited)).map((d) => d.dismissedBy.name)).toEqual(["West Staff"]);

    // Another tenant cannot reach these contacts, and has no dismissals of its own.
    const other = await ensureTenant(t.db, { slug: "dismiss-other" });
    const outsider = { ...t.admin, tenantId: other.tenantId };
    expect((await failure(dismissDuplicates(outsider, { contactIds: [a.id, hidden.id] })))?.code).toBe(
      "NOT_FOUND",
    );
    expect((await failure(undoDuplicateDismissals(outsider, { pairs: [{ a: a.id, b: b.id }] })))?.code).toBe(
      "NOT_FOUND",
    );
    expect(await listDuplicateDismissals(outsider)).toEqual([]);
    expect(await listDuplicateDismissals(t.admin)).toHaveLength(2);
  });

  it("needs the merge permission to dismiss or undo, and refuses bad input", async () => {
    const t = await ownTenant("dismiss-permissions");
    const a = await createContact(t.admin, { firstName: "Perm A" });
    const b = await createContact(t.admin, { firstName: "Perm B" });
    const staff = t.as([PERMISSIONS.contactView, PERMISSIONS.contactEdit]);
    expect((await failure(dismissDuplicates(staff, { contactIds: [a.id, b.id] })))?.code).toBe("FORBIDDEN");
    await dismissDuplicates(t.admin, { contactIds: [a.id, b.id] });
    expect((await failure(undoDuplicateDismissals(staff, { pairs: [{ a: a.id, b: b.id }] })))?.code).toBe(
      "FORBIDDEN",
    );
    // Viewing the list needs only the view permission; without it, nothing.
    expect(await listDuplicateDismissals(staff)).toHaveLength(1);
    expect((await failure(listDuplicateDismissals(t.as([PERMISSIONS.identityMerge]))))?.code).toBe(
      "FORBIDDEN",
    );
    const merger = t.as([PERMISSIONS.identityMerge, PERMISSIONS.contactView]);
    expect((await undoDuplicateDismissals(merger, { pairs: [{ a: a.id, b: b.id }] })).pairs).toHaveLength(1);

    expect((await failure(dismissDuplicates(t.admin, { contactIds: [a.id, a.id] })))?.code).toBe(
      "VALIDATION",
    );
    expect((await failure(dismissDuplicates(t.admin, { contactIds: [a.id] })))?.code).toBe("VALIDATION");
    expect((await failure(dismissDuplicates(t.admin, { contactIds: [a.id, "not-a-uuid"] })))?.code).toBe(
      "NOT_FOUND",
    );
    const merged = await mergeContacts(t.admin, { contactIds: [a.id, b.id] });
    const c = await createContact(t.admin, { firstName: "Perm C" });
    expect((await failure(dismissDuplicates(t.admin, { contactIds: [a.id, c.id] })))?.code).toBe(
      "VALIDATION",
    );
    expect((await dismissDuplicates(t.admin, { contactIds: [merged.id, c.id] })).pairs).toHaveLength(1);
  });
});
