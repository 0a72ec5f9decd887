import { associateConversation, mergeTwoContacts, PERMISSIONS, reverseLookup } from "@switchboard/domain";
import { z } from "zod";
import { dialectRoutes } from "../../http/kit";
import { readJson } from "../../http/request";
import { wireContacts } from "./contacts";
import { badRequest } from "./errors";
import { organizationToWire } from "./mappers";
import { genesysOperation } from "./operations";
import { expandParam } from "./query";
import { mergeRequest } from "./wire";

const conversationAssociation = z.object({
  externalContactId: z.string().optional(),
  conversationId: z.string(),
  communicationId: z.string(),
  mediaType: z.string(),
});

const getExternalcontactsReversewhitepageslookup = genesysOperation(
  { permissions: [PERMISSIONS.contactView] },
  {
    method: "get",
    path: "/reversewhitepageslookup",
    operationId: "getExternalcontactsReversewhitepageslookup",
    summary: "Look up contacts based on an attribute (email, phone or Twitter screen name); at most 25",
    query: [
      { name: "lookupVal", description: "Email, phone number in any format, or Twitter screen name" },
      {
        name: "expand",
        description: "contacts.externalOrganization, externalDataSources, division",
        array: true,
      },
      { name: "divisionId", description: "A division id, or * for every division" },
    ],
    status: 200,
  },
);
const postExternalcontactsMergeContacts = genesysOperation(
  { permissions: [PERMISSIONS.identityMerge] },
  {
    method: "post",
    path: "/merge/contacts",
    operationId: "postExternalcontactsMergeContacts",
    summary: "Merge two contacts into a new contact record (deprecated)",
    status: 200,
    response: "ExternalContact",
  },
);
const putExternalcontactsConversation = genesysOperation(
  { permissions: [PERMISSIONS.conversationAssociate] },
  {
    method: "put",
    path: "/conversations/{conversationId}",
    operationId: "putExternalcontactsConversation",
    summary: "Associate or disassociate an external contact with a conversation",
    status: 202,
  },
);

export function lookupRoutes() {
  const app = dialectRoutes();

  /** Up to 25 contacts (and, for older SDKs, organizations) owning an email, phone number or Twitter handle. */
  app.openapi(getExternalcontactsReversewhitepageslookup, async (c) => {
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
  app.openapi(postExternalcontactsMergeContacts, async (c) => {
    const body = await readJson(c, mergeRequest);
    const ctx = c.get("ctx");
    const [wire] = await wireContacts(ctx, [await mergeTwoContacts(ctx, body)], new Set());
    return c.json(wire);
  });

  /** Associates a conversation with a contact, or disassociates it when `externalContactId` is absent: 202, no body. */
  app.openapi(putExternalcontactsConversation, async (c) => {
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
