import { createCallerFactory, createTRPCRouter } from "./init";
import { adminRouter } from "./routers/admin";
import { contactDetailsRouter } from "./routers/contact-details";
import { contactsRouter } from "./routers/contacts";
import { customerListsRouter } from "./routers/customer-lists";
import { dfsRouter } from "./routers/dfs";
import { exportsRouter } from "./routers/exports";
import { importsRouter } from "./routers/imports";
import { notesRouter } from "./routers/notes";
import { organizationsRouter } from "./routers/organizations";
import { professionalIdentitiesRouter } from "./routers/professional-identities";
import { profileRouter } from "./routers/profile";
import { schemasRouter } from "./routers/schemas";
import { sessionRouter } from "./routers/session";

export const appRouter = createTRPCRouter({
  admin: adminRouter,
  contactDetails: contactDetailsRouter,
  contacts: contactsRouter,
  customerLists: customerListsRouter,
  dfs: dfsRouter,
  exports: exportsRouter,
  imports: importsRouter,
  notes: notesRouter,
  organizations: organizationsRouter,
  professionalIdentities: professionalIdentitiesRouter,
  profile: profileRouter,
  schemas: schemasRouter,
  session: sessionRouter,
});

/** The type typed clients import: `import type { AppRouter } from "@switchboard/web/trpc"`. */
export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
