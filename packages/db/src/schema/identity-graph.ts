import {
  bigint,
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from "drizzle-orm/pg-core";
import { id, tenantId } from "./_columns";

/** The tenant's identity-graph settings (Genesys `GraphSettings`); no row reads as the defaults. */
export const graphSettings = pgTable("graph_settings", {
  tenantId: tenantId().primaryKey(),
  /** Whether each scan merges the clusters it finds (Genesys `automaticMergingEnabled`). */
  automaticMergingEnabled: boolean("automatic_merging_enabled").notNull().default(false),
  modifiedAt: timestamp("modified_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
});

/** One completed scan of the tenant's contacts for duplicate clusters (Genesys `ClusterScan`). */
export const clusterScans = pgTable(
  "cluster_scans",
  {
    tenantId: tenantId(),
    id: id(),
    /** Orders scans (newest highest) and keys the list cursor. */
    number: bigint("number", { mode: "number" }).generatedAlwaysAsIdentity().notNull(),
    /** What started it: the worker's schedule, a settings change, or someone asking. */
    trigger: text("trigger").notNull().$type<"schedule" | "settings" | "request">(),
    startedAt: timestamp("started_at", { withTimezone: true, mode: "date" }).notNull(),
    completedAt: timestamp("completed_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
    totalClusters: integer("total_clusters").notNull(),
    automaticMergeSuccesses: integer("automatic_merge_successes").notNull().default(0),
    automaticMergeFailures: integer("automatic_merge_failures").notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index("cluster_scans_number_idx").on(t.tenantId, t.number),
  ],
);

/** A vertex or edge list of a cluster's graph, as the scan found it (contact ids and shared values). */
export interface StoredClusterGraph {
  /** Shared emails and phones: `{ type, value }`, the vertex id being `type:value`. */
  identifiers: { type: "Email" | "Phone"; value: string }[];
  /** Contact–identifier and contact–contact (similar names) edges, by vertex id. */
  edges: { from: string; to: string }[];
  /** Why the contacts look alike, strongest first (as the duplicates page shows them). */
  reasons: { kind: "email" | "phone" | "name"; value: string; similarity?: number }[];
}

/** One cluster of likely duplicates found by a scan (Genesys `Cluster`), in the scan's order. */
export const clusters = pgTable(
  "clusters",
  {
    tenantId: tenantId(),
    id: id(),
    scanId: uuid("scan_id").notNull(),
    /** Its place in the scan (largest clusters first, as the duplicates page orders groups). */
    position: integer("position").notNull(),
    contactIds: uuid("contact_ids").array().notNull(),
    /** The divisions of its contacts (one for most clusters). */
    divisionIds: uuid("division_ids").array().notNull(),
    graph: jsonb("graph").$type<StoredClusterGraph>().notNull(),
    mergeStatus: text("merge_status")
      .notNull()
      .$type<"NotMerged" | "AutoSucceeded" | "AutoFailed" | "ManualSucceeded" | "ManualFailed">()
      .default("NotMerged"),
    mergeError: jsonb("merge_error").$type<{ code: string; message: string }>(),
    mergedAt: timestamp("merged_at", { withTimezone: true, mode: "date" }),
    /** The contact the merge made. */
    mergedContactId: uuid("merged_contact_id"),
    createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index("clusters_scan_position_idx").on(t.tenantId, t.scanId, t.position),
  ],
);

export type ClusterScanRow = typeof clusterScans.$inferSelect;
export type ClusterRow = typeof clusters.$inferSelect;
