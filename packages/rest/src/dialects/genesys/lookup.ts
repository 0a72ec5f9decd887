import { associateConversation, mergeTwoContacts, reverseLookup } from "@switchboard/domain";
import { Hono } from "hono";
import { z } from "zod";
import type { RestEnv } from "../../env";
import { readJson } from "../../http/request";
import { wireContacts } from "./contacts";
import { badRequest } from "./errors";
import { organizationToWire } from "./mappers";
import { expandParam } from "./query";
import { mergeRequest } from "./wire";

const conversationAssociation = z.object({
  externalContactId: z.string().optional(),
  conversationId: z.string(),
  communicationId: z.string(),
  mediaType: z.string(),
});

export function lookupRoutes() {
  const app = new Hono<RestEnv>();

  /** Up to 25 contacts (and, for older SDKs, organizations) owning an email, phone number or Twitter handle. */
  app.get("/reversewhitepageslookup", async (c) => {
    const lookupVal = c.req.query("lookupVal");
    if (!lookupVal)
      throw badRequest("lookupVal is required", [{ errorCode: "required", fieldName: "lookupVal" }]);
    const expand = expandParam(c, [
      "contacts.externalOrganization",
      "externalDataSources",
      "division",
    ] as const);
    const ctx = c.get("ctx");
    const result = await reverseLookup(ctx, { lookupVal, divisionId: c.req.query("divisionId") });
    const contactExpand = new Set<"externalOrganization" | "division">();
    if (expand.has("contacts.externalOrganization")) contactExpand.add("externalOrganization");
    if (expand.has("division")) contactExpand.add("division");
    return c.json({
      contacts: await wireContacts(ctx, result.contacts, contactExpand),
      externalOrganizations: result.organizations.map((o) => organizationToWire(o)),
    });
  });

  /** The deprecated two-contact merge. */
  app.post("/merge/contacts", async (c) => {
    const body = await readJson(c, mergeRequest);
    const ctx = c.get("ctx");
    const [wire] = await wireContacts(ctx, [await mergeTwoContacts(ctx, body)], new Set());
    return c.json(wire);
  });

  /** Associates a conversation with a contact, or disassociates it when `externalContactId` is absent: 202, no body. */
  app.put("/conversations/:conversationId", async (c) => {
    const body = await readJson(c, conversationAssociation);
    if (body.conversationId !== c.req.param("conversationId"))
      throw badRequest("conversationId in the body must match the path", [
        { errorCode: "invalid.value", fieldName: "conversationId" },
      ]);
    await associateConversation(c.get("ctx"), body);
    return c.body(null, 202);
  });
  return app;
}
