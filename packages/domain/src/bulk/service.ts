import type { Context } from "../shared/context";
import { type DomainError, isDomainError, validationFailed } from "../shared/errors";

/** Most items one bulk request may carry (the Genesys documents state none; 100 keeps a request short). */
export const BULK_LIMIT = 100;

export type BulkResult<T, I> = { ok: true; item: I; entity: T } | { ok: false; item: I; error: DomainError };

/** Refuses a batch over the cap as a whole (a validation error on `entities`). */
export function checkBulkSize(items: unknown[]): void {
  if (items.length > BULK_LIMIT) {
    throw validationFailed([
      { path: "entities", message: `at most ${BULK_LIMIT} items per request, got ${items.length}` },
    ]);
  }
}

/**
 * Runs `operation` for every item on its own, each in its own transaction, so one bad item never fails
 * the others. Errors other than domain errors (a lost connection) still abort the whole request.
 */
export async function runBulk<I, T>(
  ctx: Context,
  items: I[],
  operation: (ctx: Context, item: I) => Promise<T>,
): Promise<BulkResult<T, I>[]> {
  checkBulkSize(items);
  const results: BulkResult<T, I>[] = [];
  for (const item of items) {
    try {
      results.push({ ok: true, item, entity: await operation(ctx, item) });
    } catch (error) {
      if (!isDomainError(error)) throw error;
      results.push({ ok: false, item, error });
    }
  }
  return results;
}
