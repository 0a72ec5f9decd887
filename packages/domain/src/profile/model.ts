import { z } from "zod";

/**
 * The typed records around a person or an organization (cross-dialect contract §4): tags, roles, images,
 * customer lists, personal relationships, departments, locations and memberships. Field names are canonical
 * (camelCase); the enfore and DFS dialects map their wire names onto them.
 */

export const OWNER_KINDS = ["contact", "organization"] as const;
export type ProfileOwnerKind = (typeof OWNER_KINDS)[number];
/** Whose record it is: a contact (person) or an organization, by uuid. */
export interface ProfileOwner {
  kind: ProfileOwnerKind;
  id: string;
}

// ------------------------------------------------------------------------------------------------ tags

/** enfore: 1..256 characters, case-sensitive; Genesys organization tags are the same names. */
export const tagName = z.string().trim().min(1).max(256);
export const tagInput = z.object({ name: tagName });
/** Most tags one record holds: as many as a Genesys organization write may send back. */
export const MAX_TAGS_PER_RECORD = 100;
export type TagInput = z.input<typeof tagInput>;
export interface Tag {
  id: string;
  name: string;
}

// ----------------------------------------------------------------------------------------------- roles

export const ROLE_KINDS = ["customer", "supplier", "alternativePayer"] as const;
export type ProfileRoleKind = (typeof ROLE_KINDS)[number];

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date (YYYY-MM-DD)");
const uuidRef = z.object({ id: z.uuid() });
const professionalIdentityRef = z.object({ contactId: z.uuid(), professionalIdentityId: z.uuid() });
export type ProfessionalIdentityRef = z.infer<typeof professionalIdentityRef>;
const gln = z.string().min(1).max(256);
const euVatNumber = z.string().min(3).max(14);
const taxRegistrationNumber = z.string().min(9).max(14);
export const TAX_EXEMPTION_REASONS = [
  "UNIVERSAL_POSTAL_SERVICE_DE",
  "INTRA_COMMUNITY_TRADE_EU",
  "THIRD_PARTY_COUNTRY_DELIVERY_EU",
  "REVERSE_CHARGE_EU",
] as const;
export const CURRENCIES = [
  "AUD",
  "BRL",
  "CAD",
  "CHF",
  "CNY",
  "DKK",
  "EUR",
  "GBP",
  "HKD",
  "IDR",
  "INR",
  "JPY",
  "KRW",
  "MXN",
  "MYR",
  "NOK",
  "NZD",
  "PHP",
  "RUB",
  "SEK",
  "SGD",
  "TRY",
  "TWD",
  "USD",
  "ZAR",
] as const;
const money = z.object({
  value: z.number().min(-9e12).max(9e12),
  unit: z.enum(CURRENCIES),
});

/** A customer's delivery and invoicing configuration (enfore §6.1 item 8). */
export const deliveryAndInvoicingConfiguration = z.object({
  limitations: z.object({ brandId: z.string().min(1).optional() }).optional(),
  alternativePayer: uuidRef.optional(),
  invoiceAddressId: z.uuid().optional(),
  deliveryAddressId: z.uuid().optional(),
});
export type DeliveryAndInvoicingConfiguration = z.infer<typeof deliveryAndInvoicingConfiguration>;

/** The fields every role kind has, stored as columns. */
const roleBase = { number: z.string().trim().min(1).max(256), isActive: z.boolean(), since: isoDate };

/** The kind-specific attributes, stored as the role's validated jsonb document. */
export const roleAttributes = {
  customer: z.object({
    isSuspended: z.boolean(),
    managedBy: professionalIdentityRef.optional(),
    externalCard: z.object({ number: z.string().min(1).max(256) }).optional(),
    taxInformation: z
      .object({
        euVatNumber: euVatNumber.optional(),
        taxRegistrationNumber: taxRegistrationNumber.optional(),
        enabledTaxExemptions: z.array(z.enum(TAX_EXEMPTION_REASONS)).default([]),
      })
      .optional(),
    globalLocationNumber: gln.optional(),
    alternativePayer: uuidRef.optional(),
    requiresFormalInvoice: z.boolean().optional(),
    creditLimit: money.optional(),
    deliveryAndInvoicingConfigurations: z.array(deliveryAndInvoicingConfiguration).max(100).optional(),
  }),
  supplier: z.object({
    managedBy: professionalIdentityRef.optional(),
    myCustomerId: z.string().min(1).max(256).optional(),
    taxInformation: z
      .discriminatedUnion("type", [
        z.object({
          type: z.literal("VendorTaxInformation"),
          euVatNumber: euVatNumber.optional(),
          taxRegistrationNumber: taxRegistrationNumber.optional(),
        }),
        z.object({
          type: z.literal("EscrowTaxInformation"),
          euVatNumber,
          taxRegistrationNumber,
        }),
      ])
      .optional(),
    globalLocationNumber: gln.optional(),
  }),
  alternativePayer: z.object({}),
} as const;

export const roleInputs = {
  customer: roleAttributes.customer.extend(roleBase),
  supplier: roleAttributes.supplier.extend(roleBase),
  alternativePayer: roleAttributes.alternativePayer.extend(roleBase),
} as const;

export type ProfileRoleInput<K extends ProfileRoleKind = ProfileRoleKind> = z.input<(typeof roleInputs)[K]>;
export type ProfileRoleFields<K extends ProfileRoleKind = ProfileRoleKind> = z.infer<(typeof roleInputs)[K]>;
/**
 * A role as read: its fields, plus when the customer card was first stored (`externalCardAdded`) and its
 * server-assigned account number (enfore debtor account of customers and alternative payers, one per owner;
 * creditor account of suppliers).
 */
export type ProfileRole<K extends ProfileRoleKind = ProfileRoleKind> = ProfileRoleFields<K> & {
  kind: K;
  owner: ProfileOwner;
  externalCardAdded?: string;
  accountNumber?: string;
  createdAt: Date;
  modifiedAt: Date;
};

// ------------------------------------------------------------------------- departments and locations

export const DEPARTMENT_AREAS = ["ADMINISTRATION", "OPERATIONS", "MARKETING", "SALES", "OTHER"] as const;
export const departmentInput = z.object({
  name: z.string().trim().min(1).max(256),
  description: z.string().max(4000).nullish(),
  area: z.enum(DEPARTMENT_AREAS).nullish(),
  code: z.string().max(256).nullish(),
});
export type DepartmentInput = z.input<typeof departmentInput>;
export interface Department {
  id: string;
  owner: ProfileOwner;
  name: string;
  description: string | null;
  area: (typeof DEPARTMENT_AREAS)[number] | null;
  code: string | null;
  createdAt: Date;
  modifiedAt: Date;
}

export const locationInput = z.object({
  name: z.string().trim().min(1).max(256),
  /** Professional identities that lead the location. */
  leaderIds: z.array(z.uuid()).max(100).default([]),
  memberCount: z.number().int().min(0).max(2147483647).nullish(),
});
export type LocationInput = z.input<typeof locationInput>;
export interface Location {
  id: string;
  owner: ProfileOwner;
  name: string;
  leaderIds: string[];
  memberCount: number | null;
  createdAt: Date;
  modifiedAt: Date;
}

// ----------------------------------------------------------------- memberships and personal relationships

export const MEMBERSHIP_TYPES = [
  "CLUB",
  "COOP",
  "FILIALE",
  "FRANCHISE",
  "GROUP_BUYING",
  "SUBSIDIARY",
  "WHOLLY_OWNED_SUBSIDIARY",
] as const;
export const membershipInput = z.object({
  type: z.enum(MEMBERSHIP_TYPES),
  /** The organization the owner is a member of. */
  organizationId: z.uuid(),
  name: z.string().trim().min(1).max(256),
  reference: z.string().max(256).nullish(),
});
export type MembershipInput = z.input<typeof membershipInput>;
export interface Membership {
  id: string;
  owner: ProfileOwner;
  type: (typeof MEMBERSHIP_TYPES)[number];
  organizationId: string;
  name: string;
  reference: string | null;
  createdAt: Date;
  modifiedAt: Date;
}

export const PERSONAL_RELATIONSHIP_TYPES = [
  "SPOUSE",
  "FATHER",
  "MOTHER",
  "SON",
  "DAUGHTER",
  "BROTHER",
  "SISTER",
  "RELATIVE",
  "FRIEND",
  "BUSINESS_CONNECTION",
] as const;
export const personalRelationshipInput = z.object({
  type: z.enum(PERSONAL_RELATIONSHIP_TYPES),
  /** The other person. */
  relatedContactId: z.uuid(),
});
export type PersonalRelationshipInput = z.input<typeof personalRelationshipInput>;
export interface PersonalRelationship {
  id: string;
  owner: ProfileOwner;
  type: (typeof PERSONAL_RELATIONSHIP_TYPES)[number];
  relatedContactId: string;
  createdAt: Date;
  modifiedAt: Date;
}

// ------------------------------------------------------------------------------------------------ images

/** Most bytes an image may have (enfore's gateway refuses requests over 12 MB). */
export const MAX_IMAGE_BYTES = 12 * 1024 * 1024;
export const imageInput = z.object({
  /** The image, base64; JPEG or PNG (told by its first bytes). */
  data: z
    .string()
    .min(1)
    .max(Math.ceil(MAX_IMAGE_BYTES / 3) * 4 + 4),
});
export type ImageInput = z.input<typeof imageInput>;
export interface ImageSummary {
  id: string;
  contentType: "image/png" | "image/jpeg";
  /** The first image is the default one. */
  isDefault: boolean;
  createdAt: Date;
}
export interface Image extends ImageSummary {
  /** base64 */
  data: string;
}

// ---------------------------------------------------------------------------------------- customer lists

export const customerListInput = z.object({ name: z.string().trim().min(1).max(256) });
export type CustomerListInput = z.input<typeof customerListInput>;
export interface CustomerList {
  id: string;
  name: string;
  createdAt: Date;
  modifiedAt: Date;
}
