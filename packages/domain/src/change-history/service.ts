import { and, apiClients, asc, changeSets, eq, inArray, members } from "@switchboard/db";
import { z } from "zod";
import { PERMISSIONS } from "../access/permissions";
import { getContact } from "../contacts/service";
import { DETAILS_HISTORY_PREFIX } from "../details-schemas/contact-details";
import { approvalRequiredPaths, bindingsOf } from "../details-schemas/rules";
import { detailsSchemaOf } from "../details-schemas/service";
import { changesOf } from "../history";
import { type Context, requirePermission } from "../shared/context";
import { isUuid } from "../shared/ids";
import { parseInput } from "../shared/validation";
import {
  applyChanges,
  type CanonicalState,
  type DetailsBinding,
  type DetailsChange,
  detailsDiff,
  projectDetails,
  touchedPaths,
  touchesAny,
} from "./rules";

export const CHANGE_HISTORY_SORTS = ["contactChangeSetId", "executionDate", "initiatorPersonId"] as const;

export const changeHistorySearchInput = z.object({
  page: z.number().int().min(1).default(1),
  pageSize: z.number().int().min(1).max(1000).default(10),
  sortOrder: z.enum(["Ascending", "Descending"]).nullish(),
  /** Case-insensitive; default `executionDate` (ties by submission), latest first. */
  sortBy: z
    .string()
    .nullish()
    .transform((s, ctx) => {
      if (!s) return null;
      const found = CHANGE_HISTORY_SORTS.find((k) => k.toLowerCase() === s.trim().toLowerCase());
      if (!found)
        ctx.addIssue({ code: "custom", message: `must be one of ${CHANGE_HISTORY_SORTS.join(", ")}` });
      return found ?? null;
    }),
  /** Initiators by number (v1.0) or by uuid (v1.1): members and API clients. */
  initiatorPersonNumbers: z.array(z.number().int()).nullish(),
  initiatorPersonIds: z.array(z.string()).nullish(),
  executionDateFrom: z.coerce.date().nullish(),
  executionDateTo: z.coerce.date().nullish(),
  paths: z.array(z.string()).nullish(),
});
export type ChangeHistorySearchInput = z.input<typeof changeHistorySearchInput>;

export interface ChangeHistoryEntry {
  /** The submission's ordinal in the contact's history (DFS `contactChangeSetId`, a sort key only). */
  submission: number;
  initiator: { kind: string; id: string; number: number | null; name: string };
  executionDate: Date;
  details: (DetailsChange & { isApprovalRequired: boolean })[];
}

export interface ChangeHistoryOptions {
  /** The `contact` schema's bindings (default: the tenant's schema in force). */
  bindings?: readonly DetailsBinding[];
  /** DFS paths the schema marks `isApprovalRequired` (default: the tenant's schema in force). */
  approvalRequired?: readonly string[];
  /** Where the record's unbound DFS details sit in canonical change paths. */
  detailsPrefix?: string;
}

/**
 * A contact's DFS change history (#23, #24, §4.5): its canonical change sets seen through the `contact`
 * schema's paths, one entry per submission (the change sets one transaction wrote under one actor), with the
 * initiator, the time the change was applied and the DFS paths it changed. Submissions DFS sees nothing of
 * are left out. Filters combine with AND; `paths` keeps submissions with at least one of them.
 */
export async function searchContactChangeHistory(
  ctx: Context,
  contactId: string,
  input: ChangeHistorySearchInput,
  options: ChangeHistoryOptions = {},
): Promise<{ entries: ChangeHistoryEntry[]; totalCount: number; page: number; pageSize: number }> {
  requirePermission(ctx, PERMISSIONS.contactView);
  const query = parseInput(changeHistorySearchInput, input);
  const contact = await getContact(ctx, contactId);
  const schema = (await detailsSchemaOf(ctx, "contact")).definition;
  const bindings = options.bindings ?? bindingsOf(schema);
  const prefix = options.detailsPrefix ?? DETAILS_HISTORY_PREFIX;
  const approval = new Set(options.approvalRequired ?? approvalRequiredPaths(schema));
  const stored = await ctx.db
    .select({
      id: changeSets.id,
      actorKind: changeSets.actorKind,
      actorId: changeSets.actorId,
      actorName: changeSets.actorName,
      at: changeSets.at,
      changes: changeSets.changes,
    })
    .from(changeSets)
    .where(
      and(
        eq(changeSets.tenantId, ctx.tenantId),
        eq(changeSets.entityType, "contact"),
        eq(changeSets.entityId, contact.id),
      ),
    )
    .orderBy(asc(changeSets.at), asc(changeSets.id));
  const rows = stored.map((row) => ({ ...row, changes: changesOf(row.changes) }));

  // Submissions: the change sets one transaction (one `at`) wrote under one actor.
  const groups: (typeof rows)[] = [];
  for (const row of rows) {
    const last = groups.at(-1)?.[0];
    if (last && last.at.getTime() === row.at.getTime() && last.actorId === row.actorId)
      groups.at(-1)!.push(row);
    else groups.push([row]);
  }
  const numbers = await actorNumbers(ctx, rows);
  const state: CanonicalState = new Map();
  let entries: ChangeHistoryEntry[] = [];
  for (const [index, group] of groups.entries()) {
    const before = projectDetails(state, bindings, prefix);
    for (const row of group) applyChanges(state, row.changes);
    let changes = detailsDiff(before, projectDetails(state, bindings, prefix));
    const all = group.flatMap((g) => g.changes);
    const redacted = all.length > 0 && all.every((c) => c.old === null && c.new === null);
    if (changes.length === 0 && redacted)
      changes = touchedPaths(all, bindings, prefix).map((path) => ({
        path,
        originalValue: null,
        targetValue: null,
      }));
    if (changes.length === 0) continue;
    const first = group[0]!;
    entries.push({
      submission: index + 1,
      initiator: {
        kind: first.actorKind,
        id: first.actorId,
        number: numbers.get(first.actorId) ?? null,
        name: first.actorName ?? first.actorId,
      },
      executionDate: first.at,
      details: changes.map((c) => ({
        ...c,
        isApprovalRequired: first.actorKind === "member" && approval.has(c.path),
      })),
    });
  }

  const byNumber = query.initiatorPersonNumbers?.length ? new Set(query.initiatorPersonNumbers) : null;
  const byId = query.initiatorPersonIds?.length
    ? new Set(query.initiatorPersonIds.map((s) => s.toLowerCase()))
    : null;
  entries = entries.filter(
    (e) =>
      (!byNumber || (e.initiator.number !== null && byNumber.has(e.initiator.number))) &&
      (!byId || byId.has(e.initiator.id.toLowerCase())) &&
      (!query.executionDateFrom || e.executionDate >= query.executionDateFrom) &&
      (!query.executionDateTo || e.executionDate <= query.executionDateTo) &&
      (!query.paths?.length || touchesAny(e.details, query.paths)),
  );
  const direction = query.sortOrder === "Ascending" ? 1 : -1;
  const key = (e: ChangeHistoryEntry): number =>
    query.sortBy === "contactChangeSetId"
      ? e.submission
      : query.sortBy === "initiatorPersonId"
        ? (e.initiator.number ?? 0)
        : e.executionDate.getTime();
  entries.sort((a, b) => direction * (key(a) - key(b) || a.submission - b.submission));
  const start = (query.page - 1) * query.pageSize;
  return {
    entries: entries.slice(start, start + query.pageSize),
    totalCount: entries.length,
    page: query.page,
    pageSize: query.pageSize,
  };
}

/** The numbers (DFS int ids) of the members and API clients that wrote these change sets. */
async function actorNumbers(ctx: Context, rows: { actorKind: string; actorId: string }[]) {
  const ids = (kind: string) => [
    ...new Set(rows.filter((r) => r.actorKind === kind && isUuid(r.actorId)).map((r) => r.actorId)),
  ];
  const memberIds = ids("member");
  const clientIds = ids("apiClient");
  const [m, c] = await Promise.all([
    memberIds.length
      ? ctx.db
          .select({ id: members.id, number: members.number })
          .from(members)
          .where(and(eq(members.tenantId, ctx.tenantId), inArray(members.id, memberIds)))
      : [],
    clientIds.length
      ? ctx.db
          .select({ id: apiClients.id, number: apiClients.number })
          .from(apiClients)
          .where(and(eq(apiClients.tenantId, ctx.tenantId), inArray(apiClients.id, clientIds)))
      : [],
  ]);
  return new Map([...m, ...c].map((r) => [r.id, r.number]));
}
