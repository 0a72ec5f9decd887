import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  doublePrecision,
  index,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { id, tenantId, timestamps } from "./_columns";

/**
 * A professional identity (PI): a person (contact) represents or works for an organization. The one person ↔
 * organization link of the cross-dialect contract (§4): enfore PIs, DFS legal-entity contacts, and the Genesys
 * `externalOrganization`, which is the person's primary active PI. `contacts.organization_id` caches that
 * organization; the domain and the `contacts_employer_*` statement triggers (migration 0029) keep both in step.
 * Its own phones, emails, addresses and web addresses are `contact_points` with owner kind `identity`.
 */
export const professionalIdentities = pgTable(
  "professional_identities",
  {
    tenantId: tenantId(),
    id: id(),
    /** Keyset and creation order; never reused. */
    number: bigint("number", { mode: "number" }).generatedAlwaysAsIdentity().notNull(),
    contactId: uuid("contact_id").notNull(),
    /** Set on create; a PI never moves to another organization (enfore has no way to). */
    organizationId: uuid("organization_id").notNull(),
    isActive: boolean("is_active").notNull().default(true),
    /** At most one per person; while active, its organization is the person's Genesys `externalOrganization`. */
    isPrimary: boolean("is_primary").notNull().default(false),
    jobTitle: text("job_title"),
    /** When it last became active / inactive (enfore `representatives`). */
    activationDate: timestamp("activation_date", { withTimezone: true, mode: "date" }),
    deactivationDate: timestamp("deactivation_date", { withTimezone: true, mode: "date" }),
    /** The organization's departments and locations the person works in: plain ids until those tables exist. */
    departmentIds: uuid("department_ids").array().notNull().default(sql`'{}'::uuid[]`),
    locationIds: uuid("location_ids").array().notNull().default(sql`'{}'::uuid[]`),
    /** DFS access policies (by key) the person holds on a legal entity, and the v1.0 share. */
    accessPolicyKeys: text("access_policy_keys").array().notNull().default(sql`'{}'::text[]`),
    share: doublePrecision("share"),
    ...timestamps(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index("professional_identities_contact_idx").on(t.tenantId, t.contactId, t.number),
    index("professional_identities_organization_idx").on(t.tenantId, t.organizationId, t.number),
    uniqueIndex("professional_identities_primary_uq").on(t.tenantId, t.contactId).where(sql`${t.isPrimary}`),
  ],
);

export type ProfessionalIdentityRow = typeof professionalIdentities.$inferSelect;
