import {
  CONTACT_SORT_FIELDS,
  createOrganization,
  deleteOrganization,
  getOrganization,
  linkTrustor,
  listDivisions,
  listOrganizationIdentifiers,
  listOrganizationRelationships,
  type Organization,
  type OrganizationInput,
  PERMISSIONS,
  patchOrganization,
  searchContacts,
  searchOrganizations,
  unlinkTrustor,
} from "@switchboard/domain";
import type { Context as HonoContext } from "hono";
import type { RestEnv } from "../../env";
import { setEntityTag } from "../../http/etag";
import { dialectRoutes } from "../../http/kit";
import { readJson } from "../../http/request";
import { CONTACT_EXPANDS, wireContacts } from "./contacts";
import { expectedVersionOf, underIfMatch } from "./errors";
import { identifierToWire } from "./identifiers";
import {
  BASE,
  organizationInputFromWire,
  organizationPatchInput,
  organizationToWire,
  relationshipToWire,
  trustorLinkToWire,
} from "./mappers";
import { noteRoutes } from "./notes";
import { genesysOperation } from "./operations";
import { patchedWire, readPatch } from "./patch";
import { booleanParam, expandParam, multi, pageListing, pageParams, sortParam } from "./query";
import { externalOrganization } from "./wire";

const ORGANIZATION_EXPANDS = ["externalDataSources", "division", "identifiers", "externalSources"] as const;

/** PUT and PATCH of the organization in the path, as `writeContact` does for contacts. */
async function writeOrganization(
  c: HonoContext<RestEnv>,
  inputFrom: (current: Organization) => OrganizationInput,
  bodyVersion?: number,
) {
  const updated = await underIfMatch(c, (condition) =>
    patchOrganization(c.get("ctx"), c.req.param("externalOrganizationId") ?? "", inputFrom, {
      expectedVersion: expectedVersionOf(condition.expectedVersion, bodyVersion),
    }),
  );
  setEntityTag(c, updated.version);
  return c.json(organizationToWire(updated));
}

const getExternalcontactsOrganizations = genesysOperation(
  { permissions: [PERMISSIONS.organizationView] },
  {
    method: "get",
    path: "/organizations",
    operationId: "getExternalcontactsOrganizations",
    summary: "Search for external organizations",
    query: [
      {
        name: "pageSize",
        description: "Page size (default 20); pageNumber × pageSize ≤ 1000",
        integer: true,
      },
      { name: "pageNumber", description: "Page number (default 1)", integer: true },
      { name: "q", description: "Search keywords: name, industry, tags, websites, phone numbers" },
      {
        name: "trustorId",
        description: "Up to 25 trustor org ids; overrides q, results in this order",
        array: true,
      },
      { name: "sortOrder", description: "field:asc|desc with field one of companyType, industry, name" },
      {
        name: "expand",
        description: "externalDataSources, division, identifiers, externalSources",
        array: true,
      },
      { name: "includeTrustors", description: "true to embed the trustor of linked organizations" },
      { name: "divisionIds", description: "Only organizations in these divisions (up to 50)", array: true },
    ],
    status: 200,
    response: "ExternalOrganizationListing",
  },
);
const postExternalcontactsOrganizations = genesysOperation(
  { permissions: [PERMISSIONS.organizationAdd] },
  {
    method: "post",
    path: "/organizations",
    operationId: "postExternalcontactsOrganizations",
    summary: "Create an external organization",
    body: "ExternalOrganizationInput",
    status: 200,
    response: "ExternalOrganization",
  },
);
const getExternalcontactsOrganization = genesysOperation(
  { permissions: [PERMISSIONS.organizationView] },
  {
    method: "get",
    path: "/organizations/{externalOrganizationId}",
    operationId: "getExternalcontactsOrganization",
    summary: "Fetch an external organization",
    query: [
      {
        name: "expand",
        description: "externalDataSources, division, identifiers, externalSources",
        array: true,
      },
      { name: "includeTrustors", description: "true to embed the trustor of a linked organization" },
    ],
    status: 200,
    response: "ExternalOrganization",
    record: "versioned",
  },
);
const putExternalcontactsOrganization = genesysOperation(
  { permissions: [PERMISSIONS.organizationEdit] },
  {
    method: "put",
    path: "/organizations/{externalOrganizationId}",
    operationId: "putExternalcontactsOrganization",
    summary: "Update an external organization",
    body: "ExternalOrganizationInput",
    status: 200,
    response: "ExternalOrganization",
    record: "versioned",
  },
);
const patchExternalcontactsOrganization = genesysOperation(
  { permissions: [PERMISSIONS.organizationEdit] },
  {
    method: "patch",
    path: "/organizations/{externalOrganizationId}",
    operationId: "patchExternalcontactsOrganization",
    summary: "Partially update an external organization (JSONPath changes)",
    body: "ExternalContactsPatchRequest",
    status: 200,
    response: "ExternalOrganization",
    record: "versioned",
  },
);
const deleteExternalcontactsOrganization = genesysOperation(
  { permissions: [PERMISSIONS.organizationDelete] },
  {
    method: "delete",
    path: "/organizations/{externalOrganizationId}",
    operationId: "deleteExternalcontactsOrganization",
    summary: "Delete an external organization",
    status: 200,
    response: "Empty",
    record: "versioned",
  },
);
const putExternalcontactsOrganizationTrustorTrustorId = genesysOperation(
  { permissions: [PERMISSIONS.organizationEdit] },
  {
    method: "put",
    path: "/organizations/{externalOrganizationId}/trustor/{trustorId}",
    operationId: "putExternalcontactsOrganizationTrustorTrustorId",
    summary: "Links a Trustor with an External Organization (no body)",
    status: 200,
    response: "ExternalOrganizationTrustorLink",
  },
);
const deleteExternalcontactsOrganizationTrustor = genesysOperation(
  { permissions: [PERMISSIONS.organizationEdit] },
  {
    method: "delete",
    path: "/organizations/{externalOrganizationId}/trustor",
    operationId: "deleteExternalcontactsOrganizationTrustor",
    summary: "Unlink the Trustor for this External Organization",
    status: 204,
  },
);
const getExternalcontactsOrganizationContacts = genesysOperation(
  { permissions: [PERMISSIONS.contactView] },
  {
    method: "get",
    path: "/organizations/{externalOrganizationId}/contacts",
    operationId: "getExternalcontactsOrganizationContacts",
    summary: "Search for external contacts in an external organization",
    status: 200,
    response: "ContactListing",
  },
);
const getExternalcontactsOrganizationRelationships = genesysOperation(
  { permissions: [PERMISSIONS.organizationView] },
  {
    method: "get",
    path: "/organizations/{externalOrganizationId}/relationships",
    operationId: "getExternalcontactsOrganizationRelationships",
    summary: "Fetch a relationship for an external organization",
    status: 200,
    response: "RelationshipListing",
  },
);

export function organizationRoutes() {
  const app = dialectRoutes();
  const divisionsFor = async (
    c: { get(key: "ctx"): Parameters<typeof listDivisions>[0] },
    expand: Set<string>,
  ) =>
    expand.has("division")
      ? new Map((await listDivisions(c.get("ctx"))).map((d) => [d.id, d.name]))
      : undefined;

  app.openapi(getExternalcontactsOrganizations, async (c) => {
    const ctx = c.get("ctx");
    const { pageSize, pageNumber } = pageParams(c);
    const sort = sortParam(c, ["name", "companyType", "industry"] as const);
    const expand = expandParam(c, ORGANIZATION_EXPANDS);
    const q = c.req.query("q");
    const includeTrustors = booleanParam(c, "includeTrustors");
    const divisionIds = multi(c, "divisionIds");
    const trustorIds = multi(c, "trustorId");
    const page = await searchOrganizations(ctx, {
      q,
      pageSize,
      pageNumber,
      sort,
      divisionIds: divisionIds.length ? divisionIds : undefined,
      trustorIds: trustorIds.length ? trustorIds : undefined,
    });
    const divisions = await divisionsFor(c, expand);
    const entities = page.entities.map((o) => organizationToWire(o, divisions, { includeTrustors }));
    return c.json(pageListing(c, `${BASE}/organizations`, { ...page, entities }));
  });

  app.openapi(postExternalcontactsOrganizations, async (c) => {
    const body = await readJson(c, externalOrganization);
    return c.json(
      organizationToWire(await createOrganization(c.get("ctx"), organizationInputFromWire(body))),
    );
  });

  app.openapi(getExternalcontactsOrganization, async (c) => {
    const expand = expandParam(c, ORGANIZATION_EXPANDS);
    const includeTrustors = booleanParam(c, "includeTrustors");
    const organization = await getOrganization(c.get("ctx"), c.req.param("externalOrganizationId"));
    // The version is the ETag: every write of the organization adds one.
    setEntityTag(c, organization.version);
    return c.json({
      ...organizationToWire(organization, await divisionsFor(c, expand), { includeTrustors }),
      ...(expand.has("identifiers") && {
        identifiers: (await listOrganizationIdentifiers(c.get("ctx"), organization.id)).map(identifierToWire),
      }),
    });
  });

  app.openapi(putExternalcontactsOrganization, async (c) => {
    const body = await readJson(c, externalOrganization);
    // Every field the Genesys model shows is replaced; other dialects' data is kept (see the contact PUT).
    return writeOrganization(c, (current) => organizationPatchInput(current, body), body.version);
  });

  /** Partial update (current SDK): JSONPath changes applied to the organization as it reads now. */
  app.openapi(patchExternalcontactsOrganization, async (c) => {
    const request = await readPatch(c);
    return writeOrganization(c, (current) =>
      organizationPatchInput(current, patchedWire("organization", organizationToWire(current), request)),
    );
  });

  app.openapi(deleteExternalcontactsOrganization, async (c) => {
    await underIfMatch(c, ({ expectedVersion }) =>
      deleteOrganization(c.get("ctx"), c.req.param("externalOrganizationId"), { expectedVersion }),
    );
    return c.json({});
  });

  /** Links the Genesys Cloud org `trustorId` to this external organization (no body). */
  app.openapi(putExternalcontactsOrganizationTrustorTrustorId, async (c) => {
    const link = await linkTrustor(
      c.get("ctx"),
      c.req.param("externalOrganizationId"),
      c.req.param("trustorId"),
    );
    return c.json(trustorLinkToWire(link));
  });

  app.openapi(deleteExternalcontactsOrganizationTrustor, async (c) => {
    await unlinkTrustor(c.get("ctx"), c.req.param("externalOrganizationId"));
    return c.body(null, 204);
  });

  app.openapi(getExternalcontactsOrganizationContacts, async (c) => {
    const ctx = c.get("ctx");
    const id = c.req.param("externalOrganizationId");
    await getOrganization(ctx, id);
    const { pageSize, pageNumber } = pageParams(c);
    const sort = sortParam(c, CONTACT_SORT_FIELDS);
    const expand = expandParam(c, CONTACT_EXPANDS);
    const q = c.req.query("q");
    const divisionIds = multi(c, "divisionIds");
    const page = await searchContacts(ctx, {
      q,
      pageSize,
      pageNumber,
      sort,
      organizationId: id,
      divisionIds: divisionIds.length ? divisionIds : undefined,
    });
    const entities = await wireContacts(ctx, page.entities, expand);
    return c.json(pageListing(c, `${BASE}/organizations/${id}/contacts`, { ...page, entities }));
  });

  app.openapi(getExternalcontactsOrganizationRelationships, async (c) => {
    const id = c.req.param("externalOrganizationId");
    const { pageSize, pageNumber } = pageParams(c);
    expandParam(c, ["externalDataSources", "division"] as const);
    const sort = sortParam(c, ["createDate", "relationship"] as const);
    const page = await listOrganizationRelationships(c.get("ctx"), id, { pageSize, pageNumber, sort });
    const entities = page.entities.map(relationshipToWire);
    return c.json(pageListing(c, `${BASE}/organizations/${id}/relationships`, { ...page, entities }));
  });

  app.route("/organizations/:externalOrganizationId/notes", noteRoutes("organization"));
  return app;
}
