import {
  createRelationship,
  deleteRelationship,
  getRelationship,
  patchRelationship,
  type Relationship,
  updateRelationship,
} from "@switchboard/domain";
import { type Context, Hono } from "hono";
import type { RestEnv } from "../../env";
import { notModified, setEntityTag } from "../../http/etag";
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
  /** The relationship as the wire shows it, with its ETag (its modification time: the wire is the row alone). */
  const tagged = (c: Context<RestEnv>, r: Relationship) => {
    setEntityTag(c, r.modifiedAt.getTime());
    if (notModified(c, r.modifiedAt.getTime())) return c.body(null, 304);
    return c.json(relationshipToWire(r));
  };
  app.get("/:id", async (c) => {
    expandParam(c, ["externalDataSources", "division"] as const);
    return tagged(c, await getRelationship(c.get("ctx"), c.req.param("id")));
  });
  app.put("/:id", async (c) => {
    const body = await readJson(c, relationship);
    const updated = await underIfMatch(c, (condition) =>
      updateRelationship(c.get("ctx"), c.req.param("id"), relationshipInputOf(body), condition),
    );
    return tagged(c, updated);
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
    return tagged(c, updated);
  });
  app.delete("/:id", async (c) => {
    await underIfMatch(c, (condition) => deleteRelationship(c.get("ctx"), c.req.param("id"), condition));
    return c.json({});
  });
  return app;
}
