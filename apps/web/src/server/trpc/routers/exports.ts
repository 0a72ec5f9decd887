import {
  createExport,
  EXPORT_ENTITY_TYPES,
  getExport,
  listDivisions,
  listExports,
  PERMISSIONS,
  requirePermission,
} from "@switchboard/domain";
import { z } from "zod";
import { createTRPCRouter, protectedProcedure } from "../init";

/** Exports of contacts, organizations, notes and relationships: start one, watch it, list them. */
export const exportsRouter = createTRPCRouter({
  /** Newest first; every kind the member may view unless `entityType` narrows it. */
  list: protectedProcedure
    .input(
      z.object({
        entityType: z.enum(EXPORT_ENTITY_TYPES).optional(),
        pageSize: z.number().int().min(1).max(200).default(25),
        after: z.string().max(200).optional(),
      }),
    )
    .query(({ ctx, input }) => listExports(ctx.domain, input)),
  get: protectedProcedure
    .input(z.object({ id: z.string() }))
    .query(({ ctx, input }) => getExport(ctx.domain, input.id)),
  create: protectedProcedure
    .input(
      z.object({
        entityType: z.enum(EXPORT_ENTITY_TYPES),
        divisionIds: z.array(z.string()).max(50).optional(),
      }),
    )
    .mutation(({ ctx, input }) => createExport(ctx.domain, input)),
  /** The divisions an export can be narrowed to. */
  divisions: protectedProcedure.query(({ ctx }) => {
    requirePermission(ctx.domain, PERMISSIONS.exportView);
    return listDivisions(ctx.domain);
  }),
});
