import { sql } from "drizzle-orm";
import { timestamp, uuid } from "drizzle-orm/pg-core";

/** Every row belongs to one tenant; `tenant_id` leads every key and index so the schema shards by tenant. */
export const tenantId = () => uuid("tenant_id").notNull();

export const id = () => uuid("id").notNull().default(sql`gen_random_uuid()`);

export const timestamps = () => ({
  createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  modifiedAt: timestamp("modified_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
});
