import { getRequestListener } from "@hono/node-server";
import { defaultFileStorage } from "@switchboard/domain";
import { Hono } from "hono";
import { dfsApp, renderDfsError } from "./dialects/dfs";
import { enforeApp, renderEnforeError } from "./dialects/enfore";
import { genesysApp, renderGenesysError } from "./dialects/genesys";
import type { RestDeps, RestEnv } from "./env";
import { type MountedDialect, RequestError } from "./http/kit";
import { requestId } from "./http/request";
import { oauthApp } from "./oauth";

export type { RestDeps } from "./env";

type RestAppDeps = Omit<RestDeps, "storage"> & { storage?: RestDeps["storage"] };

/** The paths the REST adapter answers: every dialect and the OAuth endpoint. */
const REST_PATH = /^\/(?:api\/v2|oauth|enfore|dfs)(?:\/|$)/;
export const isRestPath = (pathname: string) => REST_PATH.test(pathname);

/**
 * Every dialect the REST app mounts, one entry each, each rendering errors in its own envelope (the permission
 * table test walks the operations of every one).
 */
export function restDialects(deps: RestDeps): MountedDialect[] {
  return [
    {
      prefix: "/api/v2/externalcontacts",
      scope: "/api/v2/",
      app: genesysApp(deps),
      render: renderGenesysError,
    },
    { prefix: "/enfore", app: enforeApp(deps), render: renderEnforeError },
    { prefix: "/dfs", app: dfsApp(deps), render: renderDfsError },
  ];
}

/**
 * The REST-compatibility adapter: every dialect over the one domain. Serve it standalone (`standalone.ts`) or
 * hand it the REST paths of another host's HTTP server (`restRequestListener`, as the web app's server does).
 */
export function createRestApp(deps: RestAppDeps) {
  const full: RestDeps = { ...deps, storage: deps.storage ?? defaultFileStorage() };
  const app = new Hono<RestEnv>();
  app.use("*", requestId());
  app.route("/oauth", oauthApp(full));
  const dialects = restDialects(full);
  for (const dialect of dialects) app.route(dialect.prefix, dialect.app);
  // A path the dialect's own router never reaches (a trailing slash, `..` resolved away) still gets its error body.
  app.notFound((c) => {
    const dialect = dialects.find((d) => c.req.path.startsWith(d.scope ?? `${d.prefix}/`));
    return dialect
      ? dialect.render(c, new RequestError({ kind: "not-found" }))
      : c.json({ error: "not_found" }, 404);
  });
  return app;
}

/** The adapter as a Node `request` listener, for a host that owns the HTTP server and routes `isRestPath`s here. */
export const restRequestListener = (deps: RestAppDeps) => getRequestListener(createRestApp(deps).fetch);
