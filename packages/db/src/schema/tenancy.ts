import { boolean, index, pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";
import { id, tenantId, timestamps } from "./_columns";

export const tenants = pgTable("tenants", {
  id: id().primaryKey(),
  name: text("name").notNull(),
  slug: text("slug").notNull().unique(),
  createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
});

/** Genesys divisions; every tenant has one `Home` division that new records fall into. */
export const divisions = pgTable(
  "divisions",
  {
    tenantId: tenantId(),
    id: id(),
    name: text("name").notNull(),
    isHome: boolean("is_home").notNull().default(false),
    ...timestamps(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] }), index("divisions_name_idx").on(t.tenantId, t.name)],
);

/** Which worker processes are alive: the health check reads the newest heartbeat. Not tenant data. */
export const workerHeartbeats = pgTable("worker_heartbeats", {
  workerId: text("worker_id").primaryKey(),
  startedAt: timestamp("started_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  seenAt: timestamp("seen_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
});

export type Tenant = typeof tenants.$inferSelect;
export type Division = typeof divisions.$inferSelect;
