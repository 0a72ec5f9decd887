import { bearerTokenFrom, PrincipalCache, principalCacheMs, rateLimitSettings } from "@switchboard/domain";
import type { MiddlewareHandler } from "hono";
import type { RestDeps, RestEnv } from "../../env";
import { GenesysError, MESSAGES } from "./errors";
import { tooManyRequests } from "./rate-limits";

/** One principal cache per REST app (its deps), shared by every dialect's bearer check. */
const caches = new WeakMap<RestDeps, PrincipalCache>();
const principalsOf = (deps: RestDeps) => {
  let cache = caches.get(deps);
  if (!cache) {
    const ttlMs = deps.principalCacheMs ?? principalCacheMs();
    const perMinute = (deps.rateLimits ?? rateLimitSettings()).tokenPerMinute;
    cache = new PrincipalCache(deps.db, { ttlMs, perMinute });
    caches.set(deps, cache);
  }
  return cache;
};

/**
 * Bearer authentication: the token's client or member becomes the actor of every use case the request runs.
 * The principal comes from the principal cache (at most a second old, dropped at once when the database
 * notifies a change), and the request is counted against the token's per-minute limit; over it, 429.
 */
export const requireBearer = (deps: RestDeps): MiddlewareHandler<RestEnv> => {
  const principals = principalsOf(deps);
  return async (c, next) => {
    const token = bearerTokenFrom(c.req.header("authorization"));
    if (!token) throw new GenesysError(401, "authentication.required", MESSAGES[401]);
    const principal = await principals.resolve(token);
    if (!principal) throw new GenesysError(401, "bad.credentials", "Invalid or expired bearer token.");
    if (principal.retryAfterSeconds !== null) return tooManyRequests(c, principal.retryAfterSeconds);
    c.set("ctx", { db: deps.db, tenantId: principal.tenantId, actor: principal.actor, jobs: deps.jobs });
    await next();
  };
};
