import { sql } from "drizzle-orm";
import {
  boolean,
  check,
  index,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { id, recordNumber, tenantId, timestamps } from "./_columns";

/** A named set of permission strings (Genesys vocabulary, e.g. `externalContacts:contact:view`). */
export const roles = pgTable(
  "roles",
  {
    tenantId: tenantId(),
    id: id(),
    name: text("name").notNull(),
    permissions: text("permissions").array().notNull().default(sql`'{}'::text[]`),
    /** The divisions the role's permissions apply in; null means every division (Genesys division scoping). */
    divisionIds: uuid("division_ids").array(),
    ...timestamps(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] }), uniqueIndex("roles_name_uq").on(t.tenantId, t.name)],
);

/** A person who signs in to the web app. The password is stored as an argon2id hash. */
export const members = pgTable(
  "members",
  {
    tenantId: tenantId(),
    id: id(),
    /** DFS refers to members by int id. */
    number: recordNumber(),
    email: text("email").notNull(),
    name: text("name").notNull(),
    passwordHash: text("password_hash").notNull(),
    active: boolean("active").notNull().default(true),
    ...timestamps(),
  },
  // Email (stored lowercased) is unique per tenant: the same person may be a member of several tenants. Sign-in
  // is given no tenant, so it finds the candidates by email alone across tenants (members_email_idx).
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex("members_tenant_email_uq").on(t.tenantId, sql`lower(${t.email})`),
    uniqueIndex("members_number_uq").on(t.tenantId, t.number),
    index("members_email_idx").on(sql`lower(${t.email})`),
  ],
);

/** Web sessions; only the SHA-256 of the cookie token is stored. */
export const memberSessions = pgTable(
  "member_sessions",
  {
    tenantId: tenantId(),
    tokenHash: text("token_hash").notNull(),
    memberId: uuid("member_id").notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true, mode: "date" }).notNull(),
    createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.tokenHash] }),
    uniqueIndex("member_sessions_token_uq").on(t.tokenHash),
    index("member_sessions_member_idx").on(t.tenantId, t.memberId),
  ],
);

/** OAuth client-credentials clients used by integrators. The secret is stored as an argon2id hash. */
export const apiClients = pgTable(
  "api_clients",
  {
    tenantId: tenantId(),
    id: id(),
    number: recordNumber(),
    clientId: text("client_id").notNull(),
    name: text("name").notNull(),
    secretHash: text("secret_hash").notNull(),
    active: boolean("active").notNull().default(true),
    ...timestamps(),
  },
  // client_id is what the token endpoint is given before any tenant is known, so it is globally unique.
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex("api_clients_client_id_uq").on(t.clientId),
    uniqueIndex("api_clients_number_uq").on(t.tenantId, t.number),
  ],
);

/**
 * Bearer tokens issued by /oauth/token; only the SHA-256 of the token is stored. A token acts as its API client
 * (client-credentials grant) or as its member (password grant): exactly one of the two is set.
 */
export const apiTokens = pgTable(
  "api_tokens",
  {
    tenantId: tenantId(),
    tokenHash: text("token_hash").notNull(),
    apiClientId: uuid("api_client_id"),
    memberId: uuid("member_id"),
    expiresAt: timestamp("expires_at", { withTimezone: true, mode: "date" }).notNull(),
    createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.tokenHash] }),
    uniqueIndex("api_tokens_token_uq").on(t.tokenHash),
    index("api_tokens_client_idx").on(t.tenantId, t.apiClientId),
    index("api_tokens_member_idx").on(t.tenantId, t.memberId),
    check("api_tokens_one_owner", sql`num_nonnulls(${t.apiClientId}, ${t.memberId}) = 1`),
  ],
);

/** Roles held by a principal (a member or an API client; their ids never collide, both are uuids). */
export const roleAssignments = pgTable(
  "role_assignments",
  {
    tenantId: tenantId(),
    principalId: uuid("principal_id").notNull(),
    roleId: uuid("role_id").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.principalId, t.roleId] }),
    index("role_assignments_role_idx").on(t.tenantId, t.roleId),
  ],
);

export type Member = typeof members.$inferSelect;
export type ApiClient = typeof apiClients.$inferSelect;
export type Role = typeof roles.$inferSelect;
