import {
  createOrganization,
  createRelationship,
  deleteOrganization,
  deleteRelationship,
  getOrganization,
  listOrganizationRelationships,
  listUsers,
  organizationHistory,
  organizationInput,
  relationshipInput,
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
    .query(async ({ ctx, input }) => {
      // Addressed by the organization: one this tenant does not have is not found, not an empty page.
      await getOrganization(ctx.domain, input.id);
      return searchContacts(ctx.domain, {
        organizationId: input.id,
        pageSize: 50,
        pageNumber: input.pageNumber,
      });
    }),
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

  /** Members in a relationship with the organization (account manager, ...), with their names. */
  relationships: protectedProcedure
    .input(z.object({ id: z.string(), pageNumber: z.number().int().min(1).default(1) }))
    .query(async ({ ctx, input }) => {
      const page = await listOrganizationRelationships(ctx.domain, input.id, {
        pageSize: 100,
        pageNumber: input.pageNumber,
        sort: { field: "relationship", direction: "asc" },
      });
      const names = new Map((await listUsers(ctx.domain)).map((u) => [u.id, u.name]));
      return {
        ...page,
        entities: page.entities.map((r) => ({ ...r, memberName: names.get(r.memberId) ?? null })),
      };
    }),
  addRelationship: protectedProcedure
    .input(relationshipInput)
    .mutation(({ ctx, input }) => createRelationship(ctx.domain, input)),
  removeRelationship: protectedProcedure
    .input(id)
    .mutation(({ ctx, input }) => deleteRelationship(ctx.domain, input.id)),
  /** The members a relationship can name. */
  users: protectedProcedure.query(({ ctx }) => listUsers(ctx.domain)),
});
