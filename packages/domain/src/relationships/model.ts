import { z } from "zod";

export const relationshipInput = z.object({
  organizationId: z.uuid("must be an organization id"),
  /** The member (Genesys user) in the relationship. */
  memberId: z.uuid("must be a user id"),
  relationship: z
    .string()
    .trim()
    .min(1, "a relationship is required")
    .max(100, "must be at most 100 characters"),
});
export type RelationshipInput = z.input<typeof relationshipInput>;

export interface Relationship {
  id: string;
  organizationId: string;
  memberId: string;
  relationship: string;
  createdAt: Date;
  modifiedAt: Date;
}

export const relationshipListInput = z.object({
  pageSize: z.number().int().min(1).max(200).default(20),
  pageNumber: z.number().int().min(1).default(1),
  sort: z
    .object({ field: z.enum(["createDate", "relationship"]), direction: z.enum(["asc", "desc"]) })
    .optional(),
});
export type RelationshipListInput = z.input<typeof relationshipListInput>;
