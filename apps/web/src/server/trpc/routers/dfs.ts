import {
  CHANGE_REQUEST_STATUS,
  DETAILS_SCHEMA_KEYS,
  detailsSchemaOf,
  fieldsMetadataOf,
  getContactDetails,
  getDetailsSchema,
  layoutOf,
  listOutbox,
  nestDetails,
  reviewChangeRequest,
  searchChangeRequests,
  updateContactDetails,
  updateDetailsSchema,
} from "@switchboard/domain";
import { z } from "zod";
import { createTRPCRouter, protectedProcedure } from "../init";

const schemaKey = z.enum(DETAILS_SCHEMA_KEYS);
const FLAGS = ["isApprovalRequired", "isExportable", "isHidden", "isReadOnly"] as const;
const detailsValue = z.union([z.string().max(10_000), z.number(), z.boolean(), z.null()]);

/** The DFS additions to the workspace: the change-request review queue, the verification outbox, details forms. */
export const dfsRouter = createTRPCRouter({
  /**
   * Pending change requests of the contacts the member can see, oldest first (the order they wait in), with
   * `mine` set on the ones the member initiated (they cannot review those) and each field's label.
   */
  pendingChangeRequests: protectedProcedure
    .input(z.object({ page: z.number().int().min(1).default(1) }).default({ page: 1 }))
    .query(async ({ ctx, input }) => {
      const found = await searchChangeRequests(ctx.domain, {
        statusId: CHANGE_REQUEST_STATUS.pending,
        sortBy: "CreateDate",
        sortOrder: "Ascending",
        page: input.page,
        pageSize: 50,
      });
      const schema = await detailsSchemaOf(ctx.domain, "contact");
      const labels = Object.fromEntries(
        fieldsMetadataOf(schema.definition, "en").map((f) => [f.key, f.label]),
      );
      return {
        ...found,
        results: found.results.map((r) => ({
          ...r,
          mine: r.initiator.id === ctx.domain.actor.id,
          details: r.details.map((d) => ({ ...d, label: labels[d.path] ?? null })),
        })),
      };
    }),
  /** Approves (applies the held values) or rejects a pending change request, with the reviewer's comment. */
  review: protectedProcedure
    .input(
      z.object({
        contactId: z.string(),
        number: z.number().int(),
        isApproved: z.boolean(),
        comment: z.string().max(4000).nullish(),
      }),
    )
    .mutation(({ ctx, input }) =>
      reviewChangeRequest(ctx.domain, input.contactId, input.number, {
        isApproved: input.isApproved,
        comment: input.comment?.trim() || null,
      }),
    ),
  /** The verification messages as the outbox stores them, newest first. */
  outbox: protectedProcedure.query(({ ctx }) => listOutbox(ctx.domain, { limit: 200 })),
  /**
   * A contact's DFS details with the `contact` schema's layout and field metadata (English), and the flags of
   * what waits for approval or verification.
   */
  contactDetails: protectedProcedure.input(z.object({ id: z.string() })).query(async ({ ctx, input }) => {
    const details = await getContactDetails(ctx.domain, input.id);
    const schema = await detailsSchemaOf(ctx.domain, "contact");
    return {
      details: details.details,
      hasPendingChangeRequest: details.hasPendingChangeRequest,
      hasPendingEmail: details.hasPendingEmail,
      hasPendingMobile: details.hasPendingMobile,
      layout: layoutOf(schema.definition, "en"),
      fields: fieldsMetadataOf(schema.definition, "en"),
    };
  }),
  /**
   * Changes a contact's DFS details by path (a PATCH: paths not named stay; null clears). A member's change of an
   * approval-required field becomes a change request instead of applying.
   */
  updateContactDetails: protectedProcedure
    .input(
      z.object({
        id: z.string(),
        changes: z.record(z.string().max(500), detailsValue),
        comment: z.string().max(4000).nullish(),
      }),
    )
    .mutation(({ ctx, input }) =>
      updateContactDetails(
        ctx.domain,
        input.id,
        { details: nestDetails(new Map(Object.entries(input.changes))), comment: input.comment || null },
        "patch",
      ),
    ),
  /** A details schema's fields with their flags, and its concurrency token (the version read). */
  schema: protectedProcedure.input(z.object({ key: schemaKey })).query(async ({ ctx, input }) => {
    const schema = await getDetailsSchema(ctx.domain, input.key);
    return {
      key: schema.key,
      concurrencyToken: schema.version,
      fields: fieldsMetadataOf(schema.definition, "en").map((f) => ({
        key: f.key,
        label: f.label,
        fieldType: f.fieldType,
        isApprovalRequired: f.isApprovalRequired,
        isExportable: f.isExportable,
        isHidden: f.isHidden,
        isReadOnly: f.isReadOnly,
      })),
    };
  }),
  /**
   * Saves the four flags of the named fields as a new schema version; `concurrencyToken` is the version the editor
   * read (a save since then is refused: UNPROCESSABLE_CONTENT).
   */
  saveSchemaFlags: protectedProcedure
    .input(
      z.object({
        key: schemaKey,
        concurrencyToken: z.number().int(),
        fields: z
          .array(
            z.object({
              key: z.string().max(500),
              isApprovalRequired: z.boolean(),
              isExportable: z.boolean(),
              isHidden: z.boolean(),
              isReadOnly: z.boolean(),
            }),
          )
          .max(1000),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const current = await getDetailsSchema(ctx.domain, input.key);
      const flags = new Map(input.fields.map((f) => [f.key, f]));
      const definition = {
        ...current.definition,
        fields: current.definition.fields.map((field) => {
          const set = flags.get(field.key);
          if (!set) return field;
          return { ...field, ...Object.fromEntries(FLAGS.map((flag) => [flag, set[flag]])) };
        }),
      };
      const saved = await updateDetailsSchema(ctx.domain, input.key, {
        definition: JSON.stringify(definition),
        concurrencyToken: input.concurrencyToken,
      });
      return { concurrencyToken: saved.version };
    }),
});
