import { and, contactPoints, contacts, eq, inArray, sql } from "@switchboard/db";
import { can } from "../access/admin";
import { PERMISSIONS } from "../access/permissions";
import { type Contact, getContacts } from "../contacts";
import { getOrganizations, type Organization } from "../organizations";
import { type Context, requirePermission } from "../shared/context";
import { validationFailed } from "../shared/errors";
import { lookupKeyOf } from "./rules";

/** At most this many matches (Genesys reverse whitepages lookup). */
export const LOOKUP_LIMIT = 25;

/**
 * Reverse whitepages lookup: the contacts (and organizations, for older clients) that own an email, a phone
 * number or a Twitter screen name. Served by the normalized `contact_points.value` index.
 */
export async function reverseLookup(
  ctx: Context,
  params: { lookupVal: string; divisionId?: string },
): Promise<{ contacts: Contact[]; organizations: Organization[] }> {
  requirePermission(ctx, PERMISSIONS.contactView);
  const key = lookupKeyOf(params.lookupVal ?? "");
  if (!key)
    throw validationFailed([
      { path: "lookupVal", message: "an email, phone number or Twitter screen name is required" },
    ]);
  const inDivision = <T extends { divisionId: string }>(list: T[]): T[] =>
    params.divisionId && params.divisionId !== "*"
      ? list.filter((x) => x.divisionId === params.divisionId)
      : list;

  if (key.kind === "twitter") {
    const rows = await ctx.db
      .select({ id: contacts.id })
      .from(contacts)
      .where(
        and(
          eq(contacts.tenantId, ctx.tenantId),
          sql`${contacts.deletedAt} is null`,
          sql`lower(${contacts.extensions} -> 'genesys' -> 'twitterId' ->> 'screenName') = ${key.value}`,
        ),
      )
      .limit(LOOKUP_LIMIT);
    return {
      contacts: inDivision(
        await getContacts(
          ctx,
          rows.map((r) => r.id),
        ),
      ),
      organizations: [],
    };
  }

  const owners = await ctx.db
    .selectDistinct({ ownerKind: contactPoints.ownerKind, ownerId: contactPoints.ownerId })
    .from(contactPoints)
    .where(
      and(
        eq(contactPoints.tenantId, ctx.tenantId),
        eq(contactPoints.kind, key.kind),
        eq(contactPoints.value, key.value),
        inArray(contactPoints.ownerKind, ["contact", "organization"]),
      ),
    )
    .limit(LOOKUP_LIMIT * 2);
  const ids = (kind: string) => owners.filter((o) => o.ownerKind === kind).map((o) => o.ownerId);
  const found = inDivision(await getContacts(ctx, ids("contact"))).slice(0, LOOKUP_LIMIT);
  const organizations = can(ctx, PERMISSIONS.organizationView)
    ? inDivision(await getOrganizations(ctx, ids("organization"))).slice(0, LOOKUP_LIMIT - found.length)
    : [];
  return { contacts: found, organizations };
}
