import { type Context, Hono } from "hono";
import type { RestDeps, RestEnv } from "../../env";
import { BodyError, limitBody, MAX_BODY_BYTES, urlIssues } from "../../http/request";
import { requireBearer } from "./auth";
import { bulkRoutes } from "./bulk";
import { contactSearchRoutes } from "./contact-search";
import { contactRoutes } from "./contacts";
import { enrichRoutes } from "./enrich";
import { badRequest, errorResponse, GenesysError, invalidBody, invalidFields, MESSAGES } from "./errors";
import { exportRoutes } from "./exports";
import { externalSourceRoutes } from "./external-sources";
import { graphRoutes } from "./graphs";
import { identifierRoutes } from "./identifiers";
import { importRoutes, importUploadRoutes } from "./imports";
import { journeySegmentRoutes } from "./journey-segments";
import { lookupRoutes } from "./lookup";
import { openApiDocument, referencePage } from "./openapi";
import { organizationRoutes } from "./organizations";
import { requireOperationPermissions } from "./permissions";
import { relationshipRoutes } from "./relationships";
import { scanRoutes } from "./scans";
import { schemaRoutes } from "./schemas";

/** The Genesys 404 for a path no operation has (also the host's, for any path under `/api/v2`). */
export const genesysNotFound = (c: Context) =>
  errorResponse(c, new GenesysError(404, "not.found", "The requested resource was not found."));

/** The Genesys Cloud External Contacts dialect, mounted at `/api/v2/externalcontacts`. */
export function genesysApp(deps: RestDeps) {
  const app = new Hono<RestEnv>();
  app.onError((error, c) => {
    if (error instanceof BodyError) {
      if (error.kind === "unsupported-media-type")
        return errorResponse(c, new GenesysError(415, "unsupported.media.type", MESSAGES[415]));
      if (error.kind === "malformed")
        return errorResponse(
          c,
          badRequest(
            `The request could not be understood by the server due to malformed syntax. ${error.message}`,
          ),
        );
      return errorResponse(c, error.zodError ? invalidBody(error.zodError) : invalidFields(error.issues));
    }
    return errorResponse(c, error);
  });
  app.notFound(genesysNotFound);

  // A URL no handler could read (not UTF-8, or holding U+0000) is the caller's error, before anything else.
  app.use("*", async (c, next) => {
    const issues = urlIssues(c.req.url);
    if (issues.length) return errorResponse(c, invalidFields(issues, "path"));
    await next();
  });

  // The reference is public, like the vendor's documentation.
  const document = openApiDocument();
  app.get("/openapi.json", (c) => c.json(document));
  app.get("/reference", (c) => c.html(referencePage()));

  // The upload URL carries its own token and size limit (up to 1 GB): ahead of the bearer check and 1 MB cap.
  app.route("/", importUploadRoutes(deps));
  app.use(
    "*",
    limitBody((c) =>
      errorResponse(
        c,
        new GenesysError(
          413,
          "request.entity.too.large",
          MESSAGES[413].replace("%s", String(MAX_BODY_BYTES)),
        ),
      ),
    ),
  );
  app.use("*", requireBearer(deps));
  app.use("*", requireOperationPermissions());
  // Fixed sub-collections first: `/contacts/exports` and `/contacts/schemas` are not contact ids.
  app.route("/", exportRoutes(deps));
  app.route("/", enrichRoutes());
  app.route("/", importRoutes(deps));
  app.route("/contacts/schemas", schemaRoutes("contact"));
  app.route("/organizations/schemas", schemaRoutes("organization"));
  app.route("/externalsources", externalSourceRoutes());
  app.route("/relationships", relationshipRoutes());
  app.route("/scan", scanRoutes());
  app.route("/graphs", graphRoutes());
  app.route("/bulk", bulkRoutes());
  app.route("/", lookupRoutes());
  app.route("/", identifierRoutes());
  app.route("/", contactSearchRoutes());
  app.route("/", organizationRoutes());
  app.route("/", journeySegmentRoutes());
  app.route("/", contactRoutes());
  return app;
}
