import { type Executor, type PgColumn, type SQL, sql } from "@switchboard/db";
import type { Context } from "./context";

/**
 * Statements built once and run many times. Drizzle builds a query's SQL text on every call, and for a read of
 * one record by id, or a page of keyword matches, that cost the web server more CPU than PostgreSQL spent
 * answering it. A hot read builds its statement once per database handle, from a context whose tenant and
 * divisions are placeholders (`statementContext`), and fills them in per call (`scopeValues`). The scopes and
 * helpers written for a context build such a statement unchanged.
 */

/** The actor divisions of a `statementContext`: `visibleIn` (shared/records) filters with placeholders for them. */
export const DIVISIONS_AS_PLACEHOLDERS: ReadonlySet<string> = new Set<string>();

/** A context to build a statement with: the tenant and the actor's divisions are placeholders. */
export const statementContext = (db: Executor): Context => ({
  db,
  // A placeholder where the tenant's id goes: drizzle binds it like a value.
  tenantId: sql.placeholder("tenantId") as unknown as string,
  actor: {
    kind: "system",
    id: "statement",
    name: "statement",
    permissions: new Set(),
    divisionIds: DIVISIONS_AS_PLACEHOLDERS,
  },
});

/** `visibleIn` for a `statementContext`: one statement serves an actor with every division and one with some. */
export const visibleInPlaceholders = (divisionColumn: PgColumn): SQL =>
  sql`(${sql.placeholder("everyDivision")}::boolean or ${divisionColumn} = any(${sql.placeholder("divisionIds")}::uuid[]))`;

/** The caller's values of a `statementContext`'s placeholders. */
export const scopeValues = (ctx: Context) => ({
  tenantId: ctx.tenantId,
  everyDivision: !ctx.actor.divisionIds,
  divisionIds: [...(ctx.actor.divisionIds ?? [])],
});

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
