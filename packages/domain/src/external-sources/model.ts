import { z } from "zod";
import { EXTERNAL_ID_MAX_LENGTH, isReservedSourceName, RESERVED_SOURCE_PREFIX } from "./rules";

export const externalSourceInput = z.object({
  name: z
    .string()
    .trim()
    .min(1, "a name is required")
    .max(200, "must be at most 200 characters")
    .refine(
      (name) => !isReservedSourceName(name),
      `names starting with ${RESERVED_SOURCE_PREFIX} are reserved`,
    ),
  active: z.boolean().default(true),
  /** Deep link to a record in the source; `{{externalId.value}}` is replaced by the (URL-encoded) id. */
  uriTemplate: z
    .string()
    .trim()
    .max(400, "must be at most 400 characters")
    .regex(/^https?:\/\/\S+$/i, "must be a valid http or https URL")
    .nullish(),
});
export type ExternalSourceInput = z.input<typeof externalSourceInput>;

export interface ExternalSource {
  id: string;
  name: string;
  active: boolean;
  uriTemplate: string | null;
  createdAt: Date;
  modifiedAt: Date;
}

export const externalIdInput = z.object({
  sourceId: z.uuid("must be an external source id"),
  value: z
    .string()
    .trim()
    .min(1, "a value is required")
    .max(EXTERNAL_ID_MAX_LENGTH, `must be at most ${EXTERNAL_ID_MAX_LENGTH} characters`),
});
export type ExternalIdInput = z.input<typeof externalIdInput>;
/** At most this many external ids per contact or organization (Genesys). */
export const MAX_EXTERNAL_IDS = 10;

/** A record's external ids as a contact or organization write takes them. */
export const externalIdsInput = z
  .array(externalIdInput)
  .max(MAX_EXTERNAL_IDS, `at most ${MAX_EXTERNAL_IDS} external ids`)
  .default([]);

export interface ExternalId {
  sourceId: string;
  value: string;
  /** The source as it is now; null when the source was deleted (its ids stay, as Genesys documents). */
  source: ExternalSource | null;
  /** The deep link from the source's uri template, when it has one. */
  link: string | null;
}

export const externalSourceListInput = z.object({
  limit: z.number().int().min(10).max(200).default(100),
  cursor: z.string().optional(),
  /** Prefix filter on the name, case-insensitive. */
  name: z.string().trim().max(200).optional(),
  active: z.boolean().optional(),
});
export type ExternalSourceListInput = z.input<typeof externalSourceListInput>;
