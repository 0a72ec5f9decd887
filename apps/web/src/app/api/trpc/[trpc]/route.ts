import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { refuseCrossSite } from "~/server/same-site";
import { createTRPCContext } from "~/server/trpc/init";
import { appRouter } from "~/server/trpc/root";

export const dynamic = "force-dynamic";

const handler = (req: Request) =>
  // Mutations are POSTs, authorized by the session cookie: never on another site's behalf.
  (req.method === "POST" ? refuseCrossSite(req) : null) ??
  fetchRequestHandler({
    endpoint: "/api/trpc",
    req,
    router: appRouter,
    createContext: () => createTRPCContext({ headers: req.headers }),
    // The details of an unexpected failure stay here, in the server log; the client gets a generic message.
    onError: ({ error, path }) => {
      if (error.code === "INTERNAL_SERVER_ERROR") console.error(`[trpc] ${path}:`, error);
    },
  });

export { handler as GET, handler as POST };
