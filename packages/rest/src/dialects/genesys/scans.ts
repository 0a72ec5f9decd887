import {
  type Context as DomainContext,
  divisionView,
  PERMISSIONS,
  scanContacts,
  scanNotes,
  scanOrganizations,
  scanRelationships,
} from "@switchboard/domain";
import type { Context } from "hono";
import { z } from "zod";
import type { RestEnv } from "../../env";
import { dialectRoutes } from "../../http/kit";
import { wireContacts } from "./contacts";
import { BASE, noteToWire, organizationToWire, relationshipToWire } from "./mappers";
import { genesysOperation } from "./operations";
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

/** Every scan's paging parameters; the per-division scans also take the division. */
const CURSOR_QUERY = [
  { name: "limit", description: "10 to 200, default 100", integer: true },
  { name: "cursor", description: "cursors.after of the previous page (valid 24 h)" },
];
const DIVISION_QUERY = { name: "divisionId", description: "A division id, or * for every division" };

const SCAN_OPERATIONS = {
  getExternalcontactsScanContacts: genesysOperation(
    { permissions: [PERMISSIONS.contactView] },
    {
      method: "get",
      path: "/contacts",
      operationId: "getExternalcontactsScanContacts",
      summary: "Scan for contacts using paging",
      query: [...CURSOR_QUERY, DIVISION_QUERY],
      status: 200,
    },
  ),
  getExternalcontactsScanContactsDivisionviewsAll: genesysOperation(
    { permissions: [PERMISSIONS.contactViewAll] },
    {
      method: "get",
      path: "/contacts/divisionviews/all",
      operationId: "getExternalcontactsScanContactsDivisionviewsAll",
      summary:
        "Scan for contacts across every division; only for a caller whose roles are limited to no division",
      query: CURSOR_QUERY,
      status: 200,
      response: "CursorContactListing",
    },
  ),
  getExternalcontactsScanOrganizations: genesysOperation(
    { permissions: [PERMISSIONS.organizationView] },
    {
      method: "get",
      path: "/organizations",
      operationId: "getExternalcontactsScanOrganizations",
      summary: "Scan for organizations using paging",
      query: [...CURSOR_QUERY, DIVISION_QUERY],
      status: 200,
    },
  ),
  getExternalcontactsScanOrganizationsDivisionviewsAll: genesysOperation(
    { permissions: [PERMISSIONS.organizationViewAll] },
    {
      method: "get",
      path: "/organizations/divisionviews/all",
      operationId: "getExternalcontactsScanOrganizationsDivisionviewsAll",
      summary:
        "Scan for organizations across every division; only for a caller whose roles are limited to no division",
      query: CURSOR_QUERY,
      status: 200,
      response: "CursorOrganizationListing",
    },
  ),
  getExternalcontactsScanNotes: genesysOperation(
    { permissions: [PERMISSIONS.contactView] },
    {
      method: "get",
      path: "/notes",
      operationId: "getExternalcontactsScanNotes",
      summary: "Scan for notes using paging",
      query: [...CURSOR_QUERY, DIVISION_QUERY],
      status: 200,
    },
  ),
  getExternalcontactsScanNotesDivisionviewsAll: genesysOperation(
    { permissions: [PERMISSIONS.contactViewAll] },
    {
      method: "get",
      path: "/notes/divisionviews/all",
      operationId: "getExternalcontactsScanNotesDivisionviewsAll",
      summary:
        "Scan for notes across every division; only for a caller whose roles are limited to no division",
      query: CURSOR_QUERY,
      status: 200,
      response: "CursorNoteListing",
    },
  ),
  getExternalcontactsScanRelationships: genesysOperation(
    { permissions: [PERMISSIONS.contactView] },
    {
      method: "get",
      path: "/relationships",
      operationId: "getExternalcontactsScanRelationships",
      summary: "Scan for relationships using paging",
      query: [...CURSOR_QUERY, DIVISION_QUERY],
      status: 200,
    },
  ),
  getExternalcontactsScanRelationshipsDivisionviewsAll: genesysOperation(
    { permissions: [PERMISSIONS.contactViewAll] },
    {
      method: "get",
      path: "/relationships/divisionviews/all",
      operationId: "getExternalcontactsScanRelationshipsDivisionviewsAll",
      summary:
        "Scan for relationships across every division; only for a caller whose roles are limited to no division",
      query: CURSOR_QUERY,
      status: 200,
      response: "CursorRelationshipListing",
    },
  ),
};

/**
 * `/scan/*`: every record of a kind, a page at a time, with cursors that never skip or repeat a record; and
 * `/scan/{kind}/divisionviews/all`, the same scan over every division for a caller allowed to see them all.
 */
export function scanRoutes() {
  const app = dialectRoutes();
  for (const kind of kinds) {
    const name = `${kind.path[0]!.toUpperCase()}${kind.path.slice(1)}`;
    const op = (view: "" | "DivisionviewsAll") =>
      SCAN_OPERATIONS[`getExternalcontactsScan${name}${view}` as keyof typeof SCAN_OPERATIONS];
    app.openapi(op(""), async (c) => {
      const page = await kind.page(c.get("ctx"), paramsOf(c));
      return c.json(cursorListing(c, kind.path, page.entities, page.nextCursor));
    });
    app.openapi(op("DivisionviewsAll"), async (c) => {
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
