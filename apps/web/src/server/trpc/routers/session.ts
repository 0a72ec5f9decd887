import { createTRPCRouter, publicProcedure } from "../init";

export const sessionRouter = createTRPCRouter({
  /** Who is signed in, with their permissions so the UI can hide what they may not do. */
  me: publicProcedure.query(({ ctx }) =>
    ctx.session ? { member: ctx.session.member, permissions: [...ctx.session.actor.permissions] } : null,
  ),
});
