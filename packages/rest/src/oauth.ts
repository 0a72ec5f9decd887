import {
  clientCredentialsFrom,
  isDomainError,
  isRateLimited,
  issueAccessToken,
  issueMemberToken,
  limitLogin,
  rateLimitSettings,
} from "@switchboard/domain";
import { type Context, Hono } from "hono";
import { clientIp, tooManyRequests, trustsProxy } from "./dialects/genesys/rate-limits";
import type { RestDeps, RestEnv } from "./env";
import { limitBody } from "./http/request";

/**
 * `POST /oauth/token`: the OAuth 2.0 client-credentials grant the Genesys SDKs log in with
 * (`loginClientCredentialsGrant`), credentials as HTTP Basic or as form (or JSON) fields; and the password
 * grant (RFC 6749 §4.3) for members: `username` (the member's email) and `password`, and `organization` (the
 * tenant's slug) when the password matches members of several tenants, as on the web sign-in page.
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

  const issued = (c: Context, token: { accessToken: string; expiresIn: number }) => {
    c.header("cache-control", "no-store");
    return c.json({ access_token: token.accessToken, token_type: "bearer", expires_in: token.expiresIn });
  };

  /**
   * A member's token. The tenant is found as the web sign-in finds it (packages/domain `issueMemberToken`), under
   * the same per-email and per-IP limits and the same lockout, which the two share.
   */
  const passwordGrant = async (c: Context, form: Record<string, string | undefined>) => {
    const { username, password, organization } = form;
    if (!username || password === undefined)
      return c.json(oauthError("invalid_request", "username and password are required"), 400);
    try {
      const attempt = {
        kind: "email",
        id: username,
        organization,
        ip: clientIp(c, trustsProxy(deps)),
      } as const;
      const token = await limitLogin(deps.db, limits, attempt, () =>
        issueMemberToken(deps.db, { email: username, password, organization }),
      );
      return issued(c, token);
    } catch (error) {
      if (isRateLimited(error)) return tooManyRequests(c, error.retryAfterSeconds);
      if (isDomainError(error) && error.code === "UNAUTHENTICATED")
        return c.json(oauthError("invalid_grant", "invalid username or password"), 400);
      if (isDomainError(error) && error.issues.some((issue) => issue.path === "organization"))
        return c.json(
          oauthError(
            "invalid_request",
            "this username and password belong to several organizations: name one in organization",
          ),
          400,
        );
      throw error;
    }
  };

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
    if (grant === "password") return passwordGrant(c, form);
    if (grant !== "client_credentials")
      return c.json(
        oauthError("unsupported_grant_type", "grant_type must be client_credentials or password"),
        400,
      );
    const credentials = clientCredentialsFrom(c.req.header("authorization"), form);
    if (!credentials) return invalidClient(c, "client credentials are required");
    try {
      // Per client id and IP, and locked after repeated wrong secrets: 429 with Retry-After.
      const attempt = {
        kind: "client",
        id: credentials.clientId,
        ip: clientIp(c, trustsProxy(deps)),
      } as const;
      const token = await limitLogin(deps.db, limits, attempt, () => issueAccessToken(deps.db, credentials));
      return issued(c, token);
    } catch (error) {
      if (isRateLimited(error)) return tooManyRequests(c, error.retryAfterSeconds);
      if (isDomainError(error) && error.code === "UNAUTHENTICATED")
        return invalidClient(c, "client authentication failed");
      throw error;
    }
  });
  return app;
}
