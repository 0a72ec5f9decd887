import { defaultFileStorage } from "@switchboard/domain";
import { Hono } from "hono";
import { genesysApp, genesysNotFound } from "./dialects/genesys";
import type { RestDeps, RestEnv } from "./env";
import { requestId } from "./http/request";
import { oauthApp } from "./oauth";

export type { RestDeps } from "./env";

/**
 * The REST-compatibility adapter: every dialect over the one domain. Serve it standalone (`standalone.ts`) or
 * mount its `fetch` in any host (the Next.js app does, for `/api/v2`, `/oauth`, `/enfore` and `/dfs`).
 */
export function createRestApp(deps: Omit<RestDeps, "storage"> & { storage?: RestDeps["storage"] }) {
  const full: RestDeps = { ...deps, storage: deps.storage ?? defaultFileStorage() };
  const app = new Hono<RestEnv>();
  app.use("*", requestId());
  app.route("/oauth", oauthApp(full));
  app.route("/api/v2/externalcontacts", genesysApp(full));
  // A path the dialect's own router never reaches (a trailing slash, `..` resolved away) still gets its error body.
  app.notFound((c) =>
    c.req.path.startsWith("/api/v2/") ? genesysNotFound(c) : c.json({ error: "not_found" }, 404),
  );
  return app;
}
