import {
  changeSetsOf,
  claimIdentifier,
  getUnresolvedContact,
  identifierInput,
  listIdentifiers,
  mergePlacesOf,
  releaseIdentifier,
} from "@switchboard/domain";
import { z } from "zod";
import { displayName } from "~/components/contact-format";
import { createTRPCRouter, protectedProcedure } from "../init";

const id = z.object({ id: z.string() });

/** What the contact page shows beside the contact itself: identifiers and where it sits in a merge. */
export const contactDetailsRouter = createTRPCRouter({
  identifiers: protectedProcedure.input(id).query(({ ctx, input }) => listIdentifiers(ctx.domain, input.id)),
  claimIdentifier: protectedProcedure
    .input(z.object({ id: z.string(), identifier: identifierInput }))
    .mutation(({ ctx, input }) => claimIdentifier(ctx.domain, input.id, input.identifier)),
  releaseIdentifier: protectedProcedure
    .input(z.object({ id: z.string(), identifier: identifierInput }))
    .mutation(({ ctx, input }) => releaseIdentifier(ctx.domain, input.id, input.identifier)),
  /** The stored record even when it was merged away (reads of it otherwise resolve to the canonical one). */
  unresolved: protectedProcedure
    .input(id)
    .query(({ ctx, input }) => getUnresolvedContact(ctx.domain, input.id)),
  /** The history of a stored record, merged away or not (the contacts history reads only unmerged ones). */
  unresolvedHistory: protectedProcedure.input(id).query(async ({ ctx, input }) => {
    const contact = await getUnresolvedContact(ctx.domain, input.id);
    return changeSetsOf(ctx.domain, "contact", contact.id);
  }),
  /**
   * The merge history of a contact: the contacts merged into it (named, as they were) and, for a merged-away
   * contact, the canonical contact reads resolve to. Null when it never took part in a merge.
   */
  merge: protectedProcedure.input(id).query(async ({ ctx, input }) => {
    const contact = await getUnresolvedContact(ctx.domain, input.id);
    const place = (await mergePlacesOf(ctx.domain, [contact])).get(contact.id);
    if (!place) return null;
    const named = async (contactId: string) => {
      const c = await getUnresolvedContact(ctx.domain, contactId).catch(() => null);
      return { id: contactId, name: c ? displayName(c) : null, createdAt: c?.createdAt ?? null };
    };
    return {
      canonical: place.canonicalContactId === contact.id ? null : await named(place.canonicalContactId),
      mergedTo: place.mergedTo ? await named(place.mergedTo) : null,
      mergedFrom: await Promise.all((contact.mergedFrom ?? []).map(named)),
      mergeSetSize: place.mergeSet.length,
    };
  }),
});
