import { z } from "zod";

/**
 * enfore placeholder customers: stand-alone customer records that are not contacts (no contact points, roles or
 * tags), with images. `customerId` and `externalId` are unique among the tenant's live ones.
 */
export const placeholderCustomerInput = z.object({
  externalId: z.string().min(1).max(256).nullish(),
  customerId: z.string().trim().min(1).max(256),
  name: z.string().trim().min(1).max(1000),
  isActive: z.boolean(),
  customerSince: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date (YYYY-MM-DD)"),
  requiresFormalInvoice: z.boolean(),
  trackRevenue: z.boolean(),
});
export type PlaceholderCustomerInput = z.input<typeof placeholderCustomerInput>;

export interface PlaceholderCustomer {
  id: string;
  externalId: string | null;
  customerId: string;
  name: string;
  isActive: boolean;
  customerSince: string;
  requiresFormalInvoice: boolean;
  trackRevenue: boolean;
  deleted: boolean;
  createdAt: Date;
  modifiedAt: Date;
}
