import { z } from "@hono/zod-openapi";
import { PERMISSIONS } from "@switchboard/domain";
import { dialectRoutes, operation } from "../../http/kit";
import { languageOf, t } from "./language";
import { errors, languageHeaders, languageQuery, ok, statusRef } from "./wire";

const TAG = "ChangeRequests";
const STATUS_IDS = [1, 2, 3, 4] as const;

/** A change request's status `{id, name}`, named in the request's language. */
export const statusOf = (id: number, lang: ReturnType<typeof languageOf>) => ({
  id,
  name: t(`changeRequestStatus.${id as (typeof STATUS_IDS)[number]}`, lang),
});

const statuses = operation(
  { permissions: [PERMISSIONS.contactView] },
  {
    method: "get",
    path: "/v1.0/contacts/change-requests/statuses",
    operationId: "ChangeRequests_GetStatuses",
    summary: "Enumerate change-request statuses",
    tags: [TAG],
    request: { query: languageQuery, headers: languageHeaders },
    responses: {
      ...ok(z.object({ changeRequestStatuses: z.array(statusRef) }).openapi("ChangeRequestStatusesResponse")),
      ...errors(),
    },
  },
);

export function changeRequestRoutes() {
  const routes = dialectRoutes();
  routes.openapi(statuses, (c) => {
    const lang = languageOf(c);
    return c.json({ changeRequestStatuses: STATUS_IDS.map((id) => statusOf(id, lang)) }, 200);
  });
  return routes;
}
