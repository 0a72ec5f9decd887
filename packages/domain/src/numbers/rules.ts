import { z } from "zod";

/** The kinds of record that carry a number (DFS int32 ids): one sequence per tenant and kind. */
export const RECORD_KINDS = ["contact", "organization", "member", "apiClient"] as const;
export type RecordKind = (typeof RECORD_KINDS)[number];

/** Numbers are int32 ids, from 1. */
export const MAX_RECORD_NUMBER = 2_147_483_647;

/** Whether `value` can be a record's number; anything else names no record (not found, not invalid). */
export const isRecordNumber = (value: unknown): value is number =>
  Number.isSafeInteger(value) && (value as number) >= 1 && (value as number) <= MAX_RECORD_NUMBER;

/** Offset paging in creation order (enfore lists): `limit` 1..5000 (default 200), `offset` from 0. */
export const offsetPageInput = z.object({
  limit: z
    .number()
    .int("limit must be a whole number")
    .min(1, "limit must be between 1 and 5000")
    .max(5000, "limit must be between 1 and 5000")
    .default(200),
  offset: z
    .number()
    .int("offset must be a whole number")
    .min(0, "offset must be 0 or more")
    .max(Number.MAX_SAFE_INTEGER, "offset is too large")
    .default(0),
  /** Soft-deleted records too, each with `deleted: true` (enfore lists them so sync clients see deletions). */
  includeDeleted: z.boolean().default(false),
});
export type OffsetPageInput = z.input<typeof offsetPageInput>;

/** A record addressed by its uuid or by its number. */
export type RecordRef = { id: string } | { number: number };
