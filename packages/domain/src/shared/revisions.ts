import { StaleRecordError } from "./errors";

/**
 * Records without a `version` (notes, relationships, external sources) use their modification time as one:
 * every write moves it forward by at least a millisecond, so two states of a row never share it (not even two
 * writes within one millisecond, or after the clock of another server copy stepped back).
 */
export const nextModifiedAt = (before: Date): Date => new Date(Math.max(Date.now(), before.getTime() + 1));

/**
 * What a write may require of the record it changes: `expectedModifiedAt`, the modification time the caller
 * read (behind an HTTP ETag), refused as stale (409, or 412 to an `If-Match`) when the record changed since.
 */
export interface WriteCondition {
  expectedModifiedAt?: Date;
}

/**
 * Refuses a write based on a state the row has left: `expected` is the modification time the caller read
 * (e.g. behind an ETag). Call with the row locked, inside the write's transaction.
 */
export function requireModifiedAt(
  entity: { type: string; id: string },
  actual: Date,
  expected: Date | undefined,
): void {
  if (expected !== undefined && expected.getTime() !== actual.getTime())
    throw new StaleRecordError(
      `${entity.type} ${entity.id} was modified at ${actual.toISOString()}, not ${Number.isNaN(expected.getTime()) ? "at the time given" : expected.toISOString()}`,
      entity,
    );
}
