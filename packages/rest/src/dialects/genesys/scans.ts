import {
  type Context as DomainContext,
  divisionView,
  scanContacts,
  scanNotes,
  scanOrganizations,
  scanRelationships,
} from "@switchboard/domain";
import { type Context, Hono } from "hono";
import { z } from "zod";
import type { RestEnv } from "../../env";
import { wireContacts } from "./contacts";
import { BASE, noteToWire, organizationToWire, relationshipToWire } from "./mappers";
import type { Operation } from "./openapi";
import { integerParam } from "./query";
import {
  cursorListing as cursorEnvelope,
  errorBody,
  externalContactOut,
  externalOrganizationOut,
  note,
  relationship,
} from "./wire";

/** The scan cursor envelope: `cursors.after` (and `nextUri`) only while more pages follow. */
function cursorListing<T>(
  c: Context<RestEnv>,
  path: string,
  entities: T[],
  nextCursor: string | null,
  keys = ["limit", "divisionId"],
) {
  const uri = (cursor?: string) => {
    const params = new URLSearchParams();
    for (const key of keys) {
      const value = c.req.query(key);
      if (value) params.set(key, value);
    }
    if (cursor) params.set("cursor", cursor);
    const query = params.toString();
    return `${BASE}/scan/${path}${query ? `?${query}` : ""}`;
  };
  return {
    entities,
    selfUri: uri(c.req.query("cursor")),
    ...(nextCursor && { nextUri: uri(nextCursor), cursors: { after: nextCursor } }),
  };
}

const paramsOf = (c: Context<RestEnv>) => ({
  limit: integerParam(c, "limit", 100, { min: 10, max: 200 }),
  cursor: c.req.query("cursor"),
  divisionId: c.req.query("divisionId"),
});

type ScanInput = NonNullable<Parameters<typeof scanContacts>[1]>;

interface Kind {
  path: "contacts" | "organizations" | "notes" | "relationships";
  /** One page of the kind's scan, as wire entities. */
  page: (
    ctx: DomainContext,
    params: ScanInput,
  ) => Promise<{ entities: unknown[]; nextCursor: string | null }>;
}

const kinds: Kind[] = [
  {
    path: "contacts",
    page: async (ctx, params) => {
      const page = await scanContacts(ctx, params);
      return { ...page, entities: await wireContacts(ctx, page.entities, new Set()) };
    },
  },
  {
    path: "organizations",
    page: async (ctx, params) => {
      const page = await scanOrganizations(ctx, params);
      return { ...page, entities: page.entities.map((o) => organizationToWire(o)) };
    },
  },
  {
    path: "notes",
    page: async (ctx, params) => {
      const page = await scanNotes(ctx, params);
      return { ...page, entities: page.entities.map(noteToWire) };
    },
  },
  {
    path: "relationships",
    page: async (ctx, params) => {
      const page = await scanRelationships(ctx, params);
      return { ...page, entities: page.entities.map(relationshipToWire) };
    },
  },
];

/**
 * `/scan/*`: every record of a kind, a page at a time, with cursors that never skip or repeat a record; and
 * `/scan/{kind}/divisionviews/all`, the same scan over every division for a caller allowed to see them all.
 */
export function scanRoutes() {
  const app = new Hono<RestEnv>();
  for (const kind of kinds) {
    app.get(`/${kind.path}`, async (c) => {
      const page = await kind.page(c.get("ctx"), paramsOf(c));
      return c.json(cursorListing(c, kind.path, page.entities, page.nextCursor));
    });
    app.get(`/${kind.path}/divisionviews/all`, async (c) => {
      const ctx = divisionView(c.get("ctx"), kind.path);
      const { limit, cursor } = paramsOf(c);
      const page = await kind.page(ctx, { limit, cursor });
      const path = `${kind.path}/divisionviews/all`;
      return c.json(cursorListing(c, path, page.entities, page.nextCursor, ["limit"]));
    });
  }
  return app;
}

// ------------------------------------------------------------------------------------------- reference

const cursors = z.object({ before: z.string().optional(), after: z.string().optional() });
const scanListing = <T extends z.ZodType>(entity: T) =>
  cursorEnvelope(entity).extend({ cursors: cursors.optional() });
const bulkFetchResponse = <T extends z.ZodType>(entity: T) =>
  z.object({
    results: z.array(
      z.object({
        id: z.string().optional(),
        success: z.boolean(),
        status: z.number().int(),
        entity: entity.optional(),
        error: errorBody.partial().optional(),
      }),
    ),
    errorCount: z.number().int(),
    errorIndexes: z.array(z.number().int()),
  });

export const DIVISION_VIEW_SCHEMAS = {
  CursorContactListing: scanListing(externalContactOut),
  CursorOrganizationListing: scanListing(externalOrganizationOut),
  CursorNoteListing: scanListing(note),
  CursorRelationshipListing: scanListing(relationship),
  BulkIdsRequest: z.object({ entities: z.array(z.object({ id: z.string() })) }),
  BulkFetchContactsResponse: bulkFetchResponse(externalContactOut),
  BulkFetchOrganizationsResponse: bulkFetchResponse(externalOrganizationOut),
};

const scanViewQuery = [
  { name: "limit", description: "10 to 200, default 100", integer: true },
  { name: "cursor", description: "cursors.after of the previous page (valid 24 h)" },
];
const EVERY_DIVISION = "every division; only for a caller whose roles are limited to no division";

/** The division views of the current SDK (§5), for the operation table in openapi.ts. */
export const DIVISION_VIEW_OPERATIONS: Operation[] = [
  ...(
    [
      ["Contacts", "contacts", "externalContacts:contact:viewAll", "CursorContactListing"],
      [
        "Organizations",
        "organizations",
        "externalContacts:externalOrganization:viewAll",
        "CursorOrganizationListing",
      ],
      ["Notes", "notes", "externalContacts:contact:viewAll", "CursorNoteListing"],
      ["Relationships", "relationships", "externalContacts:contact:viewAll", "CursorRelationshipListing"],
    ] as const
  ).map(
    ([name, path, permission, response]): Operation => ({
      method: "get",
      path: `${BASE}/scan/${path}/divisionviews/all`,
      operationId: `getExternalcontactsScan${name}DivisionviewsAll`,
      summary: `Scan for ${path} across ${EVERY_DIVISION}`,
      permissions: [permission],
      query: scanViewQuery,
      status: 200,
      response,
    }),
  ),
  ...(
    [
      ["Contacts", "contacts", "externalContacts:contact:search", "BulkFetchContactsResponse"],
      [
        "Organizations",
        "organizations",
        "externalContacts:externalOrganization:search",
        "BulkFetchOrganizationsResponse",
      ],
    ] as const
  ).map(
    ([name, path, permission, response]): Operation => ({
      method: "post",
      path: `${BASE}/bulk/${path}/divisionviews`,
      operationId: `postExternalcontactsBulk${name}Divisionviews`,
      summary: `Bulk fetch ${path} across ${EVERY_DIVISION} (at most 100 items; per-item results)`,
      permissions: [permission],
      body: "BulkIdsRequest",
      status: 200,
      response,
    }),
  ),
];
