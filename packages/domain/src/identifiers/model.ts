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
