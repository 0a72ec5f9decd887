import {
  alias,
  and,
  asc,
  contacts,
  desc,
  duplicateDismissals,
  eq,
  inArray,
  isNull,
  type SQL,
  sql,
} from "@switchboard/db";
import { z } from "zod";
import { PERMISSIONS } from "../access/permissions";
import { recordChangeSets } from "../history";
import { type Context, inTransaction, requirePermission } from "../shared/context";
import { notFound, validationFailed } from "../shared/errors";
import { isUuid } from "../shared/ids";
import { visibleIn } from "../shared/records";
import { parseInput } from "../shared/validation";
import { MERGE_INPUTS } from "./merge";
import type { Contact } from "./model";
import { addressableContacts } from "./scope";
import { getContacts } from "./service";

/** Two contacts marked "not duplicates", the smaller id first (as stored). */
export interface ContactPair {
  a: string;
  b: string;
}

/** A dismissed pair as the duplicates page lists it: both contacts, who dismissed it and when. */
export interface DuplicateDismissal {
  a: Contact;
  b: Contact;
  dismissedAt: Date;
  dismissedBy: { kind: string; id: string; name: string | null };
}

/** Every pair among the contacts of one group (25 contacts at most, as a merge takes). */
const MAX_PAIRS = (MERGE_INPUTS.max * (MERGE_INPUTS.max - 1)) / 2;

export const dismissDuplicatesInput = z.object({
  /** Contacts that are not duplicates of one another: every pair among them is dismissed. */
  contactIds: z.array(z.string()).min(2).max(MERGE_INPUTS.max),
});
export type DismissDuplicatesInput = z.input<typeof dismissDuplicatesInput>;

export const duplicatePairsInput = z.object({
  pairs: z
    .array(z.object({ a: z.string(), b: z.string() }))
    .min(1)
    .max(MAX_PAIRS),
});
export type DuplicatePairsInput = z.input<typeof duplicatePairsInput>;

export const duplicateDismissalsInput = z.object({
  /** The most recently dismissed pairs, at most this many. */
  limit: z.number().int().min(1).max(200).default(50),
});

/** The pair in stored order. A uuid's lower-case text sorts as PostgreSQL orders the uuid. */
export function orderedPair(x: string, y: string): ContactPair {
  const [a, b] = [x.toLowerCase(), y.toLowerCase()].sort() as [string, string];
  return { a, b };
}

/** A pair as a set member, whichever way round it is given. */
export const pairKey = (x: string, y: string) => {
  const { a, b } = orderedPair(x, y);
  return `${a} ${b}`;
};

/** Every pair among `ids` (distinct), in stored order. */
export function pairsAmong(ids: string[]): ContactPair[] {
  const pairs: ContactPair[] = [];
  ids.forEach((x, i) => {
    for (const y of ids.slice(i + 1)) pairs.push(orderedPair(x, y));
  });
  return pairs;
}

/**
 * Marks contacts as not duplicates of one another (every pair among `contactIds`), for the whole tenant:
 * duplicate suggestions leave those pairs out from now on. Each contact must be live and visible to the
 * actor (division scoping). Returns the pairs newly dismissed (ones dismissed before are left as they were),
 * which is what an undo restores. Each contact's history records the dismissal.
 */
export async function dismissDuplicates(
  ctx: Context,
  input: DismissDuplicatesInput,
): Promise<{ pairs: ContactPair[] }> {
  requirePermission(ctx, PERMISSIONS.identityMerge);
  const ids = [
    ...new Set(parseInput(dismissDuplicatesInput, input).contactIds.map((id) => id.toLowerCase())),
  ];
  if (ids.length < 2)
    throw validationFailed([{ path: "contactIds", message: "name at least two different contacts" }]);
  return inTransaction(ctx, async (tx) => {
    const rows = await visibleContacts(tx, ids);
    for (const id of ids) {
      const row = rows.get(id);
      if (!row) throw notFound("contact", id);
      if (row.canonicalContactId)
        throw validationFailed([
          { path: "contactIds", message: `contact ${id} was already merged into ${row.canonicalContactId}` },
        ]);
    }
    const actor = {
      dismissedByKind: tx.actor.kind,
      dismissedById: tx.actor.id,
      dismissedByName: tx.actor.name,
    };
    const pairs = await tx.db
      .insert(duplicateDismissals)
      .values(pairsAmong(ids).map((p) => ({ tenantId: tx.tenantId, contactA: p.a, contactB: p.b, ...actor })))
      .onConflictDoNothing()
      .returning({ a: duplicateDismissals.contactA, b: duplicateDismissals.contactB });
    await recordDismissalHistory(tx, pairs, "dismiss");
    return { pairs: pairs.sort(byPair) };
  });
}

/** One history entry per contact of the pairs, naming the contacts it was marked (or unmarked) against. */
function recordDismissalHistory(ctx: Context, pairs: ContactPair[], action: "dismiss" | "undismiss") {
  return recordChangeSets(
    ctx,
    [...partnersOf(pairs)].map(([id, others]) => ({
      entityType: "contact",
      entityId: id,
      action,
      changes: [
        action === "dismiss"
          ? { path: "notDuplicateOf", old: null, new: others }
          : { path: "notDuplicateOf", old: others, new: null },
      ],
    })),
  );
}

/**
 * Undoes dismissals: the pairs are suggested again when they still look alike. Both contacts of each pair
 * must be visible to the actor (they may have been merged since). Pairs not dismissed are ignored; returns
 * the pairs restored. With a job queue, the restored pairs' clusters come back with a cluster scan it asks for.
 */
export async function undoDuplicateDismissals(
  ctx: Context,
  input: DuplicatePairsInput,
): Promise<{ pairs: ContactPair[] }> {
  requirePermission(ctx, PERMISSIONS.identityMerge);
  const asked = parseInput(duplicatePairsInput, input).pairs.map((p) => orderedPair(p.a, p.b));
  const ids = [...new Set(asked.flatMap((p) => [p.a, p.b]))];
  return inTransaction(ctx, async (tx) => {
    const rows = await visibleContacts(tx, ids);
    for (const id of ids) if (!rows.has(id)) throw notFound("contact", id);
    const pairs = await tx.db
      .delete(duplicateDismissals)
      .where(
        and(
          eq(duplicateDismissals.tenantId, tx.tenantId),
          sql`(${duplicateDismissals.contactA}, ${duplicateDismissals.contactB}) in (select * from unnest(${sql.param(asked.map((p) => p.a))}::uuid[], ${sql.param(asked.map((p) => p.b))}::uuid[]))`,
        ),
      )
      .returning({ a: duplicateDismissals.contactA, b: duplicateDismissals.contactB });
    await recordDismissalHistory(tx, pairs, "undismiss");
    // The worker's schedule finds tenants by changed contacts or new marks; an undo leaves neither behind, so
    // it asks for the scan that brings the restored pairs' clusters back (in this transaction: none if it fails).
    if (pairs.length > 0 && tx.jobs)
      await tx.jobs.enqueue(tx.db, "cluster-scan", { tenantId: tx.tenantId, trigger: "request" });
    return { pairs: pairs.sort(byPair) };
  });
}

/**
 * The pairs marked "not duplicates", most recent first, with both contacts: only pairs of two live contacts
 * the actor can see (a pair with a deleted or merged-away contact no longer matters).
 */
export async function listDuplicateDismissals(
  ctx: Context,
  params: z.input<typeof duplicateDismissalsInput> = {},
): Promise<DuplicateDismissal[]> {
  requirePermission(ctx, PERMISSIONS.contactView);
  const { limit } = parseInput(duplicateDismissalsInput, params);
  const ca = alias(contacts, "ca");
  const cb = alias(contacts, "cb");
  const live = (c: typeof ca | typeof cb) =>
    and(isNull(c.deletedAt), isNull(c.canonicalContactId), visibleIn(ctx, c.divisionId));
  const rows = await ctx.db
    .select({
      a: duplicateDismissals.contactA,
      b: duplicateDismissals.contactB,
      dismissedAt: duplicateDismissals.dismissedAt,
      kind: duplicateDismissals.dismissedByKind,
      id: duplicateDismissals.dismissedById,
      name: duplicateDismissals.dismissedByName,
    })
    .from(duplicateDismissals)
    .innerJoin(
      ca,
      and(eq(ca.tenantId, duplicateDismissals.tenantId), eq(ca.id, duplicateDismissals.contactA)),
    )
    .innerJoin(
      cb,
      and(eq(cb.tenantId, duplicateDismissals.tenantId), eq(cb.id, duplicateDismissals.contactB)),
    )
    .where(and(eq(duplicateDismissals.tenantId, ctx.tenantId), live(ca), live(cb)))
    .orderBy(
      desc(duplicateDismissals.dismissedAt),
      asc(duplicateDismissals.contactA),
      asc(duplicateDismissals.contactB),
    )
    .limit(limit);
  const found = new Map(
    (await getContacts(ctx, [...new Set(rows.flatMap((r) => [r.a, r.b]))])).map((c) => [c.id, c]),
  );
  return rows.flatMap((r) => {
    const [a, b] = [found.get(r.a), found.get(r.b)];
    if (!a || !b) return [];
    return [{ a, b, dismissedAt: r.dismissedAt, dismissedBy: { kind: r.kind, id: r.id, name: r.name } }];
  });
}

/**
 * The dismissed pairs among `ids` (as `pairKey`s), for duplicate suggestions. Served by the primary key
 * (`contact_a = any(...)`).
 */
export async function dismissedPairsAmong(ctx: Context, ids: string[]): Promise<Set<string>> {
  if (ids.length < 2) return new Set();
  const among = sql.param(ids);
  const rows = await ctx.db
    .select({ a: duplicateDismissals.contactA, b: duplicateDismissals.contactB })
    .from(duplicateDismissals)
    .where(
      and(
        eq(duplicateDismissals.tenantId, ctx.tenantId),
        sql`${duplicateDismissals.contactA} = any(${among}::uuid[])`,
        sql`${duplicateDismissals.contactB} = any(${among}::uuid[])`,
      ),
    );
  return new Set(rows.map((r) => pairKey(r.a, r.b)));
}

/**
 * How many pairs among the contacts of `members` (a uuid[] expression) are dismissed: a correlated count,
 * so a suggestion query can leave out a group whose every pair is.
 */
export const dismissedPairCount = (ctx: Context, members: SQL): SQL<number> =>
  sql<number>`(select count(*) from ${duplicateDismissals} where ${duplicateDismissals.tenantId} = ${ctx.tenantId} and ${duplicateDismissals.contactA} = any(${members}) and ${duplicateDismissals.contactB} = any(${members}))`;

/** Whether the pair of contact id expressions `x`, `y` is dismissed (an index probe per pair). */
export const pairDismissed = (ctx: Context, x: SQL, y: SQL): SQL =>
  sql`exists (select 1 from ${duplicateDismissals} where ${duplicateDismissals.tenantId} = ${ctx.tenantId} and ${duplicateDismissals.contactA} = least(${x}, ${y}) and ${duplicateDismissals.contactB} = greatest(${x}, ${y}))`;

/** The contacts (not deleted, in the actor's divisions) among `ids`, by id. */
async function visibleContacts(ctx: Context, ids: string[]) {
  const valid = ids.filter(isUuid);
  const rows = valid.length
    ? await ctx.db
        .select({ id: contacts.id, canonicalContactId: contacts.canonicalContactId })
        .from(contacts)
        .where(and(addressableContacts(ctx), inArray(contacts.id, valid)))
    : [];
  return new Map(rows.map((r) => [r.id, r]));
}

/** Each contact of `pairs` with the others it is paired with, for its history. */
function partnersOf(pairs: ContactPair[]): Map<string, string[]> {
  const partners = new Map<string, string[]>();
  for (const { a, b } of pairs) {
    partners.set(a, [...(partners.get(a) ?? []), b]);
    partners.set(b, [...(partners.get(b) ?? []), a]);
  }
  return partners;
}

const byPair = (x: ContactPair, y: ContactPair) => x.a.localeCompare(y.a) || x.b.localeCompare(y.b);
