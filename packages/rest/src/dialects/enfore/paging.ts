import { z } from "@hono/zod-openapi";
import type { Problem } from "./errors";

/** `limit` 1..5000 (default 200) and `offset` ≥ 0 (default 0) of the paged lists (reference §2.4). */
export const PagingQuerySchema = z.object({
  limit: z.coerce
    .number()
    .int("limit must be a whole number")
    .min(1, "limit must be between 1 and 5000")
    .max(5000, "limit must be between 1 and 5000")
    .default(200)
    .openapi({ param: { name: "limit", in: "query" }, example: 200 }),
  offset: z.coerce
    .number()
    .int("offset must be a whole number")
    .min(0, "offset must be 0 or more")
    .max(Number.MAX_SAFE_INTEGER, "offset is too large")
    .default(0)
    .openapi({ param: { name: "offset", in: "query" }, example: 0 }),
});
export type Paging = z.infer<typeof PagingQuerySchema>;

/** A page of a list whose entries are items or problems: both count toward `limit` and `offset` (§2.4). */
export function pageOf<T>(
  entries: ({ item: T } | { problem: Problem })[],
  { limit, offset }: Paging,
): { items: T[]; problems: Problem[] } {
  const page = entries.slice(offset, offset + limit);
  return {
    items: page.flatMap((e) => ("item" in e ? [e.item] : [])),
    problems: page.flatMap((e) => ("problem" in e ? [e.problem] : [])),
  };
}

/** The envelope of a list without problems. */
export const envelope = <T>(items: T[]) => ({ items, problems: [] as Problem[] });
