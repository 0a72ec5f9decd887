import type { Context } from "hono";
import { badRequest } from "./errors";

/** A multi-valued query parameter: repeated keys (`?expand=a&expand=b`) and comma-separated values both work. */
export function multi(c: Context, name: string): string[] {
  return (c.req.queries(name) ?? [])
    .flatMap((v) => v.split(","))
    .map((v) => v.trim())
    .filter(Boolean);
}

export function integerParam(
  c: Context,
  name: string,
  fallback: number,
  bounds: { min: number; max?: number },
): number {
  const raw = c.req.query(name);
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < bounds.min || (bounds.max !== undefined && value > bounds.max)) {
    const range =
      bounds.max === undefined ? `at least ${bounds.min}` : `between ${bounds.min} and ${bounds.max}`;
    throw badRequest(`${name} must be an integer ${range}`, [
      { errorCode: "invalid.value", fieldName: name },
    ]);
  }
  return value;
}

/** `true` or `false` (any case); absent is `fallback`. */
export function booleanParam(c: Context, name: string, fallback = false): boolean {
  const raw = c.req.query(name);
  if (raw === undefined || raw === "") return fallback;
  if (/^(true|false)$/i.test(raw)) return raw.toLowerCase() === "true";
  throw badRequest(`${name} must be true or false`, [{ errorCode: "invalid.value", fieldName: name }]);
}

/** Genesys page-number paging: defaults 20 and 1, and pageNumber × pageSize may not pass 1000. */
export function pageParams(c: Context) {
  const pageSize = integerParam(c, "pageSize", 20, { min: 1, max: 1000 });
  const pageNumber = integerParam(c, "pageNumber", 1, { min: 1, max: 1000 });
  if (pageSize * pageNumber > 1000)
    throw badRequest("pageNumber * pageSize must be less than or equal to 1000", [
      { errorCode: "invalid.value", fieldName: "pageNumber" },
    ]);
  return { pageSize, pageNumber };
}

export function expandParam<T extends string>(c: Context, allowed: readonly T[]): Set<T> {
  const values = multi(c, "expand");
  const unknown = values.filter((v) => !allowed.includes(v as T));
  if (unknown.length)
    throw badRequest(`expand must be one of ${allowed.join(", ")}; got ${unknown.join(", ")}`, [
      { errorCode: "invalid.value", fieldName: "expand" },
    ]);
  return new Set(values as T[]);
}

/** `field:asc|desc` (or just `field`) with field from `fields`. */
export function sortParam<F extends string>(c: Context, fields: readonly F[]) {
  const raw = c.req.query("sortOrder");
  if (!raw) return undefined;
  const [field, direction = "asc"] = raw.split(":");
  if (!fields.includes(field as F) || !["asc", "desc"].includes(direction.toLowerCase()))
    throw badRequest(`sortOrder must be field:asc or field:desc with field one of ${fields.join(", ")}`, [
      { errorCode: "invalid.value", fieldName: "sortOrder" },
    ]);
  return { field: field as F, direction: direction.toLowerCase() as "asc" | "desc" };
}

/**
 * The page-number envelope (`ContactListing` and its siblings) with Genesys-style relative URIs. Every page
 * URI keeps the request's other parameters (`q`, `sortOrder`, `expand`, `divisionIds`), so following
 * `nextUri` walks the same result set.
 */
export function pageListing<T>(
  c: Context,
  path: string,
  page: { entities: T[]; total: number; pageSize: number; pageNumber: number },
) {
  const pageCount = Math.max(1, Math.ceil(page.total / page.pageSize));
  const uri = (pageNumber: number) => {
    const params = new URLSearchParams({
      pageSize: String(page.pageSize),
      pageNumber: String(pageNumber),
    });
    for (const [k, v] of new URL(c.req.url).searchParams)
      if (k !== "pageSize" && k !== "pageNumber") params.append(k, v);
    return `${path}?${params}`;
  };
  return {
    entities: page.entities,
    pageSize: page.pageSize,
    pageNumber: page.pageNumber,
    total: page.total,
    pageCount,
    firstUri: uri(1),
    selfUri: uri(page.pageNumber),
    lastUri: uri(pageCount),
    ...(page.pageNumber < pageCount && { nextUri: uri(page.pageNumber + 1) }),
    ...(page.pageNumber > 1 && { previousUri: uri(page.pageNumber - 1) }),
  };
}
