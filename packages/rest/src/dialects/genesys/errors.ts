import { DomainError, isDomainError, isStaleRecord } from "@switchboard/domain";
import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { z } from "zod";
import { expectedRevision, readIfMatch } from "../../http/etag";
import { RequestError, type RequestFailure } from "../../http/kit";
import { BodyError } from "../../http/request";
import { tooManyRequests } from "./rate-limits";

/** Genesys `ErrorBody`: every 4xx/5xx of this dialect has this shape. */
export interface ErrorBody {
  message: string;
  code: string;
  status: number;
  contextId: string;
  messageWithParams?: string;
  messageParams?: Record<string, string>;
  entityId?: string;
  entityName?: string;
  details: { errorCode?: string; fieldName?: string; entityId?: string; entityName?: string }[];
  errors: ErrorBody[];
}

export class GenesysError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string,
    readonly details: ErrorBody["details"] = [],
    readonly extra: Partial<ErrorBody> = {},
  ) {
    super(message);
  }
}

/** Messages are the ones the Genesys SDK documentation lists for each status. */
export const MESSAGES = {
  401: "No authentication bearer token specified in authorization header.",
  413: "The request is over the size limit. Maximum bytes: %s",
  415: "Unsupported Media Type - Unsupported or incorrect media type, such as an incorrect Content-Type value in the header.",
  500: "The server encountered an unexpected condition which prevented it from fulfilling the request.",
} as const;

export const badRequest = (message: string, details: ErrorBody["details"] = []) =>
  new GenesysError(400, "bad.request", message, details);

export function invalidBody(error: z.ZodError, where = "body"): GenesysError {
  return invalidFields(
    error.issues.map((i) => ({ path: i.path.map(String).join("."), message: i.message, code: i.code })),
    where,
  );
}

/** A 400 naming each bad field (a body field, or a query parameter) with what is wrong with it. */
export function invalidFields(
  issues: { path: string; message: string; code?: string }[],
  where = "body",
): GenesysError {
  const details = issues.map((i) => ({ errorCode: i.code ?? "invalid.value", fieldName: i.path || where }));
  const message = issues.map((i) => `${i.path || where}: ${i.message}`).join("; ");
  return badRequest(
    `The request could not be understood by the server due to malformed syntax. ${message}`,
    details,
  );
}

const DOMAIN_STATUS: Record<DomainError["code"], [ContentfulStatusCode, string]> = {
  NOT_FOUND: [404, "not.found"],
  VALIDATION: [400, "bad.request"],
  CONFLICT: [409, "conflict"],
  UNPROCESSABLE: [422, "unprocessable.entity"],
  FORBIDDEN: [403, "missing.any.permissions"],
  UNAUTHENTICATED: [401, "bad.credentials"],
  TOO_LARGE: [413, "request.entity.too.large"],
};

/** The HTTP status and Genesys code a domain error answers with (also per item in bulk results). */
export const statusOf = (error: DomainError) => DOMAIN_STATUS[error.code];

function fromDomain(error: DomainError): GenesysError {
  const [status, code] = DOMAIN_STATUS[error.code];
  if (error.code === "FORBIDDEN") {
    const permission = error.issues[0]?.message ?? "";
    return new GenesysError(
      403,
      code,
      `Unable to perform the requested action. You are missing the following permission(s): ${permission}`,
      [],
      {
        messageWithParams:
          "Unable to perform the requested action. You are missing the following permission(s): {permissions}",
        messageParams: { permissions: permission },
      },
    );
  }
  const details = error.issues.map((i) => ({ errorCode: "invalid.value", fieldName: i.path }));
  return new GenesysError(status, code, error.message, details, {
    entityId: error.entity?.id,
    entityName: error.entity?.type,
  });
}

/** The same error with the fields it names renamed from canonical paths to the caller's wire names. */
export function inWireNames(error: DomainError, rename: (path: string) => string): DomainError {
  if (error.code === "FORBIDDEN" || error.issues.length === 0) return error;
  const composed = (issues: DomainError["issues"]) => issues.map((i) => `${i.path}: ${i.message}`).join("; ");
  const issues = error.issues.map((i) => ({ ...i, path: rename(i.path) }));
  // Rebuild the message only when the domain composed it from the issues; a custom message stays.
  const message = error.message === composed(error.issues) ? composed(issues) : error.message;
  return new DomainError(error.code, message, issues, error.entity, error.reason);
}

/**
 * Runs a domain call and renames the fields its errors name from canonical paths to the caller's wire
 * names (see `contactPathToWire`), so a Genesys client reads `workEmail`, not `emails.0.address`.
 */
export async function inWireTerms<T>(rename: (path: string) => string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw isDomainError(error) ? inWireNames(error, rename) : error;
  }
}

/**
 * A write under the request's `If-Match` (see http/etag.ts): `run` gets the version or modification time the
 * tag names, for its use case to compare with the locked row, and a record that changed since is 412
 * `precondition.failed` instead of the use case's 409. Without the header `run` gets no condition, as before;
 * a list of several tags is a 400 (send the one tag read).
 */
export async function underIfMatch<T>(
  c: Context,
  run: (condition: { expectedVersion?: number; expectedModifiedAt?: Date }) => Promise<T>,
): Promise<T> {
  const header = c.req.header("if-match");
  const ifMatch = readIfMatch(header);
  if (ifMatch?.kind === "list")
    throw badRequest("If-Match takes one entity tag (the ETag the record was read with) or *", [
      { errorCode: "invalid.value", fieldName: "If-Match" },
    ]);
  try {
    return await run(expectedRevision(ifMatch));
  } catch (error) {
    if (ifMatch?.kind !== "tag" || !isStaleRecord(error)) throw error;
    const entity = error.entity;
    throw new GenesysError(
      412,
      "precondition.failed",
      `If-Match ${header} does not match the current ETag of ${entity?.type ?? "the record"} ${entity?.id ?? ""}: it changed since it was read. Read it again and retry.`,
      [{ errorCode: "precondition.failed", fieldName: "If-Match" }],
      { entityId: entity?.id, entityName: entity?.type },
    );
  }
}

/**
 * The version a contact or organization PUT must find: the one its `If-Match` names, or the `version` in
 * its body; a request naming two different ones cannot be based on one read, and is 409.
 */
export function expectedVersionOf(
  fromIfMatch: number | undefined,
  inBody: number | undefined,
): number | undefined {
  if (fromIfMatch !== undefined && inBody !== undefined && fromIfMatch !== inBody)
    throw new GenesysError(
      409,
      "conflict",
      `The body's version ${inBody} and the If-Match version ${fromIfMatch} disagree: send the ones of one read`,
      [{ errorCode: "invalid.value", fieldName: "version" }],
    );
  return fromIfMatch ?? inBody;
}

/** Turns anything thrown by a handler into the ErrorBody response; unknown errors are logged and become 500. */
export function errorResponse(c: Context, thrown: unknown): Response {
  let error: GenesysError;
  if (thrown instanceof GenesysError) error = thrown;
  else if (isDomainError(thrown)) error = fromDomain(thrown);
  else {
    console.error("[genesys]", thrown);
    error = new GenesysError(500, "internal.server.error", MESSAGES[500]);
  }
  const body: ErrorBody = {
    message: error.message,
    code: error.code,
    status: error.status,
    contextId: c.get("requestId") ?? crypto.randomUUID(),
    details: error.details,
    errors: [],
    ...error.extra,
  };
  return c.json(body, error.status);
}

/** The Genesys answer to a request the kit refused before any use case ran. */
function fromRequestFailure(failure: Exclude<RequestFailure, { kind: "rate-limited" }>): GenesysError {
  switch (failure.kind) {
    case "unauthenticated":
      return failure.reason === "missing"
        ? new GenesysError(401, "authentication.required", MESSAGES[401])
        : new GenesysError(401, "bad.credentials", "Invalid or expired bearer token.");
    // Genesys paths name no tenant; kept for completeness: the token is not one for this organization.
    case "wrong-tenant":
      return new GenesysError(401, "bad.credentials", "Invalid or expired bearer token.");
    case "too-large":
      return new GenesysError(
        413,
        "request.entity.too.large",
        MESSAGES[413].replace("%s", String(failure.maxBytes)),
      );
    case "not-found":
      return new GenesysError(404, "not.found", "The requested resource was not found.");
    case "bad-url":
      return invalidFields(failure.issues, "path");
  }
}

const unsupportedMediaType = () => new GenesysError(415, "unsupported.media.type", MESSAGES[415]);
const malformed = (why: string) =>
  badRequest(`The request could not be understood by the server due to malformed syntax. ${why}`);

function fromBodyError(error: BodyError): GenesysError {
  if (error.kind === "unsupported-media-type") return unsupportedMediaType();
  if (error.kind === "malformed") return malformed(error.message);
  // A query parameter, path or header that failed its route schema is named as such, like a body field.
  const where = error.target === "param" ? "path" : error.target;
  return error.zodError ? invalidBody(error.zodError, where) : invalidFields(error.issues, where);
}

/**
 * The one place the Genesys dialect turns anything thrown under it into its ErrorBody: the kit's refusals
 * (401, 429 with Retry-After, 413, 404, a bad URL), bodies and parameters that fail their schema (400 naming
 * the field or query parameter, 415, malformed JSON), domain errors, and anything else (500).
 */
export function renderGenesysError(c: Context, error: unknown): Response {
  if (error instanceof RequestError)
    return error.failure.kind === "rate-limited"
      ? tooManyRequests(c, error.failure.retryAfterSeconds)
      : errorResponse(c, fromRequestFailure(error.failure));
  if (error instanceof BodyError) return errorResponse(c, fromBodyError(error));
  // Hono's own refusals (a media type no route declares, JSON it could not parse) in the Genesys shape.
  if (error instanceof HTTPException && error.status === 415) return errorResponse(c, unsupportedMediaType());
  if (error instanceof HTTPException && error.status === 400)
    return errorResponse(c, malformed("the body is not valid JSON"));
  return errorResponse(c, error);
}
