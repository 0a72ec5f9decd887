import {
  and,
  type contacts,
  count,
  eq,
  inArray,
  isNull,
  type organizations,
  type PgTable,
  type SQL,
} from "@switchboard/db";
import type { Context } from "./context";
import { notFound } from "./errors";
import { isUuid } from "./ids";

/** Tables of soft-deletable, uuid-addressed records (contacts, organizations) share these reads. */
type LiveTable = typeof contacts | typeof organizations;

/**
 * The lookups every live-record module needs: tenant + not-deleted scope, one row by id (optionally locked),
 * existence, and many rows by id in the order asked. Unknown and malformed ids are simply not found.
 */
export function liveRecords<T extends LiveTable>(table: T, entity: string) {
  type Row = T["$inferSelect"];
  // Both tables have the same key columns; one typed view of them keeps the queries readable.
  const t = table as unknown as typeof contacts;
  const scope = (ctx: Context) => and(eq(t.tenantId, ctx.tenantId), isNull(t.deletedAt));

  return {
    scope,
    async find(ctx: Context, id: string, forUpdate = false): Promise<Row> {
      if (!isUuid(id)) throw notFound(entity, id);
      const query = ctx.db
        .select()
        .from(t)
        .where(and(scope(ctx), eq(t.id, id)));
      const [row] = forUpdate ? await query.for("update") : await query;
      if (!row) throw notFound(entity, id);
      return row as Row;
    },
    async exists(ctx: Context, id: string): Promise<boolean> {
      if (!isUuid(id)) return false;
      const [row] = await ctx.db
        .select({ id: t.id })
        .from(t)
        .where(and(scope(ctx), eq(t.id, id)));
      return Boolean(row);
    },
    async byIds(ctx: Context, ids: string[]): Promise<Row[]> {
      const valid = ids.filter(isUuid);
      if (valid.length === 0) return [];
      const rows = await ctx.db
        .select()
        .from(t)
        .where(and(scope(ctx), inArray(t.id, valid)));
      const order = new Map(valid.map((id, i) => [id, i]));
      return (rows as Row[]).sort((a, b) => (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0));
    },
  };
}

/** One page of rows plus the total that match, for page-number listings. */
export async function pageOf<Row>(
  ctx: Context,
  table: PgTable,
  where: SQL | undefined,
  orderBy: SQL[],
  page: { pageSize: number; pageNumber: number },
): Promise<{ rows: Row[]; total: number }> {
  const [rows, [totals]] = await Promise.all([
    ctx.db
      .select()
      .from(table)
      .where(where)
      .orderBy(...orderBy)
      .limit(page.pageSize)
      .offset((page.pageNumber - 1) * page.pageSize),
    ctx.db.select({ total: count() }).from(table).where(where),
  ]);
  return { rows: rows as Row[], total: totals?.total ?? 0 };
}
