import { z } from "@hono/zod-openapi";
import { clientCredentialsFrom, issueAccessToken, limitLogin, rateLimitSettings } from "@switchboard/domain";
import type { RestDeps } from "../../env";
import { dialectRoutes, operation, RequestError } from "../../http/kit";
import { clientIp, trustsProxy } from "../genesys/rate-limits";
import { errors, json, OrgParams } from "./routes";

const AccessTokenSchema = z.object({ accessToken: z.string() }).openapi("AccessToken");

/**
 * `GET /auth/authorize/{org-id}` with HTTP Basic (client id and secret): a bearer token valid for that org only
 * (enfore auth API). Wrong credentials, or a client of another org, are 403, as enfore answers.
 */
export function authRoutes(deps: RestDeps) {
  const routes = dialectRoutes();
  const limits = deps.rateLimits ?? rateLimitSettings();
  routes.openapi(
    operation("public", {
      method: "get",
      path: "/auth/authorize/{org-id}",
      operationId: "authorize",
      summary: "Get an access token for an organization (HTTP Basic: client id and secret)",
      tags: ["Authentication"],
      request: { params: OrgParams },
      responses: { 200: json(AccessTokenSchema, "The organization's access token"), ...errors(403) },
    }),
    async (c) => {
      const credentials = clientCredentialsFrom(c.req.header("authorization"), {});
      if (!credentials) throw new RequestError({ kind: "unauthenticated", reason: "missing" });
      const attempt = {
        kind: "client",
        id: credentials.clientId,
        ip: clientIp(c, trustsProxy(deps)),
      } as const;
      const token = await limitLogin(deps.db, limits, attempt, () =>
        issueAccessToken(deps.db, credentials, { tenant: c.req.valid("param")["org-id"] }),
      );
      c.header("cache-control", "no-store");
      return c.json({ accessToken: token.accessToken }, 200);
    },
  );
  return routes;
}
