import { and, asc, type contacts, eq, isNull, type organizations, type SQL } from "@switchboard/db";
import { isRecordNumber, type RecordRef } from "../numbers/rules";
import type { Context } from "./context";
import { isUuid } from "./ids";
import { visibleIn } from "./records";

// Reads of contacts and organizations the enfore and DFS dialects need beside the live-record reads of
// `liveRecords`: by uuid or number, soft-deleted ones when asked, and offset pages in creation order.

type Table = typeof contacts | typeof organizations;

/** The condition a uuid or number names a row by, or null when it cannot name one (malformed, out of range). */
export function refCondition(table: Table, ref: RecordRef): SQL | null {
  const t = table as typeof contacts;
  if ("id" in ref) return isUuid(ref.id) ? eq(t.id, ref.id) : null;
  return isRecordNumber(ref.number) ? eq(t.number, ref.number) : null;
}

/** The tenant's rows of `table` the actor may see (its divisions), soft-deleted ones only when asked. */
export function readableRows(ctx: Context, table: Table, includeDeleted: boolean): SQL {
  const t = table as typeof contacts;
  return and(
    eq(t.tenantId, ctx.tenantId),
    visibleIn(ctx, t.divisionId),
    includeDeleted ? undefined : isNull(t.deletedAt),
  )!;
}

/**
 * A page of rows in creation order (by number, which follows it), `offset` rows in: the enfore listings.
 * `alsoLive` narrows the rows further (contacts merged into another are left out).
 */
export async function offsetPage<T extends Table>(
  ctx: Context,
  table: T,
  page: { limit: number; offset: number; includeDeleted: boolean },
  alsoLive?: SQL,
): Promise<T["$inferSelect"][]> {
  const t = table as typeof contacts;
  return (await ctx.db
    .select()
    .from(t)
    .where(and(readableRows(ctx, table, page.includeDeleted), alsoLive))
    .orderBy(asc(t.number))
    .limit(page.limit)
    .offset(page.offset)) as T["$inferSelect"][];
}
