import { bearerTokenFrom, rateLimitSettings, resolveAccessToken } from "@switchboard/domain";
import type { MiddlewareHandler } from "hono";
import type { RestDeps, RestEnv } from "../../env";
import { GenesysError, MESSAGES } from "./errors";
import { tooManyRequests } from "./rate-limits";

/**
 * Bearer authentication: the token's client becomes the actor of every use case the request runs. The
 * request is counted against the token's per-minute limit in the principal lookup; over it, 429.
 */
export const requireBearer = (deps: RestDeps): MiddlewareHandler<RestEnv> => {
  const limits = deps.rateLimits ?? rateLimitSettings();
  return async (c, next) => {
    const token = bearerTokenFrom(c.req.header("authorization"));
    if (!token) throw new GenesysError(401, "authentication.required", MESSAGES[401]);
    const principal = await resolveAccessToken(deps.db, token, { perMinute: limits.tokenPerMinute });
    if (!principal) throw new GenesysError(401, "bad.credentials", "Invalid or expired bearer token.");
    if (principal.retryAfterSeconds !== null) return tooManyRequests(c, principal.retryAfterSeconds);
    c.set("ctx", { db: deps.db, tenantId: principal.tenantId, actor: principal.actor, jobs: deps.jobs });
    await next();
  };
};
