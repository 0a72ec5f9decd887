import {
  addCustomerListMembers,
  createCustomerList,
  deleteCustomerList,
  getCustomerList,
  listCustomerListMembers,
  listCustomerLists,
  removeCustomerListMember,
  updateCustomerList,
} from "@switchboard/domain";
import { z } from "zod";
import { createTRPCRouter, protectedProcedure } from "../init";
import { namesOf } from "./profile";

const id = z.object({ id: z.string() });

/** The tenant's customer lists (enfore) and their members: contacts and organizations. */
export const customerListsRouter = createTRPCRouter({
  list: protectedProcedure.query(({ ctx }) => listCustomerLists(ctx.domain)),
  get: protectedProcedure.input(id).query(({ ctx, input }) => getCustomerList(ctx.domain, input.id)),
  create: protectedProcedure
    .input(z.object({ name: z.string() }))
    .mutation(({ ctx, input }) => createCustomerList(ctx.domain, input)),
  rename: protectedProcedure
    .input(z.object({ id: z.string(), name: z.string() }))
    .mutation(({ ctx, input }) => updateCustomerList(ctx.domain, input.id, { name: input.name })),
  delete: protectedProcedure.input(id).mutation(({ ctx, input }) => deleteCustomerList(ctx.domain, input.id)),
  /** A page of members in the order they were added, each with its name (null when not readable). */
  members: protectedProcedure
    .input(z.object({ id: z.string(), offset: z.number().int().min(0).default(0) }))
    .query(async ({ ctx, input }) => {
      const limit = 200;
      const members = await listCustomerListMembers(ctx.domain, input.id, {
        limit: limit + 1,
        offset: input.offset,
      });
      const page = members.slice(0, limit);
      const names = await namesOf(ctx.domain, page);
      return {
        items: page.map((m) => ({ ...m, name: names.get(m.id) ?? null })),
        hasMore: members.length > limit,
      };
    }),
  /** Adds contacts or organizations by id; ids that are no live record come back as `problems`. */
  addMembers: protectedProcedure
    .input(z.object({ id: z.string(), ids: z.array(z.string()).min(1).max(1000) }))
    .mutation(({ ctx, input }) => addCustomerListMembers(ctx.domain, input.id, input.ids)),
  removeMember: protectedProcedure
    .input(z.object({ id: z.string(), memberId: z.string() }))
    .mutation(({ ctx, input }) => removeCustomerListMember(ctx.domain, input.id, input.memberId)),
});
