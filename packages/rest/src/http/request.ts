import { type FieldIssue, nulIssues } from "@switchboard/domain";
import type { Context, MiddlewareHandler, Next } from "hono";
import { bodyLimit } from "hono/body-limit";
import type { z } from "zod";

/** Largest request body any API accepts (a bulk request of 100 full contacts fits easily). */
export const MAX_BODY_BYTES = 1024 * 1024;

/**
 * Puts `name: value` on the response of every request under the middleware calling it. Set before the handler
 * runs, the response a handler builds with `c.json` carries it (set afterwards, Hono copies the finished response
 * to make its headers writable: a second Response and a stream read for each small GET); a response a handler
 * built itself gets it afterwards. A header the handler or error renderer set wins.
 */
export async function headerOnResponse(c: Context, name: string, value: string, next: Next) {
  c.header(name, value);
  await next();
  if (!c.res.headers.has(name)) c.header(name, value);
}

/** Gives every request an id (echoed as `contextId` in error bodies and as `x-request-id`). */
export const requestId = (): MiddlewareHandler => (c, next) => {
  const id = c.req.header("x-request-id")?.slice(0, 100) || crypto.randomUUID();
  c.set("requestId", id);
  return headerOnResponse(c, "x-request-id", id, next);
};

/** Refuses bodies over `MAX_BODY_BYTES` before reading them, answering with the dialect's own error. */
export const limitBody = (onTooLarge: (c: Context) => Response) =>
  bodyLimit({ maxSize: MAX_BODY_BYTES, onError: (c) => onTooLarge(c) });

export class BodyError extends Error {
  constructor(
    readonly kind: "unsupported-media-type" | "malformed" | "invalid",
    message: string,
    readonly zodError?: z.ZodError,
    readonly issues: FieldIssue[] = [],
    /** The part of the request that failed: `body` unless a route's query, path or header schema refused it. */
    readonly target: string = "body",
  ) {
    super(message);
  }
}

/**
 * What is wrong with the request's URL, if anything: a path or query that is not percent-encoded UTF-8, or
 * one holding U+0000 (no text column can store it), named by the query parameter or `path`.
 */
export function urlIssues(url: string): FieldIssue[] {
  // Only a percent-escape can decode to U+0000 or fail to decode: most URLs (every GET by id) have none, and
  // need no URL object, decoding or query walk.
  if (!url.includes("%") && !url.includes("\0")) return [];
  const { pathname, searchParams } = new URL(url);
  try {
    if (decodeURIComponent(pathname).includes("\0"))
      return [{ path: "path", message: "must not contain U+0000" }];
  } catch {
    return [{ path: "path", message: "is not valid percent-encoded UTF-8" }];
  }
  // A query value that is not UTF-8 reads as U+FFFD (as Hono's `query()` reads it): harmless to store. Only
  // `%00` (or a raw U+0000, which the URL parser escapes so) reads as U+0000: without one, no walk (a search
  // for "Béranger" or a phone number with spaces has escapes, but none of those).
  if (!url.includes("%00") && !url.includes("\0")) return [];
  return nulIssues(Object.fromEntries([...searchParams.keys()].map((k) => [k, searchParams.getAll(k)]))).map(
    (i) => ({ ...i, path: i.path.replace(/\.\d+$/, "") }),
  );
}

/**
 * Reads a JSON body and validates it against `schema`; throws `BodyError` for the dialect to translate.
 * A string holding U+0000 anywhere is refused naming its field, unless `perItem` (bulk: the items are
 * checked one by one, so such an item fails alone).
 */
export async function readJson<S extends z.ZodType>(
  c: Context,
  schema: S,
  { perItem = false }: { perItem?: boolean } = {},
): Promise<z.output<S>> {
  const type = c.req.header("content-type") ?? "";
  if (!/^application\/(.+\+)?json\b/i.test(type))
    throw new BodyError("unsupported-media-type", "expected application/json");
  let raw: unknown;
  try {
    raw = await c.req.json();
  } catch {
    throw new BodyError("malformed", "the body is not valid JSON");
  }
  const nul = perItem ? [] : nulIssues(raw);
  if (nul.length) throw new BodyError("invalid", "the body holds U+0000", undefined, nul);
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw new BodyError("invalid", "the body does not match the schema", parsed.error);
  return parsed.data;
}
