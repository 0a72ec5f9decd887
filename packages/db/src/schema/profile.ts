import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { id, tenantId, timestamps } from "./_columns";

/**
 * The typed tables around a person (`contact`) or an organization: each row names its owner by
 * `(owner_kind, owner_id)`, so one table serves both kinds (cross-dialect contract §4). Owners are checked
 * (live, same tenant, visible) by the domain's profile module; no foreign keys, as elsewhere in the schema.
 */
export type ProfileOwnerKind = "contact" | "organization";
/** Images also belong to enfore placeholder customers. */
export type ImageOwnerKind = ProfileOwnerKind | "placeholderCustomer";
const owner = () => ({
  ownerKind: text("owner_kind").notNull().$type<ProfileOwnerKind>(),
  ownerId: uuid("owner_id").notNull(),
});

/** The tenant's tags (enfore: kept per org, names case-sensitive, 1..256 characters). */
export const tags = pgTable(
  "tags",
  {
    tenantId: tenantId(),
    id: id(),
    name: text("name").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] }), uniqueIndex("tags_name_uq").on(t.tenantId, t.name)],
);

/**
 * A tag on a contact or organization. `position` keeps the order the tags were given in (the Genesys
 * organization `tags` array is a view of these, in position order).
 */
export const tagAssignments = pgTable(
  "tag_assignments",
  {
    tenantId: tenantId(),
    ...owner(),
    tagId: uuid("tag_id").notNull(),
    position: integer("position").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.ownerKind, t.ownerId, t.tagId] }),
    index("tag_assignments_tag_idx").on(t.tenantId, t.tagId),
  ],
);

/**
 * A role a contact or organization holds (enfore customer / supplier / alternative payer), at most one of
 * each kind. The attributes every kind has are columns (its number, active flag, since); the rest of each
 * kind's shape (tax information, cards, delivery and invoicing configurations, ...) is `attributes`, a jsonb
 * document validated by the domain's zod schema for that kind.
 */
export const profileRoles = pgTable(
  "profile_roles",
  {
    tenantId: tenantId(),
    ...owner(),
    kind: text("kind").notNull().$type<"customer" | "supplier" | "alternativePayer">(),
    /** customer_id / supplier_id / alternative_payer_id: the role's own number, as the caller gave it. */
    number: text("number").notNull(),
    isActive: boolean("is_active").notNull(),
    since: date("since").notNull(),
    attributes: jsonb("attributes").$type<Record<string, unknown>>().notNull().default({}),
    /**
     * The server-assigned accounting number (enfore `debtor_account_id` of customers and alternative payers, one
     * per owner for both; `creditor_account_id` of suppliers), from the tenant's `debtorAccount` /
     * `creditorAccount` number sequence.
     */
    accountNumber: integer("account_number"),
    ...timestamps(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.ownerKind, t.ownerId, t.kind] }),
    index("profile_roles_number_idx").on(t.tenantId, t.kind, t.number),
  ],
);

/** Images of a contact, organization or placeholder customer, ordered by `position`; the first is the default. */
export const profileImages = pgTable(
  "profile_images",
  {
    tenantId: tenantId(),
    id: id(),
    ownerKind: text("owner_kind").notNull().$type<ImageOwnerKind>(),
    ownerId: uuid("owner_id").notNull(),
    position: integer("position").notNull(),
    contentType: text("content_type").notNull().$type<"image/png" | "image/jpeg">(),
    /** The image bytes, base64 (at most 12 MB decoded, as enfore's gateway allows). */
    data: text("data").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index("profile_images_owner_idx").on(t.tenantId, t.ownerKind, t.ownerId, t.position),
  ],
);

/** Named lists of contacts and organizations (enfore customer lists). */
export const customerLists = pgTable(
  "customer_lists",
  {
    tenantId: tenantId(),
    id: id(),
    name: text("name").notNull(),
    ...timestamps(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] })],
);

/** A contact or organization on a customer list, at most once; `number` orders the list in adding order. */
export const customerListMembers = pgTable(
  "customer_list_members",
  {
    tenantId: tenantId(),
    listId: uuid("list_id").notNull(),
    ...owner(),
    number: bigint("number", { mode: "number" }).generatedAlwaysAsIdentity().notNull(),
    createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.listId, t.ownerKind, t.ownerId] }),
    index("customer_list_members_order_idx").on(t.tenantId, t.listId, t.number),
    index("customer_list_members_owner_idx").on(t.tenantId, t.ownerKind, t.ownerId),
  ],
);

/** A person's relationship to another person (enfore: SPOUSE, FATHER, FRIEND, ...). */
export const personalRelationships = pgTable(
  "personal_relationships",
  {
    tenantId: tenantId(),
    id: id(),
    ...owner(),
    relatedContactId: uuid("related_contact_id").notNull(),
    type: text("type").notNull(),
    ...timestamps(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index("personal_relationships_owner_idx").on(t.tenantId, t.ownerKind, t.ownerId),
    index("personal_relationships_related_idx").on(t.tenantId, t.relatedContactId),
    check("personal_relationships_person", sql`${t.ownerKind} = 'contact'`),
  ],
);

/** An organization's department (professional identities reference it by id). */
export const departments = pgTable(
  "departments",
  {
    tenantId: tenantId(),
    id: id(),
    ...owner(),
    name: text("name").notNull(),
    description: text("description"),
    /** enfore DepartmentArea: ADMINISTRATION, OPERATIONS, MARKETING, SALES, OTHER. */
    area: text("area"),
    code: text("code"),
    ...timestamps(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index("departments_owner_idx").on(t.tenantId, t.ownerKind, t.ownerId),
  ],
);

/** An organization's location (professional identities reference it by id). */
export const locations = pgTable(
  "locations",
  {
    tenantId: tenantId(),
    id: id(),
    ...owner(),
    name: text("name").notNull(),
    /** The professional identities that lead this location. */
    leaderIds: uuid("leader_ids").array().notNull().default(sql`'{}'::uuid[]`),
    memberCount: integer("member_count"),
    ...timestamps(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index("locations_owner_idx").on(t.tenantId, t.ownerKind, t.ownerId),
  ],
);

/** The owner's membership in an organization (enfore: CLUB, COOP, FRANCHISE, SUBSIDIARY, ...). */
export const memberships = pgTable(
  "memberships",
  {
    tenantId: tenantId(),
    id: id(),
    ...owner(),
    organizationId: uuid("organization_id").notNull(),
    type: text("type").notNull(),
    name: text("name").notNull(),
    reference: text("reference"),
    ...timestamps(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index("memberships_owner_idx").on(t.tenantId, t.ownerKind, t.ownerId),
    index("memberships_organization_idx").on(t.tenantId, t.organizationId),
  ],
);

/**
 * enfore placeholder customers: stand-alone customer records that are not contacts. Soft-deleted (`deleted_at`)
 * records stay readable; `customer_id` and `external_id` are unique among the tenant's live ones.
 */
export const placeholderCustomers = pgTable(
  "placeholder_customers",
  {
    tenantId: tenantId(),
    id: id(),
    externalId: text("external_id"),
    customerId: text("customer_id").notNull(),
    name: text("name").notNull(),
    isActive: boolean("is_active").notNull(),
    customerSince: date("customer_since").notNull(),
    requiresFormalInvoice: boolean("requires_formal_invoice").notNull(),
    trackRevenue: boolean("track_revenue").notNull(),
    deletedAt: timestamp("deleted_at", { withTimezone: true, mode: "date" }),
    ...timestamps(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index("placeholder_customers_order_idx").on(t.tenantId, t.createdAt, t.id),
    uniqueIndex("placeholder_customers_customer_id_uq")
      .on(t.tenantId, t.customerId)
      .where(sql`${t.deletedAt} is null`),
    uniqueIndex("placeholder_customers_external_id_uq")
      .on(t.tenantId, t.externalId)
      .where(sql`${t.deletedAt} is null and ${t.externalId} is not null`),
  ],
);

/** A tenant's contact-management configuration (enfore `configuration`), as one validated document. */
export const contactConfigurations = pgTable("contact_configurations", {
  tenantId: tenantId().primaryKey(),
  document: jsonb("document").$type<Record<string, unknown>>().notNull(),
  ...timestamps(),
});

export type TagRow = typeof tags.$inferSelect;
export type ProfileRoleRow = typeof profileRoles.$inferSelect;
export type ProfileImageRow = typeof profileImages.$inferSelect;
export type CustomerListRow = typeof customerLists.$inferSelect;
export type PersonalRelationshipRow = typeof personalRelationships.$inferSelect;
export type DepartmentRow = typeof departments.$inferSelect;
export type LocationRow = typeof locations.$inferSelect;
export type MembershipRow = typeof memberships.$inferSelect;
export type PlaceholderCustomerRow = typeof placeholderCustomers.$inferSelect;
