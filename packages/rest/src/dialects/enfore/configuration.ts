import { getContactConfiguration, PERMISSIONS, putContactConfiguration } from "@switchboard/domain";
import { dialectRoutes, operation } from "../../http/kit";
import { ContactsConfigurationSchema, configurationFromWire, configurationToWire } from "./profile-wire";
import { body, errors, json, OrgParams } from "./routes";

// The org's contacts configuration (ops 129–130): the default `{use_external_contact_management: false}` until
// one is stored; a PUT replaces it whole. External contact management without usable custom workflows (a
// provider and a start URL) is 422.

const TAGS = ["Configuration"];
const PATH = "/org/{org-id}/configuration";

export function configurationRoutes() {
  const routes = dialectRoutes();
  routes.openapi(
    operation(
      { permissions: [PERMISSIONS.contactConfigurationView] },
      {
        method: "get",
        path: PATH,
        operationId: "getContactsConfiguration",
        summary: "Get contacts configuration of the org",
        tags: TAGS,
        request: { params: OrgParams },
        responses: {
          200: json(ContactsConfigurationSchema, "Configuration is successfully returned"),
          ...errors(403, 404, 422),
        },
      },
    ),
    async (c) => c.json(configurationToWire(await getContactConfiguration(c.var.ctx)), 200),
  );
  routes.openapi(
    operation(
      { permissions: [PERMISSIONS.contactConfigurationEdit] },
      {
        method: "put",
        path: PATH,
        operationId: "updateContactsConfiguration",
        summary: "Update contacts configuration of the org",
        tags: TAGS,
        request: { params: OrgParams, body: body(ContactsConfigurationSchema) },
        responses: {
          200: json(ContactsConfigurationSchema, "Configuration was successfully updated"),
          ...errors(400, 403, 422),
        },
      },
    ),
    async (c) => {
      const saved = await putContactConfiguration(c.var.ctx, configurationFromWire(c.req.valid("json")));
      return c.json(configurationToWire(saved), 200);
    },
  );
  return routes;
}
