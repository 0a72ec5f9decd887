import { clientCredentialsFrom, isDomainError, issueAccessToken } from "@switchboard/domain";
import { Hono } from "hono";
import type { RestDeps, RestEnv } from "./env";
import { limitBody } from "./http/request";

/**
 * `POST /oauth/token`: the OAuth 2.0 client-credentials grant the Genesys SDKs log in with
 * (`loginClientCredentialsGrant`). Credentials come as HTTP Basic or as form (or JSON) fields.
 */
export function oauthApp(deps: RestDeps) {
  const app = new Hono<RestEnv>();
  const oauthError = (error: string, description: string, status: 400 | 401 | 413) => ({
    error,
    error_description: description,
    status,
  });

  app.use(
    "*",
    limitBody((c) => c.json(oauthError("invalid_request", "request too large", 413), 413)),
  );
  app.post("/token", async (c) => {
    const type = c.req.header("content-type") ?? "";
    let form: Record<string, string | undefined> = {};
    if (/application\/x-www-form-urlencoded|multipart\/form-data/i.test(type)) {
      const body = await c.req.parseBody();
      form = Object.fromEntries(
        Object.entries(body).map(([k, v]) => [k, typeof v === "string" ? v : undefined]),
      );
    } else if (/application\/json/i.test(type)) {
      form = await c.req.json<Record<string, string>>().catch(() => ({}));
    }
    const grant = form.grant_type ?? c.req.query("grant_type");
    if (grant !== "client_credentials")
      return c.json(
        oauthError("unsupported_grant_type", "only grant_type=client_credentials is supported", 400),
        400,
      );
    const credentials = clientCredentialsFrom(c.req.header("authorization"), form);
    if (!credentials)
      return c.json(oauthError("invalid_client", "client credentials are required", 401), 401);
    try {
      const token = await issueAccessToken(deps.db, credentials);
      c.header("cache-control", "no-store");
      return c.json({ access_token: token.accessToken, token_type: "bearer", expires_in: token.expiresIn });
    } catch (error) {
      if (isDomainError(error) && error.code === "UNAUTHENTICATED")
        return c.json(oauthError("invalid_client", "client authentication failed", 401), 401);
      throw error;
    }
  });
  return app;
}
