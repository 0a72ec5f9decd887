import { and, contacts, eq } from "@switchboard/db";
import { z } from "zod";
import { PERMISSIONS } from "../access/permissions";
import { type Context, requirePermission } from "../shared/context";
import { notFound, validationFailed } from "../shared/errors";
import { isUuid } from "../shared/ids";
import { parseInput } from "../shared/validation";
import { addressableContacts } from "./scope";

export const journeySessionsInput = z.object({
  pageSize: z.number().int().min(1).max(200, "pageSize must be at most 200").default(25),
  after: z.string().max(500).optional(),
  includeMerged: z.boolean().default(false),
});
export type JourneySessionsInput = z.input<typeof journeySessionsInput>;

/** A Genesys Journey session. Switchboard records no web or app journeys, so there are none yet. */
export interface JourneySession {
  id: string;
  type: string;
  createdDate: Date;
}

/**
 * The journey sessions of a contact (Genesys `GET /contacts/{id}/journey/sessions`). Switchboard has no
 * journey tracking, so the honest answer is an empty listing, after the same checks a real one would make:
 * the permission, the contact (merged-away contacts included: they are part of a merge set), the paging.
 */
export async function listJourneySessions(
  ctx: Context,
  contactId: string,
  params: JourneySessionsInput = {},
): Promise<{ entities: JourneySession[] }> {
  requirePermission(ctx, PERMISSIONS.sessionView);
  const { after } = parseInput(journeySessionsInput, params);
  if (!isUuid(contactId)) throw notFound("contact", contactId);
  const [row] = await ctx.db
    .select({ id: contacts.id })
    .from(contacts)
    .where(and(addressableContacts(ctx), eq(contacts.id, contactId)));
  if (!row) throw notFound("contact", contactId);
  // No listing has been issued, so no `after` cursor can be ours.
  if (after) throw validationFailed([{ path: "after", message: "is not a cursor this server issued" }]);
  return { entities: [] };
}
