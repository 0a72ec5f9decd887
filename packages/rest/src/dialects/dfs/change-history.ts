import { z } from "@hono/zod-openapi";
import {
  type ChangeHistoryEntry,
  type ChangeHistorySearchInput,
  PERMISSIONS,
  searchContactChangeHistory,
} from "@switchboard/domain";
import type { Context } from "hono";
import type { RestEnv } from "../../env";
import { dialectRoutes, operation } from "../../http/kit";
import { BodyError } from "../../http/request";
import { contactIdOf } from "./refs";
import { errors, int32, iso, languageHeaders, languageQuery, ok, pagedResult, sortOrder } from "./wire";

const TAG = "ContactDetailsChangeHistory";
const contactPath = z.object({ contactId: int32.openapi({ description: "Contact id" }) });

const changeDetail = z
  .object({
    path: z.string(),
    originalValue: z.string().nullable(),
    targetValue: z.string().nullable(),
    isApprovalRequired: z.boolean(),
  })
  .openapi("ChangeDetail");

const searchFields = {
  page: z.number().int().min(1).max(2147483647).nullish(),
  pageSize: z.number().int().min(1).max(1000).nullish(),
  sortOrder: sortOrder.nullish(),
  sortBy: z
    .string()
    .nullish()
    .openapi({ description: "contactChangeSetId, executionDate or initiatorPersonId; default latest first" }),
  executionDateFrom: z.iso.datetime({ offset: true }).nullish(),
  executionDateTo: z.iso.datetime({ offset: true }).nullish(),
  paths: z
    .array(z.string())
    .nullish()
    .openapi({ description: "Submissions with at least one of these paths" }),
};

const v10Request = z
  .object({ ...searchFields, initiatorPersonIds: z.array(z.number().int()).nullish() })
  .openapi("ChangeHistorySearchRequestV10");
const v11Request = z
  .object({ ...searchFields, initiatorPersonUids: z.array(z.uuid()).nullish() })
  .openapi("ChangeHistorySearchRequest");

const v10Entry = z
  .object({
    initiatorPerson: z.object({ id: z.number().int(), name: z.string() }),
    executionDate: z.string(),
    details: z.array(changeDetail),
  })
  .openapi("ChangeHistoryEntryV10");
const v11Entry = z
  .object({
    initiatorPerson: z.object({ uid: z.uuid().nullable(), name: z.string() }),
    executionDate: z.string(),
    details: z.array(changeDetail),
  })
  .openapi("ChangeHistoryEntry");

const DESCRIPTION =
  "Searches details change history given criteria. Changes are returned grouped by submissions. Execution " +
  "date refers to the time the changes took place, regardless of a potential approval process before it.";

const v10 = operation(
  { permissions: [PERMISSIONS.contactView] },
  {
    method: "post",
    path: "/v1.0/contacts/{contactId}/details/change-history/search",
    operationId: "ContactDetailsChangeHistory_SearchV10",
    summary: "Search the details change history (v1.0, int person ids)",
    description: DESCRIPTION,
    deprecated: true,
    tags: [TAG],
    request: {
      params: contactPath,
      query: languageQuery,
      headers: languageHeaders,
      body: { required: false, content: { "application/json": { schema: v10Request } } },
    },
    responses: { ...ok(pagedResult(v10Entry, "PagedResultOfChangeHistoryEntryV10")), ...errors(400, 404) },
  },
);

const V11_PATH = "/v1.1/contacts/{contactId}/details/change-history/search";
const v11Post = operation(
  { permissions: [PERMISSIONS.contactView] },
  {
    method: "post",
    path: V11_PATH,
    operationId: "ContactDetailsChangeHistory_SearchByPost",
    summary: "Search the details change history (person UIDs)",
    description: DESCRIPTION,
    tags: [TAG],
    request: {
      params: contactPath,
      query: languageQuery,
      headers: languageHeaders,
      body: { required: false, content: { "application/json": { schema: v11Request } } },
    },
    responses: { ...ok(pagedResult(v11Entry, "PagedResultOfChangeHistoryEntry")), ...errors(400, 404) },
  },
);

/** The GET form takes the criteria in the query string (arrays repeated or comma-separated), or a JSON body. */
const v11Get = operation(
  { permissions: [PERMISSIONS.contactView] },
  {
    method: "get",
    path: V11_PATH,
    operationId: "ContactDetailsChangeHistory_Search",
    summary: "Search the details change history (person UIDs); criteria in the query string or a JSON body",
    description: DESCRIPTION,
    tags: [TAG],
    request: {
      params: contactPath,
      query: languageQuery.extend({
        page: z.string().optional(),
        pageSize: z.string().optional(),
        sortOrder: z.string().optional(),
        sortBy: z.string().optional(),
        initiatorPersonUids: z.union([z.string(), z.array(z.string())]).optional(),
        executionDateFrom: z.string().optional(),
        executionDateTo: z.string().optional(),
        paths: z.union([z.string(), z.array(z.string())]).optional(),
      }),
      headers: languageHeaders,
    },
    responses: { ...ok(pagedResult(v11Entry, "PagedResultOfChangeHistoryEntry")), ...errors(400, 404) },
  },
);

/** The body, or `{}` when there is none (every criterion is optional). */
async function bodyOf(c: Context<RestEnv>): Promise<unknown> {
  const text = await c.req.text();
  if (!text.trim()) return {};
  try {
    return JSON.parse(text);
  } catch {
    throw new BodyError("malformed", "the body is not valid JSON", undefined, [], "body");
  }
}

function parsed<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success)
    throw new BodyError("invalid", "the body does not match the schema", result.error, [], "body");
  return result.data;
}

/** GET criteria from the query string, typed as the POST body is. */
function queryCriteria(c: Context<RestEnv>): unknown {
  const list = (name: string) => {
    const values = c.req
      .queries(name)
      ?.flatMap((v) => v.split(","))
      .map((v) => v.trim())
      .filter(Boolean);
    return values?.length ? values : undefined;
  };
  const number = (name: string) => {
    const v = c.req.query(name);
    return v === undefined || v === "" ? undefined : Number(v);
  };
  const text = (name: string) => c.req.query(name) || undefined;
  return {
    page: number("page"),
    pageSize: number("pageSize"),
    sortOrder: text("sortOrder"),
    sortBy: text("sortBy"),
    initiatorPersonUids: list("initiatorPersonUids"),
    executionDateFrom: text("executionDateFrom"),
    executionDateTo: text("executionDateTo"),
    paths: list("paths"),
  };
}

type Criteria = Omit<z.output<typeof v11Request>, "initiatorPersonUids"> & {
  initiatorPersonUids?: string[] | null;
  initiatorPersonIds?: number[] | null;
};

async function search(c: Context<RestEnv>, contactId: number, criteria: Criteria) {
  const id = await contactIdOf(c.var.ctx, contactId);
  const input: ChangeHistorySearchInput = {
    page: criteria.page ?? undefined,
    pageSize: criteria.pageSize ?? undefined,
    sortOrder: criteria.sortOrder,
    sortBy: criteria.sortBy,
    initiatorPersonNumbers: criteria.initiatorPersonIds,
    initiatorPersonIds: criteria.initiatorPersonUids,
    executionDateFrom: criteria.executionDateFrom,
    executionDateTo: criteria.executionDateTo,
    paths: criteria.paths,
  };
  return searchContactChangeHistory(c.var.ctx, id, input);
}

const paged = <T>(result: Awaited<ReturnType<typeof search>>, entry: (e: ChangeHistoryEntry) => T) => ({
  results: result.entries.map(entry),
  page: result.page,
  pageSize: result.pageSize,
  pageCount: Math.ceil(result.totalCount / result.pageSize),
  totalCount: result.totalCount,
});

const details = (e: ChangeHistoryEntry) => e.details;
const v10Of = (e: ChangeHistoryEntry) => ({
  initiatorPerson: { id: e.initiator.number ?? 0, name: e.initiator.name },
  executionDate: iso(e.executionDate)!,
  details: details(e),
});
const isUuid = (s: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(s);
const v11Of = (e: ChangeHistoryEntry) => ({
  initiatorPerson: { uid: isUuid(e.initiator.id) ? e.initiator.id : null, name: e.initiator.name },
  executionDate: iso(e.executionDate)!,
  details: details(e),
});

export function changeHistoryRoutes() {
  const routes = dialectRoutes();
  routes.openapi(v10, async (c) => {
    const criteria = parsed(v10Request, await bodyOf(c));
    return c.json(paged(await search(c, c.req.valid("param").contactId, criteria), v10Of), 200);
  });
  routes.openapi(v11Post, async (c) => {
    const criteria = parsed(v11Request, await bodyOf(c));
    return c.json(paged(await search(c, c.req.valid("param").contactId, criteria), v11Of), 200);
  });
  routes.openapi(v11Get, async (c) => {
    const raw = Number(c.req.header("content-length") ?? 0) > 0 ? await bodyOf(c) : queryCriteria(c);
    const criteria = parsed(v11Request, raw);
    return c.json(paged(await search(c, c.req.valid("param").contactId, criteria), v11Of), 200);
  });
  return routes;
}
