import { forwardedClientIp } from "@switchboard/domain";
import type { Context } from "hono";
import type { RestDeps } from "../../env";
import { errorResponse, GenesysError } from "./errors";

/**
 * 429 in the Genesys ErrorBody, with the `Retry-After` header the Genesys SDKs wait for (their documented
 * message: "Rate limit exceeded the maximum. Retry the request in [%s] seconds").
 */
export function tooManyRequests(c: Context, retryAfterSeconds: number): Response {
  const seconds = String(retryAfterSeconds);
  const response = errorResponse(
    c,
    new GenesysError(
      429,
      "too.many.requests",
      `Rate limit exceeded the maximum. Retry the request in [${seconds}] seconds`,
      [],
      {
        messageWithParams: "Rate limit exceeded the maximum. Retry the request in [{seconds}] seconds",
        messageParams: { seconds },
      },
    ),
  );
  response.headers.set("retry-after", seconds);
  return response;
}

/** Whether `X-Forwarded-For` names the caller (see `RestDeps.trustProxy`). */
export const trustsProxy = (deps: RestDeps) => deps.trustProxy ?? process.env.SWITCHBOARD_TRUST_PROXY === "1";

/**
 * The caller's IP: behind a trusted proxy the last `X-Forwarded-For` entry (the one the proxy added), else the
 * connection's address (the Node server's socket); null when unknown (an in-process request).
 */
export function clientIp(c: Context, trustProxy: boolean): string | null {
  const socket = (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming
    ?.socket;
  const forwarded = trustProxy ? forwardedClientIp(c.req.header("x-forwarded-for")) : null;
  return forwarded ?? socket?.remoteAddress ?? null;
}
