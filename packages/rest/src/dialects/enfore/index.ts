import { Scalar } from "@scalar/hono-api-reference";
import type { RestDeps } from "../../env";
import { bearer, dialectApp, limitBodies } from "../../http/kit";
import { authRoutes } from "./auth";
import { configurationRoutes } from "./configuration";
import { contactRoutes } from "./contacts";
import { customerListRoutes } from "./customer-lists";
import { detailsRoutes } from "./details";
import { renderEnforeError } from "./errors";
import { fullRoutes } from "./full";
import { idMappingRoutes } from "./id-mappings";
import { identityRoutes } from "./identities";
import { imageRoutes } from "./images";
import { placeholderCustomerRoutes } from "./placeholder-customers";
import { roleRoutes } from "./roles";
import { tagRoutes } from "./tags";

export { renderEnforeError } from "./errors";

/** The `org-id` of a path under `/org/{org-id}/…` (slug or uuid): the tenant the token must be of. */
const orgIdOf = (path: string) => {
  const raw = /\/org\/([^/]+)/.exec(path)?.[1];
  if (raw === undefined) return undefined;
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
};

/** The largest enfore request: an image upload (12 MB of image as base64, with its JSON around it). */
const MAX_ENFORE_BODY_BYTES = 17 * 1024 * 1024;

/**
 * The enfore Contacts API (../shared/spec/enfore-contacts.md), mounted at `/enfore`: integrators set
 * `http://host:3000/enfore` as the base URL. Tokens come from `GET /auth/authorize/{org-id}` (HTTP Basic) or
 * `/oauth/token`; a token is valid for its own org only (another org's path is 403). Errors are Problems.
 */
export function enforeApp(deps: RestDeps) {
  const app = dialectApp(renderEnforeError);
  app.route("/", authRoutes(deps));
  app.doc31("/openapi.json", {
    openapi: "3.1.0",
    info: {
      title: "enfore Contacts API",
      version: "0.11.0",
      description:
        "enfore API for managing contacts (incl. customers, suppliers and alternative payers), over the one Switchboard store.",
    },
    servers: [{ url: "/enfore" }],
  });
  app.get("/reference", Scalar({ url: "/enfore/openapi.json", pageTitle: "enfore Contacts API" }));
  app.use("/org/*", limitBodies(MAX_ENFORE_BODY_BYTES), bearer(deps, { tenant: (c) => orgIdOf(c.req.path) }));
  // One line per router; every operation declares its access (the permission table is this registry).
  // Literal segments before parameters: `/individual/id-from-external-id/{external-id}` is no contact's path.
  app.route("/", idMappingRoutes());
  app.route("/", contactRoutes());
  app.route("/", detailsRoutes());
  app.route("/", fullRoutes());
  app.route("/", identityRoutes());
  app.route("/", roleRoutes());
  app.route("/", tagRoutes());
  app.route("/", imageRoutes());
  app.route("/", placeholderCustomerRoutes());
  app.route("/", customerListRoutes());
  app.route("/", configurationRoutes());
  return app;
}
