import { createRoute, type Hook, OpenAPIHono, type RouteConfig } from "@hono/zod-openapi";
import {
  bearerTokenFrom,
  type FieldIssue,
  PrincipalCache,
  principalCacheMs,
  rateLimitSettings,
  requireAnyPermission,
  requirePermission,
} from "@switchboard/domain";
import type { Context, Hono, MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import type { RestDeps, RestEnv } from "../env";
import { BodyError, MAX_BODY_BYTES, urlIssues } from "./request";

/**
 * The dialect kit: what every REST dialect (Genesys, enfore, DFS) shares. A dialect supplies one thing, how it
 * renders an error in its own envelope; the kit supplies bearer auth, body limits, URL checks, validation and
 * permission checks, all of which throw, so that every failure reaches the dialect's renderer by one path.
 */

/** A request the kit refused before any use case ran; the dialect renders it in its envelope. */
export type RequestFailure =
  | { kind: "unauthenticated"; reason: "missing" | "invalid" }
  /** The token is valid, but for another tenant than the one the path names (enfore's `org-id`). */
  | { kind: "wrong-tenant" }
  | { kind: "rate-limited"; retryAfterSeconds: number }
  | { kind: "too-large"; maxBytes: number }
  /** No operation has this path (or this method on it). */
  | { kind: "not-found" }
  /** A path or query that is not percent-encoded UTF-8, or that holds U+0000. */
  | { kind: "bad-url"; issues: FieldIssue[] };

export class RequestError extends Error {
  constructor(readonly failure: RequestFailure) {
    super(failure.kind);
  }
}

/**
 * Renders any error thrown under a dialect: a `RequestError`, a `BodyError` (body, query or path that does not
 * match its schema), a `DomainError`, or anything else (a 500 that names nothing internal).
 */
export type ErrorRenderer = (c: Context<RestEnv>, error: unknown) => Response | Promise<Response>;

/** zod-openapi's validation failures become `BodyError`s naming the part of the request that failed. */
const validationHook: Hook<unknown, RestEnv, string, unknown> = (result) => {
  if (!result.success) {
    const target = result.target === "json" ? "body" : result.target;
    throw new BodyError("invalid", `the ${target} does not match the schema`, result.error, [], target);
  }
};

/**
 * Marks a route whose path, query and header parameters are documentation only: every one admits any string
 * (the handler reads and checks them itself, as Genesys handlers do), so validating them could never refuse a
 * request and only cost each request a zod parse and two middleware steps. Its body schema still validates.
 */
export const PARAMETERS_DOCUMENTED_ONLY: unique symbol = Symbol("parameters documented only");

/** A router for a part of a dialect: its `operation`s validate with the kit's hook. Mount it with `app.route`. */
export const dialectRoutes = () => {
  const routes = new OpenAPIHono<RestEnv>({ defaultHook: validationHook });
  const register = routes.openapi;
  routes.openapi = ((route: RouteConfig & { [PARAMETERS_DOCUMENTED_ONLY]?: true }, ...rest: unknown[]) => {
    if (!route[PARAMETERS_DOCUMENTED_ONLY]) return (register as (...a: unknown[]) => unknown)(route, ...rest);
    // Documented as it is (what `openapi` registers), run without the parameters' validators.
    const { middleware: _middleware, hide, ...documented } = route;
    if (!hide) routes.openAPIRegistry.registerPath(documented);
    const { query: _query, params: _params, headers: _headers, ...request } = route.request ?? {};
    return (register as (...a: unknown[]) => unknown)({ ...route, hide: true, request }, ...rest);
  }) as typeof routes.openapi;
  return routes;
};

/**
 * A dialect's app: every error under it, the kit's and the use cases', goes to `render`; a URL no handler could
 * read is refused before anything else. Register public routes, then `use` `limitBodies` and `bearer`, then the
 * protected routers.
 */
export function dialectApp(render: ErrorRenderer) {
  const app = dialectRoutes();
  app.onError((error, c) => render(c, error));
  app.notFound((c) => render(c, new RequestError({ kind: "not-found" })));
  app.use("*", async (c, next) => {
    const issues = urlIssues(c.req.url);
    if (issues.length) throw new RequestError({ kind: "bad-url", issues });
    await next();
  });
  return app;
}

/**
 * Refuses a body over `maxBytes` before reading it. GET and HEAD carry no body, so they skip the check: asking
 * for the body made the Node adapter build a full web `Request` (stream, abort controller) for every read.
 */
export const limitBodies = (maxBytes: number = MAX_BODY_BYTES): MiddlewareHandler<RestEnv> => {
  const limit = bodyLimit({
    maxSize: maxBytes,
    onError: () => {
      throw new RequestError({ kind: "too-large", maxBytes });
    },
  });
  return (c, next) => (c.req.method === "GET" || c.req.method === "HEAD" ? next() : limit(c, next));
};

/** One principal cache per REST app (its deps), shared by every dialect's bearer check. */
const caches = new WeakMap<RestDeps, PrincipalCache>();
const principalsOf = (deps: RestDeps) => {
  let cache = caches.get(deps);
  if (!cache) {
    const ttlMs = deps.principalCacheMs ?? principalCacheMs();
    const perMinute = (deps.rateLimits ?? rateLimitSettings()).tokenPerMinute;
    cache = new PrincipalCache(deps.db, { ttlMs, perMinute });
    caches.set(deps, cache);
  }
  return cache;
};

export interface BearerOptions {
  /**
   * The tenant the request's path names (a slug or a uuid), when the dialect names one: a token of another
   * tenant is refused with `wrong-tenant`.
   */
  tenant?: (c: Context<RestEnv>) => string | undefined;
}

/**
 * Bearer authentication: the token's client or member becomes the actor of every use case the request runs.
 * The principal comes from the principal cache (at most a second old, dropped at once when the database
 * notifies a change), and the request is counted against the token's per-minute limit.
 */
export const bearer = (deps: RestDeps, options: BearerOptions = {}): MiddlewareHandler<RestEnv> => {
  const principals = principalsOf(deps);
  return async (c, next) => {
    const token = bearerTokenFrom(c.req.header("authorization"));
    if (!token) throw new RequestError({ kind: "unauthenticated", reason: "missing" });
    const principal = await principals.resolve(token);
    if (!principal) throw new RequestError({ kind: "unauthenticated", reason: "invalid" });
    const named = options.tenant?.(c);
    if (named !== undefined && named !== principal.tenantId && named !== principal.tenantSlug)
      throw new RequestError({ kind: "wrong-tenant" });
    if (principal.retryAfterSeconds !== null)
      throw new RequestError({ kind: "rate-limited", retryAfterSeconds: principal.retryAfterSeconds });
    c.set("ctx", { db: deps.db, tenantId: principal.tenantId, actor: principal.actor, jobs: deps.jobs });
    c.set("tenantSlug", principal.tenantSlug);
    await next();
  };
};

/** Who may call an operation: every permission listed, or one of them with `any`; `public` needs no token. */
export type Access = { permissions: readonly string[]; any?: boolean } | "public" | "authenticated";

/** The extension under which an operation's access is kept in the route definition and the OpenAPI document. */
const ACCESS_KEY = "x-switchboard-access";

const guard =
  (access: Exclude<Access, "public" | "authenticated">): MiddlewareHandler<RestEnv> =>
  async (c, next) => {
    (access.any ? requireAnyPermission : requirePermission)(c.var.ctx, ...access.permissions);
    await next();
  };

/**
 * An operation: its route definition (method, path, parameters, body and responses as zod schemas, which are
 * both what the request is validated against and what the OpenAPI document says) and who may call it. The
 * permission check runs before the body or parameters are read, so a caller without it learns nothing from a
 * 400 or 404. Register it with `app.openapi(operation, handler)`.
 */
export function operation<const R extends RouteConfig>(access: Access, route: R): R {
  const checks = typeof access === "string" ? [] : [guard(access)];
  const own = route.middleware ? [route.middleware].flat() : [];
  return createRoute({
    ...route,
    middleware: [...checks, ...own],
    [ACCESS_KEY]: access,
  }) as unknown as R;
}

export interface OperationEntry {
  method: string;
  /** The OpenAPI path template, as mounted inside the dialect (`/contacts/{contactId}`). */
  path: string;
  operationId?: string;
  access: Access;
}

/** Every operation an app (and the routers mounted in it) registered, with who may call it: the permission table. */
export function operationsOf(app: OpenAPIHono<RestEnv> | Hono<RestEnv>): OperationEntry[] {
  if (!(app instanceof OpenAPIHono)) return [];
  return app.openAPIRegistry.definitions.flatMap((definition) =>
    definition.type === "route"
      ? [
          {
            method: definition.route.method.toUpperCase(),
            path: definition.route.path,
            operationId: definition.route.operationId,
            access: (definition.route as unknown as Record<string, Access>)[ACCESS_KEY] ?? "public",
          },
        ]
      : [],
  );
}

/** A dialect as the REST app mounts it: where, the app, and how it renders a path nothing under it answers. */
export interface MountedDialect {
  prefix: string;
  /** The paths whose 404 the dialect renders, when wider than `prefix` (Genesys: all of `/api/v2/`). */
  scope?: string;
  app: Hono<RestEnv>;
  render: ErrorRenderer;
}
