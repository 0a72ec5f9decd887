import {
  and,
  asc,
  type ClusterRow,
  type ClusterScanRow,
  clusterScans,
  clusters,
  contacts,
  desc,
  divisions,
  eq,
  gt,
  inArray,
  isNull,
  lt,
  type SQL,
  type StoredClusterGraph,
  sql,
} from "@switchboard/db";
import { z } from "zod";
import { PERMISSIONS } from "../access/permissions";
import { dismissedPairsAmong } from "../contacts/duplicate-dismissals";
import { mergeContacts } from "../contacts/merge";
import type { Contact } from "../contacts/model";
import { getContacts } from "../contacts/service";
import { type Context, inTransaction, requirePermission } from "../shared/context";
import { cursorStart, encodeCursor } from "../shared/cursor";
import { isDomainError, notFound } from "../shared/errors";
import { isUuid } from "../shared/ids";
import { parseInput } from "../shared/validation";

/** Genesys `MergeInfo.status` values a stored cluster can have (the queued ones never last: merges run at once). */
export const MERGE_STATUSES = [
  "NotMerged",
  "AutoSucceeded",
  "AutoFailed",
  "ManualSucceeded",
  "ManualFailed",
] as const;
export type MergeStatus = (typeof MERGE_STATUSES)[number];
/** Every Genesys `mergeInfo.status` a listing may filter by (no cluster is ever queued: none has those). */
export const MERGE_STATUS_FILTERS = [...MERGE_STATUSES, "AutoQueued", "ManualQueued"] as const;

export interface ClusterScanStatistics {
  totalClusters: number;
  totalAutomaticMergeSuccesses: number;
  totalAutomaticMergeFailures: number;
}

export interface ClusterScan {
  id: string;
  trigger: string;
  startedAt: Date;
  completedAt: Date;
  statistics: ClusterScanStatistics;
}

export interface Cluster {
  id: string;
  scanId: string;
  /** The scan's order: the duplicates page lists its groups in the same order. */
  position: number;
  contactIds: string[];
  /** The contacts as they read now (live ones: a contact merged or deleted since is left out). */
  contacts: Contact[];
  /** The division of its contacts, when they share one (as in Genesys, where a cluster has one division). */
  division: { id: string; name: string } | null;
  divisionIds: string[];
  graph: StoredClusterGraph;
  mergeInfo: { status: MergeStatus; error: { code: string; message: string } | null; mergedAt: Date | null };
  mergedContactId: string | null;
  createdAt: Date;
}

const toScan = (row: ClusterScanRow): ClusterScan => ({
  id: row.id,
  trigger: row.trigger,
  startedAt: row.startedAt,
  completedAt: row.completedAt,
  statistics: {
    totalClusters: row.totalClusters,
    totalAutomaticMergeSuccesses: row.automaticMergeSuccesses,
    totalAutomaticMergeFailures: row.automaticMergeFailures,
  },
});

const limitOf = (max: number) =>
  z
    .number()
    .int()
    .min(1, `limit must be between 1 and ${max}`)
    .max(max, `limit must be between 1 and ${max}`)
    .default(20);

export const clusterScanListInput = z.object({
  limit: limitOf(100),
  cursor: z.string().max(500).optional(),
});

/** The tenant's scans, newest first, a page at a time (cursor: the last scan returned). */
export async function listClusterScans(
  ctx: Context,
  params: z.input<typeof clusterScanListInput> = {},
): Promise<{ entities: ClusterScan[]; nextCursor: string | null }> {
  requirePermission(ctx, PERMISSIONS.contactView);
  const { limit, cursor } = parseInput(clusterScanListInput, params);
  const before = cursorStart(cursor);
  const rows = await ctx.db
    .select()
    .from(clusterScans)
    .where(and(eq(clusterScans.tenantId, ctx.tenantId), before ? lt(clusterScans.number, before) : undefined))
    .orderBy(desc(clusterScans.number))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    entities: page.map(toScan),
    nextCursor: rows.length > limit && last ? encodeCursor(last.number) : null,
  };
}

/** One scan by id, or the newest with `latest`; 404 when there is none. */
export async function getClusterScan(ctx: Context, scanId: string | "latest"): Promise<ClusterScan> {
  requirePermission(ctx, PERMISSIONS.contactView);
  return toScan(await scanRow(ctx, scanId));
}

async function scanRow(ctx: Context, scanId: string): Promise<ClusterScanRow> {
  const latest = scanId === "latest";
  if (!latest && !isUuid(scanId)) throw notFound("clusterScan", scanId);
  const [row] = await ctx.db
    .select()
    .from(clusterScans)
    .where(and(eq(clusterScans.tenantId, ctx.tenantId), latest ? undefined : eq(clusterScans.id, scanId)))
    .orderBy(desc(clusterScans.number))
    .limit(1);
  if (!row) throw notFound("clusterScan", latest ? undefined : scanId);
  return row;
}

/** An actor limited to some divisions sees only the clusters whose every contact lies in them. */
function visibleClusters(ctx: Context): SQL | undefined {
  const allowed = ctx.actor.divisionIds;
  if (!allowed) return undefined;
  return sql`${clusters.divisionIds} <@ ${sql.param([...allowed])}::uuid[]`;
}

export const clusterListInput = z.object({
  limit: limitOf(100),
  cursor: z.string().max(500).optional(),
  /** Only clusters whose contacts all lie in these divisions. */
  divisionIds: z.array(z.uuid("must be a division id")).max(50, "at most 50 division ids").optional(),
  mergeStatus: z.enum(MERGE_STATUS_FILTERS).optional(),
});

/** The clusters a scan found, in its order, a page at a time. */
export async function listClusters(
  ctx: Context,
  scanId: string | "latest",
  params: z.input<typeof clusterListInput> = {},
): Promise<{ entities: Cluster[]; nextCursor: string | null }> {
  requirePermission(ctx, PERMISSIONS.contactView);
  const { limit, cursor, divisionIds, mergeStatus } = parseInput(clusterListInput, params);
  const after = cursorStart(cursor);
  return inTransaction(ctx, async (tx) => {
    const scan = await scanRow(tx, scanId);
    const rows = await tx.db
      .select()
      .from(clusters)
      .where(
        and(
          eq(clusters.tenantId, tx.tenantId),
          eq(clusters.scanId, scan.id),
          gt(clusters.position, after),
          visibleClusters(tx),
          divisionIds ? sql`${clusters.divisionIds} <@ ${sql.param(divisionIds)}::uuid[]` : undefined,
          mergeStatus ? sql`${clusters.mergeStatus} = ${mergeStatus}` : undefined,
        ),
      )
      .orderBy(asc(clusters.position))
      .limit(limit + 1);
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    return {
      entities: await toClusters(tx, page),
      nextCursor: rows.length > limit && last ? encodeCursor(last.position) : null,
    };
  });
}

async function clusterRow(ctx: Context, scanId: string, clusterId: string, lock = false) {
  const scan = await scanRow(ctx, scanId);
  if (!isUuid(clusterId)) throw notFound("cluster", clusterId);
  const query = ctx.db
    .select()
    .from(clusters)
    .where(
      and(
        eq(clusters.tenantId, ctx.tenantId),
        eq(clusters.scanId, scan.id),
        eq(clusters.id, clusterId),
        visibleClusters(ctx),
      ),
    );
  const [row] = lock ? await query.for("update") : await query;
  if (!row) throw notFound("cluster", clusterId);
  return row;
}

/** One cluster of a scan; 404 when the scan has no such cluster or the actor may not see all its contacts. */
export async function getCluster(ctx: Context, scanId: string, clusterId: string): Promise<Cluster> {
  requirePermission(ctx, PERMISSIONS.contactView);
  return inTransaction(ctx, async (tx) => {
    const [cluster] = await toClusters(tx, [await clusterRow(tx, scanId, clusterId)]);
    return cluster!;
  });
}

/**
 * Merges the contacts of a cluster with the domain merge (`ManualSucceeded`), or records why it could not
 * (`ManualFailed`: a contact merged or deleted since the scan, two of them marked "not duplicates", or the
 * merge refused). A cluster merged already is answered as it is. One transaction; the row is locked, so two
 * merges of one cluster at once merge once.
 */
export async function mergeCluster(ctx: Context, scanId: string, clusterId: string): Promise<Cluster> {
  requirePermission(ctx, PERMISSIONS.identityMerge);
  return inTransaction(ctx, async (tx) => {
    const row = await clusterRow(tx, scanId, clusterId, true);
    const merged = await mergeClusterRow(tx, row, "Manual");
    const [cluster] = await toClusters(tx, [merged]);
    return cluster!;
  });
}

/**
 * The merge of one stored cluster, by the scan (`Auto`) or on request (`Manual`), in a savepoint: a refused
 * merge changes nothing but the cluster's status. The merged contact takes each field from the most
 * recently modified contact that has it. Dismissed pairs stay apart: a cluster holding one is not merged.
 */
export async function mergeClusterRow(
  ctx: Context,
  row: ClusterRow,
  mode: "Auto" | "Manual",
): Promise<ClusterRow> {
  if (row.mergeStatus === "AutoSucceeded" || row.mergeStatus === "ManualSucceeded") return row;
  const failed = (code: string, message: string) => ({
    mergeStatus: `${mode}Failed` as const,
    mergeError: { code, message },
    mergedAt: new Date(),
  });
  const live = await ctx.db
    .select({ id: contacts.id, modifiedAt: contacts.modifiedAt })
    .from(contacts)
    .where(
      and(
        eq(contacts.tenantId, ctx.tenantId),
        inArray(contacts.id, row.contactIds),
        isNull(contacts.deletedAt),
        isNull(contacts.canonicalContactId),
      ),
    )
    .orderBy(desc(contacts.modifiedAt), asc(contacts.id));
  let outcome: Partial<ClusterRow>;
  const gone = row.contactIds.filter((id) => !live.some((c) => c.id === id));
  const dismissed = [...(await dismissedPairsAmong(ctx, row.contactIds))];
  if (gone.length)
    outcome = failed("cluster.outdated", `contact ${gone[0]} was merged or deleted since the scan`);
  else if (dismissed.length)
    outcome = failed(
      "cluster.notDuplicates",
      `contacts ${dismissed[0]!.replace(" ", " and ")} are marked as not duplicates`,
    );
  else {
    try {
      const merged = await mergeContacts(ctx, { contactIds: live.map((c) => c.id) });
      outcome = {
        mergeStatus: `${mode}Succeeded`,
        mergeError: null,
        mergedAt: new Date(),
        mergedContactId: merged.id,
      };
    } catch (error) {
      if (!isDomainError(error)) throw error;
      outcome = failed(`merge.${error.code.toLowerCase()}`, error.message);
    }
  }
  const [updated] = await ctx.db
    .update(clusters)
    .set(outcome)
    .where(and(eq(clusters.tenantId, ctx.tenantId), eq(clusters.id, row.id)))
    .returning();
  return updated!;
}

/** The stored rows with their contacts as they read now and their division's name. */
async function toClusters(ctx: Context, rows: ClusterRow[]): Promise<Cluster[]> {
  const found = new Map(
    (await getContacts(ctx, [...new Set(rows.flatMap((r) => r.contactIds))])).map((c) => [c.id, c]),
  );
  const single = [...new Set(rows.flatMap((r) => (r.divisionIds.length === 1 ? r.divisionIds : [])))];
  const names = new Map(
    single.length
      ? (
          await ctx.db
            .select({ id: divisions.id, name: divisions.name })
            .from(divisions)
            .where(and(eq(divisions.tenantId, ctx.tenantId), inArray(divisions.id, single)))
        ).map((d) => [d.id, d.name])
      : [],
  );
  return rows.map((r) => {
    const divisionId = r.divisionIds.length === 1 ? r.divisionIds[0]! : null;
    return {
      id: r.id,
      scanId: r.scanId,
      position: r.position,
      contactIds: r.contactIds,
      contacts: r.contactIds.map((id) => found.get(id)).filter((c): c is Contact => !!c),
      division: divisionId ? { id: divisionId, name: names.get(divisionId) ?? "" } : null,
      divisionIds: r.divisionIds,
      graph: r.graph,
      mergeInfo: { status: r.mergeStatus, error: r.mergeError ?? null, mergedAt: r.mergedAt },
      mergedContactId: r.mergedContactId,
      createdAt: r.createdAt,
    };
  });
}
