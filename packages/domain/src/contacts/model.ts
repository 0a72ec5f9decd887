import { z } from "zod";

/** Optional text: trimmed, empty becomes absent, bounded. Lengths follow the Genesys contract. */
export const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `must be at most ${max} characters`)
    .transform((s) => (s === "" ? null : s))
    .nullish();

export const CONTACT_TYPES = ["Curated", "Ephemeral", "Identified"] as const;
export const PHONE_TYPES = ["work", "cell", "home", "other"] as const;
export const EMAIL_TYPES = ["work", "personal", "other"] as const;
export const ADDRESS_TYPES = ["home", "work", "other"] as const;

export const phoneInput = z.object({
  type: z.enum(PHONE_TYPES),
  /** What the user typed; normalized to international format when it parses. */
  display: z.string().trim().min(1, "a phone number is required").max(512),
  extension: z.number().int().nonnegative().nullish(),
  acceptsSms: z.boolean().nullish(),
  /** Country used when `display` has no country prefix (Genesys `normalizationCountryCode`; default US). */
  normalizationCountryCode: z.string().trim().max(4).nullish(),
});

export const emailInput = z.object({
  type: z.enum(EMAIL_TYPES),
  address: z
    .string()
    .trim()
    .max(256, "must be at most 256 characters")
    .pipe(z.email("must be a valid email address")),
});

export const addressInput = z.object({
  type: z.enum(ADDRESS_TYPES).default("home"),
  address1: optionalText(200),
  address2: optionalText(200),
  city: optionalText(100),
  state: optionalText(50),
  postalCode: optionalText(25),
  countryCode: optionalText(25),
});

const httpUrl = z
  .string()
  .trim()
  .max(1000, "must be at most 1000 characters")
  .refine((s) => s === "" || /^https?:\/\/[^\s]+$/i.test(s), "must be a valid http or https URL")
  .transform((s) => (s === "" ? null : s))
  .nullish();

const isoDate = z.iso.date().nullish();

/** The writable fields of a contact, as every dialect and the web app give them (full replacement). */
export const contactInput = z
  .object({
    divisionId: z.uuid().nullish(),
    firstName: optionalText(1000),
    middleName: optionalText(1000),
    lastName: optionalText(1000),
    salutation: optionalText(1000),
    title: optionalText(1000),
    displayName: optionalText(1000),
    dateOfBirth: isoDate,
    anniversary: isoDate,
    organizationId: z.uuid().nullish(),
    surveyOptOut: z.boolean().nullish(),
    externalSystemUrl: httpUrl,
    phones: z.array(phoneInput).max(50).default([]),
    emails: z.array(emailInput).max(50).default([]),
    addresses: z.array(addressInput).max(10).default([]),
    schemaId: z.uuid().nullish(),
    schemaVersion: z.number().int().positive().nullish(),
    customFields: z.record(z.string(), z.unknown()).nullish(),
    /** Dialect fields with no canonical home, keyed by dialect (e.g. `genesys.twitterId`); returned unchanged. */
    extensions: z.record(z.string(), z.record(z.string(), z.unknown())).default({}),
  })
  .superRefine((c, ctx) => {
    for (const [field, list] of [
      ["phones", c.phones],
      ["emails", c.emails],
    ] as const) {
      const seen = new Set<string>();
      list.forEach((item, i) => {
        if (seen.has(item.type))
          ctx.addIssue({
            code: "custom",
            path: [field, i, "type"],
            message: `only one ${item.type} entry is allowed`,
          });
        seen.add(item.type);
      });
    }
  });

export type ContactInput = z.input<typeof contactInput>;
export type ValidContactInput = z.output<typeof contactInput>;

export interface Phone {
  type: (typeof PHONE_TYPES)[number];
  /** International format when the input parsed, otherwise the input as given. */
  display: string;
  e164: string | null;
  countryCode: string | null;
  userInput: string;
  extension: number | null;
  acceptsSms: boolean | null;
  normalizationCountryCode: string | null;
}

export interface Email {
  type: (typeof EMAIL_TYPES)[number];
  address: string;
}

export type Address = z.output<typeof addressInput>;

/** The canonical contact every dialect and the web app read. */
export interface Contact {
  id: string;
  number: number;
  version: number;
  type: (typeof CONTACT_TYPES)[number];
  divisionId: string;
  firstName: string | null;
  middleName: string | null;
  lastName: string | null;
  salutation: string | null;
  title: string | null;
  displayName: string | null;
  dateOfBirth: string | null;
  anniversary: string | null;
  organizationId: string | null;
  surveyOptOut: boolean | null;
  externalSystemUrl: string | null;
  phones: Phone[];
  emails: Email[];
  addresses: Address[];
  schemaId: string | null;
  schemaVersion: number | null;
  customFields: Record<string, unknown> | null;
  extensions: Record<string, Record<string, unknown>>;
  canonicalContactId: string | null;
  mergedFrom: string[] | null;
  createdAt: Date;
  modifiedAt: Date;
}

export const CONTACT_SORT_FIELDS = ["firstName", "lastName", "middleName", "title"] as const;
export type ContactSortField = (typeof CONTACT_SORT_FIELDS)[number];

export const contactSearchInput = z.object({
  q: z.string().trim().max(500).optional(),
  pageSize: z.number().int().min(1).max(200).default(20),
  pageNumber: z.number().int().min(1).default(1),
  sort: z.object({ field: z.enum(CONTACT_SORT_FIELDS), direction: z.enum(["asc", "desc"]) }).optional(),
  divisionIds: z.array(z.uuid()).max(50).optional(),
});
export type ContactSearchInput = z.input<typeof contactSearchInput>;
