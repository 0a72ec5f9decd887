import type { DeliveryAndInvoicingConfiguration } from "./model";

/**
 * The limitations a delivery and invoicing configuration can have, highest priority first (enfore §6.1 item 8:
 * "currently just brand"; more, such as invoice amounts, will follow and go into this list in their place).
 */
export const LIMITATION_PRIORITY = ["brandId"] as const;

/** What a sale or invoice is about, in the limitations' terms (e.g. the brand of the sale). */
export type SelectionContext = Record<string, string | undefined>;

type Limited = { limitations?: Record<string, string | undefined> | undefined };

const setLimitations = (c: Limited) =>
  Object.entries(c.limitations ?? {}).filter((e): e is [string, string] => e[1] !== undefined);

/**
 * Which of a customer's delivery and invoicing configurations applies in `context` (enfore §6.1 item 8), or
 * `undefined` when none does: then the delivery and invoice addresses are the contact's own, with no alternative
 * payer. (a) The configuration without limitations is set aside; (b) of the others, every one with a limitation
 * the context does not match is dropped; (c) if none remain, the unlimited one applies; (d) otherwise the
 * remaining ones are ordered by their limitations, lexicographically in `priority` order (one that sets a
 * higher-priority limitation wins; on a tie the next lower one decides), and the first applies. Pure.
 */
export function selectDeliveryAndInvoicingConfiguration<
  C extends Limited = DeliveryAndInvoicingConfiguration,
>(
  configs: readonly C[],
  context: SelectionContext,
  priority: readonly string[] = LIMITATION_PRIORITY,
): C | undefined {
  const unlimited = configs.find((c) => setLimitations(c).length === 0);
  const matching = configs.filter((c) => {
    const set = setLimitations(c);
    return set.length > 0 && set.every(([key, value]) => context[key] === value);
  });
  if (matching.length === 0) return unlimited;
  const rank = (c: C) => priority.map((key) => c.limitations?.[key] !== undefined);
  const before = (a: C, b: C) => {
    const [ra, rb] = [rank(a), rank(b)];
    for (let i = 0; i < ra.length; i++) if (ra[i] !== rb[i]) return ra[i] ? -1 : 1;
    return 0;
  };
  return [...matching].sort(before)[0];
}
