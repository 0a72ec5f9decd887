import { isDomainError, isRateLimited } from "@switchboard/domain";
import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { RestEnv } from "../../env";
import { RequestError } from "../../http/kit";
import { BodyError } from "../../http/request";

/**
 * enfore's error body (RFC 7807 Problem, `application/problem+json`): `type`, `title` fixed per status, `detail`
 * naming the field or id at fault, `on_resource` the URL for a 404 on a resource (enfore reference §5). enfore
 * knows 400, 403, 404 and 422 only: missing or bad credentials are 403 (never 401), a body over the limit 400.
 */
export interface Problem {
  type: string;
  title: string;
  detail: string;
  on_resource?: string;
}

const KINDS: Partial<Record<number, [string, string]>> = {
  400: ["bad-request", "Bad Request"],
  403: ["forbidden", "Forbidden"],
  404: ["not-found", "Not Found"],
  422: ["unprocessable-entity", "Unprocessable Entity"],
  429: ["too-many-requests", "Too Many Requests"],
  500: ["internal-error", "Internal Server Error"],
};

export const PROBLEM_BASE = "https://switchboard.invalid/enfore/problems/";

export function problem(status: number, detail: string, onResource?: string): Problem {
  const [slug, title] = KINDS[status] ?? ["error", "Error"];
  return { type: `${PROBLEM_BASE}${slug}`, title, detail, ...(onResource && { on_resource: onResource }) };
}

const send = (
  c: Context<RestEnv>,
  status: ContentfulStatusCode,
  detail: string,
  headers: Record<string, string> = {},
) =>
  c.body(JSON.stringify(problem(status, detail, status === 404 ? c.req.url : undefined)), status, {
    "content-type": "application/problem+json",
    ...headers,
  });

/** enfore's wire names for the canonical paths the domain reports. */
const WIRE_NAMES: Record<string, string> = {
  firstName: "name",
  lastName: "name",
  displayName: "name",
  dateOfBirth: "date_of_birth",
  externalIds: "external_id",
  organizationId: "organization_contact",
  isActive: "is_active",
  jobTitle: "job_title",
  departmentIds: "departments",
  locationIds: "locations",
  vendorType: "type",
  usageContext: "usage_context",
  fullAddress: "full_address",
  postalCode: "zip",
  countryCode: "country_code",
  display: "number",
  // Roles, placeholder customers and the configuration.
  managedBy: "managed_by",
  alternativePayer: "alternative_payer",
  deliveryAndInvoicingConfigurations: "delivery_and_invoicing_configurations",
  customerId: "customer_id",
  externalId: "external_id",
  customWorkflowConfig: "custom_workflow_config",
};
const wirePath = (path: string) => {
  const [head = ""] = path.split(".");
  return WIRE_NAMES[head] ?? path;
};

/** The one renderer of the enfore dialect: every thrown error becomes a Problem. */
export function renderEnforeError(c: Context<RestEnv>, error: unknown): Response {
  if (error instanceof RequestError) {
    const f = error.failure;
    switch (f.kind) {
      case "unauthenticated":
        return send(c, 403, f.reason === "missing" ? "credentials are missing" : "credentials are invalid");
      case "wrong-tenant":
        return send(c, 403, "the credentials are not valid for this organization");
      case "rate-limited":
        return send(c, 429, "too many requests", { "retry-after": String(f.retryAfterSeconds) });
      case "too-large":
        return send(c, 400, `the request is larger than ${f.maxBytes} bytes`);
      case "not-found":
        return send(c, 404, "no such resource");
      case "bad-url":
        return send(c, 400, f.issues.map((i) => `${i.path}: ${i.message}`).join("; "));
    }
  }
  if (isRateLimited(error))
    return send(c, 429, "too many requests", { "retry-after": String(error.retryAfterSeconds) });
  if (error instanceof BodyError) {
    const issues =
      error.zodError?.issues.map((i) => `${i.path.map(String).join(".") || error.target}: ${i.message}`) ??
      error.issues.map((i) => `${i.path}: ${i.message}`);
    return send(c, 400, issues.length ? `invalid ${error.target}: ${issues.join("; ")}` : error.message);
  }
  if (isDomainError(error)) {
    const detail =
      error.issues.length && error.code !== "FORBIDDEN"
        ? error.issues.map((i) => `${wirePath(i.path)}: ${i.message}`).join("; ")
        : error.message;
    switch (error.code) {
      case "NOT_FOUND":
        return send(c, 404, error.message);
      case "FORBIDDEN":
      case "UNAUTHENTICATED":
        return send(c, 403, error.message);
      case "UNPROCESSABLE":
        return send(c, 422, detail);
      // enfore has no 409: a value another record holds (a duplicate external_id) is invalid input.
      default:
        return send(c, 400, detail);
    }
  }
  // Hono's own refusals (a body that is not JSON): enfore's 400.
  if (error instanceof HTTPException && error.status < 500) return send(c, 400, error.message);
  console.error("enfore: unexpected error", error);
  return send(c, 500, "the server could not handle the request");
}
