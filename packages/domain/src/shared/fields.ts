import { z } from "zod";

/** Optional text: trimmed, empty becomes absent, bounded. Lengths follow the Genesys contract. */
export const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `must be at most ${max} characters`)
    .transform((s) => (s === "" ? null : s))
    .nullish();

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
