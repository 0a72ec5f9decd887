import { bigint, index, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
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

/**
 * Identifiers a contact claims (email, phone, cookie, social ids...). `value` is normalized (E.164 phones,
 * lower-cased emails); a (type, value) is held by at most one contact of the tenant at a time.
 */
export const contactIdentifiers = pgTable(
  "contact_identifiers",
  {
    tenantId: tenantId(),
    id: id(),
    contactId: uuid("contact_id").notNull(),
    type: text("type").notNull(),
    value: text("value").notNull(),
    divisionId: uuid("division_id").notNull(),
    sourceId: uuid("source_id"),
    createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex("contact_identifiers_value_uq").on(t.tenantId, t.type, t.value),
    index("contact_identifiers_contact_idx").on(t.tenantId, t.contactId),
  ],
);
export type ContactIdentifierRow = typeof contactIdentifiers.$inferSelect;

/**
 * Identifiers an external organization claims (Genesys `ExternalOrganizationIdentifier`: type `ExternalId`),
 * held as a contact holds its own: a (type, value) by at most one organization of the tenant at a time.
 */
export const organizationIdentifiers = pgTable(
  "organization_identifiers",
  {
    tenantId: tenantId(),
    id: id(),
    organizationId: uuid("organization_id").notNull(),
    type: text("type").notNull(),
    value: text("value").notNull(),
    divisionId: uuid("division_id").notNull(),
    sourceId: uuid("source_id"),
    createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex("organization_identifiers_value_uq").on(t.tenantId, t.type, t.value),
    index("organization_identifiers_organization_idx").on(t.tenantId, t.organizationId),
  ],
);
export type OrganizationIdentifierRow = typeof organizationIdentifiers.$inferSelect;
