import { createCallerFactory, createTRPCRouter } from "./init";
import { contactsRouter } from "./routers/contacts";
import { sessionRouter } from "./routers/session";

export const appRouter = createTRPCRouter({
  contacts: contactsRouter,
  session: sessionRouter,
});

/** The type typed clients import: `import type { AppRouter } from "@switchboard/web/trpc"`. */
export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
