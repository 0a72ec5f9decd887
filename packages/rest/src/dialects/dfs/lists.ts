import { z } from "@hono/zod-openapi";
import { type ListItem, listItems, lookupListItems } from "@switchboard/domain";
import { dialectRoutes, operation } from "../../http/kit";
import { languageOf } from "./language";
import { errors, jsonBody, languageHeaders, languageQuery, ok } from "./wire";

const TAG = "Lists";

const listItem = z
  .object({
    id: z.number().int(),
    uid: z.uuid(),
    label: z.string().openapi({ description: "Localized" }),
    key: z.string(),
    customAttributes: z.string().nullable().openapi({ description: "Serialized JSON, or null" }),
  })
  .openapi("ListItem");

const wireItem = ({ id, uid, label, key, customAttributes }: ListItem) => ({
  id,
  uid,
  label,
  key,
  customAttributes,
});

const lookup = operation("authenticated", {
  method: "post",
  path: "/v1.0/lists/{listKey}/lookup",
  operationId: "Lists_Lookup",
  summary:
    "Retrieve top results from a list given a lookup term, optionally only the children of a list item " +
    "(for example the states of a country)",
  tags: [TAG],
  request: {
    params: z.object({ listKey: z.string().min(1).max(200) }),
    query: languageQuery,
    headers: languageHeaders,
    ...jsonBody(
      z
        .object({
          filter: z.string().max(1000).nullish().openapi({ description: "Lookup term" }),
          limit: z.number().int().min(0).max(1000).nullish().openapi({ description: "Default 10" }),
          includeId: z.number().int().nullish().openapi({ description: "Always include this item" }),
          isFilteredByHierarchy: z.boolean().nullish(),
          hierarchyListItemId: z.number().int().nullish().openapi({ description: "Parent list item id" }),
        })
        .openapi("LookupRequest"),
    ),
  },
  responses: {
    ...ok(z.object({ items: z.array(listItem), totalCount: z.number().int() }).openapi("LookupResponse")),
    ...errors(400, 404),
  },
});

const items = operation("authenticated", {
  method: "post",
  path: "/v1.0/lists/items",
  operationId: "Lists_GetItems",
  summary: "Retrieves list items for the specified lists; all lists when none are specified",
  tags: [TAG],
  request: {
    query: languageQuery,
    headers: languageHeaders,
    body: {
      required: false,
      content: {
        "application/json": {
          schema: z
            .object({ listKeys: z.array(z.string().max(200)).max(100).nullish() })
            .openapi("ListItemsRequest"),
        },
      },
    },
  },
  responses: {
    ...ok(
      z
        .object({ items: z.array(z.object({ listKey: z.string(), listItems: z.array(listItem) })) })
        .openapi("ListItemsResponse"),
    ),
    ...errors(400, 404),
  },
});

export function listRoutes() {
  const routes = dialectRoutes();
  routes.openapi(items, (c) => {
    const body = c.req.valid("json") as { listKeys?: string[] | null } | undefined;
    const lists = listItems(c.var.ctx, body?.listKeys, languageOf(c));
    return c.json(
      { items: lists.map((l) => ({ listKey: l.listKey, listItems: l.listItems.map(wireItem) })) },
      200,
    );
  });
  routes.openapi(lookup, (c) => {
    const found = lookupListItems(
      c.var.ctx,
      c.req.valid("param").listKey,
      c.req.valid("json"),
      languageOf(c),
    );
    return c.json({ items: found.items.map(wireItem), totalCount: found.totalCount }, 200);
  });
  return routes;
}
