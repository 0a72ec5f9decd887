import { sql } from "drizzle-orm";
import { integer, timestamp, uuid } from "drizzle-orm/pg-core";

/** Every row belongs to one tenant; `tenant_id` leads every key and index so the schema shards by tenant. */
export const tenantId = () => uuid("tenant_id").notNull();

export const id = () => uuid("id").notNull().default(sql`gen_random_uuid()`);

export const timestamps = () => ({
  createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  modifiedAt: timestamp("modified_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
});

/**
 * A record's number (DFS int32 id): unique per tenant and kind, 1..2147483647, never reused. Taken from the
 * tenant's sequence of the kind (migration 0030; see the domain's numbers module): batch inserts allocate a range and
 * set it; a row inserted without one is numbered by the table's `assign_record_number` trigger (migration 0025).
 */
export const recordNumber = () =>
  integer("number")
    .notNull()
    .$defaultFn(() => sql`null`);
