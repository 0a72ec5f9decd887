import {
  type ContactIdentifier,
  type Context,
  claimIdentifier,
  claimOrganizationIdentifier,
  listDivisions,
  listIdentifiers,
  listOrganizationIdentifiers,
  lookupByIdentifier,
  lookupOrganizationByIdentifier,
  type Organization,
  type OrganizationIdentifier,
  PERMISSIONS,
  releaseIdentifier,
  releaseOrganizationIdentifier,
} from "@switchboard/domain";
import { z } from "zod";
import { dialectRoutes } from "../../http/kit";
import { readJson } from "../../http/request";
import { CONTACT_EXPANDS, wireContacts } from "./contacts";
import { externalOrganizationIdentifier } from "./enrich";
import { BASE, organizationToWire } from "./mappers";
import { genesysOperation } from "./operations";
import { expandParam } from "./query";

const identifier = z.object({
  type: z.string(),
  value: z.string(),
  division: z.object({ id: z.string().optional() }).loose().optional(),
  externalSource: z.object({ id: z.string().optional() }).loose().optional(),
  dateCreated: z.string().optional(),
});
const claimRequest = z.object({ operation: z.enum(["Claim", "Release"]), identifier });

/** The claim request and listing of `ExternalOrganizationIdentifier` (type `ExternalId` only; see enrich.ts). */
const organizationIdentifierClaimRequest = z.object({
  operation: z.enum(["Claim", "Release"]),
  identifier: externalOrganizationIdentifier,
});
const organizationIdentifierListing = z.object({ entities: z.array(externalOrganizationIdentifier) });

export const ORGANIZATION_LOOKUP_EXPANDS = ["identifiers", "externalSources", "division"] as const;

export const identifierToWire = (i: ContactIdentifier | OrganizationIdentifier) => ({
  type: i.type,
  value: i.value,
  division: { id: i.divisionId, selfUri: `/api/v2/authorization/divisions/${i.divisionId}` },
  dateCreated: i.createdAt.toISOString(),
  ...(i.sourceId && { externalSource: { id: i.sourceId, selfUri: `${BASE}/externalsources/${i.sourceId}` } }),
});

/**
 * The Genesys ExternalOrganization with what `expand` asks for: the division's name, the identifiers it
 * claims (external sources come with its external ids always).
 */
export async function wireOrganization(
  ctx: Context,
  organization: Organization,
  expand: Set<(typeof ORGANIZATION_LOOKUP_EXPANDS)[number]>,
) {
  const divisions = expand.has("division")
    ? new Map((await listDivisions(ctx)).map((d) => [d.id, d.name]))
    : undefined;
  return {
    ...organizationToWire(organization, divisions),
    ...(expand.has("identifiers") && {
      identifiers: (await listOrganizationIdentifiers(ctx, organization.id)).map(identifierToWire),
    }),
  };
}

const inputOf = (wire: z.infer<typeof identifier>) => ({
  type: wire.type as ContactIdentifier["type"],
  value: wire.value,
  sourceId: wire.externalSource?.id,
});

const postExternalcontactsIdentifierlookup = genesysOperation(
  { permissions: [PERMISSIONS.contactView] },
  {
    method: "post",
    path: "/identifierlookup",
    operationId: "postExternalcontactsIdentifierlookup",
    summary: "Fetch a contact by identifier (deprecated route)",
    status: 200,
    response: "ExternalContact",
  },
);
const postExternalcontactsIdentifierlookupContacts = genesysOperation(
  { permissions: [PERMISSIONS.contactView] },
  {
    method: "post",
    path: "/identifierlookup/contacts",
    operationId: "postExternalcontactsIdentifierlookupContacts",
    summary: "Fetch a contact by identifier",
    status: 200,
    response: "ExternalContact",
  },
);
const getExternalcontactsContactIdentifiers = genesysOperation(
  { permissions: [PERMISSIONS.contactView] },
  {
    method: "get",
    path: "/contacts/{contactId}/identifiers",
    operationId: "getExternalcontactsContactIdentifiers",
    summary: "List the identifiers claimed by a contact",
    status: 200,
  },
);
const patchExternalcontactsContactIdentifiers = genesysOperation(
  { permissions: [PERMISSIONS.contactEdit] },
  {
    method: "patch",
    path: "/contacts/{contactId}/identifiers",
    operationId: "patchExternalcontactsContactIdentifiers",
    summary: "Claim or release one identifier",
    status: 200,
  },
);
const getExternalcontactsOrganizationIdentifiers = genesysOperation(
  { permissions: [PERMISSIONS.organizationView] },
  {
    method: "get",
    path: "/organizations/{externalOrganizationId}/identifiers",
    operationId: "getExternalcontactsOrganizationIdentifiers",
    summary: "List the identifiers claimed by an organization",
    status: 200,
    response: "ExternalOrganizationIdentifierListing",
  },
);
const patchExternalcontactsOrganizationIdentifiers = genesysOperation(
  { permissions: [PERMISSIONS.organizationEdit] },
  {
    method: "patch",
    path: "/organizations/{externalOrganizationId}/identifiers",
    operationId: "patchExternalcontactsOrganizationIdentifiers",
    summary: "Claim or release one ExternalId identifier of an organization (one held elsewhere is 409)",
    body: "ExternalOrganizationIdentifierClaimRequest",
    status: 200,
    response: "ExternalOrganizationIdentifier",
  },
);
const postExternalcontactsIdentifierlookupOrganizations = genesysOperation(
  { permissions: [PERMISSIONS.organizationView] },
  {
    method: "post",
    path: "/identifierlookup/organizations",
    operationId: "postExternalcontactsIdentifierlookupOrganizations",
    summary: "Fetch an organization by an ExternalId identifier (other types are 400)",
    query: [{ name: "expand", description: "identifiers, externalSources, division", array: true }],
    body: "ExternalOrganizationIdentifier",
    status: 200,
    response: "ExternalOrganization",
  },
);

export function identifierRoutes() {
  const app = dialectRoutes();
  app.openapi(getExternalcontactsContactIdentifiers, async (c) => {
    const identifiers = await listIdentifiers(c.get("ctx"), c.req.param("contactId"));
    return c.json({ entities: identifiers.map(identifierToWire) });
  });
  /** Claims or releases one identifier and returns it; a value claimed by another contact is 409. */
  app.openapi(patchExternalcontactsContactIdentifiers, async (c) => {
    const body = await readJson(c, claimRequest);
    const operation = body.operation === "Claim" ? claimIdentifier : releaseIdentifier;
    return c.json(
      identifierToWire(await operation(c.get("ctx"), c.req.param("contactId"), inputOf(body.identifier))),
    );
  });
  // The deprecated route and its replacement answer the same way.
  for (const op of [postExternalcontactsIdentifierlookup, postExternalcontactsIdentifierlookupContacts]) {
    app.openapi(op, async (c) => {
      const expand = expandParam(c, CONTACT_EXPANDS);
      const ctx = c.get("ctx");
      const contact = await lookupByIdentifier(ctx, inputOf(await readJson(c, identifier)));
      const [wire] = await wireContacts(ctx, [contact], expand);
      return c.json(wire);
    });
  }

  app.openapi(getExternalcontactsOrganizationIdentifiers, async (c) => {
    const identifiers = await listOrganizationIdentifiers(
      c.get("ctx"),
      c.req.param("externalOrganizationId"),
    );
    return c.json({ entities: identifiers.map(identifierToWire) });
  });
  /** Claims or releases one ExternalId identifier of an organization; one held by another organization is 409. */
  app.openapi(patchExternalcontactsOrganizationIdentifiers, async (c) => {
    const body = await readJson(c, claimRequest);
    const operation =
      body.operation === "Claim" ? claimOrganizationIdentifier : releaseOrganizationIdentifier;
    const id = c.req.param("externalOrganizationId");
    return c.json(identifierToWire(await operation(c.get("ctx"), id, inputOf(body.identifier))));
  });
  /** The organization holding an identifier; only ExternalId identifiers are looked up (another type is 400). */
  app.openapi(postExternalcontactsIdentifierlookupOrganizations, async (c) => {
    const expand = expandParam(c, ORGANIZATION_LOOKUP_EXPANDS);
    const ctx = c.get("ctx");
    const organization = await lookupOrganizationByIdentifier(ctx, inputOf(await readJson(c, identifier)));
    return c.json(await wireOrganization(ctx, organization, expand));
  });
  return app;
}

// `ExternalOrganizationIdentifier` itself is registered with the enrich models.
export const ORGANIZATION_IDENTIFIER_SCHEMAS = {
  ExternalOrganizationIdentifierClaimRequest: organizationIdentifierClaimRequest,
  ExternalOrganizationIdentifierListing: organizationIdentifierListing,
};
