import { sql } from "@switchboard/db";
import { runClusterScan, systemActor } from "@switchboard/domain";
import { describe, expect, it } from "vitest";
import { withWebServer } from "./server";

const server = withWebServer();
const G = "/api/v2/externalcontacts/graphs";

interface WireCluster {
  id: string;
  selfUri: string;
  mergeInfo: { status: string; error?: { code: string } };
  graph: { vertices: { contacts: { vertexId: string; contact: { id: string } }[] } };
}

describe("the identity graph, the duplicates page and a cluster merge agree", () => {
  it("shows the page's groups as the scan's clusters, before and after merges made on either side", async () => {
    const web = server();
    const api = web.trpc(await web.signIn());
    const token = await web.token();
    const rest = async <T>(path: string, init: RequestInit = {}) => {
      const response = await fetch(`${web.url}${path.startsWith("/") ? path : new URL(path).pathname}`, {
        ...init,
        headers: { authorization: `Bearer ${token}` },
      });
      expect(response.status, path).toBe(200);
      return (await response.json()) as T;
    };
    const create = api.contacts.create.mutate;
    const a = await create({
      firstName: "Hedy",
      lastName: "Lamarr",
      emails: [{ type: "work", address: "hedy@agree.example" }],
    });
    const b = await create({
      firstName: "Hedwig",
      lastName: "Kiesler",
      emails: [{ type: "personal", address: "HEDY@agree.example" }],
      phones: [{ type: "cell", display: "+1 310 555 0123" }],
    });
    const c = await create({ firstName: "Antheil", phones: [{ type: "work", display: "+13105550123" }] });
    const d = await create({ firstName: "Grace", lastName: "Agreehopper" });
    const e = await create({ firstName: "Grace", lastName: "Agreehoper" });
    const x = await create({ firstName: "Xavier", emails: [{ type: "work", address: "x@agree.example" }] });
    const y = await create({ firstName: "Yolanda", emails: [{ type: "work", address: "x@agree.example" }] });
    await api.contacts.dismissDuplicates.mutate({ contactIds: [x.id, y.id] });

    const [tenant] = await web.database.db.execute<{ id: string }>(
      sql`select id from tenants where slug = 'web'`,
    );
    const runScan = () =>
      runClusterScan({ db: web.database.db, tenantId: tenant!.id, actor: systemActor("worker") }, "request");
    const pageGroups = async () =>
      (await api.contacts.duplicates.query({ limit: 50 })).map((g) => g.contacts.map((m) => m.id));
    const clustersOf = async (scanId: string, status = "NotMerged") =>
      (
        await rest<{ entities: WireCluster[] }>(
          `${G}/clusterscans/${scanId}/clusters?limit=100&mergeInfo.status=${status}`,
        )
      ).entities;
    const members = (cluster: WireCluster) => cluster.graph.vertices.contacts.map((v) => v.contact.id);

    // The page's groups (its own query, as the page asks) are the scan's clusters, in the same order.
    const first = await runScan();
    const clusters = await clustersOf(first.id);
    expect(clusters.map(members)).toEqual(await pageGroups());
    expect(clusters.map(members).map((ids) => ids.sort())).toEqual([
      [a.id, b.id, c.id].sort(),
      [d.id, e.id].sort(),
    ]);
    expect(clusters.flatMap(members)).not.toContain(x.id);

    // A cluster merged through the API leaves the page at once, and the page's survivor is the merge's.
    const hedy = clusters.find((cl) => members(cl).includes(a.id))!;
    const merged = await rest<WireCluster>(`${hedy.selfUri}/merge`, { method: "PUT" });
    expect(merged.mergeInfo.status).toBe("ManualSucceeded");
    const survivor = await api.contacts.get.query({ id: a.id });
    expect([...(survivor.mergedFrom ?? [])].sort()).toEqual([a.id, b.id, c.id].sort());
    expect((await pageGroups()).flat()).not.toContain(a.id);

    // A group merged on the page's side: the old scan's cluster no longer merges, and says why.
    const graces = clusters.find((cl) => members(cl).includes(d.id))!;
    await api.contacts.merge.mutate({ contactIds: [d.id, e.id] });
    const refused = await rest<WireCluster>(`${graces.selfUri}/merge`, { method: "PUT" });
    expect(refused.mergeInfo).toMatchObject({ status: "ManualFailed", error: { code: "cluster.outdated" } });

    // The next scan and the page agree again: nothing left to suggest.
    const second = await runScan();
    expect(await clustersOf(second.id)).toEqual([]);
    expect(await pageGroups()).toEqual([]);
  });
});
