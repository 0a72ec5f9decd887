import {
  createProfessionalIdentity,
  deleteProfessionalIdentity,
  listOrganizationProfessionalIdentities,
  listProfessionalIdentities,
  updateProfessionalIdentity,
} from "@switchboard/domain";
import { z } from "zod";
import { createTRPCRouter, protectedProcedure } from "../init";
import { namesOf } from "./profile";

const identity = z.record(z.string(), z.unknown());

/**
 * A person's professional identities (who they work for, as what, since when) and an organization's
 * representatives (the PIs at it). The domain validates the fields and checks the member's permission.
 */
export const professionalIdentitiesRouter = createTRPCRouter({
  /** A person's PIs in creation order, each with its organization's name. */
  list: protectedProcedure.input(z.object({ contactId: z.string() })).query(async ({ ctx, input }) => {
    const identities = await listProfessionalIdentities(ctx.domain, input.contactId);
    const names = await namesOf(
      ctx.domain,
      identities.map((p) => ({ kind: "organization", id: p.organizationId })),
    );
    return identities.map((p) => ({ ...p, organizationName: names.get(p.organizationId) ?? null }));
  }),
  create: protectedProcedure
    .input(z.object({ contactId: z.string(), identity }))
    .mutation(({ ctx, input }) =>
      createProfessionalIdentity(ctx.domain, input.contactId, input.identity as never),
    ),
  /** A full update: what is not sent is cleared (the organization never changes). */
  update: protectedProcedure
    .input(z.object({ contactId: z.string(), id: z.string(), identity }))
    .mutation(({ ctx, input }) =>
      updateProfessionalIdentity(ctx.domain, input.contactId, input.id, input.identity as never),
    ),
  delete: protectedProcedure
    .input(z.object({ contactId: z.string(), id: z.string() }))
    .mutation(({ ctx, input }) => deleteProfessionalIdentity(ctx.domain, input.contactId, input.id)),
  /** The organization's representatives (enfore): the PIs at it, each with the person's name. */
  representatives: protectedProcedure
    .input(z.object({ organizationId: z.string() }))
    .query(async ({ ctx, input }) => {
      const identities = await listOrganizationProfessionalIdentities(ctx.domain, input.organizationId);
      const names = await namesOf(
        ctx.domain,
        identities.map((p) => ({ kind: "contact", id: p.contactId })),
      );
      return identities.map((p) => ({ ...p, contactName: names.get(p.contactId) ?? null }));
    }),
});
