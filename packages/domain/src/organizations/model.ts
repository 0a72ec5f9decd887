import { z } from "zod";
import {
  type Address,
  addressInput,
  type Email,
  emailInput,
  type Phone,
  phoneInput,
  type WebAddress,
  webAddressInput,
} from "../contact-points/model";
import { type ExternalId, externalIdsInput } from "../external-sources/model";
import { customizationFields, httpUrl, optionalText } from "../shared/fields";

export const tickerInput = z.object({
  symbol: z.string().trim().min(1, "a ticker symbol is required").max(20),
  exchange: z.string().trim().min(1, "an exchange is required").max(50),
});

/** The writable fields of an organization (full replacement), as every dialect and the web app give them. */
export const organizationInput = z.object({
  divisionId: z.uuid().nullish(),
  name: z.string().trim().min(1, "a name is required").max(1000, "must be at most 1000 characters"),
  companyType: optionalText(1000),
  industry: optionalText(1000),
  employeeCount: z.number().int().nonnegative().nullish(),
  revenue: z.number().int().nonnegative().nullish(),
  // Tag names as the tenant keeps them (1..256 characters, as enfore allows), shared with enfore tags.
  tags: z.array(z.string().trim().min(1).max(256)).max(100).default([]),
  websites: z.array(z.string().trim().min(1).max(1000)).max(50).default([]),
  tickers: z.array(tickerInput).max(20).default([]),
  externalSystemUrl: httpUrl,
  /** Main phone is `work`, fax is `fax` (Genesys `phoneNumber` / `faxNumber`). */
  phones: z.array(phoneInput).max(10).default([]),
  addresses: z.array(addressInput).max(10).default([]),
  emails: z.array(emailInput).max(50).default([]),
  webAddresses: z.array(webAddressInput).max(50).default([]),
  externalIds: externalIdsInput,
  ...customizationFields,
});

export type OrganizationInput = z.input<typeof organizationInput>;
export type ValidOrganizationInput = z.output<typeof organizationInput>;

export interface Organization {
  id: string;
  number: number;
  version: number;
  divisionId: string;
  name: string;
  companyType: string | null;
  industry: string | null;
  employeeCount: number | null;
  revenue: number | null;
  tags: string[];
  websites: string[];
  tickers: { symbol: string; exchange: string }[];
  externalSystemUrl: string | null;
  phones: Phone[];
  emails: Email[];
  addresses: Address[];
  webAddresses: WebAddress[];
  externalIds: ExternalId[];
  schemaId: string | null;
  schemaVersion: number | null;
  customFields: Record<string, unknown> | null;
  extensions: Record<string, Record<string, unknown>>;
  /** The Genesys Cloud organization (trustor) this external organization stands for, when linked. */
  trustor: OrganizationTrustor | null;
  createdAt: Date;
  modifiedAt: Date;
}

export interface OrganizationTrustor {
  trustorOrgId: string;
  linkedAt: Date;
  /** Who linked it (member or API client id). */
  linkedBy: string | null;
}

/** A trustor link as Genesys returns it (`ExternalOrganizationTrustorLink`). */
export interface TrustorLink extends OrganizationTrustor {
  organizationId: string;
  divisionId: string;
}

/** Genesys: an organization search takes at most 25 trustor ids. */
export const MAX_TRUSTOR_IDS = 25;

export const ORGANIZATION_SORT_FIELDS = ["name", "companyType", "industry", "createDate"] as const;

export const organizationSearchInput = z.object({
  q: z.string().trim().max(500).optional(),
  pageSize: z.number().int().min(1).max(200).default(20),
  pageNumber: z.number().int().min(1).default(1),
  sort: z.object({ field: z.enum(ORGANIZATION_SORT_FIELDS), direction: z.enum(["asc", "desc"]) }).optional(),
  divisionIds: z.array(z.uuid()).max(50).optional(),
  /** Only the organizations linked to these trustor orgs, in this order; overrides `q`. */
  trustorIds: z
    .array(z.uuid("must be a trustor organization id"))
    .max(MAX_TRUSTOR_IDS, `at most ${MAX_TRUSTOR_IDS} trustor ids`)
    .optional(),
});
export type OrganizationSearchInput = z.input<typeof organizationSearchInput>;
