import { type Executor, type PgColumn, type SQL, sql } from "@switchboard/db";
import type { Context } from "./context";

/**
 * Statements built once and run many times. Drizzle builds a query's SQL text on every call, and for a read of
 * one record by id that cost the web server more CPU than PostgreSQL spent answering it; a hot read builds its
 * statement once per database handle with placeholders and only fills them in per call.
 */

/** The tenant as a placeholder, where a statement built once takes the caller's tenant (`tenantPlaceholders`). */
export const TENANT = { tenantId: sql.placeholder("tenantId") };
export type TenantPlaceholder = typeof TENANT;

/**
 * A statement per database handle: the pool's is built on first use and kept; a transaction's lives as long
 * as the transaction (drizzle binds a prepared query to the handle it was built on).
 */
export function perHandle<T>(build: (db: Executor) => T): (db: Executor) => T {
  const built = new WeakMap<Executor, T>();
  return (db) => {
    let statement = built.get(db);
    if (!statement) {
      statement = build(db);
      built.set(db, statement);
    }
    return statement;
  };
}

/**
 * `visibleIn` (shared/records) with the actor's divisions as placeholders, so one statement serves an actor with
 * every division and one limited to some; `visibleDivisions(ctx)` fills them in.
 */
export const visibleInPlaceholders = (divisionColumn: PgColumn): SQL =>
  sql`(${sql.placeholder("everyDivision")}::boolean or ${divisionColumn} = any(${sql.placeholder("divisionIds")}::uuid[]))`;

/** The placeholder values of `TENANT` and `visibleInPlaceholders` for the caller. */
export const scopeValues = (ctx: Context) => ({
  tenantId: ctx.tenantId,
  everyDivision: !ctx.actor.divisionIds,
  divisionIds: [...(ctx.actor.divisionIds ?? [])],
});
