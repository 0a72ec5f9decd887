import {
  type Cluster,
  type ClusterScan,
  type ClusterScanStatistics,
  type Context as DomainContext,
  type GraphSettings,
  getCluster,
  getClusterScan,
  getGraphSettings,
  listClusterScans,
  listClusters,
  MERGE_STATUS_FILTERS,
  mergeCluster,
  PERMISSIONS,
  updateGraphSettings,
} from "@switchboard/domain";
import type { Context } from "hono";
import { z } from "zod";
import type { RestEnv } from "../../env";
import { dialectRoutes } from "../../http/kit";
import { readJson } from "../../http/request";
import { wireContacts } from "./contacts";
import { badRequest } from "./errors";
import { BASE, contactUri } from "./mappers";
import { genesysOperation } from "./operations";
import { expandParam, integerParam, multi } from "./query";
import { cursorListing, externalContactOut } from "./wire";

const GRAPHS = `${BASE}/graphs`;
const scanUri = (id: string) => `${GRAPHS}/clusterscans/${id}`;
const SCAN_EXPANDS = ["statistics.aggregated"] as const;

// Wire schemas (Genesys SDK 262 preview models: ClusterScan, Cluster, Graph, GraphSettings, ...).
const cursors = z.object({ before: z.string().optional(), after: z.string().optional() });
const clusterStatistics = z.object({
  totalClusters: z.number().int().optional(),
  totalAutomaticMergeSuccesses: z.number().int().optional(),
  totalAutomaticMergeFailures: z.number().int().optional(),
});
const clusterScanStatistics = z.object({
  aggregated: clusterStatistics.optional(),
  selfUri: z.string().optional(),
});
const clusterScan = z.object({
  id: z.string(),
  dateCompleted: z.string().optional(),
  statistics: clusterScanStatistics.optional(),
  selfUri: z.string(),
});
const mergeInfo = z.object({
  status: z.enum(MERGE_STATUS_FILTERS),
  error: z.object({ message: z.string().optional(), code: z.string().optional() }).optional(),
  dateMerged: z.string().optional(),
});
const graph = z.object({
  vertices: z.object({
    contacts: z.array(z.object({ vertexId: z.string(), contact: externalContactOut.partial() })),
    identifiers: z.array(
      z.object({
        vertexId: z.string(),
        normalizedType: z.enum(["Email", "Phone"]),
        normalizedValue: z.string(),
      }),
    ),
  }),
  edges: z.array(z.object({ from: z.string(), to: z.string() })),
});
const cluster = z.object({
  id: z.string(),
  division: z
    .object({ id: z.string(), name: z.string().optional(), selfUri: z.string().optional() })
    .optional(),
  clusterScan: clusterScan.partial(),
  mergeInfo,
  graph,
  dateCreated: z.string().optional(),
  selfUri: z.string(),
});
const graphSettings = z.object({
  automaticMergingEnabled: z.boolean(),
  dateModified: z.string().optional(),
  selfUri: z.string().optional(),
});

export const GRAPH_SCHEMAS = {
  ClusterScan: clusterScan,
  ClusterScanList: cursorListing(clusterScan).extend({ cursors: cursors.optional() }),
  ClusterScanStatistics: clusterScanStatistics,
  Cluster: cluster,
  ClusterList: cursorListing(cluster).extend({ cursors: cursors.optional() }),
  GraphSettings: graphSettings,
};

const statisticsToWire = (scanId: string, s: ClusterScanStatistics) => ({
  aggregated: s,
  selfUri: `${scanUri(scanId)}/statistics`,
});

function scanToWire(scan: ClusterScan, expand: Set<string>) {
  return {
    id: scan.id,
    dateCompleted: scan.completedAt.toISOString(),
    ...(expand.has("statistics.aggregated") && { statistics: statisticsToWire(scan.id, scan.statistics) }),
    selfUri: scanUri(scan.id),
  };
}

/** Clusters with their contact vertices as the contacts read now (a contact merged away since: its id only). */
async function clustersToWire(ctx: DomainContext, list: Cluster[]) {
  const wired = new Map(
    (
      await wireContacts(
        ctx,
        [...new Map(list.flatMap((c) => c.contacts).map((x) => [x.id, x])).values()],
        new Set(),
      )
    ).map((w) => [w.id, w]),
  );
  return list.map((c) => ({
    id: c.id,
    ...(c.division && {
      division: {
        id: c.division.id,
        name: c.division.name,
        selfUri: `/api/v2/authorization/divisions/${c.division.id}`,
      },
    }),
    clusterScan: { id: c.scanId, selfUri: scanUri(c.scanId) },
    mergeInfo: {
      status: c.mergeInfo.status,
      ...(c.mergeInfo.error && { error: c.mergeInfo.error }),
      ...(c.mergeInfo.mergedAt && { dateMerged: c.mergeInfo.mergedAt.toISOString() }),
    },
    graph: {
      vertices: {
        contacts: c.contactIds.map((id) => ({
          vertexId: id,
          contact: wired.get(id) ?? { id, selfUri: contactUri(id) },
        })),
        identifiers: c.graph.identifiers.map((i) => ({
          vertexId: `${i.type}:${i.value}`,
          normalizedType: i.type,
          normalizedValue: i.value,
        })),
      },
      edges: c.graph.edges,
    },
    dateCreated: c.createdAt.toISOString(),
    selfUri: `${scanUri(c.scanId)}/clusters/${c.id}`,
  }));
}

const settingsToWire = (s: GraphSettings) => ({
  automaticMergingEnabled: s.automaticMergingEnabled,
  ...(s.modifiedAt && { dateModified: s.modifiedAt.toISOString() }),
  selfUri: `${GRAPHS}/settings`,
});

/** The cursor envelope: `cursors.after` and `nextUri` only while more pages follow. */
function cursorPage<T>(
  c: Context<RestEnv>,
  path: string,
  keys: string[],
  entities: T[],
  next: string | null,
) {
  const uri = (cursor?: string) => {
    const params = new URLSearchParams();
    for (const key of keys) for (const value of c.req.queries(key) ?? []) params.append(key, value);
    if (cursor) params.set("cursor", cursor);
    const query = params.toString();
    return `${GRAPHS}${path}${query ? `?${query}` : ""}`;
  };
  return {
    entities,
    selfUri: uri(c.req.query("cursor")),
    ...(next && { nextUri: uri(next), cursors: { after: next } }),
  };
}

const getExternalcontactsGraphsClusterscans = genesysOperation(
  { permissions: [PERMISSIONS.contactView] },
  {
    method: "get",
    path: "/clusterscans",
    operationId: "getExternalcontactsGraphsClusterscans",
    summary: "List cluster scans, newest first (the worker scans each changed tenant every 15 minutes)",
    query: [
      { name: "limit", description: "1 to 100, default 20", integer: true },
      { name: "cursor", description: "cursors.after of the previous page (valid 24 h)" },
      { name: "expand", description: "statistics.aggregated", array: true },
    ],
    status: 200,
    response: "ClusterScanList",
  },
);
const getExternalcontactsGraphsClusterscansLatest = genesysOperation(
  { permissions: [PERMISSIONS.contactView] },
  {
    method: "get",
    path: "/clusterscans/latest",
    operationId: "getExternalcontactsGraphsClusterscansLatest",
    summary: "The latest cluster scan",
    query: [{ name: "expand", description: "statistics.aggregated", array: true }],
    status: 200,
    response: "ClusterScan",
  },
);
const getExternalcontactsGraphsClusterscansLatestStatistics = genesysOperation(
  { permissions: [PERMISSIONS.contactView] },
  {
    method: "get",
    path: "/clusterscans/latest/statistics",
    operationId: "getExternalcontactsGraphsClusterscansLatestStatistics",
    summary: "Statistics of the latest cluster scan",
    status: 200,
    response: "ClusterScanStatistics",
  },
);
const getExternalcontactsGraphsClusterscan = genesysOperation(
  { permissions: [PERMISSIONS.contactView] },
  {
    method: "get",
    path: "/clusterscans/{scanId}",
    operationId: "getExternalcontactsGraphsClusterscan",
    summary: "One cluster scan",
    query: [{ name: "expand", description: "statistics.aggregated", array: true }],
    status: 200,
    response: "ClusterScan",
  },
);
const getExternalcontactsGraphsClusterscanStatistics = genesysOperation(
  { permissions: [PERMISSIONS.contactView] },
  {
    method: "get",
    path: "/clusterscans/{scanId}/statistics",
    operationId: "getExternalcontactsGraphsClusterscanStatistics",
    summary: "Statistics of one cluster scan",
    status: 200,
    response: "ClusterScanStatistics",
  },
);
const getExternalcontactsGraphsClusterscanClusters = genesysOperation(
  { permissions: [PERMISSIONS.contactView] },
  {
    method: "get",
    path: "/clusterscans/{scanId}/clusters",
    operationId: "getExternalcontactsGraphsClusterscanClusters",
    summary: "Clusters of likely duplicates found by a scan (the duplicates page's groups, in its order)",
    query: [
      { name: "limit", description: "1 to 100, default 20", integer: true },
      { name: "cursor", description: "cursors.after of the previous page (valid 24 h)" },
      {
        name: "divisionIds",
        description: "Only clusters whose contacts all lie in these divisions (up to 50)",
        array: true,
      },
      {
        name: "mergeInfo.status",
        description:
          "NotMerged, AutoSucceeded, AutoFailed, ManualSucceeded, ManualFailed, AutoQueued, ManualQueued",
      },
    ],
    status: 200,
    response: "ClusterList",
  },
);
const getExternalcontactsGraphsClusterscanCluster = genesysOperation(
  { permissions: [PERMISSIONS.contactView] },
  {
    method: "get",
    path: "/clusterscans/{scanId}/clusters/{clusterId}",
    operationId: "getExternalcontactsGraphsClusterscanCluster",
    summary: "One cluster",
    status: 200,
    response: "Cluster",
  },
);
const putExternalcontactsGraphsClusterscanClusterMerge = genesysOperation(
  { permissions: [PERMISSIONS.identityMerge] },
  {
    method: "put",
    path: "/clusterscans/{scanId}/clusters/{clusterId}/merge",
    operationId: "putExternalcontactsGraphsClusterscanClusterMerge",
    summary: "Merge the contacts of a cluster (mergeInfo says ManualSucceeded, or ManualFailed and why)",
    status: 200,
    response: "Cluster",
  },
);
const getExternalcontactsGraphsSettings = genesysOperation(
  { permissions: [PERMISSIONS.graphSettingsView] },
  {
    method: "get",
    path: "/settings",
    operationId: "getExternalcontactsGraphsSettings",
    summary: "The identity graph settings",
    status: 200,
    response: "GraphSettings",
  },
);
const putExternalcontactsGraphsSettings = genesysOperation(
  { permissions: [PERMISSIONS.graphSettingsEdit] },
  {
    method: "put",
    path: "/settings",
    operationId: "putExternalcontactsGraphsSettings",
    summary: "Update the identity graph settings (turning automatic merging on starts a scan)",
    body: "GraphSettings",
    status: 200,
    response: "GraphSettings",
  },
);

/** `/graphs`: the identity graph's cluster scans (run by the worker), their clusters, cluster merge, settings. */
export function graphRoutes() {
  const app = dialectRoutes();
  const limitOf = (c: Context<RestEnv>) => integerParam(c, "limit", 20, { min: 1, max: 100 });

  app.openapi(getExternalcontactsGraphsClusterscans, async (c) => {
    const expand = expandParam(c, SCAN_EXPANDS);
    const page = await listClusterScans(c.get("ctx"), { limit: limitOf(c), cursor: c.req.query("cursor") });
    const entities = page.entities.map((s) => scanToWire(s, expand));
    return c.json(cursorPage(c, "/clusterscans", ["limit", "expand"], entities, page.nextCursor));
  });
  // `latest` is a fixed segment, ahead of `{scanId}`.
  const scanParam = (c: Context<RestEnv>) =>
    c.req.path.includes("/clusterscans/latest") ? "latest" : (c.req.param("scanId") ?? "");
  const getScan = async (c: Context<RestEnv>) => {
    const expand = expandParam(c, SCAN_EXPANDS);
    return c.json(scanToWire(await getClusterScan(c.get("ctx"), scanParam(c)), expand));
  };
  const getStatistics = async (c: Context<RestEnv>) => {
    const scan = await getClusterScan(c.get("ctx"), scanParam(c));
    return c.json(statisticsToWire(scan.id, scan.statistics));
  };
  app.openapi(getExternalcontactsGraphsClusterscansLatest, getScan);
  app.openapi(getExternalcontactsGraphsClusterscansLatestStatistics, getStatistics);
  app.openapi(getExternalcontactsGraphsClusterscan, getScan);
  app.openapi(getExternalcontactsGraphsClusterscanStatistics, getStatistics);
  app.openapi(getExternalcontactsGraphsClusterscanClusters, async (c) => {
    const status = c.req.query("mergeInfo.status");
    if (status !== undefined && !(MERGE_STATUS_FILTERS as readonly string[]).includes(status))
      throw badRequest(`mergeInfo.status must be one of ${MERGE_STATUS_FILTERS.join(", ")}`, [
        { errorCode: "invalid.value", fieldName: "mergeInfo.status" },
      ]);
    const divisionIds = multi(c, "divisionIds");
    const scanId = c.req.param("scanId");
    const page = await listClusters(c.get("ctx"), scanId, {
      limit: limitOf(c),
      cursor: c.req.query("cursor"),
      divisionIds: divisionIds.length ? divisionIds : undefined,
      mergeStatus: status as (typeof MERGE_STATUS_FILTERS)[number] | undefined,
    });
    const entities = await clustersToWire(c.get("ctx"), page.entities);
    return c.json(
      cursorPage(
        c,
        `/clusterscans/${scanId}/clusters`,
        ["limit", "divisionIds", "mergeInfo.status"],
        entities,
        page.nextCursor,
      ),
    );
  });
  app.openapi(getExternalcontactsGraphsClusterscanCluster, async (c) => {
    const found = await getCluster(c.get("ctx"), c.req.param("scanId"), c.req.param("clusterId"));
    const [wire] = await clustersToWire(c.get("ctx"), [found]);
    return c.json(wire);
  });
  app.openapi(putExternalcontactsGraphsClusterscanClusterMerge, async (c) => {
    const merged = await mergeCluster(c.get("ctx"), c.req.param("scanId"), c.req.param("clusterId"));
    const [wire] = await clustersToWire(c.get("ctx"), [merged]);
    return c.json(wire);
  });
  app.openapi(getExternalcontactsGraphsSettings, async (c) =>
    c.json(settingsToWire(await getGraphSettings(c.get("ctx")))),
  );
  app.openapi(putExternalcontactsGraphsSettings, async (c) => {
    const body = await readJson(c, graphSettings);
    const updated = await updateGraphSettings(c.get("ctx"), {
      automaticMergingEnabled: body.automaticMergingEnabled,
    });
    return c.json(settingsToWire(updated));
  });
  return app;
}
