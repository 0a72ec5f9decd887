import { z } from "@hono/zod-openapi";
import { getUsername, PERMISSIONS, setUsername } from "@switchboard/domain";
import { dialectRoutes, operation } from "../../http/kit";
import { contactIdOf } from "./refs";
import { errors, int32, jsonBody, languageHeaders, languageQuery, noContent, ok } from "./wire";

const TAG = "ContactUsername";
const contactPath = z.object({ contactId: int32.openapi({ description: "Contact Id" }) });

const get = operation(
  { permissions: [PERMISSIONS.contactView] },
  {
    method: "get",
    path: "/v1.0/contacts/{contactId}/username",
    operationId: "ContactUsername_Get",
    summary: "Retrieves contact's username",
    tags: [TAG],
    request: { params: contactPath, query: languageQuery, headers: languageHeaders },
    responses: {
      ...ok(
        z
          .object({ username: z.string().nullable().openapi({ example: "shannon.crawford@additiv.com" }) })
          .openapi("UsernameResponse"),
      ),
      ...errors(400, 404),
    },
  },
);

const put = operation(
  { permissions: [PERMISSIONS.contactView, PERMISSIONS.contactEdit] },
  {
    method: "put",
    path: "/v1.0/contacts/{contactId}/username",
    operationId: "ContactUsername_Update",
    summary:
      "Updates the username of a contact (DFS as identity provider, username not coupled with e-mail); " +
      "unique across all contacts (422 UsernameNotUnique)",
    tags: [TAG],
    request: {
      params: contactPath,
      query: languageQuery,
      headers: languageHeaders,
      ...jsonBody(z.object({ username: z.string().max(10_000).nullish() }).openapi("UpdateUsernameRequest")),
    },
    responses: { ...noContent, ...errors(400, 404, 422) },
  },
);

export function usernameRoutes() {
  const routes = dialectRoutes();
  routes.openapi(get, async (c) => {
    const id = await contactIdOf(c.var.ctx, c.req.valid("param").contactId);
    return c.json({ username: await getUsername(c.var.ctx, id) }, 200);
  });
  routes.openapi(put, async (c) => {
    const id = await contactIdOf(c.var.ctx, c.req.valid("param").contactId);
    await setUsername(c.var.ctx, id, c.req.valid("json").username ?? null);
    return c.body(null, 204);
  });
  return routes;
}
