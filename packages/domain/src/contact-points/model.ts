import { z } from "zod";
import { fitsIndex, INDEXED_TEXT_BYTES, optionalText } from "../shared/fields";

/**
 * Canonical types per kind, and the enfore (vendor) types each one stands for, in the contract's order
 * (`cross-dialect.md` §3): the first vendor type of a canonical type is the one a point written without a
 * vendor type reads as. The Genesys slots are views of the canonical types (the first point of the type).
 */
export const VENDOR_TYPES = {
  phone: {
    work: ["DIRECT_LINE", "FIXED_LINE", "MAIN", "DIRECT_EXTENSION", "VOIP_LINE", "VIRTUAL_LINE", "HOTLINE"],
    cell: ["MOBILE", "WORK_MOBILE", "PERSONAL_MOBILE"],
    home: ["HOME_PHONE"],
    other: ["NOT_QUALIFIED", "PAGER", "SAT"],
    fax: ["FAX_LINE", "DIRECT_FAX", "HOME_FAX", "MAIN_FAX"],
  },
  email: {
    work: ["WORK_EMAIL"],
    personal: ["PERSONAL_EMAIL"],
    other: ["NOT_QUALIFIED", "EMAIL_ALIAS", "MAILING_LIST"],
  },
  address: {
    home: ["RESIDENTIAL_HOME", "HOME_OFFICE", "SECOND_HOME", "VACATION_HOME"],
    work: ["OFFICE", "HEADQUARTERS", "FACTORY", "OFFICE_CENTER", "STORE", "SUBSIDIARY", "WAREHOUSE"],
    other: ["NOT_QUALIFIED", "PACKSTATION", "PO_BOX", "POST_OFFICE", "SERVICE_POINT"],
  },
  web: {
    website: [
      "HOMEPAGE_OR_WEBSITE",
      "ORGANIZATION_WEBSITE",
      "PERSONAL_WEBSITE",
      "PROFESSIONAL_WEBSITE",
      "ONLINE_STORE",
    ],
    profile: [
      "PERSONAL_PROFILE",
      "ORGANIZATION_PROFILE",
      "PROFESSIONAL_PROFILE",
      "LINKEDIN_PROFILE",
      "XING_PROFILE",
      "FACEBOOK_PAGE_OR_PROFILE",
      "GOOGLE_PLUS_PROFILE",
      "TWITTER_PROFILE",
      "TWITTER_STREAM",
      "INSTAGRAM_PROFILE",
      "YOUTUBE",
      "YELP_IMAGE",
    ],
    blog: ["BLOG", "ORGANIZATION_BLOG", "PERSONAL_BLOG", "PROFESSIONAL_BLOG"],
    other: ["OTHER", "NOT_QUALIFIED"],
  },
} as const;

export type PointKind = keyof typeof VENDOR_TYPES;
type CanonicalTypes<K extends PointKind> = keyof (typeof VENDOR_TYPES)[K] & string;
const typesOf = <K extends PointKind>(kind: K) =>
  Object.keys(VENDOR_TYPES[kind]) as [CanonicalTypes<K>, ...CanonicalTypes<K>[]];

export const PHONE_TYPES = typesOf("phone");
export const EMAIL_TYPES = typesOf("email");
export const ADDRESS_TYPES = typesOf("address");
export const WEB_TYPES = typesOf("web");

export const USAGE_CONTEXTS = ["ORGANIZATION", "PERSONAL", "PROFESSIONAL"] as const;
export type UsageContext = (typeof USAGE_CONTEXTS)[number];
export const PHONE_USAGES = ["EVERYTHING", "CALL", "SMS", "WHATSAPP"] as const;
export const ADDRESS_USAGES = ["EVERYTHING", "CORRESPONDENCE", "INVOICES", "SHIPPING"] as const;

/** The canonical type a vendor type stands for, or undefined when the kind has no such vendor type. */
export function canonicalTypeOf(kind: PointKind, vendorType: string): string | undefined {
  return Object.entries(VENDOR_TYPES[kind]).find(([, list]) =>
    (list as readonly string[]).includes(vendorType),
  )?.[0];
}

/** What every point carries besides its value: the id that stays across writes and what other dialects show. */
const pointMeta = (usages?: readonly [string, ...string[]]) => ({
  /** A point of the owner with this id is updated in place; without one (or an unknown one) it is added. */
  id: z.uuid().nullish(),
  vendorType: z.string().trim().min(1).max(50).nullish(),
  usageContext: z.enum(USAGE_CONTEXTS).nullish(),
  usages: usages
    ? z
        .array(z.enum(usages))
        .max(usages.length * 2)
        .nullish()
        .transform((u) => [...new Set(u ?? [])])
    : z.array(z.string()).max(0, "this kind of contact point has no usages").nullish(),
  description: optionalText(1000),
});

/** The vendor type, when given, must be one of the kind's and stand for the canonical type given. */
const vendorTypeMatches =
  (kind: PointKind) => (p: { type: string; vendorType?: string | null }, ctx: z.RefinementCtx) => {
    if (!p.vendorType) return;
    const canonical = canonicalTypeOf(kind, p.vendorType);
    if (canonical !== p.type)
      ctx.addIssue({
        code: "custom",
        path: ["vendorType"],
        message: canonical
          ? `${p.vendorType} stands for the ${kind} type ${canonical}, not ${p.type}`
          : `${p.vendorType} is not a ${kind} type`,
      });
  };

export const phoneInput = z
  .object({
    ...pointMeta(PHONE_USAGES),
    type: z.enum(PHONE_TYPES),
    /** What the user typed; normalized to international format when it parses. */
    display: z.string().trim().min(1, "a phone number is required").max(512),
    extension: z.number().int().nonnegative().nullish(),
    acceptsSms: z.boolean().nullish(),
    /** Country used when `display` has no country prefix (Genesys `normalizationCountryCode`; default US). */
    normalizationCountryCode: z.string().trim().max(4).nullish(),
  })
  .superRefine(vendorTypeMatches("phone"));

/** A phone as a writer gives it (before validation fills defaults). */
export type PhoneInput = z.input<typeof phoneInput>;

export const emailInput = z
  .object({
    ...pointMeta(),
    type: z.enum(EMAIL_TYPES),
    address: z
      .string()
      .trim()
      .max(256, "must be at most 256 characters")
      .pipe(z.email("must be a valid email address")),
  })
  .superRefine(vendorTypeMatches("email"));

export const addressInput = z
  .object({
    ...pointMeta(ADDRESS_USAGES),
    type: z.enum(ADDRESS_TYPES).default("home"),
    address1: optionalText(200),
    address2: optionalText(200),
    city: optionalText(100),
    state: optionalText(50),
    postalCode: optionalText(25),
    countryCode: optionalText(25),
    /** The address as one display string (enfore `full_address`), and enfore's finer lines. */
    fullAddress: optionalText(1000, INDEXED_TEXT_BYTES),
    recipientName: optionalText(200),
    careOf: optionalText(200),
    streetName: optionalText(200),
    streetNumber: optionalText(50),
    additional: optionalText(200),
  })
  .superRefine(vendorTypeMatches("address"));

export const webAddressInput = z
  .object({
    ...pointMeta(),
    type: z.enum(WEB_TYPES),
    url: z
      .string()
      .trim()
      .min(1, "a url is required")
      // Free text: an organization's Genesys `websites` are these points, as typed; enfore checks its uris at its edge.
      .max(1000, "must be at most 1000 characters")
      .refine(fitsIndex(INDEXED_TEXT_BYTES), `must be at most ${INDEXED_TEXT_BYTES} bytes of UTF-8`),
  })
  .superRefine(vendorTypeMatches("web"));

/** What every stored point carries besides its value (see `pointMeta`). */
export interface PointMeta {
  id: string;
  vendorType: string | null;
  usageContext: UsageContext | null;
  usages: string[];
  description: string | null;
}

export interface Phone extends PointMeta {
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

export interface Email extends PointMeta {
  type: (typeof EMAIL_TYPES)[number];
  address: string;
}

type AddressLines = Omit<z.output<typeof addressInput>, keyof PointMeta | "type">;
export interface Address extends PointMeta, AddressLines {
  type: (typeof ADDRESS_TYPES)[number];
}

export interface WebAddress extends PointMeta {
  type: (typeof WEB_TYPES)[number];
  url: string;
}

/** One point of any kind, as the per-point use cases take it. */
export const contactPointInput = z.discriminatedUnion("kind", [
  phoneInput.safeExtend({ kind: z.literal("phone") }),
  emailInput.safeExtend({ kind: z.literal("email") }),
  addressInput.safeExtend({ kind: z.literal("address") }),
  webAddressInput.safeExtend({ kind: z.literal("web") }),
]);
export type ContactPointInput = z.input<typeof contactPointInput>;

export type ContactPoint =
  | ({ kind: "phone" } & Phone)
  | ({ kind: "email" } & Email)
  | ({ kind: "address" } & Address)
  | ({ kind: "web" } & WebAddress);
