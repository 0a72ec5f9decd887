import {
  type ContactIdentifier,
  claimIdentifier,
  listIdentifiers,
  lookupByIdentifier,
  releaseIdentifier,
} from "@switchboard/domain";
import { Hono } from "hono";
import { z } from "zod";
import type { RestEnv } from "../../env";
import { readJson } from "../../http/request";
import { CONTACT_EXPANDS, wireContacts } from "./contacts";
import { BASE } from "./mappers";
import { expandParam } from "./query";

const identifier = z.object({
  type: z.string(),
  value: z.string(),
  division: z.object({ id: z.string().optional() }).loose().optional(),
  externalSource: z.object({ id: z.string().optional() }).loose().optional(),
  dateCreated: z.string().optional(),
});
const claimRequest = z.object({ operation: z.enum(["Claim", "Release"]), identifier });

export const identifierToWire = (i: ContactIdentifier) => ({
  type: i.type,
  value: i.value,
  division: { id: i.divisionId, selfUri: `/api/v2/authorization/divisions/${i.divisionId}` },
  dateCreated: i.createdAt.toISOString(),
  ...(i.sourceId && { externalSource: { id: i.sourceId, selfUri: `${BASE}/externalsources/${i.sourceId}` } }),
});

const inputOf = (wire: z.infer<typeof identifier>) => ({
  type: wire.type as ContactIdentifier["type"],
  value: wire.value,
  sourceId: wire.externalSource?.id,
});

export function identifierRoutes() {
  const app = new Hono<RestEnv>();
  app.get("/contacts/:contactId/identifiers", async (c) => {
    const identifiers = await listIdentifiers(c.get("ctx"), c.req.param("contactId"));
    return c.json({ entities: identifiers.map(identifierToWire) });
  });
  /** Claims or releases one identifier and returns it; a value claimed by another contact is 409. */
  app.patch("/contacts/:contactId/identifiers", async (c) => {
    const body = await readJson(c, claimRequest);
    const operation = body.operation === "Claim" ? claimIdentifier : releaseIdentifier;
    return c.json(
      identifierToWire(await operation(c.get("ctx"), c.req.param("contactId"), inputOf(body.identifier))),
    );
  });
  // The deprecated route and its replacement answer the same way.
  for (const path of ["/identifierlookup", "/identifierlookup/contacts"]) {
    app.post(path, async (c) => {
      const expand = expandParam(c, CONTACT_EXPANDS);
      const ctx = c.get("ctx");
      const contact = await lookupByIdentifier(ctx, inputOf(await readJson(c, identifier)));
      const [wire] = await wireContacts(ctx, [contact], expand);
      return c.json(wire);
    });
  }
  return app;
}
