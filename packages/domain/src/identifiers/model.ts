import { z } from "zod";

export const IDENTIFIER_TYPES = [
  "SocialLine",
  "SocialFacebook",
  "SocialTwitter",
  "SocialWhatsapp",
  "SocialInstagram",
  "SocialWhatsappBsuid",
  "AppleOpaqueId",
  "Email",
  "Phone",
  "Cookie",
  "ExternalId",
] as const;
export type IdentifierType = (typeof IDENTIFIER_TYPES)[number];

/** An external organization's identifiers are external ids only (Genesys `ExternalOrganizationIdentifier`). */
export const ORGANIZATION_IDENTIFIER_TYPES = ["ExternalId"] as const satisfies readonly IdentifierType[];

export const identifierInput = z.object({
  type: z.enum(IDENTIFIER_TYPES),
  value: z.string().trim().min(1, "a value is required").max(255, "must be at most 255 characters"),
  sourceId: z.uuid().nullish(),
});
export type IdentifierInput = z.input<typeof identifierInput>;

export interface ContactIdentifier {
  id: string;
  contactId: string;
  type: IdentifierType;
  value: string;
  divisionId: string;
  sourceId: string | null;
  createdAt: Date;
}

export interface OrganizationIdentifier extends Omit<ContactIdentifier, "contactId" | "type"> {
  organizationId: string;
  type: (typeof ORGANIZATION_IDENTIFIER_TYPES)[number];
}
