import { z } from "@hono/zod-openapi";
import { anonymizeContacts, PERMISSIONS } from "@switchboard/domain";
import { dialectRoutes, operation } from "../../http/kit";
import { errors, jsonBody, languageHeaders, languageQuery, noContent } from "./wire";

const anonymize = operation(
  { permissions: [PERMISSIONS.contactView, PERMISSIONS.contactAnonymize] },
  {
    method: "post",
    path: "/v1.0/contacts/anonymize",
    operationId: "Contacts_Anonymize",
    summary:
      "Anonymizes all data related to the listed contacts: details, username, contact points, external " +
      "connections, pictures, notes and the values in their change history (idempotent)",
    tags: ["Contacts"],
    request: {
      query: languageQuery,
      headers: languageHeaders,
      ...jsonBody(
        z
          .object({
            contactIds: z.array(z.number().int()).max(1000).nullish(),
            contactUIds: z.array(z.uuid()).max(1000).nullish(),
          })
          .openapi("AnonymizeContactsRequest"),
      ),
    },
    responses: { ...noContent, ...errors(400, 404) },
  },
);

export function anonymizeRoutes() {
  const routes = dialectRoutes();
  routes.openapi(anonymize, async (c) => {
    const body = c.req.valid("json");
    await anonymizeContacts(c.var.ctx, { numbers: body.contactIds, ids: body.contactUIds });
    return c.body(null, 204);
  });
  return routes;
}
