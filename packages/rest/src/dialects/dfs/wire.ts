import { z } from "@hono/zod-openapi";
import type { Language } from "./language";

/**
 * Shared DFS wire shapes: the `ApiError` body, int32 path ids, `PagedResult`, the optional `language` query
 * and `Accept-Language` header every operation takes, and references to members and contacts in the v1.0
 * (`id`) and v1.1 (`uId` / `uid`) spellings.
 */
export const apiError = z
  .object({
    code: z.string().openapi({ example: "BadRequest" }),
    subCode: z.string().openapi({ example: "NA" }),
    message: z.string().openapi({ example: "The request was not in the required format" }),
    correlationId: z.string().openapi({ example: "30d3ebc0b5cb47b0889850bbdfe4aec6" }),
  })
  .openapi("ApiError");

const errorResponse = {
  description: "ApiError",
  content: { "application/json": { schema: apiError } },
} as const;

type ErrorStatus = 400 | 401 | 403 | 404 | 422 | 500;

/** The error responses of an operation (every DFS operation can fail with `ApiError`; 401, 403, 500 always). */
export const errors = <S extends ErrorStatus[]>(...statuses: S) =>
  Object.fromEntries([...new Set([401, 403, 500, ...statuses])].map((s) => [s, errorResponse])) as Record<
    S[number] | 401 | 403 | 500,
    typeof errorResponse
  >;

// `as const` keeps the status and media type literal, so handlers are typed against the schema.
export const ok = <S extends z.ZodType>(schema: S, description = "Success") =>
  ({ 200: { description, content: { "application/json": { schema } } } }) as const;

export const noContent = { 204: { description: "No Content" } } as const;

export const jsonBody = <S extends z.ZodType>(schema: S) =>
  ({ body: { required: true, content: { "application/json": { schema } } } }) as const;

/** An int32 id in a path (`contactId`, `changeRequestId`): a number that is not one names no record. */
export const int32 = z.coerce.number().int().min(-2147483648).max(2147483647);

/** The optional localization inputs of every operation (§1.8). */
export const languageQuery = z.object({
  language: z
    .string()
    .max(35)
    .optional()
    .openapi({ description: "ISO 639-1 code; wins over Accept-Language" }),
});
export const languageHeaders = z.object({
  "accept-language": z.string().max(500).optional(),
});

export const sortOrder = z.enum(["Ascending", "Descending"]);

/** DFS `PagedResult<T>` (§3.1): 1-based `page`, `pageCount = ceil(totalCount / pageSize)`. */
export const pagedResult = <S extends z.ZodType>(item: S, name: string) =>
  z
    .object({
      results: z.array(item),
      page: z.number().int(),
      pageSize: z.number().int(),
      pageCount: z.number().int(),
      totalCount: z.number().int(),
    })
    .openapi(name);

export function paged<T>(results: T[], page: number, pageSize: number, totalCount: number) {
  return { results, page, pageSize, pageCount: Math.ceil(totalCount / pageSize), totalCount };
}

/** Paging inputs of a search body: `page` from 1 (default 1), `pageSize` 1..1000 (default 10). */
export const pagingFields = {
  page: z.number().int().min(1).max(2147483647).default(1),
  pageSize: z.number().int().min(1).max(1000).default(10),
};

export const statusRef = z.object({ id: z.number().int(), name: z.string() });
export const memberRefV10 = z.object({ id: z.number().int(), name: z.string() });
export const memberRefUId = z.object({ uId: z.uuid(), name: z.string() });
export const memberRefUid = z.object({ uid: z.uuid(), name: z.string() });
export const contactRef = z.object({ id: z.number().int(), uId: z.uuid(), name: z.string().nullable() });

/** A member (or app) as the domain knows it: its uuid, number and name. */
export interface Party {
  id: string;
  number: number | null;
  name: string;
}

/** A member reference in the spelling the operation uses: v1.0 `{id}`, v1.1 `{uId}` or `{uid}`. */
export type RefStyle = "id" | "uId" | "uid";
export function memberRef(party: Party, style: "id"): { id: number; name: string };
export function memberRef(party: Party, style: "uId"): { uId: string; name: string };
export function memberRef(party: Party, style: "uid"): { uid: string; name: string };
export function memberRef(party: Party, style: RefStyle) {
  if (style === "id") return { id: party.number ?? 0, name: party.name };
  return style === "uId" ? { uId: party.id, name: party.name } : { uid: party.id, name: party.name };
}

export const iso = (date: Date | null | undefined) => (date ? date.toISOString() : null);

export type { Language };
