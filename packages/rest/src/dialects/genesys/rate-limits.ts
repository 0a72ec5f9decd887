import { forwardedClientIp } from "@switchboard/domain";
import type { Context } from "hono";
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

/**
 * The caller's IP: the last `X-Forwarded-For` entry (set by the proxy in front, or by Next.js from the
 * connection), else the socket's address when served standalone by @hono/node-server; null when unknown.
 */
export function clientIp(c: Context): string | null {
  const socket = (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming
    ?.socket;
  return forwardedClientIp(c.req.header("x-forwarded-for")) ?? socket?.remoteAddress ?? null;
}
