import { runClusterScan, systemActor } from "@switchboard/domain";
import { describe, expect, it } from "vitest";
import { withSdk } from "./sdk-harness";

/**
 * The official Genesys SDK (262) on the identity graph's ten preview methods, logged in as integrators do
 * (`setGateway` + `loginClientCredentialsGrant`); the scan itself is the worker's, run here directly.
 */
const { api, harness } = withSdk();

describe("the official Genesys SDK on the identity graph", () => {
  it("reads scans, their statistics and clusters, merges a cluster, and sets the graph settings", async () => {
    const a = await api.postExternalcontactsContacts({
      firstName: "Sdk",
      lastName: "Graph",
      workEmail: "sdk@graph.example",
    });
    const b = await api.postExternalcontactsContacts({
      firstName: "Sdk",
      lastName: "Graphed",
      personalEmail: "SDK@graph.example",
    });
    const h = harness();
    const scan = await runClusterScan(
      { db: h.database.db, tenantId: h.tenantId, actor: systemActor("test") },
      "request",
    );

    const list = await api.getExternalcontactsGraphsClusterscans({
      limit: 10,
      expand: ["statistics.aggregated"],
    });
    expect(list.entities?.map((s) => s.id)).toEqual([scan.id]);
    expect(list.entities?.[0]?.statistics?.aggregated?.totalClusters).toBe(1);
    const latest = await api.getExternalcontactsGraphsClusterscansLatest();
    expect(latest).toMatchObject({ id: scan.id, dateCompleted: scan.completedAt.toISOString() });
    expect(latest.statistics).toBeUndefined();
    expect((await api.getExternalcontactsGraphsClusterscan(scan.id, {})).id).toBe(scan.id);
    const stats = await api.getExternalcontactsGraphsClusterscansLatestStatistics();
    expect(stats.aggregated).toEqual({
      totalClusters: 1,
      totalAutomaticMergeSuccesses: 0,
      totalAutomaticMergeFailures: 0,
    });
    expect(await api.getExternalcontactsGraphsClusterscanStatistics(scan.id)).toEqual(stats);

    const clusters = await api.getExternalcontactsGraphsClusterscanClusters(scan.id, {
      limit: 20,
      mergeInfoStatus: "NotMerged",
    });
    const [cluster] = clusters.entities ?? [];
    expect(cluster?.graph?.vertices?.contacts?.map((v) => v.contact?.id).sort()).toEqual([a.id, b.id].sort());
    expect(cluster?.graph?.vertices?.identifiers).toEqual([
      { vertexId: "Email:sdk@graph.example", normalizedType: "Email", normalizedValue: "sdk@graph.example" },
    ]);
    // Joined by the email, and by their similar names.
    expect(cluster?.graph?.edges).toEqual(
      expect.arrayContaining([
        { from: a.id, to: "Email:sdk@graph.example" },
        { from: b.id, to: "Email:sdk@graph.example" },
      ]),
    );
    expect(await api.getExternalcontactsGraphsClusterscanCluster(scan.id, cluster!.id!)).toEqual(cluster);

    const merged = await api.putExternalcontactsGraphsClusterscanClusterMerge(scan.id, cluster!.id!);
    expect(merged.mergeInfo?.status).toBe("ManualSucceeded");
    const survivor = await api.getExternalcontactsContact(a.id!, {});
    expect(survivor.mergedFrom?.map((m) => m.id).sort()).toEqual([a.id, b.id].sort());
    expect(
      (await api.getExternalcontactsGraphsClusterscanClusters(scan.id, { mergeInfoStatus: "NotMerged" }))
        .entities,
    ).toEqual([]);
    await expect(
      api.getExternalcontactsGraphsClusterscanCluster(scan.id, crypto.randomUUID()),
    ).rejects.toMatchObject({ status: 404 });

    expect((await api.getExternalcontactsGraphsSettings()).automaticMergingEnabled).toBe(false);
    const set = await api.putExternalcontactsGraphsSettings({ automaticMergingEnabled: true });
    expect(set.automaticMergingEnabled).toBe(true);
    expect((await api.getExternalcontactsGraphsSettings()).dateModified).toBe(set.dateModified);
    await api.putExternalcontactsGraphsSettings({ automaticMergingEnabled: false });
  });
});
