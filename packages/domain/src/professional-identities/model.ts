import { z } from "zod";

const dateInput = z.coerce.date("must be a date");

/** What a PI write may set besides its organization (enfore ProfessionalIdentityUpdate, plus DFS and dates). */
const identityFields = {
  isActive: z.boolean().default(true),
  /**
   * Make this PI the person's primary (its organization becomes the Genesys `externalOrganization` while it is
   * active), or stop it being the primary. Absent: a new active PI becomes the primary when the person has no
   * active primary one; an update leaves it as it is.
   */
  isPrimary: z.boolean().optional(),
  jobTitle: z.string().trim().max(256, "must be at most 256 characters").nullish(),
  /** When it became active / inactive; derived from `isActive` changes when not given. */
  activationDate: dateInput.nullish(),
  deactivationDate: dateInput.nullish(),
  /** Departments and locations of the PI's organization (plain ids: no such tables yet). */
  departmentIds: z.array(z.uuid("must be a department id")).max(100).default([]),
  locationIds: z.array(z.uuid("must be a location id")).max(100).default([]),
  /** DFS access policies (by key) the person holds on the organization (legal entity), and the v1.0 share. */
  accessPolicyKeys: z.array(z.string().trim().min(1).max(256)).max(50).default([]),
  share: z.number().min(0).max(1).nullish(),
};

export const professionalIdentityInput = z.object({
  organizationId: z.uuid("must be an organization id"),
  ...identityFields,
});
export type ProfessionalIdentityInput = z.input<typeof professionalIdentityInput>;

/** A full update (enfore PUT): everything not sent is cleared, except the organization, which never changes. */
export const professionalIdentityUpdate = z.object(identityFields);
export type ProfessionalIdentityUpdate = z.input<typeof professionalIdentityUpdate>;

export interface ProfessionalIdentity {
  id: string;
  /** The person (contact) the PI belongs to. */
  contactId: string;
  organizationId: string;
  isActive: boolean;
  isPrimary: boolean;
  jobTitle: string | null;
  activationDate: Date | null;
  deactivationDate: Date | null;
  departmentIds: string[];
  locationIds: string[];
  accessPolicyKeys: string[];
  share: number | null;
  createdAt: Date;
  modifiedAt: Date;
}
