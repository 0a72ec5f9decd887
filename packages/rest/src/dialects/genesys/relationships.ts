import {
  createRelationship,
  deleteRelationship,
  getRelationship,
  patchRelationship,
  updateRelationship,
} from "@switchboard/domain";
import { Hono } from "hono";
import type { RestEnv } from "../../env";
import { rowResponse } from "../../http/etag";
import { readJson } from "../../http/request";
import { underIfMatch } from "./errors";
import { relationshipToWire } from "./mappers";
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

export function relationshipRoutes() {
  const app = new Hono<RestEnv>();
  app.post("/", async (c) =>
    c.json(
      relationshipToWire(
        await createRelationship(c.get("ctx"), relationshipInputOf(await readJson(c, relationship))),
      ),
    ),
  );
  app.get("/:id", async (c) => {
    expandParam(c, ["externalDataSources", "division"] as const);
    return rowResponse(c, await getRelationship(c.get("ctx"), c.req.param("id")), relationshipToWire);
  });
  app.put("/:id", async (c) => {
    const body = await readJson(c, relationship);
    const updated = await underIfMatch(c, (condition) =>
      updateRelationship(c.get("ctx"), c.req.param("id"), relationshipInputOf(body), condition),
    );
    return rowResponse(c, updated, relationshipToWire);
  });
  /** Partial update (current SDK): `relationship`, `user` and `externalOrganization` are writable. */
  app.patch("/:id", async (c) => {
    const request = await readPatch(c);
    const updated = await underIfMatch(c, (condition) =>
      patchRelationship(
        c.get("ctx"),
        c.req.param("id"),
        (current) => relationshipInputOf(patchedWire("relationship", relationshipToWire(current), request)),
        condition,
      ),
    );
    return rowResponse(c, updated, relationshipToWire);
  });
  app.delete("/:id", async (c) => {
    await underIfMatch(c, (condition) => deleteRelationship(c.get("ctx"), c.req.param("id"), condition));
    return c.json({});
  });
  return app;
}
