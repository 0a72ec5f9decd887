import { z } from "zod";

/**
 * Genesys enrich (`ContactEnrichRequest`, `ExternalOrganizationEnrichRequest`): find a record by the
 * identifiers it claims, then create, update or merge it in one call, combining the data sent with the data
 * stored per `fieldRules`.
 */
export const CONTACT_ENRICH_ACTIONS = ["Merge", "Upsert", "Update", "Insert"] as const;
export const ORGANIZATION_ENRICH_ACTIONS = ["Upsert", "Update", "Insert"] as const;
export type ContactEnrichAction = (typeof CONTACT_ENRICH_ACTIONS)[number];
export type OrganizationEnrichAction = (typeof ORGANIZATION_ENRICH_ACTIONS)[number];

/** How a stored value and a sent one combine; `PreferProvided` unless a rule says otherwise. */
export const ENRICH_FIELD_ACTIONS = ["AlwaysUseProvided", "PreferExisting", "PreferProvided"] as const;
/** How a stored list and a sent one combine; `Fill` unless a rule says otherwise. */
export const ENRICH_ARRAY_ACTIONS = ["Replace", "Extend", "Fill"] as const;
export type EnrichFieldAction = (typeof ENRICH_FIELD_ACTIONS)[number];
export type EnrichArrayAction = (typeof ENRICH_ARRAY_ACTIONS)[number];

/** Genesys: "Between 1 and 25" matching identifiers, and bulk enrich runs "up to 10" operations a request. */
export const MATCHING_IDENTIFIERS = { max: 25 } as const;
export const ENRICH_BULK_LIMIT = 10;

/** Restricted JSONPath: dot notation from `$.`, alphanumerics and underscores only (`$.address.address1`). */
const FIELD_PATH = /^\$(\.[A-Za-z0-9_]+)+$/;

export const enrichFieldRule = z.object({
  field: z.string().regex(FIELD_PATH, "must be a JSONPath in dot notation rooted at $., e.g. $.firstName"),
  action: z.enum(ENRICH_FIELD_ACTIONS).optional(),
  arrayAction: z.enum(ENRICH_ARRAY_ACTIONS).optional(),
});

export const enrichFieldRules = z.object({
  defaultAction: z.enum(ENRICH_FIELD_ACTIONS).default("PreferProvided"),
  defaultArrayAction: z.enum(ENRICH_ARRAY_ACTIONS).default("Fill"),
  rules: z.array(enrichFieldRule).max(100).default([]),
});
export type EnrichFieldRules = z.input<typeof enrichFieldRules>;
export type ValidEnrichFieldRules = z.output<typeof enrichFieldRules>;

/** What an enrich did: `created` when it made a new record (201), else it updated or merged one (200). */
export interface Enriched<T> {
  entity: T;
  created: boolean;
}
