import { z } from "@hono/zod-openapi";
import {
  createProfessionalIdentity,
  getProfessionalIdentity,
  listProfessionalIdentities,
  PERMISSIONS,
  updateProfessionalIdentity,
  validationFailed,
} from "@switchboard/domain";
import { dialectRoutes, operation } from "../../http/kit";
import { body, ContactParams, contactId, errors, json, orgId, professionalIdentityId } from "./routes";
import {
  listOf,
  ProfessionalIdentityInputSchema,
  ProfessionalIdentitySchema,
  ProfessionalIdentityUpdateSchema,
  professionalIdentityToWire,
} from "./wire";

// Professional identities (ops 27, 28, 30, 31): the person ↔ organization link of the canonical model. The
// first active one of a person becomes the primary (its organization is the Genesys `externalOrganization`).

const TAGS = ["Professional identities"];
const PiParams = z.object({
  "org-id": orgId,
  "contact-id": contactId,
  "professional-identity-id": professionalIdentityId,
});

type Update = z.infer<typeof ProfessionalIdentityUpdateSchema>;

/**
 * The canonical update of a wire PI: departments and locations are ids of the PI's organization, so a
 * reference naming another organization contact is invalid (400).
 */
function updateFromWire(w: Update, organizationId: string) {
  const foreign = [
    ...(w.departments ?? []).map((d, i) => ({ at: `departments.${i}.contact_id`, id: d.contact_id })),
    ...(w.locations ?? []).map((l, i) => ({ at: `locations.${i}.contact_id`, id: l.contact_id })),
  ].filter((r) => r.id !== organizationId);
  if (foreign.length)
    throw validationFailed(
      foreign.map((f) => ({ path: f.at, message: `must be the organization_contact ${organizationId}` })),
    );
  return {
    isActive: w.is_active,
    jobTitle: w.job_title ?? null,
    departmentIds: (w.departments ?? []).map((d) => d.department_id),
    locationIds: (w.locations ?? []).map((l) => l.location_id),
  };
}

export function identityRoutes() {
  const routes = dialectRoutes();
  const base = "/org/{org-id}/individual/{contact-id}/professional-identities";

  routes.openapi(
    operation(
      { permissions: [PERMISSIONS.contactView] },
      {
        method: "get",
        path: base,
        operationId: "listProfessionalIdentities",
        summary: "List professional identities of individual",
        tags: TAGS,
        request: { params: ContactParams },
        responses: {
          200: json(
            listOf(ProfessionalIdentitySchema, "ProfessionalIdentities"),
            "Professional identity information is successfully returned",
          ),
          ...errors(400, 403, 404),
        },
      },
    ),
    async (c) => {
      const list = await listProfessionalIdentities(c.var.ctx, c.req.valid("param")["contact-id"]);
      return c.json({ items: list.map(professionalIdentityToWire), problems: [] }, 200);
    },
  );

  routes.openapi(
    operation(
      { permissions: [PERMISSIONS.contactEdit] },
      {
        method: "post",
        path: base,
        operationId: "addProfessionalIdentity",
        summary: "Add professional identity",
        tags: TAGS,
        request: { params: ContactParams, body: body(ProfessionalIdentityInputSchema) },
        responses: {
          201: json(ProfessionalIdentitySchema, "ProfessionalIdentity has successfully been added"),
          ...errors(400, 403, 404),
        },
      },
    ),
    async (c) => {
      const w = c.req.valid("json");
      const created = await createProfessionalIdentity(c.var.ctx, c.req.valid("param")["contact-id"], {
        organizationId: w.organization_contact,
        ...updateFromWire(w, w.organization_contact),
      });
      return c.json(professionalIdentityToWire(created), 201);
    },
  );

  routes.openapi(
    operation(
      { permissions: [PERMISSIONS.contactView] },
      {
        method: "get",
        path: `${base}/{professional-identity-id}`,
        operationId: "getProfessionalIdentity",
        summary: "Get professional identity",
        tags: TAGS,
        request: { params: PiParams },
        responses: {
          200: json(ProfessionalIdentitySchema, "ProfessionalIdentity is successfully returned"),
          ...errors(403, 404),
        },
      },
    ),
    async (c) => {
      const p = c.req.valid("param");
      const pi = await getProfessionalIdentity(c.var.ctx, p["contact-id"], p["professional-identity-id"]);
      return c.json(professionalIdentityToWire(pi), 200);
    },
  );

  routes.openapi(
    operation(
      { permissions: [PERMISSIONS.contactEdit] },
      {
        method: "put",
        path: `${base}/{professional-identity-id}`,
        operationId: "updateProfessionalIdentity",
        summary: "Update professional identity (full: what is not sent is cleared; the organization stays)",
        tags: TAGS,
        request: { params: PiParams, body: body(ProfessionalIdentityUpdateSchema) },
        responses: {
          200: json(ProfessionalIdentitySchema, "ProfessionalIdentity was successfully updated"),
          ...errors(400, 403, 404),
        },
      },
    ),
    async (c) => {
      const ctx = c.var.ctx;
      const p = c.req.valid("param");
      const before = await getProfessionalIdentity(ctx, p["contact-id"], p["professional-identity-id"]);
      const updated = await updateProfessionalIdentity(
        ctx,
        p["contact-id"],
        p["professional-identity-id"],
        updateFromWire(c.req.valid("json"), before.organizationId),
      );
      return c.json(professionalIdentityToWire(updated), 200);
    },
  );
  return routes;
}
