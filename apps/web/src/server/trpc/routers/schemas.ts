import {
  createSchema,
  dataSchemaInput,
  getSchema,
  listCoreTypes,
  listSchemas,
  listSchemaVersions,
  SCHEMA_TARGETS,
  updateSchema,
} from "@switchboard/domain";
import { z } from "zod";
import { createTRPCRouter, protectedProcedure } from "../init";

const target = z.enum(SCHEMA_TARGETS);

/** Custom-field schemas: the same versioned documents the Genesys schema endpoints serve. */
export const schemasRouter = createTRPCRouter({
  coreTypes: protectedProcedure.query(({ ctx }) =>
    listCoreTypes(ctx.domain).map((t) => ({
      name: t.name,
      title: t.title,
      validationFields: t.validationFields,
    })),
  ),
  list: protectedProcedure
    .input(z.object({ target }))
    .query(({ ctx, input }) => listSchemas(ctx.domain, input.target)),
  get: protectedProcedure
    .input(z.object({ target, id: z.string() }))
    .query(({ ctx, input }) => getSchema(ctx.domain, input.target, input.id)),
  versions: protectedProcedure
    .input(z.object({ target, id: z.string() }))
    .query(({ ctx, input }) => listSchemaVersions(ctx.domain, input.target, input.id)),
  create: protectedProcedure
    .input(z.object({ target, schema: dataSchemaInput }))
    .mutation(({ ctx, input }) => createSchema(ctx.domain, input.target, input.schema)),
  update: protectedProcedure
    .input(z.object({ target, id: z.string(), version: z.number().int(), schema: dataSchemaInput }))
    .mutation(({ ctx, input }) =>
      updateSchema(ctx.domain, input.target, input.id, { ...input.schema, version: input.version }),
    ),
});
