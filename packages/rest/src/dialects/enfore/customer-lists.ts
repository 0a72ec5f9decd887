import { z } from "@hono/zod-openapi";
import {
  addCustomerListMembers,
  createCustomerList,
  deleteCustomerList,
  getCustomerList,
  listCustomerListMembers,
  listCustomerLists,
  PERMISSIONS,
  removeCustomerListMember,
  updateCustomerList,
} from "@switchboard/domain";
import { dialectRoutes, operation } from "../../http/kit";
import { problem } from "./errors";
import { PagingQuerySchema } from "./paging";
import {
  CustomerListItemsInputSchema,
  CustomerListItemsSchema,
  CustomerListMetaInputSchema,
  CustomerListMetaSchema,
  customerListToWire,
} from "./profile-wire";
import { body, contactId, errors, json, noContent, OrgParams, orgId, pathParam } from "./routes";
import { listOf } from "./wire";

// Customer lists (ops 121–128): named lists of contact refs (individuals and organizations). Adding refs answers
// 200 with the refs now on the list and, as `problems`, those that could not be added (no such contact, or a
// deleted one); adding a member again is a no-op. The items page counts members deleted since they were added as
// problems, toward `limit` and `offset` like items.

const TAGS = ["Customer lists"];
const P = PERMISSIONS;
const PATH = "/org/{org-id}/customer-lists";
const listId = pathParam("list-id", "ID of the customer list");
const ListParams = z.object({ "org-id": orgId, "list-id": listId });
const ItemParams = z.object({ "org-id": orgId, "list-id": listId, "contact-id": contactId });

export function customerListRoutes() {
  const routes = dialectRoutes();

  routes.openapi(
    operation(
      { permissions: [P.customerListView] },
      {
        method: "get",
        path: PATH,
        operationId: "listCustomerLists",
        summary: "List customer lists (meta data)",
        tags: TAGS,
        request: { params: OrgParams },
        responses: {
          200: json(listOf(CustomerListMetaSchema, "CustomerListMetas"), "Customer lists meta data"),
          ...errors(403, 404),
        },
      },
    ),
    async (c) => {
      const lists = await listCustomerLists(c.var.ctx);
      return c.json({ items: lists.map(customerListToWire), problems: [] }, 200);
    },
  );

  routes.openapi(
    operation(
      { permissions: [P.customerListAdd] },
      {
        method: "post",
        path: PATH,
        operationId: "createCustomerList",
        summary: "Create customer list",
        tags: TAGS,
        request: { params: OrgParams, body: body(CustomerListMetaInputSchema) },
        responses: {
          201: json(CustomerListMetaSchema, "Created customer list meta data"),
          ...errors(400, 403, 404),
        },
      },
    ),
    async (c) => c.json(customerListToWire(await createCustomerList(c.var.ctx, c.req.valid("json"))), 201),
  );

  routes.openapi(
    operation(
      { permissions: [P.customerListView] },
      {
        method: "get",
        path: `${PATH}/{list-id}`,
        operationId: "getCustomerList",
        summary: "Get customer list meta data",
        tags: TAGS,
        request: { params: ListParams },
        responses: {
          200: json(CustomerListMetaSchema, "Meta data of single customer list"),
          ...errors(400, 403, 404),
        },
      },
    ),
    async (c) =>
      c.json(customerListToWire(await getCustomerList(c.var.ctx, c.req.valid("param")["list-id"])), 200),
  );

  routes.openapi(
    operation(
      { permissions: [P.customerListEdit] },
      {
        method: "put",
        path: `${PATH}/{list-id}`,
        operationId: "updateCustomerList",
        summary: "Update customer list meta data",
        tags: TAGS,
        request: { params: ListParams, body: body(CustomerListMetaInputSchema) },
        responses: {
          200: json(CustomerListMetaSchema, "Updated customer list meta data"),
          ...errors(400, 403, 404),
        },
      },
    ),
    async (c) => {
      const updated = await updateCustomerList(
        c.var.ctx,
        c.req.valid("param")["list-id"],
        c.req.valid("json"),
      );
      return c.json(customerListToWire(updated), 200);
    },
  );

  routes.openapi(
    operation(
      { permissions: [P.customerListDelete] },
      {
        method: "delete",
        path: `${PATH}/{list-id}`,
        operationId: "deleteCustomerList",
        summary: "Delete customer list (with its items; the contacts stay)",
        tags: TAGS,
        request: { params: ListParams },
        responses: { 204: noContent("Customer list has been deleted"), ...errors(400, 403, 404) },
      },
    ),
    async (c) => {
      await deleteCustomerList(c.var.ctx, c.req.valid("param")["list-id"]);
      return c.body(null, 204);
    },
  );

  routes.openapi(
    operation(
      { permissions: [P.customerListView] },
      {
        method: "get",
        path: `${PATH}/{list-id}/items`,
        operationId: "listCustomerListItems",
        summary: "List items (contact refs) of customer list (paged)",
        tags: TAGS,
        request: { params: ListParams, query: PagingQuerySchema },
        responses: {
          200: json(CustomerListItemsSchema, "Returns a customer list's items"),
          ...errors(400, 403, 404),
        },
      },
    ),
    async (c) => {
      const members = await listCustomerListMembers(
        c.var.ctx,
        c.req.valid("param")["list-id"],
        c.req.valid("query"),
      );
      return c.json(
        {
          items: members.filter((m) => m.live).map((m) => ({ id: m.id })),
          problems: members
            .filter((m) => !m.live)
            .map((m) => problem(404, `contact ${m.id} on the list has been deleted`)),
        },
        200,
      );
    },
  );

  routes.openapi(
    operation(
      { permissions: [P.customerListEdit] },
      {
        method: "post",
        path: `${PATH}/{list-id}/items`,
        operationId: "addCustomerListItems",
        summary: "Add items (contact refs) to customer list",
        tags: TAGS,
        request: { params: ListParams, body: body(CustomerListItemsInputSchema) },
        responses: {
          200: json(CustomerListItemsSchema, "Add item to customer"),
          ...errors(400, 403, 404),
        },
      },
    ),
    async (c) => {
      const refs = c.req.valid("json").items.map((r) => r.id);
      const added = await addCustomerListMembers(c.var.ctx, c.req.valid("param")["list-id"], refs);
      return c.json(
        {
          items: added.items.map((m) => ({ id: m.id })),
          problems: added.problems.map((p) => problem(404, `no contact ${p.id}: it was not added`)),
        },
        200,
      );
    },
  );

  routes.openapi(
    operation(
      { permissions: [P.customerListEdit] },
      {
        method: "delete",
        path: `${PATH}/{list-id}/items/{contact-id}`,
        operationId: "removeCustomerListItem",
        summary: "Remove contact from customer list",
        tags: TAGS,
        request: { params: ItemParams },
        responses: { 204: noContent("Item has been successfully removed"), ...errors(403, 404) },
      },
    ),
    async (c) => {
      const p = c.req.valid("param");
      await removeCustomerListMember(c.var.ctx, p["list-id"], p["contact-id"]);
      return c.body(null, 204);
    },
  );

  return routes;
}
