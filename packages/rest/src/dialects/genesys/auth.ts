import { bearerTokenFrom, resolveAccessToken } from "@switchboard/domain";
import type { MiddlewareHandler } from "hono";
import type { RestDeps, RestEnv } from "../../env";
import { GenesysError, MESSAGES } from "./errors";

/** Bearer authentication: the token's client becomes the actor of every use case the request runs. */
export const requireBearer =
  (deps: RestDeps): MiddlewareHandler<RestEnv> =>
  async (c, next) => {
    const token = bearerTokenFrom(c.req.header("authorization"));
    if (!token) throw new GenesysError(401, "authentication.required", MESSAGES[401]);
    const principal = await resolveAccessToken(deps.db, token);
    if (!principal) throw new GenesysError(401, "bad.credentials", "Invalid or expired bearer token.");
    c.set("ctx", { db: deps.db, tenantId: principal.tenantId, actor: principal.actor, jobs: deps.jobs });
    await next();
  };
