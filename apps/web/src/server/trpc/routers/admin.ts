import {
  createApiClient,
  listApiClients,
  listRoles,
  revokeApiClient,
  rotateApiClientSecret,
} from "@switchboard/domain";
import { z } from "zod";
import { createTRPCRouter, protectedProcedure } from "../init";

/** Administration: API clients (the secret is returned once, on create and rotate) and roles. */
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
});
