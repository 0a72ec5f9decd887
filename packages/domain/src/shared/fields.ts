import { z } from "zod";

/**
 * Optional text: trimmed, empty becomes absent, bounded. Lengths follow the Genesys contract; `indexedBytes` bounds
 * text a btree index holds whole (see `fitsIndex`).
 */
export const optionalText = (max: number, indexedBytes?: number) => {
  const text = z.string().trim().max(max, `must be at most ${max} characters`);
  return (
    indexedBytes === undefined
      ? text
      : text.refine(fitsIndex(indexedBytes), `must be at most ${indexedBytes} bytes of UTF-8`)
  )
    .transform((s) => (s === "" ? null : s))
    .nullish();
};

/**
 * Whether text takes at most `bytes` bytes of UTF-8. A btree index entry holds at most 2,704 bytes, and 1,000
 * characters of a script written with 3 bytes each (Chinese, say) are 3,000: PostgreSQL refuses the row. The
 * contacts' name and title sort indexes and the contact points' value index hold such text, so it is refused here,
 * with its field named, rather than by the database (a 500, or an import failing whole).
 */
export const fitsIndex =
  (bytes: number) =>
  (text: string): boolean =>
    text.length * 3 <= bytes || new TextEncoder().encode(text).length <= bytes;

/** At most this many bytes each for a first and a last name: one entry of the name sort index holds both. */
export const INDEXED_NAME_BYTES = 1300;
/** At most this many bytes for other text an index holds whole: a title, a contact point's value. */
export const INDEXED_TEXT_BYTES = 2600;

/** An optional http(s) URL, trimmed, at most 1000 characters (Genesys `externalSystemUrl`). */
export const httpUrl = z
  .string()
  .trim()
  .max(1000, "must be at most 1000 characters")
  .refine((s) => s === "" || /^https?:\/\/[^\s]+$/i.test(s), "must be a valid http or https URL")
  .transform((s) => (s === "" ? null : s))
  .nullish();

/** What contacts and organizations both carry besides their own fields: custom fields and dialect extensions. */
export const customizationFields = {
  schemaId: z.uuid().nullish(),
  schemaVersion: z.number().int().positive().nullish(),
  customFields: z.record(z.string(), z.unknown()).nullish(),
  /** Dialect fields with no canonical home, keyed by dialect (e.g. `genesys.twitterId`); returned unchanged. */
  extensions: z.record(z.string(), z.record(z.string(), z.unknown())).default({}),
};
