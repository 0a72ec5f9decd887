import {
  createOrganization,
  deleteOrganization,
  getOrganization,
  organizationHistory,
  organizationInput,
  searchContacts,
  searchOrganizations,
  updateOrganization,
} from "@switchboard/domain";
import { z } from "zod";
import { createTRPCRouter, protectedProcedure } from "../init";

const id = z.object({ id: z.string() });

export const organizationsRouter = createTRPCRouter({
  list: protectedProcedure
    .input(
      z.object({
        q: z.string().max(500).optional(),
        pageSize: z.number().int().min(1).max(200).default(25),
        pageNumber: z.number().int().min(1).default(1),
      }),
    )
    .query(({ ctx, input }) => searchOrganizations(ctx.domain, input)),
  get: protectedProcedure.input(id).query(({ ctx, input }) => getOrganization(ctx.domain, input.id)),
  contacts: protectedProcedure
    .input(z.object({ id: z.uuid(), pageNumber: z.number().int().min(1).default(1) }))
    .query(({ ctx, input }) =>
      searchContacts(ctx.domain, { organizationId: input.id, pageSize: 50, pageNumber: input.pageNumber }),
    ),
  history: protectedProcedure.input(id).query(({ ctx, input }) => organizationHistory(ctx.domain, input.id)),
  create: protectedProcedure
    .input(organizationInput)
    .mutation(({ ctx, input }) => createOrganization(ctx.domain, input)),
  update: protectedProcedure
    .input(
      z.object({
        id: z.string(),
        expectedVersion: z.number().int().optional(),
        organization: organizationInput,
      }),
    )
    .mutation(({ ctx, input }) =>
      updateOrganization(ctx.domain, input.id, input.organization, {
        expectedVersion: input.expectedVersion,
      }),
    ),
  delete: protectedProcedure.input(id).mutation(({ ctx, input }) => deleteOrganization(ctx.domain, input.id)),
});
