import { index, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { tenantId } from "./_columns";

/**
 * Genesys Journey segments assigned to a contact (`SegmentAssignment`). Segments are defined in Genesys
 * Journey, not here, so one is named by its id alone. An assignment lapses at `expires_at`: reads leave it out
 * from then on, and assigning the segment again starts a new one. Assigning a live one again moves
 * `expires_at` on and keeps `assigned_at`.
 */
export const contactSegmentAssignments = pgTable(
  "contact_segment_assignments",
  {
    tenantId: tenantId(),
    contactId: uuid("contact_id").notNull(),
    segmentId: text("segment_id").notNull(),
    assignedAt: timestamp("assigned_at", { withTimezone: true, mode: "date" }).notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true, mode: "date" }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.contactId, t.segmentId] }),
    // A contact's live assignments, newest first.
    index("contact_segment_assignments_contact_idx").on(t.tenantId, t.contactId, t.assignedAt),
  ],
);
export type ContactSegmentAssignmentRow = typeof contactSegmentAssignments.$inferSelect;
