import { z } from "zod";
import { optionalText } from "../shared/fields";

/** Types are the union of the dialects' types. */
export const PHONE_TYPES = ["work", "cell", "home", "other", "fax"] as const;
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

export type PhoneInput = z.output<typeof phoneInput>;

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
