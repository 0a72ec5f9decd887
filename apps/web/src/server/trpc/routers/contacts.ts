import {
  CONTACT_SORT_FIELDS,
  CONTACT_TYPES,
  type ContactInput,
  type ContactSummary,
  type Context,
  contactHistory,
  contactInput,
  createContact,
  deleteContact,
  dismissDuplicates,
  dismissDuplicatesInput,
  duplicateDismissalsInput,
  duplicatePairsInput,
  duplicateSearchInput,
  getContact,
  listDivisions,
  listDuplicateDismissals,
  mergeContacts,
  PERMISSIONS,
  requirePermission,
  searchContactSummaries,
  searchContacts,
  searchContactsPage,
  suggestDuplicateGroups,
  undoDuplicateDismissals,
  updateContact,
} from "@switchboard/domain";
import { z } from "zod";
import { displayName } from "~/components/contact-format";
import { createTRPCRouter, protectedProcedure } from "../init";

const id = z.object({ id: z.string() });

const listInput = z.object({
  q: z.string().max(500).optional(),
  pageSize: z.number().int().min(1).max(200).default(25),
  pageNumber: z.number().int().min(1).default(1),
  sort: z.object({ field: z.enum(CONTACT_SORT_FIELDS), direction: z.enum(["asc", "desc"]) }).optional(),
  // The list page's filters (each optional; the domain validates them again).
  organizationId: z.uuid().optional(),
  divisionId: z.uuid().optional(),
  type: z.enum(CONTACT_TYPES).optional(),
  hasEmail: z.boolean().optional(),
  hasPhone: z.boolean().optional(),
  customField: z.object({ name: z.string().min(1).max(200), value: z.string().max(1000) }).optional(),
  /** false: the page without counting all matches (`total` is null), for a list that knows it. */
  withTotal: z.boolean().default(true),
  /** With `withTotal: false`, the count the list knows: a page past the middle is then read from the end. */
  knownTotal: z.number().int().min(0).optional(),
});

type ListInput = z.output<typeof listInput>;
/** The list's input as the domain's search parameters. */
const searchParams = ({ divisionId, withTotal: _, knownTotal: __, ...input }: ListInput) => ({
  ...input,
  divisionIds: divisionId ? [divisionId] : undefined,
});

async function listPage(ctx: Context, input: ListInput) {
  if (input.withTotal) return searchContacts(ctx, searchParams(input));
  return { ...(await searchContactsPage(ctx, searchParams(input), input.knownTotal)), total: null };
}

/**
 * A contact as one line of the contact list. Plain JSON (the time as ISO text, not a Date), so the
 * transformer has nothing to restore: decoding 50 dates took the browser several ms per page.
 */
export type ContactListRow = ReturnType<typeof toListRow>;
const toListRow = (s: ContactSummary) => ({
  id: s.id,
  name: displayName({ ...s, emails: s.email ? [{ address: s.email }] : [] }),
  firstName: s.firstName,
  title: s.title,
  email: s.email,
  phone: s.phone,
  type: s.type,
  modifiedAt: s.modifiedAt.toISOString(),
});

/** Contacts for the web app and typed clients: validate with the domain's schemas, call the use case. */
export const contactsRouter = createTRPCRouter({
  list: protectedProcedure.input(listInput).query(({ ctx, input }) => listPage(ctx.domain, input)),
  /**
   * The contact list's page: only the columns the table shows, read in one statement (whole contacts take
   * three, and most of a page request's time went to reading them out and sending them).
   */
  listRows: protectedProcedure
    .input(
      listInput.extend({
        /** This many consecutive pages from `pageNumber`, in one read (a jump deep into the list). */
        pageCount: z.number().int().min(1).max(4).default(1),
      }),
    )
    .query(async ({ ctx, input: { pageCount, ...input } }) => {
      const { withTotal, knownTotal } = input;
      const page = await searchContactSummaries(ctx.domain, searchParams(input), {
        withTotal,
        knownTotal,
        pageCount,
      });
      return { ...page, entities: page.entities.map(toListRow) };
    }),
  /** The divisions to filter the list by. */
  divisions: protectedProcedure.query(({ ctx }) => {
    requirePermission(ctx.domain, PERMISSIONS.contactView);
    return listDivisions(ctx.domain);
  }),
  /** Suggested groups of likely duplicates, for the duplicates page. */
  duplicates: protectedProcedure
    .input(duplicateSearchInput)
    .query(({ ctx, input }) => suggestDuplicateGroups(ctx.domain, input)),
  /** Marks the contacts as not duplicates of one another; answers the pairs newly dismissed (for an undo). */
  dismissDuplicates: protectedProcedure
    .input(dismissDuplicatesInput)
    .mutation(({ ctx, input }) => dismissDuplicates(ctx.domain, input)),
  /** Suggests dismissed pairs again. */
  undoDuplicateDismissals: protectedProcedure
    .input(duplicatePairsInput)
    .mutation(({ ctx, input }) => undoDuplicateDismissals(ctx.domain, input)),
  /** The pairs marked "not duplicates", most recent first. */
  duplicateDismissals: protectedProcedure
    .input(duplicateDismissalsInput)
    .query(({ ctx, input }) => listDuplicateDismissals(ctx.domain, input)),
  /**
   * Merges contacts into a new survivor; `valueOverride` holds the values picked per field and
   * `customFieldOverrides` those picked per custom field, null for none (the domain validates the merged
   * contact like any other).
   */
  merge: protectedProcedure
    .input(
      z.object({
        contactIds: z.array(z.string()).min(2).max(25),
        valueOverride: z.record(z.string(), z.unknown()).default({}),
        customFieldOverrides: z.record(z.string(), z.unknown()).default({}),
      }),
    )
    .mutation(({ ctx, input }) =>
      mergeContacts(ctx.domain, {
        contactIds: input.contactIds,
        valueOverride: input.valueOverride as ContactInput,
        customFieldOverrides: input.customFieldOverrides,
      }),
    ),
  get: protectedProcedure.input(id).query(({ ctx, input }) => getContact(ctx.domain, input.id)),
  history: protectedProcedure.input(id).query(({ ctx, input }) => contactHistory(ctx.domain, input.id)),
  create: protectedProcedure
    .input(contactInput)
    .mutation(({ ctx, input }) => createContact(ctx.domain, input)),
  update: protectedProcedure
    .input(z.object({ id: z.string(), expectedVersion: z.number().int().optional(), contact: contactInput }))
    .mutation(({ ctx, input }) =>
      updateContact(ctx.domain, input.id, input.contact, { expectedVersion: input.expectedVersion }),
    ),
  delete: protectedProcedure.input(id).mutation(({ ctx, input }) => deleteContact(ctx.domain, input.id)),
});
