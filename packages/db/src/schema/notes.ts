import { bigint, index, pgTable, primaryKey, text, uuid } from "drizzle-orm/pg-core";
import { id, tenantId, timestamps } from "./_columns";

/** Free text on exactly one contact or organization. */
export const notes = pgTable(
  "notes",
  {
    tenantId: tenantId(),
    id: id(),
    /** Keyset for scans; never reused. */
    number: bigint("number", { mode: "number" }).generatedAlwaysAsIdentity().notNull(),
    entityType: text("entity_type").notNull().$type<"contact" | "organization">(),
    entityId: uuid("entity_id").notNull(),
    text: text("text").notNull(),
    /** The author: a member id (Genesys `createdBy.id` names a user); the name is kept for display. */
    createdById: text("created_by_id").notNull(),
    createdByName: text("created_by_name"),
    ...timestamps(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index("notes_entity_idx").on(t.tenantId, t.entityType, t.entityId, t.createdAt),
    index("notes_number_idx").on(t.tenantId, t.number),
  ],
);

/** A member (Genesys user) related to an organization in a named role, e.g. "Account Manager". */
export const relationships = pgTable(
  "relationships",
  {
    tenantId: tenantId(),
    id: id(),
    /** Keyset for scans; never reused. */
    number: bigint("number", { mode: "number" }).generatedAlwaysAsIdentity().notNull(),
    organizationId: uuid("organization_id").notNull(),
    memberId: uuid("member_id").notNull(),
    relationship: text("relationship").notNull(),
    ...timestamps(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index("relationships_organization_idx").on(t.tenantId, t.organizationId, t.createdAt),
    index("relationships_number_idx").on(t.tenantId, t.number),
  ],
);

export type NoteRow = typeof notes.$inferSelect;
export type RelationshipRow = typeof relationships.$inferSelect;

/** Which external contact a contact-center conversation is about (Genesys conversation association). */
export const conversationAssociations = pgTable(
  "conversation_associations",
  {
    tenantId: tenantId(),
    conversationId: text("conversation_id").notNull(),
    communicationId: text("communication_id").notNull(),
    mediaType: text("media_type").notNull(),
    contactId: uuid("contact_id").notNull(),
    ...timestamps(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.conversationId] }),
    index("conversation_associations_contact_idx").on(t.tenantId, t.contactId),
  ],
);
