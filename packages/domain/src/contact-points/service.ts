import {
  and,
  type ContactPointRow,
  contactPoints,
  eq,
  inArray,
  or,
  type PgColumn,
  type SQL,
  sql,
} from "@switchboard/db";
import type { Context } from "../shared/context";
import { newRecordId } from "../shared/ids";
import type { Address, Email, Phone, PointMeta, UsageContext, WebAddress } from "./model";
import { normalizeEmail } from "./rules";

export type OwnerKind = ContactPointRow["ownerKind"];
/** A contact point as its owner's service writes it; tenant and owner are added here. */
export type ContactPointValues = Omit<
  typeof contactPoints.$inferInsert,
  "tenantId" | "ownerId" | "ownerKind"
>;

export interface OwnedContactPoints {
  phones: Phone[];
  emails: Email[];
  addresses: Address[];
  webAddresses?: WebAddress[];
}

/** The columns of a point's meta; the rest of the typed shape goes into `details`. */
const columnsOf = ({ id, vendorType, usageContext, usages, description }: PointMeta) => ({
  // A point not stored yet has no id (""): the store gives it one.
  ...(id && { id }),
  vendorType,
  usageContext,
  usages,
  description,
});
function detailsOf<T extends PointMeta & { type: string }>(p: T) {
  const { id: _i, vendorType: _v, usageContext: _c, usages: _u, description: _d, type: _t, ...rest } = p;
  return rest as Record<string, unknown>;
}

/** The rows that hold an owner's points; `value` is the normalized form used for matching. */
export function contactPointValues(c: OwnedContactPoints): ContactPointValues[] {
  return [
    ...c.phones.map((p, position) => ({
      ...columnsOf(p),
      kind: "phone" as const,
      type: p.type,
      value: p.e164 ?? p.userInput,
      details: detailsOf(p),
      position,
    })),
    ...c.emails.map((e, position) => ({
      ...columnsOf(e),
      kind: "email" as const,
      type: e.type,
      value: normalizeEmail(e.address),
      details: { address: e.address },
      position,
    })),
    ...c.addresses.map((a, position) => ({
      ...columnsOf(a),
      kind: "address" as const,
      type: a.type,
      value:
        [a.address1, a.address2, a.postalCode, a.city, a.state, a.countryCode].filter(Boolean).join(", ") ||
        (a.fullAddress ?? ""),
      details: detailsOf(a),
      position,
    })),
    ...(c.webAddresses ?? []).map((w, position) => ({
      ...columnsOf(w),
      kind: "web" as const,
      type: w.type,
      value: w.url,
      details: { url: w.url },
      position,
    })),
  ];
}

/** What a point is read back from: its row without the keys, the matching value and the timestamps. */
export type StoredPoint = Pick<
  ContactPointRow,
  "id" | "kind" | "type" | "details" | "usages" | "description" | "vendorType" | "usageContext" | "position"
>;

const metaOfRow = (p: StoredPoint): PointMeta => ({
  id: p.id,
  vendorType: p.vendorType,
  usageContext: p.usageContext as UsageContext | null,
  usages: p.usages ?? [],
  description: p.description,
});

/** The inverse of `contactPointValues`: an owner's rows back to typed points, each kind in position order. */
export function fromContactPoints(rows: StoredPoint[]): Required<OwnedContactPoints> {
  const sorted = [...rows].sort((a, b) => a.position - b.position);
  const of = (kind: StoredPoint["kind"]) => sorted.filter((p) => p.kind === kind);
  // Rows written before points had ids kept `type` (and, for phones, every field) in `details`.
  const typed = <T>(p: StoredPoint) => ({ ...p.details, type: p.type, ...metaOfRow(p) }) as T;
  return {
    phones: of("phone").map((p) => typed<Phone>(p)),
    emails: of("email").map((p) =>
      typed<Email>({ ...p, details: { address: (p.details as { address: string }).address } }),
    ),
    addresses: of("address").map((p) => typed<Address>(p)),
    webAddresses: of("web").map((p) => typed<WebAddress>(p)),
  };
}

/** The contact points of each owner in `ownerIds`, in one query, ordered by kind position. */
export async function contactPointsOf(
  ctx: Context,
  ownerKind: OwnerKind,
  ownerIds: string[],
): Promise<Map<string, ContactPointRow[]>> {
  const byOwner = new Map<string, ContactPointRow[]>(ownerIds.map((id) => [id, []]));
  if (ownerIds.length === 0) return byOwner;
  const rows = await ctx.db
    .select()
    .from(contactPoints)
    .where(
      and(
        eq(contactPoints.tenantId, ctx.tenantId),
        eq(contactPoints.ownerKind, ownerKind),
        inArray(contactPoints.ownerId, ownerIds),
      ),
    )
    .orderBy(contactPoints.position);
  for (const r of rows) byOwner.get(r.ownerId)?.push(r);
  return byOwner;
}

/**
 * The points of the owner whose id is `ownerId` (the outer query's id column) as a json array in position
 * order: a subselect, so a one-record read gets its points in the same statement as its row (`storedPointsOf`
 * reads the value). Written with its own alias, and `ownerId` nested, as drizzle leaves the columns of a
 * one-table select's fields unqualified (`id` would then name the point's).
 */
export const contactPointsJson = (ctx: Context, ownerKind: OwnerKind, ownerId: PgColumn): SQL<unknown> =>
  sql`(select coalesce(json_agg(json_build_object(
      'id', p.id, 'kind', p.kind, 'type', p.type, 'details', p.details, 'usages', p.usages,
      'description', p.description, 'vendorType', p.vendor_type, 'usageContext', p.usage_context,
      'position', p.position
    ) order by p.position), '[]')
    from contact_points p
    where p.tenant_id = ${ctx.tenantId} and p.owner_kind = ${ownerKind} and p.owner_id = ${sql`${ownerId}`})`;

/** The points a `contactPointsJson` column read (the driver may hand json over as text). */
export const storedPointsOf = (json: unknown): StoredPoint[] =>
  (typeof json === "string" ? JSON.parse(json) : json) as StoredPoint[];

/**
 * Makes the stored points of each owner in `values` the ones given, set-based (one read, one delete, one
 * upsert for any number of owners): a point with the id of one of that owner's points is updated in place
 * (only when something changed), a point with a new id (see `assignIds`) or none is added, and the owner's
 * points not given are deleted. An id held by another owner's point is never taken over: that point gets a
 * new id.
 */
export async function syncContactPoints(
  ctx: Context,
  ownerKind: OwnerKind,
  values: Map<string, ContactPointValues[]>,
): Promise<void> {
  const owners = [...values.keys()];
  if (owners.length === 0) return;
  const given = [...values.values()].flatMap((list) => list.flatMap((v) => (v.id ? [v.id] : [])));
  const existing = await ctx.db
    .select({ id: contactPoints.id, ownerId: contactPoints.ownerId, ownerKind: contactPoints.ownerKind })
    .from(contactPoints)
    .where(
      and(
        eq(contactPoints.tenantId, ctx.tenantId),
        or(
          and(eq(contactPoints.ownerKind, ownerKind), inArray(contactPoints.ownerId, owners)),
          given.length ? inArray(contactPoints.id, given) : undefined,
        ),
      ),
    );
  const holder = new Map(existing.map((p) => [p.id, `${p.ownerKind}:${p.ownerId}`]));
  const seen = new Set<string>();
  const rows = owners.flatMap((ownerId) =>
    values.get(ownerId)!.map(({ id, ...v }) => {
      const held = id ? holder.get(id) : undefined;
      const keep = id && (held === undefined || held === `${ownerKind}:${ownerId}`) && !seen.has(id);
      const pointId = keep ? id : newRecordId();
      seen.add(pointId);
      return { ...v, id: pointId, tenantId: ctx.tenantId, ownerKind, ownerId };
    }),
  );
  const mine = existing.filter((p) => p.ownerKind === ownerKind && values.has(p.ownerId));
  const gone = mine.filter((p) => !seen.has(p.id)).map((p) => p.id);
  if (gone.length)
    await ctx.db
      .delete(contactPoints)
      .where(
        and(
          eq(contactPoints.tenantId, ctx.tenantId),
          eq(contactPoints.ownerKind, ownerKind),
          inArray(contactPoints.id, gone),
        ),
      );
  if (rows.length === 0) return;
  const excluded = (column: string) => sql.raw(`excluded.${column}`);
  const changing = [
    "kind",
    "type",
    "value",
    "details",
    "usages",
    "description",
    "vendor_type",
    "usage_context",
    "position",
  ];
  await ctx.db
    .insert(contactPoints)
    .values(rows.map((r) => ({ ...nullMeta, ...r })))
    .onConflictDoUpdate({
      target: [contactPoints.tenantId, contactPoints.id],
      set: {
        kind: sql`${excluded("kind")}`,
        type: sql`${excluded("type")}`,
        value: sql`${excluded("value")}`,
        details: sql`${excluded("details")}`,
        usages: sql`${excluded("usages")}`,
        description: sql`${excluded("description")}`,
        vendorType: sql`${excluded("vendor_type")}`,
        usageContext: sql`${excluded("usage_context")}`,
        position: sql`${excluded("position")}`,
        modifiedAt: sql`now()`,
      },
      setWhere: or(
        ...changing.map((c) => sql`${sql.raw(`contact_points.${c}`)} is distinct from ${excluded(c)}`),
      ),
    });
}

/** Every row sets every meta column, so a multi-row insert never mixes given and default values. */
const nullMeta = { vendorType: null, usageContext: null, usages: null, description: null } as const;

/** Replaces the points of one owner (see `syncContactPoints`): given ids are kept, the rest are new. */
export async function replaceContactPoints(
  ctx: Context,
  ownerKind: OwnerKind,
  ownerId: string,
  values: ContactPointValues[],
): Promise<void> {
  await syncContactPoints(ctx, ownerKind, new Map([[ownerId, values]]));
}
