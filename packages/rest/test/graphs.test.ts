import {
  createApiClient,
  listDivisions,
  runClusterScan,
  saveDivision,
  saveRole,
  setRoleDivisions,
  systemActor,
} from "@switchboard/domain";
import { describe, expect, it } from "vitest";
import { withRestHarness } from "./harness";

const harness = withRestHarness();
const API = "/api/v2/externalcontacts";
const G = `${API}/graphs`;
type Json = Record<string, unknown> & { id: string };
interface WireCluster {
  id: string;
  division?: { id: string; name: string };
  clusterScan: { id: string };
  mergeInfo: { status: string; error?: { code: string; message: string }; dateMerged?: string };
  graph: {
    vertices: {
      contacts: { vertexId: string; contact: { id: string; firstName?: string } }[];
      identifiers: { vertexId: string; normalizedType: string; normalizedValue: string }[];
    };
    edges: { from: string; to: string }[];
  };
  selfUri: string;
}
interface List<T> {
  entities: T[];
  nextUri?: string;
  cursors?: { after: string };
}

const system = () => ({
  db: harness().database.db,
  tenantId: harness().tenantId,
  actor: systemActor("test"),
});
const json = async <T = Json>(response: Response | Promise<Response>) => (await (await response).json()) as T;
const create = async (body: unknown) =>
  json(harness().request(`${API}/contacts`, { method: "POST", json: body }));
const contactIdsOf = (c: WireCluster) => c.graph.vertices.contacts.map((v) => v.contact.id).sort();
const errorOf = async (response: Response) => ({
  status: response.status,
  body: (await response.json()) as { code: string; message: string },
});

describe("Genesys identity graph", () => {
  it("answers 404 while no scan exists, then lists scans, the latest, one scan and their statistics", async () => {
    const h = harness();
    const none = await errorOf(await h.request(`${G}/clusterscans/latest`));
    expect(none).toMatchObject({ status: 404, body: { code: "not.found" } });
    expect((await h.request(`${G}/clusterscans/latest/statistics`)).status).toBe(404);
    expect((await json<List<Json>>(h.request(`${G}/clusterscans`))).entities).toEqual([]);

    const a = await create({ firstName: "Graph", lastName: "Alpha", workEmail: "alpha@graph.example" });
    const b = await create({ firstName: "Gretel", lastName: "Beta", personalEmail: "ALPHA@graph.example" });
    const first = await runClusterScan(system(), "request");
    const second = await runClusterScan(system(), "request");

    const latest = await json(h.request(`${G}/clusterscans/latest`));
    expect(latest).toEqual({
      id: second.id,
      dateCompleted: second.completedAt.toISOString(),
      selfUri: `${G}/clusterscans/${second.id}`,
    });
    const expanded = await json(h.request(`${G}/clusterscans/latest?expand=statistics.aggregated`));
    expect(expanded.statistics).toEqual({
      aggregated: { totalClusters: 1, totalAutomaticMergeSuccesses: 0, totalAutomaticMergeFailures: 0 },
      selfUri: `${G}/clusterscans/${second.id}/statistics`,
    });
    expect(await json(h.request(`${G}/clusterscans/${first.id}/statistics`))).toEqual({
      aggregated: { totalClusters: 1, totalAutomaticMergeSuccesses: 0, totalAutomaticMergeFailures: 0 },
      selfUri: `${G}/clusterscans/${first.id}/statistics`,
    });
    expect((await json(h.request(`${G}/clusterscans/latest/statistics`))).selfUri).toBe(
      `${G}/clusterscans/${second.id}/statistics`,
    );
    expect((await json(h.request(`${G}/clusterscans/${first.id}`))).id).toBe(first.id);

    const page = await json<List<Json>>(h.request(`${G}/clusterscans?limit=1`));
    expect(page.entities.map((s) => s.id)).toEqual([second.id]);
    expect(page.cursors?.after).toBeDefined();
    expect(page.nextUri).toBe(`${G}/clusterscans?limit=1&cursor=${page.cursors!.after}`);
    const rest = await json<List<Json>>(h.request(`${G}/clusterscans?limit=1&cursor=${page.cursors!.after}`));
    expect(rest.entities.map((s) => s.id)).toEqual([first.id]);
    expect(rest.cursors).toBeUndefined();

    for (const bad of ["limit=0", "limit=101", "limit=x", "cursor=forged", "expand=nope"]) {
      const refused = await errorOf(await h.request(`${G}/clusterscans?${bad}`));
      expect(refused.status, bad).toBe(400);
    }
    expect((await h.request(`${G}/clusterscans/${crypto.randomUUID()}`)).status).toBe(404);
    expect((await h.request(`${G}/clusterscans/not-a-scan/statistics`)).status).toBe(404);
    expect([a.id, b.id]).toHaveLength(2);
  });

  it("lists a scan's clusters as graphs of contact and identifier vertices, filters them and reads one", async () => {
    const h = harness();
    const north = await saveDivision(system(), { name: "North (graphs)" });
    const c = await create({
      firstName: "Cyd",
      lastName: "Gamma",
      cellPhone: { display: "+1 415 555 0190" },
    });
    const d = await create({ firstName: "Dot", lastName: "Delta", workPhone: { display: "+14155550190" } });
    const n1 = await create({ firstName: "Nell", workEmail: "n@north.example", division: { id: north.id } });
    const n2 = await create({ firstName: "Ned", otherEmail: "n@north.example", division: { id: north.id } });
    const scan = await runClusterScan(system(), "request");

    const all = await json<List<WireCluster>>(h.request(`${G}/clusterscans/${scan.id}/clusters?limit=100`));
    const cd = all.entities.find((x) => contactIdsOf(x).includes(c.id))!;
    expect(contactIdsOf(cd)).toEqual([c.id, d.id].sort());
    expect(cd.graph.vertices.identifiers).toEqual([
      { vertexId: "Phone:+14155550190", normalizedType: "Phone", normalizedValue: "+14155550190" },
    ]);
    expect(cd.graph.edges).toEqual(
      expect.arrayContaining([
        { from: c.id, to: "Phone:+14155550190" },
        { from: d.id, to: "Phone:+14155550190" },
      ]),
    );
    expect(cd.graph.vertices.contacts.find((v) => v.vertexId === c.id)?.contact).toMatchObject({
      id: c.id,
      firstName: "Cyd",
      cellPhone: { e164: "+14155550190" },
    });
    expect(cd.mergeInfo).toEqual({ status: "NotMerged" });
    expect(cd.clusterScan.id).toBe(scan.id);
    expect(cd.division?.name).toBe("Home");
    expect(cd.selfUri).toBe(`${G}/clusterscans/${scan.id}/clusters/${cd.id}`);
    expect(await json(h.request(cd.selfUri))).toEqual(cd);

    const inNorth = await json<List<WireCluster>>(
      h.request(`${G}/clusterscans/${scan.id}/clusters?divisionIds=${north.id}`),
    );
    expect(inNorth.entities.map(contactIdsOf)).toEqual([[n1.id, n2.id].sort()]);
    expect(inNorth.entities[0]?.division).toMatchObject({ id: north.id, name: "North (graphs)" });
    const merged = await json<List<WireCluster>>(
      h.request(`${G}/clusterscans/${scan.id}/clusters?mergeInfo.status=ManualSucceeded`),
    );
    expect(merged.entities).toEqual([]);

    // Cursor paging walks the same clusters in the same order.
    const seen: string[] = [];
    let next: string | undefined = `${G}/clusterscans/${scan.id}/clusters?limit=1`;
    while (next) {
      const page: List<WireCluster> = await json(h.request(next));
      seen.push(...page.entities.map((x) => x.id));
      next = page.nextUri;
    }
    expect(seen).toEqual(all.entities.map((x) => x.id));

    for (const bad of [
      "limit=101",
      "mergeInfo.status=Merged",
      "divisionIds=not-a-division",
      `divisionIds=${Array.from({ length: 51 }, () => crypto.randomUUID()).join(",")}`,
      "cursor=forged",
    ]) {
      const refused = await errorOf(await h.request(`${G}/clusterscans/${scan.id}/clusters?${bad}`));
      expect(refused.status, bad).toBe(400);
    }
    expect((await h.request(`${G}/clusterscans/${crypto.randomUUID()}/clusters`)).status).toBe(404);
    expect((await h.request(`${G}/clusterscans/${scan.id}/clusters/${crypto.randomUUID()}`)).status).toBe(
      404,
    );

    // A client limited to the Home division never sees the North cluster.
    const northCluster = inNorth.entities[0]!;
    const home = (await listDivisions(system())).find((x) => x.isHome)!;
    const role = await saveRole(system(), {
      name: "Home graph readers",
      permissions: ["externalContacts:contact:view"],
    });
    await setRoleDivisions(system(), role.id, [home.id]);
    const homeOnly = await h.issueToken(
      await createApiClient(system(), { name: "home graph reader", roleIds: [role.id] }),
    );
    const limited = await json<List<WireCluster>>(
      h.request(`${G}/clusterscans/${scan.id}/clusters?limit=100`, { token: homeOnly }),
    );
    expect(limited.entities.map((x) => x.id)).not.toContain(northCluster.id);
    expect(limited.entities.map((x) => x.id)).toContain(cd.id);
    expect((await h.request(northCluster.selfUri, { token: homeOnly })).status).toBe(404);
  });

  it("merges a cluster with the domain merge, answers the merged cluster again, and says why a merge failed", async () => {
    const h = harness();
    const e = await create({
      firstName: "Eve",
      lastName: "Merge",
      workEmail: "eve@cluster.example",
      title: "Dr",
    });
    const f = await create({ firstName: "Eva", lastName: "Merge", otherEmail: "eve@cluster.example" });
    const g = await create({ firstName: "Gus", workEmail: "gus@cluster.example" });
    const k = await create({ firstName: "Kit", workEmail: "gus@cluster.example" });
    const scan = await runClusterScan(system(), "request");
    const clusters = (
      await json<List<WireCluster>>(h.request(`${G}/clusterscans/${scan.id}/clusters?limit=100`))
    ).entities;
    const ef = clusters.find((x) => contactIdsOf(x).includes(e.id))!;
    const gk = clusters.find((x) => contactIdsOf(x).includes(g.id))!;

    const response = await h.request(`${ef.selfUri}/merge`, { method: "PUT" });
    expect(response.status).toBe(200);
    const merged = (await response.json()) as WireCluster;
    expect(merged.mergeInfo.status).toBe("ManualSucceeded");
    expect(merged.mergeInfo.dateMerged).toBeDefined();
    const survivor = await json<Json & { mergedFrom: { id: string }[]; title: string }>(
      h.request(`${API}/contacts/${e.id}`),
    );
    expect(survivor.mergedFrom.map((m) => m.id).sort()).toEqual([e.id, f.id].sort());
    expect(survivor.title).toBe("Dr");
    // Again: the same merged cluster, no second merge.
    const again = await json<WireCluster>(h.request(`${ef.selfUri}/merge`, { method: "PUT" }));
    expect(again.mergeInfo).toEqual(merged.mergeInfo);
    expect(
      (
        await json<List<WireCluster>>(
          h.request(`${G}/clusterscans/${scan.id}/clusters?mergeInfo.status=ManualSucceeded`),
        )
      ).entities.map((x) => x.id),
    ).toEqual([ef.id]);

    // A contact deleted since the scan: the merge is refused and the cluster says why.
    await h.request(`${API}/contacts/${k.id}`, { method: "DELETE" });
    const failed = await json<WireCluster>(h.request(`${gk.selfUri}/merge`, { method: "PUT" }));
    expect(failed.mergeInfo).toMatchObject({ status: "ManualFailed", error: { code: "cluster.outdated" } });
    expect(((await json(h.request(`${API}/contacts/${g.id}`))) as Json).id).toBe(g.id);

    expect(
      (
        await h.request(`${G}/clusterscans/${scan.id}/clusters/${crypto.randomUUID()}/merge`, {
          method: "PUT",
        })
      ).status,
    ).toBe(404);
    const viewer = await h.tokenFor(["externalContacts:contact:view"]);
    const forbidden = await errorOf(await h.request(`${gk.selfUri}/merge`, { method: "PUT", token: viewer }));
    expect(forbidden).toMatchObject({ status: 403, body: { code: "missing.any.permissions" } });
    expect((await h.request(gk.selfUri, { token: viewer })).status).toBe(200);
    const mergerOnly = await h.tokenFor(["externalContacts:identity:merge"]);
    expect((await h.request(`${G}/clusterscans/latest`, { token: mergerOnly })).status).toBe(403);
  });

  it("reads and sets the graph settings; turning automatic merging on asks the worker for a scan", async () => {
    const h = harness();
    expect(await json(h.request(`${G}/settings`))).toEqual({
      automaticMergingEnabled: false,
      selfUri: `${G}/settings`,
    });
    const put = await h.request(`${G}/settings`, { method: "PUT", json: { automaticMergingEnabled: true } });
    expect(put.status).toBe(200);
    const set = (await put.json()) as { automaticMergingEnabled: boolean; dateModified: string };
    expect(set.automaticMergingEnabled).toBe(true);
    expect(Date.parse(set.dateModified)).toBeGreaterThan(Date.now() - 60_000);
    expect(await json(h.request(`${G}/settings`))).toEqual({ ...set, selfUri: `${G}/settings` });
    const queued = await h.jobs.boss.fetch("cluster-scan");
    expect(queued?.map((j) => j.data)).toEqual([{ tenantId: h.tenantId, trigger: "settings" }]);

    for (const body of [{}, { automaticMergingEnabled: "yes" }]) {
      const refused = await errorOf(await h.request(`${G}/settings`, { method: "PUT", json: body }));
      expect(refused.status).toBe(400);
    }
    const viewOnly = await h.tokenFor(["externalContacts:graphSettings:view"]);
    expect((await h.request(`${G}/settings`, { token: viewOnly })).status).toBe(200);
    expect(
      (
        await h.request(`${G}/settings`, {
          method: "PUT",
          json: { automaticMergingEnabled: false },
          token: viewOnly,
        })
      ).status,
    ).toBe(403);
    const contactsOnly = await h.tokenFor(["externalContacts:contact:view"]);
    expect((await h.request(`${G}/settings`, { token: contactsOnly })).status).toBe(403);
    expect(
      (await h.request(`${G}/settings`, { method: "PUT", json: { automaticMergingEnabled: false } })).status,
    ).toBe(200);
  });

  it("documents the ten operations with their permissions", async () => {
    const doc = await json<{
      paths: Record<string, Record<string, { operationId: string; description: string }>>;
    }>(harness().request(`${API}/openapi.json`, { token: null }));
    const ops = Object.entries(doc.paths)
      .filter(([path]) => path.startsWith(`${G}/`))
      .flatMap(([, methods]) => Object.values(methods).map((m) => m.operationId))
      .sort();
    expect(ops).toEqual(
      [
        "getExternalcontactsGraphsClusterscan",
        "getExternalcontactsGraphsClusterscanCluster",
        "getExternalcontactsGraphsClusterscanClusters",
        "getExternalcontactsGraphsClusterscanStatistics",
        "getExternalcontactsGraphsClusterscans",
        "getExternalcontactsGraphsClusterscansLatest",
        "getExternalcontactsGraphsClusterscansLatestStatistics",
        "getExternalcontactsGraphsSettings",
        "putExternalcontactsGraphsClusterscanClusterMerge",
        "putExternalcontactsGraphsSettings",
      ].sort(),
    );
    expect(doc.paths[`${G}/settings`]?.put?.description).toContain("externalContacts:graphSettings:edit");
  });
});
