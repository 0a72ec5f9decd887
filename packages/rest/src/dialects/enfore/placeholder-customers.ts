import { z } from "@hono/zod-openapi";
import {
  createPlaceholderCustomer,
  deletePlaceholderCustomer,
  getPlaceholderCustomer,
  listPlaceholderCustomers,
  PERMISSIONS,
  updatePlaceholderCustomer,
} from "@switchboard/domain";
import { dialectRoutes, operation } from "../../http/kit";
import { PagingQuerySchema } from "./paging";
import {
  PlaceholderCustomerInputSchema,
  PlaceholderCustomerSchema,
  placeholderFromWire,
  placeholderToWire,
} from "./profile-wire";
import { body, errors, json, noContent, OrgParams, orgId, pathParam } from "./routes";
import { listOf } from "./wire";

// Placeholder customers (ops 113–117; their images are in images.ts): customer records that are not contacts.
// Delete is a soft delete: the record still reads and lists with `deleted: true`, and a PUT or second DELETE is
// 404. `customer_id` and `external_id` are unique among the org's live placeholder customers (422).

const TAGS = ["Placeholder customers"];
const P = PERMISSIONS;
const ItemParams = z.object({
  "org-id": orgId,
  "placeholder-customer-id": pathParam("placeholder-customer-id", "ID of the placeholder customer"),
});
const PATH = "/org/{org-id}/placeholder-customers";

export function placeholderCustomerRoutes() {
  const routes = dialectRoutes();

  routes.openapi(
    operation(
      { permissions: [P.placeholderCustomerView] },
      {
        method: "get",
        path: PATH,
        operationId: "listPlaceholderCustomers",
        summary: "List placeholder customers (paged)",
        tags: TAGS,
        request: { params: OrgParams, query: PagingQuerySchema },
        responses: {
          200: json(
            listOf(PlaceholderCustomerSchema, "PlaceholderCustomers"),
            "PlaceholderCustomers are successfully returned",
          ),
          ...errors(400, 403),
        },
      },
    ),
    async (c) => {
      const items = await listPlaceholderCustomers(c.var.ctx, c.req.valid("query"));
      return c.json({ items: items.map(placeholderToWire), problems: [] }, 200);
    },
  );

  routes.openapi(
    operation(
      { permissions: [P.placeholderCustomerAdd] },
      {
        method: "post",
        path: PATH,
        operationId: "createPlaceholderCustomer",
        summary: "Create placeholder customer",
        tags: TAGS,
        request: { params: OrgParams, body: body(PlaceholderCustomerInputSchema) },
        responses: {
          201: json(PlaceholderCustomerSchema, "PlaceholderCustomer has successfully been added"),
          ...errors(400, 403, 422),
        },
      },
    ),
    async (c) => {
      const created = await createPlaceholderCustomer(c.var.ctx, placeholderFromWire(c.req.valid("json")));
      return c.json(placeholderToWire(created), 201);
    },
  );

  routes.openapi(
    operation(
      { permissions: [P.placeholderCustomerView] },
      {
        method: "get",
        path: `${PATH}/{placeholder-customer-id}`,
        operationId: "getPlaceholderCustomer",
        summary: "Get placeholder customer (a deleted one reads with deleted: true)",
        tags: TAGS,
        request: { params: ItemParams },
        responses: {
          200: json(PlaceholderCustomerSchema, "PlaceholderCustomer is successfully returned"),
          ...errors(403, 404, 422),
        },
      },
    ),
    async (c) => {
      const found = await getPlaceholderCustomer(c.var.ctx, c.req.valid("param")["placeholder-customer-id"]);
      return c.json(placeholderToWire(found), 200);
    },
  );

  routes.openapi(
    operation(
      { permissions: [P.placeholderCustomerEdit] },
      {
        method: "put",
        path: `${PATH}/{placeholder-customer-id}`,
        operationId: "updatePlaceholderCustomer",
        summary: "Full update of placeholder customer",
        tags: TAGS,
        request: { params: ItemParams, body: body(PlaceholderCustomerInputSchema) },
        responses: {
          200: json(PlaceholderCustomerSchema, "PlaceholderCustomer was successfully updated"),
          ...errors(400, 403, 404, 422),
        },
      },
    ),
    async (c) => {
      const updated = await updatePlaceholderCustomer(
        c.var.ctx,
        c.req.valid("param")["placeholder-customer-id"],
        placeholderFromWire(c.req.valid("json")),
      );
      return c.json(placeholderToWire(updated), 200);
    },
  );

  routes.openapi(
    operation(
      { permissions: [P.placeholderCustomerDelete] },
      {
        method: "delete",
        path: `${PATH}/{placeholder-customer-id}`,
        operationId: "deletePlaceholderCustomer",
        summary: "Delete placeholder customer (soft: it still reads, with deleted: true)",
        tags: TAGS,
        request: { params: ItemParams },
        responses: { 204: noContent("PlaceholderCustomer"), ...errors(403, 404, 422) },
      },
    ),
    async (c) => {
      await deletePlaceholderCustomer(c.var.ctx, c.req.valid("param")["placeholder-customer-id"]);
      return c.body(null, 204);
    },
  );

  return routes;
}
