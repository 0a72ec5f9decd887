import {
  addImage,
  addTag,
  type Context,
  DomainError,
  deleteProfileRole,
  getContacts,
  getImage,
  getOrganizations,
  listImages,
  listProfileRoleHolders,
  listProfileRoles,
  listTags,
  listTenantTags,
  OWNER_KINDS,
  type ProfileOwner,
  putProfileRole,
  ROLE_KINDS,
  removeImage,
  removeTag,
} from "@switchboard/domain";
import { z } from "zod";
import { displayName } from "~/components/contact-format";
import { createTRPCRouter, protectedProcedure } from "../init";

const owner = z.object({ kind: z.enum(OWNER_KINDS), id: z.string() });
const ownerInput = z.object({ owner });

/** Null instead of a refusal, for names the member may not read (the ids stay). */
const unlessForbidden = <T>(p: Promise<T>, fallback: T) =>
  p.catch((error: unknown) => {
    if (error instanceof DomainError && error.code === "FORBIDDEN") return fallback;
    throw error;
  });

/**
 * The names of contacts and organizations, by id, as the member may read them: for lists of owners such as a
 * customer list's members or the tenant's alternative payers. Ids of records it may not read get no name.
 */
export async function namesOf(ctx: Context, owners: ProfileOwner[]): Promise<Map<string, string>> {
  const ids = (kind: ProfileOwner["kind"]) => [
    ...new Set(owners.filter((o) => o.kind === kind).map((o) => o.id)),
  ];
  const contactIds = ids("contact");
  const organizationIds = ids("organization");
  const [people, orgs] = await Promise.all([
    contactIds.length ? unlessForbidden(getContacts(ctx, contactIds), []) : [],
    organizationIds.length ? unlessForbidden(getOrganizations(ctx, organizationIds), []) : [],
  ]);
  return new Map([
    ...people.map((c) => [c.id, displayName(c)] as const),
    ...orgs.map((o) => [o.id, o.name] as const),
  ]);
}

/**
 * What enfore adds around a contact or an organization: roles (customer, supplier, alternative payer), tags
 * and images. Each procedure is one domain use case, which checks the member's permission.
 */
export const profileRouter = createTRPCRouter({
  roles: protectedProcedure
    .input(ownerInput)
    .query(({ ctx, input }) => listProfileRoles(ctx.domain, input.owner)),
  /** Gives the owner a role or replaces it whole (the domain validates the kind's attributes). */
  putRole: protectedProcedure
    .input(z.object({ owner, kind: z.enum(ROLE_KINDS), role: z.record(z.string(), z.unknown()) }))
    .mutation(({ ctx, input }) => putProfileRole(ctx.domain, input.owner, input.kind, input.role as never)),
  deleteRole: protectedProcedure
    .input(z.object({ owner, kind: z.enum(ROLE_KINDS) }))
    .mutation(({ ctx, input }) => deleteProfileRole(ctx.domain, input.owner, input.kind)),
  /** The contacts and organizations a customer may name as its alternative payer, with their names. */
  alternativePayers: protectedProcedure.query(async ({ ctx }) => {
    const holders = await listProfileRoleHolders(ctx.domain, "alternativePayer");
    const names = await namesOf(ctx.domain, holders);
    return holders.map((h) => ({ ...h, name: names.get(h.id) ?? null }));
  }),

  tags: protectedProcedure.input(ownerInput).query(({ ctx, input }) => listTags(ctx.domain, input.owner)),
  /** The tenant's tags, offered when tagging. */
  tenantTags: protectedProcedure.query(({ ctx }) => listTenantTags(ctx.domain)),
  addTag: protectedProcedure
    .input(z.object({ owner, name: z.string() }))
    .mutation(({ ctx, input }) => addTag(ctx.domain, input.owner, { name: input.name })),
  removeTag: protectedProcedure
    .input(z.object({ owner, tagId: z.string() }))
    .mutation(({ ctx, input }) => removeTag(ctx.domain, input.owner, input.tagId)),

  /** The owner's images without their bytes, the default (first) one first. */
  images: protectedProcedure.input(ownerInput).query(({ ctx, input }) => listImages(ctx.domain, input.owner)),
  /** One image with its bytes (base64). */
  image: protectedProcedure
    .input(z.object({ owner, id: z.string() }))
    .query(({ ctx, input }) => getImage(ctx.domain, input.owner, input.id)),
  /** Adds a JPEG or PNG (base64) as the owner's new default image. */
  addImage: protectedProcedure
    .input(z.object({ owner, data: z.string() }))
    .mutation(({ ctx, input }) => addImage(ctx.domain, input.owner, { data: input.data })),
  removeImage: protectedProcedure
    .input(z.object({ owner, id: z.string() }))
    .mutation(({ ctx, input }) => removeImage(ctx.domain, input.owner, input.id)),
});
