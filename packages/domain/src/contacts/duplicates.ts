import { and, contactPoints, contacts, desc, eq, isNull, type SQL, sql } from "@switchboard/db";
import { z } from "zod";
import { PERMISSIONS } from "../access/permissions";
import { type Context, inTransaction, requirePermission } from "../shared/context";
import { visibleIn } from "../shared/records";
import { parseInput } from "../shared/validation";
import { dismissedPairCount, dismissedPairsAmong, pairDismissed, pairKey } from "./duplicate-dismissals";
import { MERGE_INPUTS } from "./merge";
import type { Contact } from "./model";
import { getContacts } from "./service";

/** Why two contacts look like the same person: a shared normalized email or E.164 phone, or similar names. */
export interface DuplicateReason {
  kind: "email" | "phone" | "name";
  /** The shared email or phone, or the two names compared. */
  value: string;
  /** Trigram similarity (0..1) of the names, for `name`. */
  similarity?: number;
}

/** Two contacts that look alike, and why. */
export interface DuplicateEdge {
  a: string;
  b: string;
  reason: DuplicateReason;
}

export interface DuplicateGroup {
  /** Stable for the same members: their ids, sorted and joined. */
  key: string;
  reasons: DuplicateReason[];
  contacts: Contact[];
}

/** The most groups the page asks for at once. */
const MAX_GROUPS = 100;

export const duplicateSearchInput = z.object({
  /** At most this many groups. */
  limit: z.number().int().min(1).max(MAX_GROUPS).default(20),
  /** Names at least this similar (pg_trgm similarity) count as duplicates. */
  nameSimilarity: z.number().min(0.3).max(1).default(0.6),
  /**
   * How many of the most recently modified contacts are compared by name against all others: comparing
   * every pair of a large tenant is quadratic, and new duplicates come from recent writes. Each compared
   * contact costs one trigram index probe (~1 ms idle, ~3 ms on a loaded 2-core machine at 100k contacts).
   */
  nameWindow: z.number().int().min(1).max(5000).default(500),
});
export type DuplicateSearchInput = z.input<typeof duplicateSearchInput>;

const STRENGTH = { email: 0, phone: 1, name: 2 } as const;

/**
 * How many shared values of each kind, and name pairs, the suggestions read: the same for the duplicates page
 * and the identity graph's scans, so the page's groups are exactly the first clusters of a scan of the same
 * data (a smaller bound for the page made it group a different subset once a tenant had more shared values).
 * A page's worth (ten per group of the largest page), not the whole tenant: the page reads it on every visit,
 * and a tenant of many similar names has millions of name pairs (100,000 of them took the page ~15 s at 100k
 * contacts, against under 1 s for this bound).
 */
export const DUPLICATE_EDGE_LIMIT = MAX_GROUPS * 10;

/**
 * Connected components of the "looks alike" edges (union-find), so a contact shows up in one group even
 * when it shares an email with one contact and a name with another. Each group keeps every reason that
 * joined it (strongest first), holds at most `maxSize` contacts (a merge's limit), and groups come
 * largest first, then by their strongest reason.
 */
export function groupDuplicates(
  edges: DuplicateEdge[],
  maxSize: number = MERGE_INPUTS.max,
): { ids: string[]; reasons: DuplicateReason[] }[] {
  const parent = new Map<string, string>();
  const root = (id: string): string => {
    let r = id;
    while (parent.get(r) !== r) r = parent.get(r) ?? r;
    parent.set(id, r);
    return r;
  };
  const add = (id: string) => {
    if (!parent.has(id)) parent.set(id, id);
  };
  for (const { a, b } of edges) {
    add(a);
    add(b);
    const [ra, rb] = [root(a), root(b)];
    if (ra !== rb) parent.set(rb, ra);
  }
  const groups = new Map<string, { ids: Set<string>; reasons: DuplicateReason[] }>();
  for (const edge of edges) {
    const r = root(edge.a);
    const group = groups.get(r) ?? { ids: new Set<string>(), reasons: [] };
    groups.set(r, group);
    group.ids.add(edge.a).add(edge.b);
    if (!group.reasons.some((x) => x.kind === edge.reason.kind && x.value === edge.reason.value))
      group.reasons.push(edge.reason);
  }
  return [...groups.values()]
    .map((g) => ({
      ids: [...g.ids].sort().slice(0, maxSize),
      reasons: g.reasons.sort((x, y) => STRENGTH[x.kind] - STRENGTH[y.kind]),
    }))
    .sort(
      (x, y) =>
        y.ids.length - x.ids.length ||
        STRENGTH[x.reasons[0]!.kind] - STRENGTH[y.reasons[0]!.kind] ||
        x.ids[0]!.localeCompare(y.ids[0]!),
    );
}

/**
 * Edges joining `ids` (contacts that share one email or phone: each pair looks alike) as those pairs do once
 * the `dismissed` ones (`pairKey`s) are taken out: a star around the first when none is, else a spanning
 * forest of the pairs left (breadth first, visiting each contact once: O(ids + dismissed), not every pair).
 */
export function sharedValueEdges(ids: string[], dismissed: ReadonlySet<string>): [string, string][] {
  const edges: [string, string][] = [];
  const unvisited = new Set(ids);
  for (const start of ids) {
    if (!unvisited.delete(start)) continue;
    const queue = [start];
    for (let at = 0; at < queue.length; at++) {
      const from = queue[at]!;
      for (const to of unvisited) {
        if (dismissed.has(pairKey(from, to))) continue;
        unvisited.delete(to);
        queue.push(to);
        edges.push([from, to]);
      }
    }
  }
  return edges;
}

/** The name the trigram index covers (`contacts_name_trgm_idx`): the expression must match it exactly. */
const nameOf = (alias: string) =>
  sql.raw(`lower(coalesce(${alias}.first_name, '') || ' ' || coalesce(${alias}.last_name, ''))`);

/**
 * Suggested groups of live contacts that look like the same person: the same normalized email, the same
 * E.164 phone, or names at least `nameSimilarity` alike by trigram (served by the name trigram index).
 * Pairs marked "not duplicates" (`dismissDuplicates`) are no edge: a group joined only by them is not
 * suggested, a group with other edges still is. Bounded: at most `limit` groups, and only the `nameWindow`
 * most recently modified contacts are compared by name (each against every contact of the tenant).
 */
export async function suggestDuplicateGroups(
  ctx: Context,
  params: DuplicateSearchInput = {},
): Promise<DuplicateGroup[]> {
  requirePermission(ctx, PERMISSIONS.contactView);
  const { limit, nameSimilarity, nameWindow } = parseInput(duplicateSearchInput, params);
  return inTransaction(ctx, async (tx) => {
    const { groups } = await findDuplicateGroups(tx, {
      nameSimilarity,
      nameWindow,
      edgeLimit: DUPLICATE_EDGE_LIMIT,
    });
    const shown = groups.slice(0, limit);
    const found = new Map(
      (await getContacts(tx, [...new Set(shown.flatMap((g) => g.ids))])).map((c) => [c.id, c]),
    );
    return shown
      .map((g) => ({
        key: g.ids.join(","),
        reasons: g.reasons,
        contacts: g.ids.map((id) => found.get(id)).filter((c): c is Contact => Boolean(c)),
      }))
      .filter((g) => g.contacts.length > 1);
  });
}

/**
 * The matching rules behind both the duplicates page and the identity graph's cluster scans, so the two find
 * the same groups: the "looks alike" edges among the live contacts the actor can see (shared email, shared
 * E.164 phone, similar names among the `nameWindow` most recently modified; dismissed pairs are no edge),
 * grouped by `groupDuplicates`. At most `edgeLimit` shared values per kind and name pairs are read.
 */
export async function findDuplicateGroups(
  ctx: Context,
  params: { nameSimilarity: number; nameWindow: number; edgeLimit: number },
): Promise<{ groups: { ids: string[]; reasons: DuplicateReason[] }[]; edges: DuplicateEdge[] }> {
  const { nameSimilarity, nameWindow, edgeLimit } = params;
  const shared = [
    ...(await sharedPoints(ctx, "email", edgeLimit)),
    ...(await sharedPoints(ctx, "phone", edgeLimit)),
  ];
  const dismissed = await dismissedPairsAmong(ctx, [...new Set(shared.flatMap((s) => s.ids))]);
  const edges = [
    ...shared.flatMap(({ kind, value, ids }) =>
      sharedValueEdges(ids, dismissed).map(([a, b]) => ({ a, b, reason: { kind, value } })),
    ),
    ...(await similarNameEdges(ctx, { nameSimilarity, nameWindow, limit: edgeLimit })),
  ];
  return { groups: groupDuplicates(edges), edges };
}

const live = (ctx: Context): SQL =>
  and(
    isNull(contacts.deletedAt),
    isNull(contacts.canonicalContactId),
    visibleIn(ctx, contacts.divisionId),
  ) as SQL;

/** The division limit of the actor on a contacts alias of the raw name query (none when unlimited). */
function visibleDivisions(ctx: Context, alias: string): SQL {
  const allowed = ctx.actor.divisionIds;
  if (!allowed) return sql``;
  return sql` and ${sql.raw(alias)}.division_id = any(${sql.param([...allowed])}::uuid[])`;
}

/**
 * The live contacts that hold the same normalized email, or the same phone in E.164, per value: values
 * whose every pair of contacts is dismissed are left out here, so they take no place of the limit.
 */
async function sharedPoints(ctx: Context, kind: "email" | "phone", limit: number) {
  const ids = sql<string[]>`array_agg(distinct ${contacts.id} order by ${contacts.id})`;
  const size = sql`count(distinct ${contacts.id})`;
  const rows = await ctx.db
    .select({ value: contactPoints.value, ids })
    .from(contactPoints)
    .innerJoin(
      contacts,
      and(eq(contacts.tenantId, contactPoints.tenantId), eq(contacts.id, contactPoints.ownerId)),
    )
    .where(
      and(
        eq(contactPoints.tenantId, ctx.tenantId),
        eq(contactPoints.ownerKind, "contact"),
        eq(contactPoints.kind, kind),
        // A phone that could not be normalized is stored as typed: not a reliable match.
        kind === "phone" ? sql`${contactPoints.value} like '+%'` : undefined,
        live(ctx),
      ),
    )
    .groupBy(contactPoints.value)
    .having(
      and(
        sql`${size} > 1`,
        // The aggregate belongs to this query: the count is per value.
        sql`${dismissedPairCount(ctx, sql`array_agg(${contacts.id})`)} < ${size} * (${size} - 1) / 2`,
      ),
    )
    .orderBy(desc(size), contactPoints.value)
    .limit(limit);
  return rows.map((row) => ({ kind, ...row }));
}

/** Pairs whose names are similar by trigram, comparing the most recently modified contacts to all others. */
async function similarNameEdges(
  ctx: Context,
  params: { nameSimilarity: number; nameWindow: number; limit: number },
): Promise<DuplicateEdge[]> {
  // `%` compares against this threshold; local to the transaction.
  await ctx.db.execute(
    sql`select set_config('pg_trgm.similarity_threshold', ${String(params.nameSimilarity)}, true)`,
  );
  const rows = await ctx.db.execute<{ a: string; b: string; na: string; nb: string; score: number }>(sql`
    with recent as (
      select c.id, ${nameOf("c")} as name
      from contacts c
      where c.tenant_id = ${ctx.tenantId} and c.deleted_at is null and c.canonical_contact_id is null${visibleDivisions(ctx, "c")}
        and (c.first_name is not null or c.last_name is not null)
      order by c.modified_at desc
      limit ${params.nameWindow}
    )
    select r.id as a, o.id as b, r.name as na, ${nameOf("o")} as nb,
           similarity(r.name, ${nameOf("o")})::float8 as score
    from recent r
    join contacts o
      on o.tenant_id = ${ctx.tenantId} and ${nameOf("o")} % r.name and o.id <> r.id
    where o.deleted_at is null and o.canonical_contact_id is null${visibleDivisions(ctx, "o")}
      and not ${pairDismissed(ctx, sql`r.id`, sql`o.id`)}
    limit ${params.limit}
  `);
  const seen = new Set<string>();
  const edges: DuplicateEdge[] = [];
  for (const row of rows) {
    const [a, b] = row.a < row.b ? [row.a, row.b] : [row.b, row.a];
    if (seen.has(`${a}${b}`)) continue;
    seen.add(`${a}${b}`);
    const names = [row.na.trim(), row.nb.trim()];
    edges.push({
      a,
      b,
      reason: {
        kind: "name",
        value: names[0] === names[1] ? names[0]! : names.join(" ~ "),
        similarity: Math.round(Number(row.score) * 100) / 100,
      },
    });
  }
  return edges;
}
