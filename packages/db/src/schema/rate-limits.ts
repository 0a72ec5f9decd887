import { integer, pgTable, text, timestamp } from "drizzle-orm/pg-core";

/**
 * Rate-limit counters and failed-login back-off, shared by every server copy. Not tenant data: the token
 * endpoint and the sign-in meet callers before any tenant is known. One row per key (e.g. a token's hash, a
 * client id's or email's hash, an IP): the fixed window's start and its hits, and the run of failed logins
 * with the time until which they lock the key. Unlogged (see the migration): losing counters in a crash is
 * harmless, and a request's count then costs no WAL flush.
 */
export const rateLimits = pgTable("rate_limits", {
  key: text("key").primaryKey(),
  windowStart: timestamp("window_start", { withTimezone: true, mode: "date" }).notNull(),
  hits: integer("hits").notNull().default(0),
  failures: integer("failures").notNull().default(0),
  failedAt: timestamp("failed_at", { withTimezone: true, mode: "date" }),
  blockedUntil: timestamp("blocked_until", { withTimezone: true, mode: "date" }),
  updatedAt: timestamp("updated_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
});
