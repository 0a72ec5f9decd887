import { type RouteConfig, z } from "@hono/zod-openapi";
import type { MiddlewareHandler } from "hono";
import type { RestEnv } from "../../env";
import { type Access, operation, PARAMETERS_DOCUMENTED_ONLY } from "../../http/kit";
import type { SchemaName } from "./openapi";

/**
 * How a Genesys operation is defined: `genesysOperation(access, spec)` is the kit's `operation` with the parts
 * every Genesys operation shares filled in (its path and query parameters, `If-Match`/`If-None-Match` and
 * `ETag` where the record is kept under an entity tag, its ErrorBody answers). The definition is both what the
 * route is registered with and what the OpenAPI document says (openapi.ts `genesysDocument`).
 *
 * Bodies and query parameters are read by the handlers as before (`readJson`, query.ts), so their error
 * messages stay the Genesys ones; the route documents them: the body by the component generated from the same
 * wire.ts schema the handler reads with, each query parameter by a schema that admits anything (the handler's
 * parser names the parameter in its 400).
 */
export interface QueryParam {
  name: string;
  description: string;
  array?: boolean;
  integer?: boolean;
}

export interface GenesysOperationSpec<P extends string> {
  method: "get" | "post" | "put" | "patch" | "delete";
  /** The OpenAPI path inside the router the operation is registered on (`/contacts/{contactId}`). */
  path: P;
  operationId: string;
  summary: string;
  query?: QueryParam[];
  /** The request body's component (the handler reads it with the same wire.ts schema). */
  body?: SchemaName;
  /** The body may be left out (the SDK marks it optional). */
  bodyOptional?: boolean;
  status: number;
  response?: SchemaName;
  /** When the operation answers 201 instead, with the same body (enrich: when it creates the record). */
  created?: string;
  /**
   * The record in the path is read and written under an entity tag (http/etag.ts): its GET answers with an
   * `ETag`, its PUT, PATCH and DELETE honour `If-Match` (412); a `tagged` record's GET also honours
   * `If-None-Match` (304), a `versioned` one's (contacts, organizations) is read fresh.
   */
  record?: "tagged" | "versioned";
  /** Path parameters of the prefix the router is mounted under (notes: `contactId`), documented with the route. */
  mountParams?: string[];
  /** Middleware of the route, after the permission check. */
  middleware?: MiddlewareHandler<RestEnv>[];
}

const ref = (name: SchemaName) => ({ $ref: `#/components/schemas/${name}` });
const json = (name: SchemaName) => ({ "application/json": { schema: ref(name) } });

const errorResponse = (description: string, headers?: Record<string, unknown>) => ({
  description,
  ...(headers && { headers }),
  content: json("ErrorBody"),
});

export const RETRY_AFTER = {
  "Retry-After": {
    description: "Seconds to wait before retrying",
    schema: { type: "integer", minimum: 1 },
  },
};
export const TOO_MANY = errorResponse(
  "Too many requests: the bearer token's requests a minute (or, for /oauth/token, the client id's or IP's, or a lockout after wrong secrets) are used up",
  RETRY_AFTER,
);

const ETAG_HEADER = {
  ETag: { description: "The record's current entity tag (strong), for If-Match", schema: { type: "string" } },
};

/** Whether the operation's permissions all only read (a bulk fetch or lookup sent as POST cannot conflict). */
const readsOnly = (access: Access) =>
  typeof access === "string" || access.permissions.every((p) => /:(view|viewAll|search)$/.test(p));

function errorResponses<P extends string>(access: Access, spec: GenesysOperationSpec<P>) {
  const conditionalWrite = spec.record && spec.method !== "get" && spec.method !== "post";
  const mayConflict = spec.method !== "get" && spec.method !== "delete" && !readsOnly(access);
  return {
    400: errorResponse("Bad request: the ErrorBody names each bad field"),
    401: errorResponse("No valid bearer token"),
    403: errorResponse("A permission is missing (named in the ErrorBody)"),
    404: errorResponse("Not found"),
    ...(mayConflict && {
      409: errorResponse(
        spec.record && spec.method === "put"
          ? "Conflict: the body's version is not the record's current one (it changed since it was read), or a value clashes with another record"
          : "Conflict: a value clashes with another record, or the record's state does not allow it",
      ),
    }),
    ...(conditionalWrite && {
      412: errorResponse(
        "Precondition failed: If-Match is not the record's current ETag (it changed since it was read)",
      ),
    }),
    413: errorResponse("The body is over 1 MiB"),
    415: errorResponse("The body is not JSON"),
    429: TOO_MANY,
    500: errorResponse("Unexpected failure"),
  };
}

/** A query parameter as documented; any value passes the route, the handler's parser refuses a bad one. */
const queryParameter = (q: QueryParam) =>
  z
    .unknown()
    .optional()
    .openapi({
      description: q.description,
      ...(q.array
        ? { type: "array", items: { type: "string" }, param: { style: "form", explode: true } }
        : { type: q.integer ? "integer" : "string" }),
    });

const headerParameter = (description: string) => z.string().optional().openapi({ description });

/** The route definition of one Genesys operation, for the kit's `operation`. */
function routeOf<P extends string>(access: Access, spec: GenesysOperationSpec<P>) {
  const params = [...(spec.mountParams ?? []), ...[...spec.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!)];
  const taggedRead = spec.record && spec.method === "get";
  const conditionalRead = taggedRead && spec.record === "tagged";
  const conditionalWrite = spec.record && spec.method !== "get" && spec.method !== "post";
  const headers = {
    ...(conditionalWrite && {
      "If-Match": headerParameter(
        "The ETag the record was read with: the write is refused with 412 if the record changed since. * or absent: no condition",
      ),
    }),
    ...(conditionalRead && {
      "If-None-Match": headerParameter(
        "The ETag of the copy the caller holds: 304 without a body if it is still current",
      ),
    }),
  };
  const success = {
    description: "Success",
    ...((taggedRead || (conditionalWrite && spec.method !== "delete")) && { headers: ETAG_HEADER }),
    ...(spec.response && { content: json(spec.response) }),
  };
  const description =
    typeof access === "string"
      ? access === "public"
        ? "Requires no bearer token"
        : "Requires a bearer token"
      : `Requires ${access.permissions.length > 1 ? (access.any ? "any of " : "all of ") : ""}${access.permissions.join(", ")}`;
  return {
    method: spec.method,
    path: spec.path,
    operationId: spec.operationId,
    summary: spec.summary,
    description,
    security: access === "public" ? [] : [{ bearer: [] }],
    request: {
      ...(params.length && { params: z.object(Object.fromEntries(params.map((p) => [p, z.string()]))) }),
      ...(spec.query?.length && {
        query: z.object(Object.fromEntries(spec.query.map((q) => [q.name, queryParameter(q)]))),
      }),
      ...(Object.keys(headers).length && { headers: z.object(headers) }),
      // A reference, not a zod schema: the handler reads and validates the body itself (see above).
      ...(spec.body && { body: { required: !spec.bodyOptional, content: json(spec.body) } }),
    },
    responses: {
      [spec.status]: success,
      ...(spec.created && {
        201: { description: spec.created, ...(spec.response && { content: json(spec.response) }) },
      }),
      ...(conditionalRead && {
        304: { description: "Not modified: the If-None-Match ETag is current", headers: ETAG_HEADER },
      }),
      ...errorResponses(access, spec),
    },
    ...(spec.middleware && { middleware: spec.middleware }),
    // Every parameter above admits any string: the handlers read them (see above).
    [PARAMETERS_DOCUMENTED_ONLY]: true,
  } as RouteConfig;
}

/**
 * One Genesys operation: register it with `routes.openapi(op, handler)`. The handler answers with any
 * `Response` (its wire body is documented by the response component).
 */
export function genesysOperation<const P extends string>(access: Access, spec: GenesysOperationSpec<P>) {
  return operation(access, routeOf(access, spec)) as unknown as {
    method: GenesysOperationSpec<P>["method"];
    path: P;
    responses: { 200: { description: string } };
    middleware?: MiddlewareHandler<RestEnv>[];
  };
}
