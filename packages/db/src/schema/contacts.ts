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
import { id, recordNumber, tenantId, timestamps } from "./_columns";

/** Bookkeeping shared by every addressable record: a uuid and a number per tenant (DFS int32 ids), optimistic
 * concurrency, timestamps and soft delete. */
const recordColumns = () => ({
  tenantId: tenantId(),
  id: id(),
  number: recordNumber(),
  version: integer("version").notNull().default(1),
  ...timestamps(),
  deletedAt: timestamp("deleted_at", { withTimezone: true, mode: "date" }),
});

export const organizations = pgTable(
  "organizations",
  {
    ...recordColumns(),
    divisionId: uuid("division_id").notNull(),
    name: text("name").notNull(),
    companyType: text("company_type"),
    industry: text("industry"),
    employeeCount: integer("employee_count"),
    revenue: bigint("revenue", { mode: "number" }),
    // Tags live in `tag_assignments` (profile.ts); the Genesys `tags` array is a view of them.
    websites: text("websites").array(),
    tickers: jsonb("tickers").$type<{ symbol: string; exchange: string }[]>(),
    externalSystemUrl: text("external_system_url"),
    schemaId: uuid("schema_id"),
    schemaVersion: integer("schema_version"),
    customFields: jsonb("custom_fields").$type<Record<string, unknown>>(),
    /** Dialect-specific fields with no canonical home, kept so every dialect round-trips what it wrote. */
    extensions: jsonb("extensions").$type<Record<string, unknown>>().notNull().default({}),
    searchText: text("search_text").notNull().default(""),
    /** The Genesys Cloud organization (trustor) this external organization represents, when linked. */
    trustorOrgId: uuid("trustor_org_id"),
    trustorLinkedAt: timestamp("trustor_linked_at", { withTimezone: true, mode: "date" }),
    trustorLinkedBy: text("trustor_linked_by"),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex("organizations_number_uq").on(t.tenantId, t.number),
    // A trustor org is represented by at most one live external organization.
    uniqueIndex("organizations_trustor_uq")
      .on(t.tenantId, t.trustorOrgId)
      .where(sql`${t.trustorOrgId} is not null and ${t.deletedAt} is null`),
    index("organizations_search_trgm_idx").using("gin", t.tenantId, sql`${t.searchText} gin_trgm_ops`),
  ],
);

export const contacts = pgTable(
  "contacts",
  {
    ...recordColumns(),
    divisionId: uuid("division_id").notNull(),
    /** Curated | Ephemeral | Identified (Genesys) */
    type: text("type").notNull().default("Curated"),
    firstName: text("first_name"),
    middleName: text("middle_name"),
    lastName: text("last_name"),
    salutation: text("salutation"),
    title: text("title"),
    displayName: text("display_name"),
    dateOfBirth: date("date_of_birth"),
    anniversary: date("anniversary"),
    organizationId: uuid("organization_id"),
    surveyOptOut: boolean("survey_opt_out"),
    externalSystemUrl: text("external_system_url"),
    schemaId: uuid("schema_id"),
    schemaVersion: integer("schema_version"),
    customFields: jsonb("custom_fields").$type<Record<string, unknown>>(),
    /** Set when this contact was merged into another: reads resolve to the canonical contact. */
    canonicalContactId: uuid("canonical_contact_id"),
    mergedFrom: uuid("merged_from").array(),
    /** Dialect-specific fields with no canonical home (e.g. Genesys social handles), typed in the domain. */
    extensions: jsonb("extensions").$type<Record<string, unknown>>().notNull().default({}),
    /** Normalized names, emails and phone digits (see domain `searchTextOf`), trigram-indexed for `q`. */
    searchText: text("search_text").notNull().default(""),
    /** Whether the contact has an email / a phone: kept with its contact points, so list filters count fast. */
    hasEmail: boolean("has_email").notNull().default(false),
    hasPhone: boolean("has_phone").notNull().default(false),
    /** DFS `username`: a login-like name, unique per tenant regardless of case (`UsernameNotUnique`). */
    username: text("username"),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex("contacts_number_uq").on(t.tenantId, t.number),
    index("contacts_organization_idx").on(t.tenantId, t.organizationId),
    uniqueIndex("contacts_username_uq")
      .on(t.tenantId, sql`lower(${t.username})`)
      .where(sql`${t.username} is not null`),
    // Merge sets: the contacts merged into a canonical one, without scanning the tenant.
    index("contacts_canonical_idx")
      .on(t.tenantId, t.canonicalContactId)
      .where(sql`${t.canonicalContactId} is not null`),
    index("contacts_search_trgm_idx").using("gin", t.tenantId, sql`${t.searchText} gin_trgm_ops`),
    // The web list sorts 100k+ contacts by these columns: an index per sort column serves a page without
    // sorting the tenant (live contacts only, as every list reads).
    // `deleted_at is null` in a partial index's predicate, not a key column: as a key, `is null` is no
    // equality to the planner, which then sorted every live contact for a page of the default order.
    index("contacts_last_name_sort_idx")
      .on(t.tenantId, t.lastName, t.firstName, t.id)
      .where(sql`${t.deletedAt} is null and ${t.canonicalContactId} is null`),
    index("contacts_first_name_sort_idx")
      .on(t.tenantId, t.firstName, t.id)
      .where(sql`${t.deletedAt} is null and ${t.canonicalContactId} is null`),
    index("contacts_title_sort_idx")
      .on(t.tenantId, t.title, t.id)
      .where(sql`${t.deletedAt} is null and ${t.canonicalContactId} is null`),
    // Duplicate suggestions compare names by trigram similarity (`%`); the expression must match the domain's.
    index("contacts_name_trgm_idx").using(
      "gin",
      t.tenantId,
      sql`(lower(coalesce(${t.firstName}, '') || ' ' || coalesce(${t.lastName}, ''))) gin_trgm_ops`,
    ),
  ],
);

/**
 * Phones, emails, postal addresses, web addresses and social handles of a contact, organization or
 * professional identity. `value` holds the normalized form (E.164, lower-cased email) used for matching;
 * `details` the rest of the typed shape (display, extension, acceptsSMS, address lines, ...). Several points
 * of one type are allowed; a dialect with one slot per type shows the first by `position`.
 */
export const contactPoints = pgTable(
  "contact_points",
  {
    tenantId: tenantId(),
    id: id(),
    ownerKind: text("owner_kind").notNull().$type<"contact" | "organization" | "identity">(),
    ownerId: uuid("owner_id").notNull(),
    kind: text("kind").notNull().$type<"phone" | "email" | "address" | "web" | "social">(),
    /** The union of the dialects' types: work, cell, home, other, personal, ... */
    type: text("type").notNull(),
    value: text("value").notNull(),
    details: jsonb("details").$type<Record<string, unknown>>().notNull().default({}),
    usages: text("usages").array(),
    description: text("description"),
    /** The vendor's own type (the enfore enum value, e.g. `WORK_MOBILE`) when the writer gave one. */
    vendorType: text("vendor_type"),
    /** enfore `usage_context` when the writer gave one; readers derive it from `type` otherwise. */
    usageContext: text("usage_context").$type<"ORGANIZATION" | "PERSONAL" | "PROFESSIONAL">(),
    position: integer("position").notNull().default(0),
    verified: boolean("verified"),
    ...timestamps(),
  },
  (t) => [
    // `id` is stable across writes: a point is updated in place, never deleted and inserted again.
    primaryKey({ columns: [t.tenantId, t.id] }),
    index("contact_points_owner_idx").on(t.tenantId, t.ownerId, t.kind, t.position),
    index("contact_points_value_idx").on(t.tenantId, t.kind, t.value),
    check(
      "contact_points_usage_context_check",
      sql`${t.usageContext} in ('ORGANIZATION', 'PERSONAL', 'PROFESSIONAL')`,
    ),
  ],
);

/**
 * Pairs of contacts a staff member marked "not duplicates": duplicate suggestions leave the pair out. One row
 * per pair, the smaller id first, with who dismissed it and when; tenant-wide (everyone's suggestions).
 */
export const duplicateDismissals = pgTable(
  "duplicate_dismissals",
  {
    tenantId: tenantId(),
    contactA: uuid("contact_a").notNull(),
    contactB: uuid("contact_b").notNull(),
    dismissedByKind: text("dismissed_by_kind").notNull().$type<"member" | "apiClient" | "system">(),
    dismissedById: text("dismissed_by_id").notNull(),
    dismissedByName: text("dismissed_by_name"),
    dismissedAt: timestamp("dismissed_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (t) => [
    // Also serves "dismissed pairs among these contacts" (contact_a = any(...)) for the suggestions.
    primaryKey({ columns: [t.tenantId, t.contactA, t.contactB] }),
    index("duplicate_dismissals_at_idx").on(t.tenantId, t.dismissedAt),
    check("duplicate_dismissals_ordered", sql`${t.contactA} < ${t.contactB}`),
  ],
);

/**
 * Every word of the tenant's contacts' and organizations' search text that a typo-tolerant search could
 * correct a term to (three or more characters, no digit or `@`: see the domain's `isFuzzyTerm`). Kept by
 * statement triggers on both tables (migration 0018), so every write path fills it, bulk imports included;
 * words are never removed (a word no record has any more finds nothing). A typo is corrected against these
 * few words, not compared with every record's text.
 */
export const searchWords = pgTable(
  "search_words",
  {
    tenantId: tenantId(),
    word: text("word").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.word] }),
    index("search_words_trgm_idx").using("gin", t.tenantId, sql`${t.word} gin_trgm_ops`),
  ],
);

export type ContactRow = typeof contacts.$inferSelect;
export type ContactPointRow = typeof contactPoints.$inferSelect;
export type OrganizationRow = typeof organizations.$inferSelect;
export type DuplicateDismissalRow = typeof duplicateDismissals.$inferSelect;
