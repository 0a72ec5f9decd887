import { and, contacts, eq, isNull, type SQL } from "@switchboard/db";
import type { Context } from "../shared/context";
import { visibleIn } from "../shared/records";

/**
 * The contacts an actor may address by id: of the tenant, not deleted, in the actor's divisions. Contacts
 * merged into another are included (reads resolve them to their canonical contact); listings and searches
 * use the live scope instead, which leaves them out.
 */
export const addressableContacts = (ctx: Context): SQL =>
  and(eq(contacts.tenantId, ctx.tenantId), isNull(contacts.deletedAt), visibleIn(ctx, contacts.divisionId))!;
