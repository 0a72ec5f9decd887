/**
 * Entity tags for optimistic concurrency (RFC 9110 §8.8.3 and §13.1.1), for any dialect. A record's ETag is a
 * strong validator of its stored state: its `version` where it has one (contacts, organizations), else its
 * modification time in milliseconds, which every write moves forward (see the domain's `nextModifiedAt`). A
 * write sending `If-Match` hands the tag's value to the use case, which compares it with the row it has locked
 * inside its transaction, so a check and a write can never interleave with another write.
 */
import type { Context } from "hono";

/** The ETag of a record at `revision`. */
export const entityTag = (revision: string | number) => `"${revision}"`;

/** Sets the response's ETag. */
export const setEntityTag = (c: Context, revision: string | number) => c.header("ETag", entityTag(revision));

/**
 * Whether a GET's `If-None-Match` names the tag of `revision` (weak comparison, RFC 9110 §13.1.2) or is `*`:
 * the caller's copy is current and the answer can be 304. Only for a record whose representation is its row
 * alone (a contact's also shows other records, such as its merges, so its GET always answers in full).
 */
export function notModified(c: Context, revision: string | number): boolean {
  const header = c.req.header("if-none-match");
  if (header === undefined || c.req.method !== "GET") return false;
  if (header.trim() === "*") return true;
  const tag = entityTag(revision);
  return header.split(",").some((t) => t.trim().replace(/^W\//, "") === tag);
}

export type IfMatch =
  /** `*`: any current state (the record must exist, as without the header). */
  | { kind: "any" }
  /** One tag's opaque value; null for a weak or malformed tag, which matches nothing (strong comparison). */
  | { kind: "tag"; opaque: string | null }
  /** Several tags. */
  | { kind: "list" };

const TAG = /\s*(W\/)?"([^"]*)"\s*/y;

/** The request's `If-Match` precondition; undefined without the header. */
export function readIfMatch(header: string | undefined): IfMatch | undefined {
  if (header === undefined) return undefined;
  if (header.trim() === "*") return { kind: "any" };
  const tags: (string | null)[] = [];
  TAG.lastIndex = 0;
  for (;;) {
    const match = TAG.exec(header);
    if (!match) return { kind: "tag", opaque: null };
    tags.push(match[1] ? null : (match[2] ?? null));
    if (TAG.lastIndex === header.length) break;
    if (header[TAG.lastIndex] !== ",") return { kind: "tag", opaque: null };
    TAG.lastIndex++;
  }
  return tags.length === 1 ? { kind: "tag", opaque: tags[0] ?? null } : { kind: "list" };
}

/**
 * What a one-tag `If-Match` asks of the record, in the terms the use cases take: the version, or the
 * modification time, the tag was made from. A tag of neither form gives values no record has (version 0,
 * an invalid date), so the use case refuses it as stale once it has found the record (404 still comes first).
 */
export function expectedRevision(ifMatch: IfMatch | undefined): {
  expectedVersion?: number;
  expectedModifiedAt?: Date;
} {
  if (ifMatch?.kind !== "tag") return {};
  const digits = ifMatch.opaque !== null && /^\d{1,15}$/.test(ifMatch.opaque) ? Number(ifMatch.opaque) : null;
  return {
    expectedVersion: digits ?? 0,
    expectedModifiedAt: new Date(digits ?? Number.NaN),
  };
}

/**
 * Answers a record whose representation is its row alone, tagged with its modification time: `toWire(record)`,
 * or 304 to a GET whose copy is current (notes, relationships and external sources, which have no version).
 */
export function rowResponse<T extends { modifiedAt: Date }, W>(
  c: Context,
  record: T,
  toWire: (record: T) => W,
) {
  const revision = record.modifiedAt.getTime();
  setEntityTag(c, revision);
  if (notModified(c, revision)) return c.body(null, 304);
  return c.json(toWire(record));
}
