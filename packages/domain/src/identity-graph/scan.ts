import {
  and,
  clusterScans,
  clusters,
  contacts,
  desc,
  type Executor,
  eq,
  graphSettings,
  inArray,
  lt,
  type StoredClusterGraph,
  sql,
} from "@switchboard/db";
import { PERMISSIONS } from "../access/permissions";
import {
  DUPLICATE_EDGE_LIMIT,
  type DuplicateEdge,
  duplicateSearchInput,
  findDuplicateGroups,
} from "../contacts/duplicates";
import type { JobQueue } from "../jobs/queue";
import { type Context, inTransaction, requirePermission } from "../shared/context";
import { parseInput } from "../shared/validation";
import { mergeClusterRow } from "./clusters";

export type ScanTrigger = "schedule" | "settings" | "request";

/** Scans kept per tenant: older ones (and their clusters) go when a new one completes. */
export const KEPT_SCANS = 10;

/** A cluster's vertex id for a shared email or phone (contact vertices are the contact ids). */
export const identifierVertexId = (type: "Email" | "Phone", value: string) => `${type}:${value}`;

/**
 * The graph of one group: its contacts, the emails and phones they share (each joined to the contacts holding
 * it) and, for similar names, contact-to-contact edges. Edges are those that joined the group.
 */
export function clusterGraph(
  ids: string[],
  reasons: StoredClusterGraph["reasons"],
  edges: DuplicateEdge[],
): StoredClusterGraph {
  const members = new Set(ids);
  const identifiers = new Map<string, StoredClusterGraph["identifiers"][number]>();
  const graphEdges = new Map<string, { from: string; to: string }>();
  for (const { a, b, reason } of edges) {
    if (!members.has(a) || !members.has(b)) continue;
    if (reason.kind === "name") {
      graphEdges.set(`${a} ${b}`, { from: a, to: b });
      continue;
    }
    const type = reason.kind === "email" ? "Email" : "Phone";
    const vertex = identifierVertexId(type, reason.value);
    identifiers.set(vertex, { type, value: reason.value });
    for (const contact of [a, b]) graphEdges.set(`${contact} ${vertex}`, { from: contact, to: vertex });
  }
  return { identifiers: [...identifiers.values()], edges: [...graphEdges.values()], reasons };
}

/**
 * Scans the tenant for clusters of likely duplicates with the duplicates page's own rules (`findDuplicateGroups`
 * with the page's name similarity, window and edge bound; dismissed pairs are no edge), stores them in the page's order,
 * and, when the tenant's graph settings say so, merges each cluster (`AutoSucceeded` / `AutoFailed`). Scans of
 * one tenant run one at a time; the oldest beyond `KEPT_SCANS` are removed. One transaction.
 */
export async function runClusterScan(ctx: Context, trigger: ScanTrigger) {
  requirePermission(ctx, PERMISSIONS.contactView);
  return inTransaction(ctx, async (tx) => {
    await tx.db.execute(sql`select pg_advisory_xact_lock(hashtext(${`cluster-scan:${tx.tenantId}`}))`);
    const startedAt = new Date();
    const { nameSimilarity, nameWindow } = parseInput(duplicateSearchInput, {});
    const { groups, edges } = await findDuplicateGroups(tx, {
      nameSimilarity,
      nameWindow,
      edgeLimit: DUPLICATE_EDGE_LIMIT,
    });
    const ids = [...new Set(groups.flatMap((g) => g.ids))];
    const divisionOf = new Map<string, string>();
    for (let at = 0; at < ids.length; at += 5000) {
      const rows = await tx.db
        .select({ id: contacts.id, divisionId: contacts.divisionId })
        .from(contacts)
        .where(and(eq(contacts.tenantId, tx.tenantId), inArray(contacts.id, ids.slice(at, at + 5000))));
      for (const row of rows) divisionOf.set(row.id, row.divisionId);
    }
    const [scan] = await tx.db
      .insert(clusterScans)
      .values({ tenantId: tx.tenantId, trigger, startedAt, totalClusters: groups.length })
      .returning();
    if (!scan) throw new Error("insert returned no row");
    const rows = groups.map((g, i) => ({
      tenantId: tx.tenantId,
      scanId: scan.id,
      position: i + 1,
      contactIds: g.ids,
      divisionIds: [...new Set(g.ids.map((id) => divisionOf.get(id)).filter((d): d is string => !!d))].sort(),
      graph: clusterGraph(g.ids, g.reasons, edges),
    }));
    const stored = [];
    for (let at = 0; at < rows.length; at += 500)
      stored.push(
        ...(await tx.db
          .insert(clusters)
          .values(rows.slice(at, at + 500))
          .returning()),
      );

    const [settings] = await tx.db
      .select()
      .from(graphSettings)
      .where(eq(graphSettings.tenantId, tx.tenantId));
    let scanRow = scan;
    if (settings?.automaticMergingEnabled) {
      let succeeded = 0;
      for (const row of stored) {
        const merged = await mergeClusterRow(tx, row, "Auto");
        if (merged.mergeStatus === "AutoSucceeded") succeeded++;
      }
      [scanRow = scan] = await tx.db
        .update(clusterScans)
        .set({ automaticMergeSuccesses: succeeded, automaticMergeFailures: stored.length - succeeded })
        .where(and(eq(clusterScans.tenantId, tx.tenantId), eq(clusterScans.id, scan.id)))
        .returning();
    }
    await removeOldScans(tx);
    return scanRow;
  });
}

/** Removes the tenant's scans older than the newest `KEPT_SCANS`, with their clusters. */
async function removeOldScans(ctx: Context) {
  const [oldest] = await ctx.db
    .select({ number: clusterScans.number })
    .from(clusterScans)
    .where(eq(clusterScans.tenantId, ctx.tenantId))
    .orderBy(desc(clusterScans.number))
    .offset(KEPT_SCANS - 1)
    .limit(1);
  if (!oldest) return;
  const gone = await ctx.db
    .delete(clusterScans)
    .where(and(eq(clusterScans.tenantId, ctx.tenantId), lt(clusterScans.number, oldest.number)))
    .returning({ id: clusterScans.id });
  if (gone.length)
    await ctx.db.delete(clusters).where(
      and(
        eq(clusters.tenantId, ctx.tenantId),
        inArray(
          clusters.scanId,
          gone.map((g) => g.id),
        ),
      ),
    );
}

/**
 * Asks the worker for a scan of the tenant now (the duplicates page's "Scan now"; also a settings change).
 * At most one scan per tenant waits in the queue: asking again while one waits adds none. Needs `ctx.jobs`.
 */
export async function requestClusterScan(ctx: Context, trigger: ScanTrigger = "request"): Promise<void> {
  requirePermission(ctx, PERMISSIONS.identityMerge);
  const jobs = ctx.jobs;
  if (!jobs) throw new Error("requestClusterScan needs ctx.jobs: the scan runs in the worker");
  await jobs.enqueue(ctx.db, "cluster-scan", { tenantId: ctx.tenantId, trigger });
}

/**
 * The worker's schedule: enqueues a scan for every tenant whose contacts or "not duplicates" marks changed
 * since its latest scan (or that has contacts and no scan yet). Across tenants, so it takes the database.
 */
export async function enqueueDueClusterScans(db: Executor, jobs: JobQueue): Promise<number> {
  const due = await db.execute<{ id: string }>(sql`
    select t.id from tenants t
    cross join lateral (
      select coalesce(max(s.started_at), '-infinity'::timestamptz) as since
      from cluster_scans s where s.tenant_id = t.id
    ) latest
    where exists (select 1 from contacts c where c.tenant_id = t.id and c.modified_at > latest.since)
       or exists (select 1 from duplicate_dismissals d where d.tenant_id = t.id and d.dismissed_at > latest.since)
  `);
  for (const { id } of due) await jobs.enqueue(db, "cluster-scan", { tenantId: id, trigger: "schedule" });
  return due.length;
}
