import {
  createRelationship,
  deleteRelationship,
  getRelationship,
  patchRelationship,
  updateRelationship,
} from "@switchboard/domain";
import { Hono } from "hono";
import type { RestEnv } from "../../env";
import { readJson } from "../../http/request";
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
    return c.json(relationshipToWire(await getRelationship(c.get("ctx"), c.req.param("id"))));
  });
  app.put("/:id", async (c) => {
    const body = await readJson(c, relationship);
    return c.json(
      relationshipToWire(
        await updateRelationship(c.get("ctx"), c.req.param("id"), relationshipInputOf(body)),
      ),
    );
  });
  /** Partial update (current SDK): `relationship`, `user` and `externalOrganization` are writable. */
  app.patch("/:id", async (c) => {
    const request = await readPatch(c);
    const updated = await patchRelationship(c.get("ctx"), c.req.param("id"), (current) =>
      relationshipInputOf(patchedWire("relationship", relationshipToWire(current), request)),
    );
    return c.json(relationshipToWire(updated));
  });
  app.delete("/:id", async (c) => {
    await deleteRelationship(c.get("ctx"), c.req.param("id"));
    return c.json({});
  });
  return app;
}
