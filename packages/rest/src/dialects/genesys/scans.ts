import { scanContacts, scanNotes, scanOrganizations, scanRelationships } from "@switchboard/domain";
import { type Context, Hono } from "hono";
import type { RestEnv } from "../../env";
import { wireContacts } from "./contacts";
import { BASE, noteToWire, organizationToWire, relationshipToWire } from "./mappers";
import { integerParam } from "./query";

/** The scan cursor envelope: `cursors.after` (and `nextUri`) only while more pages follow. */
function cursorListing<T>(c: Context<RestEnv>, path: string, entities: T[], nextCursor: string | null) {
  const uri = (cursor?: string) => {
    const params = new URLSearchParams();
    for (const key of ["limit", "divisionId"]) {
      const value = c.req.query(key);
      if (value) params.set(key, value);
    }
    if (cursor) params.set("cursor", cursor);
    const query = params.toString();
    return `${BASE}/scan/${path}${query ? `?${query}` : ""}`;
  };
  return {
    entities,
    selfUri: uri(c.req.query("cursor")),
    ...(nextCursor && { nextUri: uri(nextCursor), cursors: { after: nextCursor } }),
  };
}

const paramsOf = (c: Context<RestEnv>) => ({
  limit: integerParam(c, "limit", 100, { min: 10, max: 200 }),
  cursor: c.req.query("cursor"),
  divisionId: c.req.query("divisionId"),
});

/** `/scan/*`: every record of a kind, a page at a time, with cursors that never skip or repeat a record. */
export function scanRoutes() {
  const app = new Hono<RestEnv>();
  app.get("/contacts", async (c) => {
    const page = await scanContacts(c.get("ctx"), paramsOf(c));
    return c.json(
      cursorListing(
        c,
        "contacts",
        await wireContacts(c.get("ctx"), page.entities, new Set()),
        page.nextCursor,
      ),
    );
  });
  app.get("/organizations", async (c) => {
    const page = await scanOrganizations(c.get("ctx"), paramsOf(c));
    return c.json(
      cursorListing(
        c,
        "organizations",
        page.entities.map((o) => organizationToWire(o)),
        page.nextCursor,
      ),
    );
  });
  app.get("/notes", async (c) => {
    const page = await scanNotes(c.get("ctx"), paramsOf(c));
    return c.json(cursorListing(c, "notes", page.entities.map(noteToWire), page.nextCursor));
  });
  app.get("/relationships", async (c) => {
    const page = await scanRelationships(c.get("ctx"), paramsOf(c));
    return c.json(cursorListing(c, "relationships", page.entities.map(relationshipToWire), page.nextCursor));
  });
  return app;
}
