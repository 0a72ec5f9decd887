import { createHash } from "node:crypto";
import { encodeBase32LowerCaseNoPadding } from "@oslojs/encoding";

/** Lifetimes: Genesys client-credential tokens live a day; web sessions a week (sliding). */
export const ACCESS_TOKEN_TTL_SECONDS = 24 * 60 * 60;
export const SESSION_TTL_MS = 7 * 24 * 60 * 60 * 1000;
/** A session is extended when less than this remains, so active members stay signed in. */
export const SESSION_RENEW_BEFORE_MS = 3.5 * 24 * 60 * 60 * 1000;

/** A random secret with 160 bits of entropy, URL-safe. Used for bearer tokens, session tokens, secrets. */
export function generateSecret(bytes = 20): string {
  return encodeBase32LowerCaseNoPadding(crypto.getRandomValues(new Uint8Array(bytes)));
}

/** A sign-in's email and its organization (a tenant's slug) as the lookup reads them: trimmed, lower-case. */
export const signInEmail = (email: string) => email.trim().toLowerCase();
export const signInOrganization = (organization?: string | null) =>
  organization?.trim().toLowerCase() || null;

/**
 * Tokens are high-entropy, so a fast hash is enough; only this hash is stored. Every API request hashes its
 * bearer token, so this is Node's native SHA-256 (a JavaScript one was 2% of a GET's CPU).
 */
export function hashToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

/** A readable OAuth client id. */
export function generateClientId(): string {
  return crypto.randomUUID();
}

/**
 * Reads client credentials from a token request the way OAuth 2.0 (RFC 6749 §2.3.1) allows: HTTP Basic
 * (`Authorization: Basic base64(id:secret)`, each part form-urlencoded) or `client_id`/`client_secret` fields.
 */
export function clientCredentialsFrom(
  authorization: string | null | undefined,
  form: { client_id?: string | null; client_secret?: string | null },
): { clientId: string; clientSecret: string } | null {
  const basic = authorization?.match(/^Basic\s+(.+)$/i)?.[1];
  if (basic) {
    const decoded = Buffer.from(basic, "base64").toString("utf8");
    const colon = decoded.indexOf(":");
    if (colon < 0) return null;
    // A part that is not valid percent-encoding is no credential (the caller gets invalid_client).
    const formDecoded = (part: string) => {
      try {
        return decodeURIComponent(part.replace(/\+/g, " "));
      } catch {
        return "";
      }
    };
    const clientId = formDecoded(decoded.slice(0, colon));
    const clientSecret = formDecoded(decoded.slice(colon + 1));
    return clientId && clientSecret ? { clientId, clientSecret } : null;
  }
  if (form.client_id && form.client_secret)
    return { clientId: form.client_id, clientSecret: form.client_secret };
  return null;
}

/** `Authorization: Bearer <token>` → token. */
export function bearerTokenFrom(authorization: string | null | undefined): string | null {
  return authorization?.match(/^Bearer\s+(\S+)\s*$/i)?.[1] ?? null;
}
