import {
  addMember,
  createApiClient,
  deleteDivision,
  deleteRole,
  divisionInput,
  inTransaction,
  listApiClients,
  listDivisionSummaries,
  listDivisions,
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
  setRoleDivisions,
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
        roleIds: z.array(z.uuid("must be a role id")).max(20),
      }),
    )
    .mutation(({ ctx, input }) => createApiClient(ctx.domain, input)),
  rotateApiClientSecret: protectedProcedure
    .input(z.object({ id: z.string() }))
    .mutation(({ ctx, input }) => rotateApiClientSecret(ctx.domain, input.id)),
  setApiClientRoles: protectedProcedure
    .input(z.object({ id: z.uuid(), roleIds: z.array(z.uuid()).max(20) }))
    .mutation(({ ctx, input }) => setPrincipalRoles(ctx.domain, input.id, input.roleIds)),
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
  /** Saves a role and, when given, the divisions it applies in (null: every division), in one transaction. */
  saveRole: protectedProcedure
    .input(roleInput.extend({ divisionIds: z.array(z.uuid()).max(200).nullable().optional() }))
    .mutation(({ ctx, input: { divisionIds, ...role } }) =>
      inTransaction(ctx.domain, async (tx) => {
        const saved = await saveRole(tx, role);
        if (divisionIds !== undefined) await setRoleDivisions(tx, saved.id, divisionIds);
        return saved;
      }),
    ),
  /** Division names for pickers (any signed-in member may read them). */
  divisionOptions: protectedProcedure.query(({ ctx }) => listDivisions(ctx.domain)),
  deleteRole: protectedProcedure.input(id).mutation(({ ctx, input }) => deleteRole(ctx.domain, input.id)),

  divisions: protectedProcedure.query(({ ctx }) => listDivisionSummaries(ctx.domain)),
  saveDivision: protectedProcedure
    .input(divisionInput)
    .mutation(({ ctx, input }) => saveDivision(ctx.domain, input)),
  deleteDivision: protectedProcedure
    .input(id)
    .mutation(({ ctx, input }) => deleteDivision(ctx.domain, input.id)),
});
