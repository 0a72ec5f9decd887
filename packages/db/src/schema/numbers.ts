import { integer, pgTable, primaryKey, text } from "drizzle-orm/pg-core";
import { tenantId } from "./_columns";

/**
 * The last number given to a record of each tenant and kind (`contact`, `organization`, `member`,
 * `apiClient`): numbers are taken by bumping it (`allocate_record_numbers`, migration 0025) in the inserting
 * transaction, so they are unique per tenant and kind, never reused, and committed in order.
 */
export const recordNumbers = pgTable(
  "record_numbers",
  {
    tenantId: tenantId(),
    kind: text("kind").notNull(),
    last: integer("last").notNull(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.kind] })],
);
