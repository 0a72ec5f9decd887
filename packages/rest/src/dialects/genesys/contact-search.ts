import { CONTACT_SORT_FIELDS, type ContactSortField, PERMISSIONS, searchContacts } from "@switchboard/domain";
import { z } from "zod";
import { dialectRoutes } from "../../http/kit";
import { readJson } from "../../http/request";
import { CONTACT_EXPANDS, wireContacts } from "./contacts";
import { inWireTerms } from "./errors";
import { BASE } from "./mappers";
import { genesysOperation } from "./operations";

const sortKey = z
  .string()
  .regex(
    new RegExp(`^(${CONTACT_SORT_FIELDS.join("|")})(:(asc|desc|ASC|DESC))?$`),
    `must be field:asc or field:desc with field one of ${CONTACT_SORT_FIELDS.join(", ")}`,
  );

/** `ContactSearchRequest`: the body form of `GET /contacts` (same paging limits, `ids` to search among). */
export const contactSearchRequest = z
  .object({
    pageNumber: z.number().int().min(1).max(1000).optional(),
    pageSize: z.number().int().min(1).max(1000).optional(),
    divisionIds: z.array(z.string()).max(50).optional(),
    expand: z.array(z.enum(CONTACT_EXPANDS)).optional(),
    operation: z
      .object({
        simpleSearch: z
          .object({
            query: z.string().optional(),
            sortOrder: z.array(sortKey).max(CONTACT_SORT_FIELDS.length).optional(),
            ids: z.array(z.string()).max(1000).optional(),
          })
          .optional(),
      })
      .optional(),
  })
  .refine((r) => (r.pageNumber ?? 1) * (r.pageSize ?? 20) <= 1000, {
    path: ["pageNumber"],
    message: "pageNumber * pageSize must be less than or equal to 1000",
  });

/** The domain search's field names as the body names them. */
const wirePath = (path: string) =>
  path === "q"
    ? "operation.simpleSearch.query"
    : path.startsWith("ids")
      ? `operation.simpleSearch.${path}`
      : path;

const postExternalcontactsContactsSearch = genesysOperation(
  { permissions: [PERMISSIONS.contactView] },
  {
    method: "post",
    path: "/contacts/search",
    operationId: "postExternalcontactsContactsSearch",
    summary: "Search contacts (the body form of GET /contacts: query, sortOrder, ids, divisionIds, expand)",
    body: "ContactSearchRequest",
    status: 200,
    response: "ContactListing",
  },
);

/** `POST /contacts/search`: the same search as `GET /contacts`, asked in a body (`ContactListing`). */
export function contactSearchRoutes() {
  const app = dialectRoutes();
  app.openapi(postExternalcontactsContactsSearch, async (c) => {
    const body = await readJson(c, contactSearchRequest);
    const search = body.operation?.simpleSearch;
    const ctx = c.get("ctx");
    const page = await inWireTerms(wirePath, () =>
      searchContacts(ctx, {
        q: search?.query,
        pageSize: body.pageSize ?? 20,
        pageNumber: body.pageNumber ?? 1,
        sort: search?.sortOrder?.map((key) => {
          const [field, direction = "asc"] = key.split(":");
          return { field: field as ContactSortField, direction: direction!.toLowerCase() as "asc" | "desc" };
        }),
        // Empty lists ask for no filter, as absent ones do.
        divisionIds: body.divisionIds?.length ? body.divisionIds : undefined,
        ids: search?.ids?.length ? search.ids : undefined,
      }),
    );
    const entities = await wireContacts(ctx, page.entities, new Set(body.expand));
    return c.json({
      entities,
      pageSize: page.pageSize,
      pageNumber: page.pageNumber,
      total: page.total,
      pageCount: Math.max(1, Math.ceil(page.total / page.pageSize)),
      selfUri: `${BASE}/contacts/search`,
    });
  });
  return app;
}

export const CONTACT_SEARCH_SCHEMAS = { ContactSearchRequest: contactSearchRequest };
