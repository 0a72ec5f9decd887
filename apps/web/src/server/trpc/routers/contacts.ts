import {
  CONTACT_SORT_FIELDS,
  contactHistory,
  contactInput,
  createContact,
  deleteContact,
  getContact,
  searchContacts,
  updateContact,
} from "@switchboard/domain";
import { z } from "zod";
import { createTRPCRouter, protectedProcedure } from "../init";

const id = z.object({ id: z.string() });

/** Contacts for the web app and typed clients: validate with the domain's schemas, call the use case. */
export const contactsRouter = createTRPCRouter({
  list: protectedProcedure
    .input(
      z.object({
        q: z.string().max(500).optional(),
        pageSize: z.number().int().min(1).max(200).default(25),
        pageNumber: z.number().int().min(1).default(1),
        sort: z.object({ field: z.enum(CONTACT_SORT_FIELDS), direction: z.enum(["asc", "desc"]) }).optional(),
      }),
    )
    .query(({ ctx, input }) => searchContacts(ctx.domain, input)),
  get: protectedProcedure.input(id).query(({ ctx, input }) => getContact(ctx.domain, input.id)),
  history: protectedProcedure.input(id).query(({ ctx, input }) => contactHistory(ctx.domain, input.id)),
  create: protectedProcedure
    .input(contactInput)
    .mutation(({ ctx, input }) => createContact(ctx.domain, input)),
  update: protectedProcedure
    .input(z.object({ id: z.string(), expectedVersion: z.number().int().optional(), contact: contactInput }))
    .mutation(({ ctx, input }) =>
      updateContact(ctx.domain, input.id, input.contact, { expectedVersion: input.expectedVersion }),
    ),
  delete: protectedProcedure.input(id).mutation(({ ctx, input }) => deleteContact(ctx.domain, input.id)),
});
