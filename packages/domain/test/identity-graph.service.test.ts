import { describe, expect, it } from "vitest";
import {
  createContact,
  deleteContact,
  dismissDuplicates,
  ensureTenant,
  getCluster,
  getClusterScan,
  getContact,
  getGraphSettings,
  listClusterScans,
  listClusters,
  mergeCluster,
  PERMISSIONS,
  runClusterScan,
  saveDivision,
  suggestDuplicateGroups,
  updateGraphSettings,
} from "../src";
import { rejection, withTestTenant } from "./helpers";

const tenant = withTestTenant();
const sorted = (ids: string[]) => [...ids].sort();

describe("identity graph cluster scans", () => {
  it("finds the duplicates page's groups, in its order, with contact and identifier vertices", async () => {
    const t = tenant();
    const create = (input: Parameters<typeof createContact>[1]) => createContact(t.admin, input);
    const a = await create({
      firstName: "Ada",
      lastName: "Scan",
      emails: [{ type: "work", address: "ada@scan.example" }],
    });
    const b = await create({
      firstName: "Augusta",
      lastName: "King",
      emails: [{ type: "personal", address: "ADA@scan.example" }],
      phones: [{ type: "cell", display: "+1 202 555 0177" }],
    });
    const c = await create({ firstName: "Byron", phones: [{ type: "work", display: "+12025550177" }] });
    const e = await create({ firstName: "Katherine", lastName: "Scanjohnson" });
    const f = await create({ firstName: "Katharine", lastName: "Scanjohnson" });

    const scan = await runClusterScan(t.admin, "request");
    const page = await suggestDuplicateGroups(t.admin, { limit: 100 });
    const { entities, nextCursor } = await listClusters(t.admin, scan.id, { limit: 100 });
    expect(nextCursor).toBeNull();
    // The same groups, the same contacts, the same order and reasons as the duplicates page.
    expect(entities.map((x) => x.contactIds)).toEqual(page.map((g) => g.contacts.map((x) => x.id)));
    expect(entities.map((x) => x.graph.reasons)).toEqual(page.map((g) => g.reasons));
    expect(scan.totalClusters).toBe(2);

    const abc = entities[0]!;
    expect(sorted(abc.contactIds)).toEqual(sorted([a.id, b.id, c.id]));
    expect(abc.graph.identifiers).toEqual(
      expect.arrayContaining([
        { type: "Email", value: "ada@scan.example" },
        { type: "Phone", value: "+12025550177" },
      ]),
    );
    expect(abc.graph.edges).toEqual(
      expect.arrayContaining([
        { from: a.id, to: "Email:ada@scan.example" },
        { from: b.id, to: "Email:ada@scan.example" },
        { from: c.id, to: "Phone:+12025550177" },
      ]),
    );
    expect(abc.division).toEqual({ id: t.homeDivisionId, name: "Home" });
    expect(abc.mergeInfo).toEqual({ status: "NotMerged", error: null, mergedAt: null });
    expect(abc.contacts.map((x) => x.id)).toEqual(abc.contactIds);
    const names = entities[1]!;
    expect(sorted(names.contactIds)).toEqual(sorted([e.id, f.id]));
    expect(names.graph.edges).toHaveLength(1);
    expect(names.graph.identifiers).toEqual([]);

    // Paging by cursor walks the same list; `latest` is this scan.
    const first = await listClusters(t.admin, "latest", { limit: 1 });
    const second = await listClusters(t.admin, "latest", { limit: 1, cursor: first.nextCursor! });
    expect([...first.entities, ...second.entities].map((x) => x.id)).toEqual(entities.map((x) => x.id));
    expect(second.nextCursor).toBeNull();
    expect((await getClusterScan(t.admin, "latest")).id).toBe(scan.id);
  });

  it("gives the page's first groups as the scan's first clusters, however many shared values the tenant has", async () => {
    const t = tenant();
    const other = await ensureTenant(t.database.db, { slug: "graph-bounds" });
    const ctx = { ...t.admin, tenantId: other.tenantId };
    const email = (address: string) => [{ type: "work" as const, address }];
    // Ten pairs, each sharing an email that sorts before the chain's...
    for (const letter of "abcdefghij")
      for (const name of ["One", "Two"])
        await createContact(ctx, {
          firstName: `${letter}${name}`,
          emails: email(`${letter}@bounds.example`),
        });
    // ...and a chain of three joined by two emails: the largest group, first on the page and in the scan.
    const p1 = await createContact(ctx, { firstName: "Pa", emails: email("zz1@bounds.example") });
    const p2 = await createContact(ctx, {
      firstName: "Pb",
      emails: [...email("zz1@bounds.example"), { type: "personal", address: "zz2@bounds.example" }],
    });
    const p3 = await createContact(ctx, { firstName: "Pc", emails: email("zz2@bounds.example") });

    const scan = await runClusterScan(ctx, "request");
    const [first] = (await listClusters(ctx, scan.id, { limit: 1 })).entities;
    expect(sorted(first!.contactIds)).toEqual(sorted([p1.id, p2.id, p3.id]));
    const [group] = await suggestDuplicateGroups(ctx, { limit: 1 });
    expect(group?.contacts.map((c) => c.id)).toEqual(first!.contactIds);
    const all = await suggestDuplicateGroups(ctx, { limit: 100 });
    expect(all.map((g) => g.contacts.map((c) => c.id))).toEqual(
      (await listClusters(ctx, scan.id, { limit: 100 })).entities.map((c) => c.contactIds),
    );
  });

  it("reads a page's worth of name pairs, the page and the scan alike, however many similar names the tenant has", async () => {
    const t = tenant();
    const other = await ensureTenant(t.database.db, { slug: "graph-name-bound" });
    const ctx = { ...t.admin, tenantId: other.tenantId };
    // Sixty names, every two alike: 1,770 similar pairs, more than a page reads (a large tenant has millions).
    for (let i = 10; i < 70; i++) await createContact(ctx, { firstName: "Ada", lastName: `Lovelace${i}` });

    const [group] = await suggestDuplicateGroups(ctx, { limit: 1 });
    expect(group?.reasons.length).toBeGreaterThan(0);
    expect(group!.reasons.length).toBeLessThanOrEqual(1000);
    const scan = await runClusterScan(ctx, "request");
    const [first] = (await listClusters(ctx, scan.id, { limit: 1 })).entities;
    expect(group!.contacts.map((c) => c.id)).toEqual(first!.contactIds);
    expect(first!.graph.edges.length).toBeLessThanOrEqual(1000);
  });

  it("keeps dismissed pairs apart, merges a cluster with the domain merge, and refuses an outdated one", async () => {
    const t = tenant();
    const create = (input: Parameters<typeof createContact>[1]) => createContact(t.admin, input);
    const x = await create({ firstName: "Xena", emails: [{ type: "work", address: "x@apart.example" }] });
    const y = await create({ firstName: "Yuri", emails: [{ type: "work", address: "x@apart.example" }] });
    const p = await create({ firstName: "Pia", phones: [{ type: "cell", display: "+1 303 555 0101" }] });
    const q = await create({
      firstName: "Quin",
      phones: [{ type: "cell", display: "+13035550101" }],
      title: "Dr",
    });
    await dismissDuplicates(t.admin, { contactIds: [x.id, y.id] });

    const scan = await runClusterScan(t.admin, "request");
    const { entities } = await listClusters(t.admin, scan.id, { limit: 100 });
    const members = entities.flatMap((c) => c.contactIds);
    expect(members).not.toContain(x.id);
    const pq = entities.find((c) => c.contactIds.includes(p.id))!;

    const merged = await mergeCluster(t.admin, scan.id, pq.id);
    expect(merged.mergeInfo.status).toBe("ManualSucceeded");
    expect(merged.mergeInfo.mergedAt).toBeInstanceOf(Date);
    const survivor = await getContact(t.admin, p.id);
    expect(survivor.id).toBe(merged.mergedContactId);
    expect(sorted(survivor.mergedFrom ?? [])).toEqual(sorted([p.id, q.id]));
    expect(survivor.title).toBe("Dr");
    // Merging again answers the merged cluster; the page no longer suggests its contacts.
    expect((await mergeCluster(t.admin, scan.id, pq.id)).mergedContactId).toBe(merged.mergedContactId);
    const page = await suggestDuplicateGroups(t.admin, { limit: 100 });
    expect(page.flatMap((g) => g.contacts.map((c) => c.id))).not.toContain(p.id);
    expect(
      (await listClusters(t.admin, scan.id, { mergeStatus: "ManualSucceeded" })).entities.map((c) => c.id),
    ).toEqual([pq.id]);

    // A cluster whose contact was deleted since the scan is not merged, and says why.
    const r = await create({ firstName: "Rae", emails: [{ type: "work", address: "rae@apart.example" }] });
    const s = await create({ firstName: "Sol", emails: [{ type: "work", address: "rae@apart.example" }] });
    const next = await runClusterScan(t.admin, "request");
    const rs = (await listClusters(t.admin, next.id, { limit: 100 })).entities.find((c) =>
      c.contactIds.includes(r.id),
    )!;
    await deleteContact(t.admin, s.id);
    const refused = await mergeCluster(t.admin, next.id, rs.id);
    expect(refused.mergeInfo).toMatchObject({ status: "ManualFailed", error: { code: "cluster.outdated" } });
    expect((await getContact(t.admin, r.id)).id).toBe(r.id);
    expect((await getCluster(t.admin, next.id, rs.id)).mergeInfo.status).toBe("ManualFailed");
  });

  it("merges every cluster of a scan when automatic merging is on, and counts the outcomes", async () => {
    const t = tenant();
    expect(await getGraphSettings(t.admin)).toEqual({ automaticMergingEnabled: false, modifiedAt: null });
    const settings = await updateGraphSettings(t.admin, { automaticMergingEnabled: true });
    expect(settings.automaticMergingEnabled).toBe(true);
    expect(settings.modifiedAt).toBeInstanceOf(Date);
    const u = await createContact(t.admin, {
      firstName: "Una",
      emails: [{ type: "work", address: "u@auto.example" }],
    });
    const v = await createContact(t.admin, {
      firstName: "Vic",
      emails: [{ type: "work", address: "u@auto.example" }],
    });

    const scan = await runClusterScan(t.admin, "schedule");
    expect(scan.automaticMergeSuccesses).toBeGreaterThanOrEqual(1);
    const auto = (await listClusters(t.admin, scan.id, { limit: 100, mergeStatus: "AutoSucceeded" }))
      .entities;
    const uv = auto.find((c) => c.contactIds.includes(u.id))!;
    expect(sorted(uv.contactIds)).toEqual(sorted([u.id, v.id]));
    expect((await getContact(t.admin, v.id)).id).toBe(uv.mergedContactId);
    await updateGraphSettings(t.admin, { automaticMergingEnabled: false });
  });

  it("lists scans newest first with a cursor, and keeps the clusters of a division from those limited to others", async () => {
    const t = tenant();
    const west = await saveDivision(t.admin, { name: "West (graph)" });
    await createContact(t.admin, {
      firstName: "Wes",
      divisionId: west.id,
      emails: [{ type: "work", address: "w@graph.example" }],
    });
    await createContact(t.admin, {
      firstName: "Wil",
      divisionId: west.id,
      emails: [{ type: "work", address: "w@graph.example" }],
    });
    const scan = await runClusterScan(t.admin, "request");
    const westCluster = (await listClusters(t.admin, scan.id, { limit: 100, divisionIds: [west.id] }))
      .entities;
    expect(westCluster).toHaveLength(1);
    expect(westCluster[0]!.division).toEqual({ id: west.id, name: "West (graph)" });

    const homeOnly = {
      ...t.as([PERMISSIONS.contactView, PERMISSIONS.identityMerge]),
      actor: { ...t.as([PERMISSIONS.contactView]).actor, divisionIds: new Set([t.homeDivisionId]) },
    };
    const seen = (await listClusters(homeOnly, scan.id, { limit: 100 })).entities;
    expect(seen.some((c) => c.id === westCluster[0]!.id)).toBe(false);
    expect((await rejection(getCluster(homeOnly, scan.id, westCluster[0]!.id))).code).toBe("NOT_FOUND");

    const newest = await listClusterScans(t.admin, { limit: 1 });
    expect(newest.entities[0]!.id).toBe(scan.id);
    const older = await listClusterScans(t.admin, { limit: 100, cursor: newest.nextCursor! });
    expect(older.entities.map((s) => s.id)).not.toContain(scan.id);
    expect(older.entities.length).toBeGreaterThan(0);

    expect((await rejection(listClusters(t.admin, scan.id, { limit: 101 }))).code).toBe("VALIDATION");
    expect((await rejection(getClusterScan(t.admin, crypto.randomUUID()))).code).toBe("NOT_FOUND");
    expect(
      (await rejection(mergeCluster(t.as([PERMISSIONS.contactView]), scan.id, westCluster[0]!.id))).code,
    ).toBe("FORBIDDEN");
    expect((await rejection(getGraphSettings(t.as([PERMISSIONS.contactView])))).code).toBe("FORBIDDEN");
  });
});
