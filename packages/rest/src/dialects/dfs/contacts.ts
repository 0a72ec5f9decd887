import { z } from "@hono/zod-openapi";
import {
  createContactFromDetails,
  getContactDetails,
  PERMISSIONS,
  updateContactDetails,
} from "@switchboard/domain";
import { dialectRoutes, operation } from "../../http/kit";
import { contactIdOf } from "./refs";
import { errors, int32, jsonBody, languageHeaders, languageQuery, ok } from "./wire";

const TAG = "Contacts";
const contactPath = z.object({ contactId: int32.openapi({ description: "Contact id" }) });
const details = z
  .record(z.string(), z.unknown())
  .openapi({ description: "Schema-driven details (schema `contact`)" });

const create = operation(
  { permissions: [PERMISSIONS.contactAdd] },
  {
    method: "post",
    path: "/v1.0/contacts",
    operationId: "Contacts_Create",
    summary: "Create a contact from schema-driven details (bound fields become the canonical contact's)",
    tags: [TAG],
    request: {
      query: languageQuery,
      headers: languageHeaders,
      ...jsonBody(
        z
          .object({
            contactTypeId: z.number().int().min(-2147483648).max(2147483647),
            username: z.string().max(10_000).nullish(),
            details,
            correlationId: z.string().max(200).nullish(),
          })
          .openapi("CreateContactRequest"),
      ),
    },
    responses: {
      ...ok(
        z
          .object({ id: z.number().int(), uId: z.uuid(), details: details.nullable() })
          .openapi("CreateContactResponse"),
      ),
      ...errors(400, 422),
    },
  },
);

const read = operation(
  { permissions: [PERMISSIONS.contactView] },
  {
    method: "get",
    path: "/v1.0/contacts/{contactId}/details",
    operationId: "ContactDetails_Get",
    summary: "Get all details saved on a contact",
    tags: [TAG],
    request: { params: contactPath, query: languageQuery, headers: languageHeaders },
    responses: {
      ...ok(
        z
          .object({
            id: z.number().int(),
            hasPendingChangeRequest: z.boolean(),
            hasPendingEmail: z.boolean(),
            hasPendingMobile: z.boolean(),
            details,
          })
          .openapi("ContactDetailsResponse"),
      ),
      ...errors(400, 404),
    },
  },
);

const updateBody = z
  .object({ details, comment: z.string().max(4000).nullish() })
  .openapi("UpdateContactDetailsRequest");
const updateResponse = z
  .object({ isApprovalRequired: z.boolean(), hasPendingEmail: z.boolean(), hasPendingMobile: z.boolean() })
  .openapi("UpdateContactDetailsResponse");

const update = (method: "patch" | "put") =>
  operation(
    { permissions: [PERMISSIONS.contactView, PERMISSIONS.contactEdit] },
    {
      method,
      path: "/v1.0/contacts/{contactId}/details",
      operationId: method === "patch" ? "ContactDetails_Patch" : "ContactDetails_Put",
      summary:
        method === "patch"
          ? "Partially update contact details (a member's change of approval-required fields creates a change request)"
          : "Update contact details in full (a member's change of approval-required fields creates a change request)",
      tags: [TAG],
      request: {
        params: contactPath,
        query: languageQuery,
        headers: languageHeaders,
        ...jsonBody(updateBody),
      },
      responses: { ...ok(updateResponse), ...errors(400, 404, 422) },
    },
  );

export function contactRoutes() {
  const routes = dialectRoutes();
  routes.openapi(create, async (c) => {
    const { contact, details } = await createContactFromDetails(c.var.ctx, c.req.valid("json"));
    return c.json({ id: contact.number, uId: contact.id, details }, 200);
  });
  routes.openapi(read, async (c) => {
    const ctx = c.var.ctx;
    const found = await getContactDetails(ctx, { number: c.req.valid("param").contactId });
    return c.json(
      {
        id: found.contact.number,
        hasPendingChangeRequest: found.hasPendingChangeRequest,
        hasPendingEmail: found.hasPendingEmail,
        hasPendingMobile: found.hasPendingMobile,
        details: found.details,
      },
      200,
    );
  });
  for (const mode of ["patch", "put"] as const)
    routes.openapi(update(mode), async (c) => {
      const ctx = c.var.ctx;
      const id = await contactIdOf(ctx, c.req.valid("param").contactId);
      return c.json(await updateContactDetails(ctx, id, c.req.valid("json"), mode), 200);
    });
  return routes;
}
