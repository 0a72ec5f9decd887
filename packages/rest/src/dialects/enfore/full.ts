import { z } from "@hono/zod-openapi";
import {
  type IdentityWithPoints,
  PERMISSIONS,
  readIdentitiesWithPoints,
  readOrganizationWithSubresources,
  readPersonWithSubresources,
} from "@switchboard/domain";
import { dialectRoutes, operation } from "../../http/kit";
import {
  AlternativePayerRoleSchema,
  CustomerRoleSchema,
  DepartmentSchema,
  departmentToWire,
  LocationSchema,
  locationToWire,
  MembershipSchema,
  membershipToWire,
  PersonalRelationshipSchema,
  personalRelationshipToWire,
  rolesToWire,
  SupplierRoleSchema,
} from "./profile-wire";
import { ContactParams, contactId, errors, json, orgId, professionalIdentityId } from "./routes";
import {
  AddressSchema,
  EmailSchema,
  IndividualContactSchema,
  individualToWire,
  listOf,
  OrganizationContactSchema,
  organizationToWire,
  PhoneSchema,
  ProfessionalIdentityWithSubresourcesSchema,
  pointListsToWire,
  professionalIdentityToWire,
  WebAddressSchema,
} from "./wire";

// The "with sub-resources" views (ops 6, 29, 32 and 73): a contact with all its details, PIs, relationships,
// organization structure and whichever roles it holds, read as one snapshot. A deleted contact is not found.

const P = PERMISSIONS;
const points = {
  addresses: z.array(AddressSchema),
  emails: z.array(EmailSchema),
  phones: z.array(PhoneSchema),
  web_addresses: z.array(WebAddressSchema),
};
const roles = {
  customer_role: CustomerRoleSchema.optional(),
  supplier_role: SupplierRoleSchema.optional(),
  alternative_payer_role: AlternativePayerRoleSchema.optional(),
};
const IndividualWithSubresourcesSchema = z
  .object({
    individual_contact: IndividualContactSchema,
    ...points,
    professional_identities: z.array(ProfessionalIdentityWithSubresourcesSchema),
    personal_relationships: z.array(PersonalRelationshipSchema),
    ...roles,
  })
  .openapi("IndividualContactWithSubresources");
const OrganizationWithSubresourcesSchema = z
  .object({
    organization_contact: OrganizationContactSchema,
    ...points,
    departments: z.array(DepartmentSchema),
    locations: z.array(LocationSchema),
    memberships: z.array(MembershipSchema),
    ...roles,
  })
  .openapi("OrganizationContactWithSubresources");

const identityToWire = ({ identity, points }: IdentityWithPoints) => ({
  professional_identity: professionalIdentityToWire(identity),
  ...pointListsToWire(points, "identity"),
});

const IdentityParams = z.object({
  "org-id": orgId,
  "contact-id": contactId,
  "professional-identity-id": professionalIdentityId,
});

/** Mount before the PI routes: `professional-identities/full` is no PI's path. */
export function fullRoutes() {
  const routes = dialectRoutes();

  routes.openapi(
    operation(
      { permissions: [P.contactView, P.roleView, P.personalRelationshipView] },
      {
        method: "get",
        path: "/org/{org-id}/individual/{contact-id}/full",
        operationId: "getIndividualContactWithSubresources",
        summary: "Get individual contact with sub-resources",
        tags: ["Individual contacts"],
        request: { params: ContactParams },
        responses: {
          200: json(IndividualWithSubresourcesSchema, "Contact is successfully returned"),
          ...errors(403, 404),
        },
      },
    ),
    async (c) => {
      const full = await readPersonWithSubresources(c.var.ctx, c.req.valid("param")["contact-id"]);
      return c.json(
        {
          individual_contact: individualToWire(full.contact),
          ...pointListsToWire(full.contact, "contact"),
          professional_identities: full.identities.map(identityToWire),
          personal_relationships: full.relationships.map(personalRelationshipToWire),
          ...rolesToWire(full.roles),
        },
        200,
      );
    },
  );

  routes.openapi(
    operation(
      { permissions: [P.contactView] },
      {
        method: "get",
        path: "/org/{org-id}/individual/{contact-id}/professional-identities/full",
        operationId: "listProfessionalIdentitiesWithSubresources",
        summary: "List professional identities with sub-resources",
        tags: ["Individual contacts"],
        request: { params: ContactParams },
        responses: {
          200: json(
            listOf(ProfessionalIdentityWithSubresourcesSchema, "ProfessionalIdentitiesWithSubresources"),
            "Professional identity information is successfully returned",
          ),
          ...errors(400, 403, 404),
        },
      },
    ),
    async (c) => {
      const list = await readIdentitiesWithPoints(c.var.ctx, c.req.valid("param")["contact-id"]);
      return c.json({ items: list.map(identityToWire), problems: [] }, 200);
    },
  );

  routes.openapi(
    operation(
      { permissions: [P.contactView] },
      {
        method: "get",
        path: "/org/{org-id}/individual/{contact-id}/professional-identities/{professional-identity-id}/full",
        operationId: "getProfessionalIdentityWithSubresources",
        summary: "Get professional identity with sub-resources",
        tags: ["Individual contacts"],
        request: { params: IdentityParams },
        responses: {
          200: json(
            ProfessionalIdentityWithSubresourcesSchema,
            "ProfessionalIdentity is successfully returned",
          ),
          ...errors(403, 404),
        },
      },
    ),
    async (c) => {
      const p = c.req.valid("param");
      const [one] = await readIdentitiesWithPoints(c.var.ctx, p["contact-id"], p["professional-identity-id"]);
      return c.json(identityToWire(one!), 200);
    },
  );

  routes.openapi(
    operation(
      {
        permissions: [P.organizationView, P.roleView, P.departmentView, P.locationView, P.membershipView],
      },
      {
        method: "get",
        path: "/org/{org-id}/organization/{contact-id}/full",
        operationId: "getOrganizationContactWithSubresources",
        summary: "Get organization contact with sub-resources",
        tags: ["Organization contacts"],
        request: { params: ContactParams },
        responses: {
          200: json(OrganizationWithSubresourcesSchema, "Contact is successfully returned"),
          ...errors(403, 404),
        },
      },
    ),
    async (c) => {
      const full = await readOrganizationWithSubresources(c.var.ctx, c.req.valid("param")["contact-id"]);
      const personOf = new Map(full.identities.map((pi) => [pi.id, pi.contactId]));
      return c.json(
        {
          organization_contact: organizationToWire(full.organization, full.identities),
          ...pointListsToWire(full.organization, "organization"),
          departments: full.departments.map(departmentToWire),
          locations: full.locations.map((l) => locationToWire(l, personOf)),
          memberships: full.memberships.map(membershipToWire),
          ...rolesToWire(full.roles),
        },
        200,
      );
    },
  );

  return routes;
}
