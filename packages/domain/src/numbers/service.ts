import { and, apiClients, contacts, eq, members, organizations, type SQL, sql } from "@switchboard/db";
import { PERMISSIONS } from "../access/permissions";
import { type Context, requirePermission } from "../shared/context";
import { notFound } from "../shared/errors";
import { visibleIn } from "../shared/records";
import { isRecordNumber, type RecordKind } from "./rules";

/**
 * `count` new numbers of `kind` for the tenant, as the first of a consecutive range: one statement, for batch
 * inserts that set numbers themselves (rows inserted without one are numbered by the table's trigger). Numbers
 * come from the tenant's sequence of the kind and are not given back on rollback. Past int32 it fails.
 */
export async function allocateNumbers(ctx: Context, kind: RecordKind, count: number): Promise<number> {
  if (!Number.isInteger(count) || count < 1) throw new Error(`allocateNumbers: count ${count}`);
  const [row] = (await ctx.db.execute(
    sql`select allocate_record_numbers(${ctx.tenantId}, ${kind}, ${count}) as last`,
  )) as unknown as { last: number }[];
  return row!.last - count + 1;
}

/** What a number names: the record's id and whether it is soft-deleted. */
export interface ResolvedNumber {
  kind: RecordKind;
  id: string;
  number: number;
  deleted: boolean;
}

const VIEW: Record<RecordKind, string> = {
  contact: PERMISSIONS.contactView,
  organization: PERMISSIONS.organizationView,
  member: PERMISSIONS.membersManage,
  apiClient: PERMISSIONS.apiClientsManage,
};

/**
 * The record a number names in the tenant (DFS int32 ids), as its id. A contact merged into another resolves to
 * the surviving contact, as its uuid does. Soft-deleted records are not found unless `includeDeleted`, and then
 * come back with `deleted: true`. Division-limited callers find only records of their divisions.
 */
export async function resolveNumber(
  ctx: Context,
  kind: RecordKind,
  number: number,
  options: { includeDeleted?: boolean } = {},
): Promise<ResolvedNumber> {
  requirePermission(ctx, VIEW[kind]);
  const missing = () => notFound(kind, String(number));
  if (!isRecordNumber(number)) throw missing();
  const found = await numberedRow(ctx, kind, eq(tableOf[kind].number, number));
  if (!found) throw missing();
  // Merges point every contact of a merge set at the surviving one directly: one step resolves them.
  const row =
    found.canonicalId && kind === "contact"
      ? await numberedRow(ctx, kind, eq(contacts.id, found.canonicalId))
      : found;
  if (!row || (row.deleted && !options.includeDeleted)) throw missing();
  return { kind, id: row.id, number: row.number, deleted: row.deleted };
}

const tableOf = { contact: contacts, organization: organizations, member: members, apiClient: apiClients };

async function numberedRow(
  ctx: Context,
  kind: RecordKind,
  which: SQL,
): Promise<{ id: string; number: number; deleted: boolean; canonicalId: string | null } | undefined> {
  if (kind === "contact" || kind === "organization") {
    const t = kind === "contact" ? contacts : organizations;
    const [row] = await ctx.db
      .select({
        id: t.id,
        number: t.number,
        deleted: sql<boolean>`${t.deletedAt} is not null`,
        canonicalId: kind === "contact" ? contacts.canonicalContactId : sql<null>`null`,
      })
      .from(t)
      .where(and(eq(t.tenantId, ctx.tenantId), visibleIn(ctx, t.divisionId), which));
    return row;
  }
  const t = tableOf[kind];
  const [row] = await ctx.db
    .select({ id: t.id, number: t.number })
    .from(t)
    .where(and(eq(t.tenantId, ctx.tenantId), which));
  return row && { ...row, deleted: false, canonicalId: null };
}
