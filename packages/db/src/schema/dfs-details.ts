import { sql } from "drizzle-orm";
import {
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { id, tenantId } from "./_columns";

/**
 * DFS details schemas (`contact`, `legal-entity`): one row per version of a tenant's schema; the newest is in
 * force and its version is the DFS `concurrencyToken`. A tenant without a row uses the built-in default (version 1).
 */
export const dfsSchemas = pgTable(
  "dfs_schemas",
  {
    tenantId: tenantId(),
    key: text("key").notNull(),
    version: integer("version").notNull(),
    definition: jsonb("definition").$type<unknown>().notNull(),
    createdByKind: text("created_by_kind").notNull(),
    createdById: text("created_by_id").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.key, t.version] })],
);

/**
 * A record's DFS details document: the values of the schema's unbound fields (bound ones live in the record's
 * columns and points), with the schema version it was validated against. Apart from Genesys `customFields`.
 */
export const dfsDetails = pgTable(
  "dfs_details",
  {
    tenantId: tenantId(),
    ownerKind: text("owner_kind").notNull().$type<"contact" | "organization">(),
    ownerId: uuid("owner_id").notNull(),
    details: jsonb("details").$type<Record<string, unknown>>().notNull(),
    schemaVersion: integer("schema_version").notNull(),
    modifiedAt: timestamp("modified_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.ownerKind, t.ownerId] })],
);

/** A path of a change request: its value before and the value asked for, as DFS shows them. */
export type ChangeRequestDetail = {
  path: string;
  originalValue: string | null;
  targetValue: string | null;
  isApprovalRequired: boolean;
};

/**
 * A member's DFS details edit that touched approval-required fields: pending (1) until another member approves
 * (2) or rejects (3) it, or its initiator cancels it (4). `held` keeps the target values of the held paths
 * (JSON values, by DFS path); at most one pending request per contact.
 */
export const changeRequests = pgTable(
  "change_requests",
  {
    tenantId: tenantId(),
    id: id(),
    /** The DFS int32 `changeRequestId`. */
    number: integer("number").generatedAlwaysAsIdentity().notNull(),
    contactId: uuid("contact_id").notNull(),
    status: smallint("status").notNull().default(1),
    details: jsonb("details").$type<ChangeRequestDetail[]>().notNull(),
    held: jsonb("held").$type<Record<string, unknown>>().notNull(),
    initiatorKind: text("initiator_kind").notNull(),
    initiatorId: uuid("initiator_id").notNull(),
    initiatorName: text("initiator_name").notNull(),
    initiatorComment: text("initiator_comment"),
    reviewerId: uuid("reviewer_id"),
    reviewerName: text("reviewer_name"),
    reviewComment: text("review_comment"),
    createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
    reviewedAt: timestamp("reviewed_at", { withTimezone: true, mode: "date" }),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex("change_requests_number_uq").on(t.tenantId, t.number),
    uniqueIndex("change_requests_one_pending_uq").on(t.tenantId, t.contactId).where(sql`${t.status} = 1`),
    index("change_requests_created_idx").on(t.tenantId, t.createdAt),
  ],
);

export type ChangeRequestRow = typeof changeRequests.$inferSelect;

/**
 * A changed primary email or mobile number waiting for its key (DFS communication verification): the new
 * value is not applied until verified. Only the key's SHA-256 is stored; `attempts` counts failed tries.
 */
export const pendingVerifications = pgTable(
  "pending_verifications",
  {
    tenantId: tenantId(),
    contactId: uuid("contact_id").notNull(),
    channel: text("channel").notNull().$type<"Email" | "Mobile">(),
    value: text("value").notNull(),
    keyHash: text("key_hash").notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true, mode: "date" }).notNull(),
    attempts: integer("attempts").notNull().default(0),
    requestedByKind: text("requested_by_kind").notNull(),
    requestedById: text("requested_by_id").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.contactId, t.channel] })],
);

/**
 * Messages the system sends (verification keys): written in the transaction that asks for them; delivered by
 * SMTP when configured (`sentAt`), otherwise staff read them here (the web app's outbox).
 */
export const notificationOutbox = pgTable(
  "notification_outbox",
  {
    tenantId: tenantId(),
    id: id(),
    channel: text("channel").notNull().$type<"email" | "sms">(),
    recipient: text("recipient").notNull(),
    subject: text("subject").notNull(),
    body: text("body").notNull(),
    /** What the message is about (`contact`), for the outbox view. */
    entityType: text("entity_type"),
    entityId: uuid("entity_id"),
    createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
    sentAt: timestamp("sent_at", { withTimezone: true, mode: "date" }),
    error: text("error"),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index("notification_outbox_created_idx").on(t.tenantId, t.createdAt),
  ],
);
