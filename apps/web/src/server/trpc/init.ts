import {
  type Context as DomainContext,
  DomainError,
  type MemberSession,
  nulIssues,
  resolveMemberSession,
  validationFailed,
} from "@switchboard/domain";
import { initTRPC, TRPCError } from "@trpc/server";
import superjson from "superjson";
import { db, jobs } from "../db";
import { sessionTokenFrom } from "../session";
import { formatError, trpcErrorOf } from "./error-formatter";

/** Per request: the database and the signed-in member (from the session cookie), if any. */
export async function createTRPCContext(opts: { headers: Headers }) {
  const token = sessionTokenFrom(opts.headers.get("cookie"));
  const session: MemberSession | null = token ? await resolveMemberSession(db(), token) : null;
  return { session };
}
type TRPCContext = Awaited<ReturnType<typeof createTRPCContext>>;

const t = initTRPC.context<TRPCContext>().create({
  transformer: superjson,
  errorFormatter: formatError,
});

/** Domain errors become their tRPC code, keeping the DomainError as the cause for the formatter. */
const domainErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok && result.error.cause instanceof DomainError) {
    throw trpcErrorOf(result.error.cause);
  }
  return result;
});

/** PostgreSQL cannot store U+0000: input holding it anywhere is refused up front, naming the fields. */
const refuseNul = t.middleware(async ({ getRawInput, next }) => {
  const issues = nulIssues(await getRawInput());
  if (issues.length) throw validationFailed(issues);
  return next();
});

export const createTRPCRouter = t.router;
export const createCallerFactory = t.createCallerFactory;
export const publicProcedure = t.procedure.use(domainErrors).use(refuseNul);

/** Signed-in members only; hands each resolver the domain context it passes to use cases. */
export const protectedProcedure = publicProcedure.use(async ({ ctx, next }) => {
  if (!ctx.session) throw new TRPCError({ code: "UNAUTHORIZED", message: "Sign in first" });
  const domain: DomainContext = {
    db: db(),
    tenantId: ctx.session.tenantId,
    actor: ctx.session.actor,
    jobs: await jobs(),
  };
  return next({ ctx: { session: ctx.session, domain } });
});
