import {
  CONTACT_SORT_FIELDS,
  createOrganization,
  deleteOrganization,
  getOrganization,
  linkTrustor,
  listDivisions,
  listOrganizationIdentifiers,
  listOrganizationRelationships,
  type NoteParent,
  type Organization,
  type OrganizationInput,
  patchOrganization,
  searchContacts,
  searchOrganizations,
  unlinkTrustor,
} from "@switchboard/domain";
import { Hono, type Context as HonoContext } from "hono";
import type { RestEnv } from "../../env";
import { setEntityTag } from "../../http/etag";
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
    patchOrganization(c.get("ctx"), c.req.param("id") ?? "", inputFrom, {
      expectedVersion: expectedVersionOf(condition.expectedVersion, bodyVersion),
    }),
  );
  setEntityTag(c, updated.version);
  return c.json(organizationToWire(updated));
}

export function organizationRoutes() {
  const app = new Hono<RestEnv>();
  const divisionsFor = async (
    c: { get(key: "ctx"): Parameters<typeof listDivisions>[0] },
    expand: Set<string>,
  ) =>
    expand.has("division")
      ? new Map((await listDivisions(c.get("ctx"))).map((d) => [d.id, d.name]))
      : undefined;

  app.get("/organizations", async (c) => {
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

  app.post("/organizations", async (c) => {
    const body = await readJson(c, externalOrganization);
    return c.json(
      organizationToWire(await createOrganization(c.get("ctx"), organizationInputFromWire(body))),
    );
  });

  app.get("/organizations/:id", async (c) => {
    const expand = expandParam(c, ORGANIZATION_EXPANDS);
    const includeTrustors = booleanParam(c, "includeTrustors");
    const organization = await getOrganization(c.get("ctx"), c.req.param("id"));
    // The version is the ETag: every write of the organization adds one.
    setEntityTag(c, organization.version);
    return c.json({
      ...organizationToWire(organization, await divisionsFor(c, expand), { includeTrustors }),
      ...(expand.has("identifiers") && {
        identifiers: (await listOrganizationIdentifiers(c.get("ctx"), organization.id)).map(identifierToWire),
      }),
    });
  });

  app.put("/organizations/:id", async (c) => {
    const body = await readJson(c, externalOrganization);
    // Every field the Genesys model shows is replaced; other dialects' data is kept (see the contact PUT).
    return writeOrganization(c, (current) => organizationPatchInput(current, body), body.version);
  });

  /** Partial update (current SDK): JSONPath changes applied to the organization as it reads now. */
  app.patch("/organizations/:id", async (c) => {
    const request = await readPatch(c);
    return writeOrganization(c, (current) =>
      organizationPatchInput(current, patchedWire("organization", organizationToWire(current), request)),
    );
  });

  app.delete("/organizations/:id", async (c) => {
    await underIfMatch(c, ({ expectedVersion }) =>
      deleteOrganization(c.get("ctx"), c.req.param("id"), { expectedVersion }),
    );
    return c.json({});
  });

  /** Links the Genesys Cloud org `trustorId` to this external organization (no body). */
  app.put("/organizations/:id/trustor/:trustorId", async (c) => {
    const link = await linkTrustor(c.get("ctx"), c.req.param("id"), c.req.param("trustorId"));
    return c.json(trustorLinkToWire(link));
  });

  app.delete("/organizations/:id/trustor", async (c) => {
    await unlinkTrustor(c.get("ctx"), c.req.param("id"));
    return c.body(null, 204);
  });

  app.get("/organizations/:id/contacts", async (c) => {
    const ctx = c.get("ctx");
    const id = c.req.param("id");
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

  app.get("/organizations/:id/relationships", async (c) => {
    const id = c.req.param("id");
    const { pageSize, pageNumber } = pageParams(c);
    expandParam(c, ["externalDataSources", "division"] as const);
    const sort = sortParam(c, ["createDate", "relationship"] as const);
    const page = await listOrganizationRelationships(c.get("ctx"), id, { pageSize, pageNumber, sort });
    const entities = page.entities.map(relationshipToWire);
    return c.json(pageListing(c, `${BASE}/organizations/${id}/relationships`, { ...page, entities }));
  });

  app.route(
    "/organizations/:id/notes",
    noteRoutes((id): NoteParent => ({ type: "organization", id })),
  );
  return app;
}
