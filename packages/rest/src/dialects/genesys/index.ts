import type { RestDeps } from "../../env";
import { bearer, dialectApp, limitBodies, operationsOf } from "../../http/kit";
import { bulkRoutes } from "./bulk";
import { contactSearchRoutes } from "./contact-search";
import { contactRoutes } from "./contacts";
import { enrichRoutes } from "./enrich";
import { renderGenesysError } from "./errors";
import { exportRoutes } from "./exports";
import { externalSourceRoutes } from "./external-sources";
import { graphRoutes } from "./graphs";
import { identifierRoutes } from "./identifiers";
import { importRoutes, importUploadRoutes } from "./imports";
import { journeySegmentRoutes } from "./journey-segments";
import { lookupRoutes } from "./lookup";
import { genesysDocument, type OpenApiDocument, referencePage } from "./openapi";
import { organizationRoutes } from "./organizations";
import { relationshipRoutes } from "./relationships";
import { scanRoutes } from "./scans";
import { schemaRoutes } from "./schemas";

export { renderGenesysError } from "./errors";
export { GENESYS_BASE, genesysDocument } from "./openapi";

/**
 * The Genesys Cloud External Contacts dialect, mounted at `/api/v2/externalcontacts`. Its operations (the
 * route modules' `genesysOperation`s) are its permission table and its OpenAPI document.
 */
export function genesysApp(deps: RestDeps) {
  const app = dialectApp(renderGenesysError);

  // The reference is public, like the vendor's documentation; built once every route is registered.
  let document: OpenApiDocument | undefined;
  const documentOf = () => {
    document ??= genesysDocument(app);
    return document;
  };
  app.get("/openapi.json", (c) => c.json(documentOf()));
  app.get("/reference", (c) => c.html(referencePage(documentOf(), operationsOf(app))));

  // The upload URL carries its own token and size limit (up to 1 GB): ahead of the bearer check and 1 MB cap.
  app.route("/", importUploadRoutes(deps));
  app.use("*", limitBodies());
  app.use("*", bearer(deps));
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
