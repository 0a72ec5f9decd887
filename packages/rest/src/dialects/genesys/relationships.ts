import {
  createRelationship,
  deleteRelationship,
  getRelationship,
  PERMISSIONS,
  patchRelationship,
  updateRelationship,
} from "@switchboard/domain";
import { rowResponse } from "../../http/etag";
import { dialectRoutes } from "../../http/kit";
import { readJson } from "../../http/request";
import { underIfMatch } from "./errors";
import { relationshipToWire } from "./mappers";
import { genesysOperation } from "./operations";
import { patchedWire, readPatch } from "./patch";
import { expandParam } from "./query";
import { relationship } from "./wire";

export const relationshipInputOf = (body: {
  user: { id: string };
  externalOrganization: { id: string };
  relationship: string;
}) => ({
  memberId: body.user.id,
  organizationId: body.externalOrganization.id,
  relationship: body.relationship,
});

const postExternalcontactsRelationships = genesysOperation(
  { permissions: [PERMISSIONS.organizationEdit] },
  {
    method: "post",
    path: "/",
    operationId: "postExternalcontactsRelationships",
    summary: "Create a relationship",
    body: "Relationship",
    status: 200,
    response: "Relationship",
  },
);
const getExternalcontactsRelationship = genesysOperation(
  { permissions: [PERMISSIONS.organizationView] },
  {
    method: "get",
    path: "/{relationshipId}",
    operationId: "getExternalcontactsRelationship",
    summary: "Fetch a relationship",
    status: 200,
    response: "Relationship",
    record: "tagged",
  },
);
const putExternalcontactsRelationship = genesysOperation(
  { permissions: [PERMISSIONS.organizationEdit] },
  {
    method: "put",
    path: "/{relationshipId}",
    operationId: "putExternalcontactsRelationship",
    summary: "Update a relationship",
    body: "Relationship",
    status: 200,
    response: "Relationship",
    record: "tagged",
  },
);
const patchExternalcontactsRelationship = genesysOperation(
  { permissions: [PERMISSIONS.organizationEdit] },
  {
    method: "patch",
    path: "/{relationshipId}",
    operationId: "patchExternalcontactsRelationship",
    summary: "Partially update a relationship",
    body: "ExternalContactsPatchRequest",
    status: 200,
    response: "Relationship",
    record: "tagged",
  },
);
const deleteExternalcontactsRelationship = genesysOperation(
  { permissions: [PERMISSIONS.organizationEdit] },
  {
    method: "delete",
    path: "/{relationshipId}",
    operationId: "deleteExternalcontactsRelationship",
    summary: "Delete a relationship",
    status: 200,
    response: "Empty",
    record: "tagged",
  },
);

export function relationshipRoutes() {
  const app = dialectRoutes();
  app.openapi(postExternalcontactsRelationships, async (c) =>
    c.json(
      relationshipToWire(
        await createRelationship(c.get("ctx"), relationshipInputOf(await readJson(c, relationship))),
      ),
    ),
  );
  app.openapi(getExternalcontactsRelationship, async (c) => {
    expandParam(c, ["externalDataSources", "division"] as const);
    return rowResponse(
      c,
      await getRelationship(c.get("ctx"), c.req.param("relationshipId")),
      relationshipToWire,
    );
  });
  app.openapi(putExternalcontactsRelationship, async (c) => {
    const body = await readJson(c, relationship);
    const updated = await underIfMatch(c, (condition) =>
      updateRelationship(c.get("ctx"), c.req.param("relationshipId"), relationshipInputOf(body), condition),
    );
    return rowResponse(c, updated, relationshipToWire);
  });
  /** Partial update (current SDK): `relationship`, `user` and `externalOrganization` are writable. */
  app.openapi(patchExternalcontactsRelationship, async (c) => {
    const request = await readPatch(c);
    const updated = await underIfMatch(c, (condition) =>
      patchRelationship(
        c.get("ctx"),
        c.req.param("relationshipId"),
        (current) => relationshipInputOf(patchedWire("relationship", relationshipToWire(current), request)),
        condition,
      ),
    );
    return rowResponse(c, updated, relationshipToWire);
  });
  app.openapi(deleteExternalcontactsRelationship, async (c) => {
    await underIfMatch(c, (condition) =>
      deleteRelationship(c.get("ctx"), c.req.param("relationshipId"), condition),
    );
    return c.json({});
  });
  return app;
}
