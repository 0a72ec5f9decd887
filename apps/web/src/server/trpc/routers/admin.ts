import {
  addMember,
  createApiClient,
  deleteDivision,
  deleteRole,
  divisionInput,
  listApiClients,
  listDivisionSummaries,
  listMembers,
  listRoleSummaries,
  listRoles,
  memberInput,
  removeMember,
  revokeApiClient,
  roleInput,
  rotateApiClientSecret,
  saveDivision,
  saveRole,
  setMemberActive,
  setPrincipalRoles,
} from "@switchboard/domain";
import { z } from "zod";
import { createTRPCRouter, protectedProcedure } from "../init";

const id = z.object({ id: z.string() });

/** Administration: API clients (the secret is returned once, on create and rotate), members, roles, divisions. */
export const adminRouter = createTRPCRouter({
  roles: protectedProcedure.query(({ ctx }) => listRoles(ctx.domain)),
  apiClients: protectedProcedure.query(({ ctx }) => listApiClients(ctx.domain)),
  createApiClient: protectedProcedure
    .input(
      z.object({
        name: z.string().trim().min(1, "a name is required").max(200),
        roleIds: z.array(z.string()).max(20),
      }),
    )
    .mutation(({ ctx, input }) => createApiClient(ctx.domain, input)),
  rotateApiClientSecret: protectedProcedure
    .input(z.object({ id: z.string() }))
    .mutation(({ ctx, input }) => rotateApiClientSecret(ctx.domain, input.id)),
  revokeApiClient: protectedProcedure
    .input(z.object({ id: z.string() }))
    .mutation(({ ctx, input }) => revokeApiClient(ctx.domain, input.id)),

  members: protectedProcedure.query(({ ctx }) => listMembers(ctx.domain)),
  addMember: protectedProcedure.input(memberInput).mutation(({ ctx, input }) => addMember(ctx.domain, input)),
  setMemberRoles: protectedProcedure
    .input(z.object({ id: z.uuid(), roleIds: z.array(z.uuid()).max(20) }))
    .mutation(({ ctx, input }) => setPrincipalRoles(ctx.domain, input.id, input.roleIds)),
  setMemberActive: protectedProcedure
    .input(z.object({ id: z.string(), active: z.boolean() }))
    .mutation(({ ctx, input }) => setMemberActive(ctx.domain, input.id, input.active)),
  removeMember: protectedProcedure.input(id).mutation(({ ctx, input }) => removeMember(ctx.domain, input.id)),

  roleSummaries: protectedProcedure.query(({ ctx }) => listRoleSummaries(ctx.domain)),
  saveRole: protectedProcedure.input(roleInput).mutation(({ ctx, input }) => saveRole(ctx.domain, input)),
  deleteRole: protectedProcedure.input(id).mutation(({ ctx, input }) => deleteRole(ctx.domain, input.id)),

  divisions: protectedProcedure.query(({ ctx }) => listDivisionSummaries(ctx.domain)),
  saveDivision: protectedProcedure
    .input(divisionInput)
    .mutation(({ ctx, input }) => saveDivision(ctx.domain, input)),
  deleteDivision: protectedProcedure
    .input(id)
    .mutation(({ ctx, input }) => deleteDivision(ctx.domain, input.id)),
});
