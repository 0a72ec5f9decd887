import type { RestDeps } from "../../env";
import { bearer, dialectApp } from "../../http/kit";
import { headerOnResponse } from "../../http/request";
import { anonymizeRoutes } from "./anonymize";
import { changeHistoryRoutes } from "./change-history";
import { changeRequestRoutes } from "./change-requests";
import { contactRoutes } from "./contacts";
import { correlationIdOf, renderDfsError } from "./errors";
import { dfsExportRoutes } from "./exports";
import { externalConnectionRoutes } from "./external-connections";
import { dfsBodyLimits, dfsImportRoutes } from "./imports";
import { legalEntityRoutes } from "./legal-entities";
import { listRoutes } from "./lists";
import { profilePictureRoutes } from "./profile-picture";
import { referencePage } from "./reference";
import { schemaRoutes } from "./schemas";
import { usernameRoutes } from "./username";
import { verificationRoutes } from "./verification";

export { renderDfsError } from "./errors";

const INFO = {
  openapi: "3.1.0",
  info: {
    title: "DFS Client Services API (Switchboard)",
    version: "26.1",
    description:
      "additiv DFS Client Services over Switchboard's one contact store. Authenticate with POST /oauth/token " +
      "(client credentials: a DFS app; grant_type=password: a member) and send Authorization: Bearer <token>.",
  },
  servers: [{ url: "/dfs" }],
};

/**
 * The DFS Client Services dialect, mounted at `/dfs` (`/dfs/v1.0/...`, `/dfs/v1.1/...`). Every error is an
 * `ApiError` (errors.ts); every response carries the request's 32-hex correlation id as `X-Correlation-Id`.
 * API clients call as DFS apps, members with a member token from the password grant.
 */
export function dfsApp(deps: RestDeps) {
  const app = dialectApp(renderDfsError);
  app.use("*", (c, next) => headerOnResponse(c, "x-correlation-id", correlationIdOf(c), next));

  // The reference is public, like the vendor's documentation, and generated from the registered operations.
  app.doc31("/openapi.json", INFO);
  app.get("/reference", (c) => c.html(referencePage(app.getOpenAPI31Document(INFO))));

  app.use("*", dfsBodyLimits());
  app.use("*", bearer(deps));
  // Routers: one per group of operations (fixed path segments before `{contactId}` ones where they overlap).
  app.route("/", changeRequestRoutes());
  app.route("/", dfsExportRoutes(deps));
  app.route("/", dfsImportRoutes(deps));
  app.route("/", contactRoutes());
  app.route("/", verificationRoutes());
  app.route("/", schemaRoutes());
  app.route("/", externalConnectionRoutes());
  app.route("/", usernameRoutes());
  app.route("/", profilePictureRoutes());
  app.route("/", anonymizeRoutes());
  app.route("/", listRoutes());
  app.route("/", changeHistoryRoutes());
  app.route("/", legalEntityRoutes());
  return app;
}
