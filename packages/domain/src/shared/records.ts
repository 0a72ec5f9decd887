import {
  and,
  asc,
  type contacts,
  count,
  eq,
  getTableColumns,
  getTableName,
  gt,
  inArray,
  isNull,
  type organizations,
  type PgColumn,
  type PgTable,
  type SelectedFields,
  type SQL,
  type SQLWrapper,
  sql,
} from "@switchboard/db";
import { z } from "zod";
import type { Context } from "./context";
import { cursorStart, encodeCursor } from "./cursor";
import { DomainError, notFound, StaleRecordError } from "./errors";
import { isUuid } from "./ids";
import { DIVISIONS_AS_PLACEHOLDERS, visibleInPlaceholders } from "./prepared";

/**
 * Division scoping, in one place: the filter every read, listing, scan and search of a division-owned
 * record adds (through `liveRecords().scope`), so an actor limited to some divisions never sees the others'
 * records (reads answer 404, listings leave them out). No filter for an actor with every division.
 */
export function visibleIn(ctx: Pick<Context, "actor">, divisionColumn: PgColumn): SQL | undefined {
  const allowed = ctx.actor.divisionIds;
  if (!allowed) return undefined;
  if (allowed === DIVISIONS_AS_PLACEHOLDERS) return visibleInPlaceholders(divisionColumn);
  return allowed.size ? inArray(divisionColumn, [...allowed]) : sql`false`;
}

/** Whether the actor may see and write records of `divisionId`. */
export const mayUseDivision = (ctx: Pick<Context, "actor">, divisionId: string) =>
  !ctx.actor.divisionIds || ctx.actor.divisionIds.has(divisionId);

/** Refuses (403) a write that would put a record into a division outside the actor's. */
export function requireDivision(ctx: Pick<Context, "actor">, divisionId: string): void {
  if (!mayUseDivision(ctx, divisionId))
    throw new DomainError("FORBIDDEN", `No access to division ${divisionId}`, [
      { path: "divisionId", message: `access to division ${divisionId}` },
    ]);
}

/** Tables of soft-deletable, uuid-addressed records (contacts, organizations) share these reads. */
type LiveTable = typeof contacts | typeof organizations;

/**
 * The lookups every live-record module needs: tenant + not-deleted scope, one row by id (optionally locked),
 * existence, and many rows by id in the order asked. Unknown and malformed ids are simply not found.
 * `alsoLive` narrows what counts as live further (contacts merged into another are not).
 */
export function liveRecords<T extends LiveTable>(table: T, entity: string, alsoLive?: SQL) {
  type Row = T["$inferSelect"];
  // Both tables have the same key columns; one typed view of them keeps the queries readable.
  const t = table as unknown as typeof contacts;
  const scope = (ctx: Context) =>
    and(eq(t.tenantId, ctx.tenantId), isNull(t.deletedAt), alsoLive, visibleIn(ctx, t.divisionId));

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
    /** The row locked for an update; with `expectedVersion`, 409 when someone else changed it first. */
    async findForUpdate(ctx: Context, id: string, expectedVersion?: number): Promise<Row> {
      const row = (await this.find(ctx, id, true)) as { version: number };
      if (expectedVersion !== undefined && expectedVersion !== row.version)
        throw new StaleRecordError(`${entity} ${id} is at version ${row.version}, not ${expectedVersion}`, {
          type: entity,
          id,
        });
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

/**
 * One page of rows plus the total that match, for page-number listings. One statement: the total comes
 * from a window count over the same scan, so the matches are read once, not once more for a `count(*)`.
 */
export async function pageOf<Row>(
  ctx: Context,
  table: PgTable,
  filtered: SQL | undefined,
  orderBy: SQL[],
  /** With `pageCount`, that many pages from `pageNumber` on, read together (the total stays per listing). */
  page: { pageSize: number; pageNumber: number; pageCount?: number },
  options: {
    countApart?: boolean;
    withoutTotal?: boolean;
    /** The exact reverse of `orderBy` and the count of all matches: a page past the middle is read from the end. */
    backwards?: { orderBy: SQL[]; total: number };
    /** The columns (or expressions) to read; every column of the table when absent. */
    columns?: SelectedFields;
    /** Keyword conditions, kept apart from the `filtered` ones (see `keywordPageKeys`): a row must meet both. */
    keywords?: SQL;
  } = {},
): Promise<{ rows: Row[]; total: number }> {
  const columns = options.columns;
  const offset = (page.pageNumber - 1) * page.pageSize;
  const limit = page.pageSize * (page.pageCount ?? 1);
  const keys = getTableColumns(table) as { tenantId?: PgColumn; id?: PgColumn };
  const keywords = options.keywords;
  const where = and(filtered, keywords);
  const rowsOnly = async (): Promise<Row[]> => {
    const back = options.backwards;
    if (back && options.withoutTotal && offset * 2 > back.total && offset < back.total) {
      // The end of a long listing is near its reversed start: skip the fewer rows, then turn the page over.
      const size = Math.min(limit, back.total - offset);
      const rows = await keyedPage(back.orderBy, size, back.total - offset - size);
      return rows.reverse();
    }
    return keyedPage(orderBy, limit, offset);
  };
  const keyedPage = (order: SQL[], limit: number, skip: number): Promise<Row[]> => {
    if (!keys.tenantId || !keys.id || (skip === 0 && !keywords))
      return ctx.db
        .select(columns as SelectedFields)
        .from(table)
        .where(where)
        .orderBy(...order)
        .limit(limit)
        .offset(skip) as Promise<Row[]>;
    const rowsOf = (pageKeys: SQLWrapper) =>
      ctx.db
        .select(columns as SelectedFields)
        .from(table)
        .where(and(eq(keys.tenantId!, ctx.tenantId), inArray(keys.id!, pageKeys)))
        .orderBy(...order) as Promise<Row[]>;
    if (keywords) return rowsOf(keywordPageKeys(table, { filtered, keywords, order, limit, skip }));
    // Deep in a listing, the rows skipped are walked as index entries only (the sort indexes hold the key),
    // and just the page's rows are read: the list's end of 100k contacts in ~1/3 of the time.
    return rowsOf(
      ctx.db
        .select({ id: keys.id })
        .from(table)
        .where(where)
        .orderBy(...order)
        .limit(limit)
        .offset(skip),
    );
  };
  // A caller that knows the total already (the same result re-sorted) skips counting: total is -1.
  if (options.withoutTotal) return { rows: await rowsOnly(), total: -1 };
  // A large set read in index order (a listing without keywords) stops after one page; a window count would
  // make it read and sort every match first (100k contacts: ~10x slower), so such callers count apart.
  if (options.countApart) {
    const [rows, [totals]] = await Promise.all([
      rowsOnly(),
      ctx.db.select({ total: count() }).from(table).where(where),
    ]);
    return { rows, total: totals?.total ?? 0 };
  }
  const found = await ctx.db
    .select(withWindowTotal(columns ?? getTableColumns(table)))
    .from(table)
    .where(where)
    .orderBy(...orderBy)
    .limit(limit)
    .offset(offset);
  return pageWithTotal(found, page.pageNumber, async () =>
    Number((await ctx.db.select({ total: count() }).from(table).where(where))[0]?.total ?? 0),
  );
}

/** The count of all rows a statement matches, as a window count over the same scan. */
export const windowTotal = () => sql<number>`count(*) over ()`.mapWith(Number);

/** `columns` and the count of all matching rows (`windowTotal`, or a page's, read by `pageWithTotal`). */
export const withWindowTotal = (
  columns: SelectedFields,
  total: SQL | SQL.Aliased = windowTotal(),
): SelectedFields => ({
  ...columns,
  [TOTAL]: total,
});

/** The rows of a page read `withWindowTotal`, and the total; a page past the end has no row to carry it. */
export async function pageWithTotal<Row>(
  found: unknown[],
  pageNumber: number,
  countAll: () => Promise<number>,
): Promise<{ rows: Row[]; total: number }> {
  const rows = found as Record<string, unknown>[];
  const total = rows[0] ? Number(rows[0][TOTAL]) : pageNumber > 1 ? await countAll() : 0;
  for (const row of rows) delete row[TOTAL];
  return { rows: rows as Row[], total };
}

/** A keyword page is looked for first among this many rows, in order, per row it needs (see `keywordPageKeys`). */
const WALK_RATIO = 40;

/**
 * The keys of a page of keyword matches, in one statement: walked along the order, or else collected.
 *
 * Asked for the first matches in some order, PostgreSQL may walk that order's index and check each row,
 * expecting the matches spread evenly along it. But a name searched for in a list sorted by names has them
 * all in one place: "margaret" sorted by first name, at 100k contacts, read 70,000 rows before the first
 * match (60 ms; the matches collected through the trigram index and sorted: 11 ms). Collecting them always
 * is no better: a keyword that two of three contacts match then sorts 66,000 rows for a page (110 ms).
 *
 * So the walk is bounded: at most `WALK_RATIO` rows per row needed, in order (the `filtered` ones), each
 * checked against the keywords, stopping once the page is full. Only when it is not are all matches
 * collected (through the keywords' index) and sorted.
 */
function keywordPageKeys(
  table: PgTable,
  page: { filtered: SQL | undefined; keywords: SQL; order: SQL[]; limit: number; skip: number },
): SQL {
  const { filtered, keywords, order, limit, skip } = page;
  const id = (getTableColumns(table) as { id: PgColumn }).id;
  // Subqueries named as the table, so the keyword and order conditions (which name the table) apply to them.
  const name = sql.identifier(getTableName(table));
  const orderBy = sql.join(order, sql`, `);
  // In the walk's order already, the walked rows are not sorted again: the walk stops with the page.
  const walked = sql`select ${id} as id from (select * from ${table} where ${filtered ?? sql`true`}
    order by ${orderBy} limit ${WALK_RATIO * (skip + limit)}) as ${name}
    where ${keywords} order by ${orderBy} limit ${limit} offset ${skip}`;
  // `offset 0` plans the subquery on its own, as a scan of the keywords' index.
  const collected = sql`select ${id} as id from (select * from ${table} where ${and(filtered, keywords)}
    offset 0) as ${name} order by ${orderBy} limit ${limit} offset ${skip}`;
  // The second branch runs only when the first came back short (a one-time filter).
  return sql`(with walked as (${walked}) select id from walked
    union all select id from (${collected}) as collected where (select count(*) from walked) < ${limit})`;
}

/** The window count's key in a page's rows; no table has a column by that name. */
const TOTAL = "__total";

export const scanInput = z.object({
  limit: z
    .number()
    .int()
    .min(10, "limit must be between 10 and 200")
    .max(200, "limit must be between 10 and 200")
    .default(100),
  cursor: z.string().max(500).optional(),
  /** One division, or every division (`*` or absent). */
  divisionId: z.union([z.literal("*"), z.uuid("must be a division id or *")]).optional(),
});
export type ScanInput = z.input<typeof scanInput>;

/**
 * One page of a keyset scan over an immutable, increasing `number`: rows written or deleted between pages
 * never make it skip or repeat one, and the cursor stays valid for 24 hours.
 */
export async function keysetPage<Row extends { number: number }>(
  ctx: Context,
  table: PgTable,
  numberColumn: PgColumn,
  where: SQL | undefined,
  page: { limit: number; cursor?: string },
): Promise<{ rows: Row[]; nextCursor: string | null }> {
  const after = cursorStart(page.cursor);
  const rows = (await ctx.db
    .select()
    .from(table)
    .where(and(where, gt(numberColumn, after)))
    .orderBy(asc(numberColumn))
    .limit(page.limit + 1)) as Row[];
  const pageRows = rows.slice(0, page.limit);
  const last = pageRows.at(-1);
  return { rows: pageRows, nextCursor: rows.length > page.limit && last ? encodeCursor(last.number) : null };
}

/** The scan's division filter on `column`, or none for every division. */
export const divisionFilter = (column: PgColumn, divisionId: string | undefined) =>
  divisionId && divisionId !== "*" ? eq(column, divisionId) : undefined;
