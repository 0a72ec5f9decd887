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
import {
  customizationFields,
  httpUrl,
  INDEXED_NAME_BYTES,
  INDEXED_TEXT_BYTES,
  optionalText,
} from "../shared/fields";

export type { Address, Email, Phone, WebAddress };

export const CONTACT_TYPES = ["Curated", "Ephemeral", "Identified"] as const;
const isoDate = z.iso.date().nullish();

/** The writable fields of a contact, as every dialect and the web app give them (full replacement). */
export const contactInput = z.object({
  divisionId: z.uuid().nullish(),
  firstName: optionalText(1000, INDEXED_NAME_BYTES),
  middleName: optionalText(1000),
  lastName: optionalText(1000, INDEXED_NAME_BYTES),
  salutation: optionalText(1000),
  title: optionalText(1000, INDEXED_TEXT_BYTES),
  displayName: optionalText(1000),
  dateOfBirth: isoDate,
  anniversary: isoDate,
  organizationId: z.uuid().nullish(),
  surveyOptOut: z.boolean().nullish(),
  externalSystemUrl: httpUrl,
  phones: z.array(phoneInput).max(50).default([]),
  emails: z.array(emailInput).max(50).default([]),
  addresses: z.array(addressInput).max(10).default([]),
  /** Several points of one type are allowed; a dialect that shows one per type shows the first. */
  webAddresses: z.array(webAddressInput).max(50).default([]),
  externalIds: externalIdsInput,
  ...customizationFields,
});

export type ContactInput = z.input<typeof contactInput>;
export type ValidContactInput = z.output<typeof contactInput>;

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
  webAddresses: WebAddress[];
  externalIds: ExternalId[];
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

const contactSort = z.object({ field: z.enum(CONTACT_SORT_FIELDS), direction: z.enum(["asc", "desc"]) });

export const contactSearchInput = z.object({
  q: z.string().trim().max(500).optional(),
  pageSize: z.number().int().min(1).max(1000).default(20),
  pageNumber: z.number().int().min(1).default(1),
  /** One sort key, or several: each later one orders the contacts the earlier ones leave tied. */
  sort: z.union([contactSort, z.array(contactSort).max(CONTACT_SORT_FIELDS.length)]).optional(),
  divisionIds: z.array(z.uuid()).max(50).optional(),
  /** Only these contacts (the search still applies to them). */
  ids: z.array(z.uuid()).max(1000).optional(),
  /** Only contacts of this organization. */
  organizationId: z.uuid().optional(),
  type: z.enum(CONTACT_TYPES).optional(),
  /** Only contacts with (true) or without (false) any email / phone. */
  hasEmail: z.boolean().optional(),
  hasPhone: z.boolean().optional(),
  /** Only contacts whose custom field `name` holds `value` (compared as text). */
  customField: z.object({ name: z.string().min(1).max(200), value: z.string().max(1000) }).optional(),
});
export type ContactSearchInput = z.input<typeof contactSearchInput>;
