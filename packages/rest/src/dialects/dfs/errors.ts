import { isDomainError } from "@switchboard/domain";
import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { RestEnv } from "../../env";
import { RequestError } from "../../http/kit";
import { BodyError } from "../../http/request";

/**
 * DFS `ApiError`: the body of every DFS error (§1.9, §4.1). `correlationId` is the request id as 32 hex
 * characters and is also sent as the `X-Correlation-Id` header of every DFS response.
 */
export interface ApiErrorBody {
  code: string;
  subCode: string;
  message: string;
  correlationId: string;
}

const CODES: Record<number, string> = {
  400: "BadRequest",
  401: "Unauthorized",
  403: "Forbidden",
  404: "NotFound",
  413: "PayloadTooLarge",
  422: "UnprocessableEntity",
  429: "TooManyRequests",
  500: "General",
};

/** An error a DFS route throws with its own status and sub-code (`KeyNoMatch`, `UsernameNotUnique`, ...). */
export class DfsError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    message: string,
    readonly subCode = "NA",
  ) {
    super(message);
  }
}

/** The request's correlation id: its request id without dashes, as 32 lowercase hex characters when it is a uuid. */
export function correlationIdOf(c: Context<RestEnv>): string {
  const id = c.var.requestId ?? crypto.randomUUID();
  const hex = id.replace(/-/g, "").toLowerCase();
  return /^[0-9a-f]{32}$/.test(hex) ? hex : crypto.randomUUID().replace(/-/g, "");
}

const issueText = (issues: { path: string; message: string }[]) =>
  issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join("; ");

/** What a thrown error answers with: status, sub-code and message. Nothing internal is named for a 500. */
function describe(error: unknown): { status: ContentfulStatusCode; subCode: string; message: string } {
  if (error instanceof DfsError)
    return { status: error.status, subCode: error.subCode, message: error.message };
  if (error instanceof RequestError) {
    const f = error.failure;
    switch (f.kind) {
      case "unauthenticated":
        return {
          status: 401,
          subCode: "NA",
          message: f.reason === "missing" ? "A bearer token is required" : "The bearer token is not valid",
        };
      case "wrong-tenant":
        return { status: 403, subCode: "NA", message: "The token is not valid for this tenant" };
      case "rate-limited":
        return {
          status: 429,
          subCode: "NA",
          message: `Too many requests; retry in ${f.retryAfterSeconds} s`,
        };
      case "too-large":
        return { status: 413, subCode: "NA", message: `The request body is over ${f.maxBytes} bytes` };
      case "not-found":
        return { status: 404, subCode: "NA", message: "The requested resource was not found" };
      case "bad-url":
        return {
          status: 400,
          subCode: "NA",
          message: `The request was not in the required format. ${issueText(f.issues)}`,
        };
    }
  }
  if (error instanceof BodyError) {
    const issues = error.zodError
      ? error.zodError.issues.map((i) => ({
          path: [error.target === "body" ? "" : error.target, ...i.path.map(String)]
            .filter(Boolean)
            .join("."),
          message: i.message,
        }))
      : error.issues;
    const detail = issues.length ? issueText(issues) : error.message;
    return { status: 400, subCode: "NA", message: `The request was not in the required format. ${detail}` };
  }
  if (error instanceof HTTPException && error.status < 500)
    return {
      status: 400,
      subCode: "NA",
      message: `The request was not in the required format. ${error.message}`,
    };
  if (isDomainError(error)) {
    const subCode = error.reason ?? "NA";
    switch (error.code) {
      case "NOT_FOUND":
        return { status: 404, subCode, message: error.message };
      case "VALIDATION":
        return { status: 400, subCode, message: error.message };
      case "CONFLICT":
      case "UNPROCESSABLE":
        return { status: 422, subCode, message: error.message };
      case "FORBIDDEN":
        return {
          status: 403,
          subCode,
          message: `The caller is not allowed to do this (${error.issues[0]?.message ?? ""})`,
        };
      case "UNAUTHENTICATED":
        return { status: 401, subCode, message: error.message };
      case "TOO_LARGE":
        return { status: 413, subCode, message: error.message };
    }
  }
  return { status: 500, subCode: "NA", message: "An unexpected error occurred" };
}

/** The DFS dialect's one error renderer (see the kit's `dialectApp`). */
export function renderDfsError(c: Context<RestEnv>, error: unknown): Response {
  const { status, subCode, message } = describe(error);
  if (status === 500) console.error("dfs: unexpected error", error);
  const correlationId = correlationIdOf(c);
  c.header("x-correlation-id", correlationId);
  if (error instanceof RequestError && error.failure.kind === "rate-limited")
    c.header("retry-after", String(error.failure.retryAfterSeconds));
  const body: ApiErrorBody = { code: CODES[status] ?? "General", subCode, message, correlationId };
  return c.json(body, status);
}
