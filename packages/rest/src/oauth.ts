import {
  clientCredentialsFrom,
  isDomainError,
  isRateLimited,
  issueAccessToken,
  limitLogin,
  rateLimitSettings,
} from "@switchboard/domain";
import { type Context, Hono } from "hono";
import { clientIp, tooManyRequests } from "./dialects/genesys/rate-limits";
import type { RestDeps, RestEnv } from "./env";
import { limitBody } from "./http/request";

/**
 * `POST /oauth/token`: the OAuth 2.0 client-credentials grant the Genesys SDKs log in with
 * (`loginClientCredentialsGrant`). Credentials come as HTTP Basic or as form (or JSON) fields.
 */
export function oauthApp(deps: RestDeps) {
  const app = new Hono<RestEnv>();
  const limits = deps.rateLimits ?? rateLimitSettings();
  // RFC 6749 §5.2 names the text `error_description`; the Genesys login also sends it as `description`.
  const oauthError = (error: string, description: string) => ({
    error,
    description,
    error_description: description,
  });

  // RFC 6749 §5.2: a 401 for invalid_client names the scheme the client may authenticate with.
  const invalidClient = (c: Context, description: string) =>
    c.json(oauthError("invalid_client", description), 401, { "www-authenticate": 'Basic realm="oauth"' });

  app.use(
    "*",
    limitBody((c) => c.json(oauthError("invalid_request", "request too large"), 413)),
  );
  app.post("/token", async (c) => {
    const type = c.req.header("content-type") ?? "";
    let body: unknown = {};
    if (/application\/x-www-form-urlencoded|multipart\/form-data/i.test(type)) body = await c.req.parseBody();
    else if (/application\/json/i.test(type)) body = await c.req.json().catch(() => ({}));
    // Only string fields count: a file part or a JSON number is not a credential.
    const form: Record<string, string | undefined> = Object.fromEntries(
      Object.entries(body && typeof body === "object" ? body : {}).filter(([, v]) => typeof v === "string"),
    );
    const grant = form.grant_type ?? c.req.query("grant_type");
    if (!grant) return c.json(oauthError("invalid_request", "grant_type is required"), 400);
    if (grant !== "client_credentials")
      return c.json(
        oauthError("unsupported_grant_type", "only grant_type=client_credentials is supported"),
        400,
      );
    const credentials = clientCredentialsFrom(c.req.header("authorization"), form);
    if (!credentials) return invalidClient(c, "client credentials are required");
    try {
      // Per client id and IP, and locked after repeated wrong secrets: 429 with Retry-After.
      const attempt = { kind: "client", id: credentials.clientId, ip: clientIp(c) } as const;
      const token = await limitLogin(deps.db, limits, attempt, () => issueAccessToken(deps.db, credentials));
      c.header("cache-control", "no-store");
      return c.json({ access_token: token.accessToken, token_type: "bearer", expires_in: token.expiresIn });
    } catch (error) {
      if (isRateLimited(error)) return tooManyRequests(c, error.retryAfterSeconds);
      if (isDomainError(error) && error.code === "UNAUTHENTICATED")
        return invalidClient(c, "client authentication failed");
      throw error;
    }
  });
  return app;
}
