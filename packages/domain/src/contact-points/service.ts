import { and, type ContactPointRow, contactPoints, eq, inArray } from "@switchboard/db";
import type { Context } from "../shared/context";
import type { Address, Email, Phone } from "./model";
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
}

/** The rows that hold an owner's phones, emails and addresses; `value` is the normalized form used for matching. */
export function contactPointValues(c: OwnedContactPoints): ContactPointValues[] {
  return [
    ...c.phones.map((p, position) => ({
      kind: "phone" as const,
      type: p.type,
      value: p.e164 ?? p.userInput,
      details: { ...p },
      position,
    })),
    ...c.emails.map((e, position) => ({
      kind: "email" as const,
      type: e.type,
      value: normalizeEmail(e.address),
      details: { address: e.address },
      position,
    })),
    ...c.addresses.map((a, position) => ({
      kind: "address" as const,
      type: a.type,
      value: [a.address1, a.address2, a.postalCode, a.city, a.state, a.countryCode]
        .filter(Boolean)
        .join(", "),
      details: { ...a },
      position,
    })),
  ];
}

/** The inverse of `contactPointValues`: an owner's rows back to typed phones, emails and addresses. */
export function fromContactPoints(rows: ContactPointRow[]): OwnedContactPoints {
  const sorted = [...rows].sort((a, b) => a.position - b.position);
  const of = (kind: ContactPointRow["kind"]) => sorted.filter((p) => p.kind === kind);
  return {
    phones: of("phone").map((p) => p.details as unknown as Phone),
    emails: of("email").map(
      (p) => ({ type: p.type, address: (p.details as { address: string }).address }) as Email,
    ),
    addresses: of("address").map((p) => p.details as unknown as Address),
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

/** Replaces all contact points of one owner (writes are full replacements of the owner's record). */
export async function replaceContactPoints(
  ctx: Context,
  ownerKind: OwnerKind,
  ownerId: string,
  values: ContactPointValues[],
): Promise<void> {
  await ctx.db
    .delete(contactPoints)
    .where(
      and(
        eq(contactPoints.tenantId, ctx.tenantId),
        eq(contactPoints.ownerKind, ownerKind),
        eq(contactPoints.ownerId, ownerId),
      ),
    );
  if (values.length === 0) return;
  await ctx.db
    .insert(contactPoints)
    .values(values.map((v) => ({ ...v, tenantId: ctx.tenantId, ownerKind, ownerId })));
}
