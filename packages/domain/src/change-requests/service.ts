import {
  alias,
  and,
  asc,
  changeRequests,
  contacts,
  desc,
  dfsDetails,
  eq,
  gte,
  inArray,
  isNull,
  lte,
  members,
  type SQL,
  sql,
} from "@switchboard/db";

import { z } from "zod";
import { PERMISSIONS } from "../access/permissions";
import { asDfsValue } from "../change-history/rules";
import type { Contact, ContactInput } from "../contacts/model";
import { createContact } from "../contacts/service";
import {
  contactDetailsState,
  DETAILS_HISTORY_PREFIX,
  detailsObject,
  detailsStateOf,
  writeBound,
  writeContactDetails,
} from "../details-schemas/contact-details";
import {
  detailsIssues,
  fieldAt,
  flattenDetails,
  jsonSchemaOf,
  mergeDetails,
  nestDetails,
} from "../details-schemas/rules";
import { detailsSchemaFrom, detailsSchemaJson, detailsSchemaOf } from "../details-schemas/service";
import { recordChangeSet } from "../history";
import type { RecordRef } from "../numbers/rules";
import { type Context, inTransaction, requirePermission } from "../shared/context";
import { DomainError, notFound, unprocessable, validationFailed } from "../shared/errors";
import { visibleIn } from "../shared/records";
import { resolvedContactReads } from "../shared/resolved-contacts";
import { parseInput } from "../shared/validation";
import { setUsername } from "../usernames/service";
import {
  CHANNEL_ALIAS,
  deliverNotifications,
  pendingChannels,
  startVerification,
  type VerificationChannel,
} from "../verification/service";

/** DFS change-request statuses (§3.2): localized names are the dialect's. */
export const CHANGE_REQUEST_STATUS = { pending: 1, approved: 2, rejected: 3, cancelled: 4 } as const;

export interface DetailsUpdateResult {
  /** A change request was created: the approval-required paths wait for another member. */
  isApprovalRequired: boolean;
  hasPendingEmail: boolean;
  hasPendingMobile: boolean;
}

const ENTITY = "changeRequest";

async function lockContact(tx: Context, contactId: string) {
  await tx.db
    .select({ id: contacts.id })
    .from(contacts)
    .where(and(eq(contacts.tenantId, tx.tenantId), eq(contacts.id, contactId)))
    .for("update");
}

async function pendingRequestOf(tx: Context, contactId: string) {
  const [row] = await tx.db
    .select()
    .from(changeRequests)
    .where(
      and(
        eq(changeRequests.tenantId, tx.tenantId),
        eq(changeRequests.contactId, contactId),
        eq(changeRequests.status, CHANGE_REQUEST_STATUS.pending),
      ),
    );
  return row;
}

const CHANNEL_OF_ALIAS: Record<string, VerificationChannel> = {
  PrimaryEmail: "Email",
  PrimaryMobile: "Mobile",
};

/**
 * A DFS details update (#15 PATCH merges `details` into the stored ones, #16 PUT replaces them in full), §4.2/§4.3:
 * - the result must match the `contact` schema's JSON Schema (400 naming each bad path);
 * - a member may not change `isReadOnly` fields (422);
 * - a member's change of `isApprovalRequired` fields creates one pending change request holding those paths;
 *   the other paths apply at once. An app's (API client's) edit is never held;
 * - while a change request is pending, an edit of a path it holds is refused (422) by anyone, and a member's
 *   second edit that needs approval is refused (422): the pending value is never overwritten or lost;
 * - a new non-empty `PrimaryEmail` / `PrimaryMobile` value stays pending and a key is sent to it (§1.3).
 */
export async function updateContactDetails(
  ctx: Context,
  contactId: string,
  input: { details: Record<string, unknown>; comment?: string | null },
  mode: "patch" | "put",
): Promise<DetailsUpdateResult> {
  requirePermission(ctx, PERMISSIONS.contactEdit);
  const messages: string[] = [];
  const result = await inTransaction(ctx, async (tx) => {
    await lockContact(tx, contactId);
    const state = await contactDetailsState(tx, contactId);
    const id = state.contact.id;
    const definition = state.schema.definition;
    const proposed = mode === "patch" ? mergeDetails(detailsObject(state), input.details) : input.details;
    const issues = detailsIssues(jsonSchemaOf(definition), proposed);
    if (issues.length) throw validationFailed(issues);
    const target = flattenDetails(proposed);
    const changed = [...new Set([...state.paths.keys(), ...target.keys()])]
      .filter((p) => asDfsValue(state.paths.get(p)) !== asDfsValue(target.get(p)))
      .sort();
    const isMember = tx.actor.kind === "member";

    if (isMember) {
      const readOnly = changed.filter((p) => fieldAt(definition, p)?.isReadOnly);
      if (readOnly.length)
        throw unprocessable(`read-only fields cannot be changed by a member: ${readOnly.join(", ")}`, {
          issues: readOnly.map((path) => ({ path: `details.${path}`, message: "is read-only" })),
        });
    }
    const pending = changed.length ? await pendingRequestOf(tx, id) : undefined;
    if (pending) {
      const held = changed.filter((p) => Object.hasOwn(pending.held, p));
      if (held.length)
        throw unprocessable(
          `change request ${pending.number} is pending for ${held.join(", ")}: it must be reviewed or cancelled first`,
          { issues: held.map((path) => ({ path: `details.${path}`, message: "awaits approval" })) },
        );
    }
    const approval = isMember ? changed.filter((p) => fieldAt(definition, p)?.isApprovalRequired) : [];
    if (approval.length && pending)
      throw unprocessable(
        `contact ${state.contact.number} already has a pending change request (${pending.number}); a second one cannot be opened`,
      );

    const keep = new Set(approval);
    for (const field of definition.fields) {
      const channel = field.alias ? CHANNEL_OF_ALIAS[field.alias] : undefined;
      const value = target.get(field.key);
      if (!channel || keep.has(field.key) || !changed.includes(field.key) || value == null) continue;
      keep.add(field.key);
      messages.push(await startVerification(tx, id, channel, String(value)));
    }
    await writeContactDetails(tx, state, target, keep);
    if (approval.length) {
      await tx.db.insert(changeRequests).values({
        tenantId: tx.tenantId,
        contactId: id,
        details: changed.map((path) => ({
          path,
          originalValue: asDfsValue(state.paths.get(path)),
          targetValue: asDfsValue(target.get(path)),
          isApprovalRequired: approval.includes(path),
        })),
        held: Object.fromEntries(approval.map((p) => [p, target.get(p) ?? null])),
        initiatorKind: tx.actor.kind,
        initiatorId: tx.actor.id,
        initiatorName: tx.actor.name,
        initiatorComment: input.comment ?? null,
      });
    }
    return { isApprovalRequired: approval.length > 0, ...(await pendingChannels(tx, id)) };
  });
  await deliverNotifications(ctx, messages);
  return result;
}

/**
 * A contact with what a details read needs beside it, in one statement built once: the `contact` schema in
 * force, the contact's details document, and whether a change request and which verifications are pending.
 */
const contactWithDetails = resolvedContactReads("contact_details", (on) => ({
  schema: detailsSchemaJson(on, "contact"),
  document: sql<unknown>`(select d.details from dfs_details d
    where d.tenant_id = ${on.tenantId} and d.owner_kind = 'contact' and d.owner_id = ${contacts.id})`,
  pending: sql<boolean>`exists (select 1 from change_requests r
    where r.tenant_id = ${on.tenantId} and r.contact_id = ${contacts.id}
      and r.status = ${CHANGE_REQUEST_STATUS.pending})`,
  email: sql<boolean>`exists (select 1 from pending_verifications v
    where v.tenant_id = ${on.tenantId} and v.contact_id = ${contacts.id} and v.channel = 'Email')`,
  mobile: sql<boolean>`exists (select 1 from pending_verifications v
    where v.tenant_id = ${on.tenantId} and v.contact_id = ${contacts.id} and v.channel = 'Mobile')`,
}));

/**
 * A contact's DFS details (#14) with its pending flags, by uuid or number (DFS `contactId`; a merged-away
 * contact's reads as its survivor, a deleted one is not found), in one statement: the contact with its points,
 * its schema in force, details document and pending flags.
 */
export async function getContactDetails(ctx: Context, ref: string | RecordRef) {
  requirePermission(ctx, PERMISSIONS.contactView);
  const { contact, ...side } = await contactWithDetails(ctx, typeof ref === "string" ? { id: ref } : ref);
  const document = (typeof side.document === "string" ? JSON.parse(side.document) : side.document) ?? {};
  const state = detailsStateOf(contact, detailsSchemaFrom(ctx, "contact", side.schema), document);
  return {
    contact: state.contact,
    details: detailsObject(state),
    hasPendingChangeRequest: side.pending === true,
    hasPendingEmail: side.email === true,
    hasPendingMobile: side.mobile === true,
  };
}

export const createDetailsContactInput = z.object({
  contactTypeId: z.number().int(),
  username: z.string().nullish(),
  details: z.record(z.string(), z.unknown()),
  correlationId: z.string().max(200).nullish(),
});

/**
 * Creates a contact from DFS details (#22): validated against the `contact` schema (400 per bad path); bound
 * fields become the canonical contact's columns and points (no verification: the first values are the
 * contact's own), the others its DFS details document; a taken username is `UsernameNotUnique` (422).
 */
export async function createContactFromDetails(
  ctx: Context,
  input: z.input<typeof createDetailsContactInput>,
): Promise<{ contact: Contact; details: Record<string, unknown> }> {
  requirePermission(ctx, PERMISSIONS.contactAdd);
  const valid = parseInput(createDetailsContactInput, input);
  return inTransaction(ctx, async (tx) => {
    const schema = await detailsSchemaOf(tx, "contact");
    const issues = detailsIssues(jsonSchemaOf(schema.definition), valid.details);
    if (issues.length) throw validationFailed(issues);
    const paths = flattenDetails(valid.details);
    const canonical: ContactInput = {
      phones: [],
      emails: [],
      addresses: [],
      extensions: { dfs: { contactTypeId: valid.contactTypeId, correlationId: valid.correlationId ?? null } },
    };
    const unbound = new Map(paths);
    for (const field of schema.definition.fields) {
      if (!field.binding) continue;
      unbound.delete(field.key);
      const value = paths.get(field.key);
      if (value != null) writeBound(canonical, field.binding, String(value));
    }
    const contact = await createContact(tx, canonical);
    if (unbound.size) {
      await tx.db.insert(dfsDetails).values({
        tenantId: tx.tenantId,
        ownerKind: "contact",
        ownerId: contact.id,
        details: nestDetails(unbound),
        schemaVersion: schema.version,
      });
      await recordChangeSet(tx, {
        entityType: "contact",
        entityId: contact.id,
        action: "update",
        changes: [...unbound].map(([p, v]) => ({
          path: `${DETAILS_HISTORY_PREFIX}.${p}`,
          old: null,
          new: v,
        })),
      });
    }
    if (valid.username) await setUsername(tx, contact.id, valid.username);
    return { contact, details: detailsObject(await contactDetailsState(tx, contact.id)) };
  });
}

// ------------------------------------------------------------------------------------- reads

/** A party of a change request: a member's uuid, DFS number and name. */
export interface Party {
  id: string;
  number: number | null;
  name: string;
}

export interface ChangeRequest {
  id: string;
  number: number;
  contact: { id: string; number: number; name: string | null };
  status: number;
  createdAt: Date;
  initiator: Party;
  initiatorComment: string | null;
  reviewedAt: Date | null;
  reviewer: Party | null;
  reviewComment: string | null;
  details: {
    path: string;
    originalValue: string | null;
    targetValue: string | null;
    isApprovalRequired: boolean;
  }[];
}

const initiators = alias(members, "initiators");
const reviewers = alias(members, "reviewers");
const contactName = sql<
  string | null
>`coalesce(${contacts.displayName}, nullif(concat_ws(' ', ${contacts.firstName}, ${contacts.middleName}, ${contacts.lastName}), ''))`;

const selection = {
  row: changeRequests,
  contactNumber: contacts.number,
  contactName,
  initiatorNumber: initiators.number,
  reviewerNumber: reviewers.number,
};

function requestsQuery(ctx: Context) {
  return ctx.db
    .select(selection)
    .from(changeRequests)
    .innerJoin(
      contacts,
      and(
        eq(contacts.tenantId, changeRequests.tenantId),
        eq(contacts.id, changeRequests.contactId),
        isNull(contacts.deletedAt),
        visibleIn(ctx, contacts.divisionId),
      ),
    )
    .leftJoin(
      initiators,
      and(eq(initiators.tenantId, changeRequests.tenantId), eq(initiators.id, changeRequests.initiatorId)),
    )
    .leftJoin(
      reviewers,
      and(eq(reviewers.tenantId, changeRequests.tenantId), eq(reviewers.id, changeRequests.reviewerId)),
    );
}

type Selected = {
  row: typeof changeRequests.$inferSelect;
  contactNumber: number;
  contactName: string | null;
  initiatorNumber: number | null;
  reviewerNumber: number | null;
};

const toChangeRequest = (s: Selected): ChangeRequest => ({
  id: s.row.id,
  number: s.row.number,
  contact: { id: s.row.contactId, number: s.contactNumber, name: s.contactName },
  status: s.row.status,
  createdAt: s.row.createdAt,
  initiator: { id: s.row.initiatorId, number: s.initiatorNumber, name: s.row.initiatorName },
  initiatorComment: s.row.initiatorComment,
  reviewedAt: s.row.reviewedAt,
  reviewer: s.row.reviewerId
    ? { id: s.row.reviewerId, number: s.reviewerNumber, name: s.row.reviewerName ?? "" }
    : null,
  reviewComment: s.row.reviewComment,
  details: s.row.details,
});

/** One change request of a contact (#1, #2); another contact's or an unknown number is 404. */
export async function getChangeRequest(
  ctx: Context,
  contactId: string,
  number: number,
): Promise<ChangeRequest> {
  requirePermission(ctx, PERMISSIONS.contactView);
  const [found] = await requestsQuery(ctx).where(
    and(
      eq(changeRequests.tenantId, ctx.tenantId),
      eq(changeRequests.contactId, contactId),
      eq(changeRequests.number, number),
    ),
  );
  if (!found) throw notFound(ENTITY, String(number));
  return toChangeRequest(found);
}

/** The contact's pending change request, if any (#4, #5). */
export async function pendingChangeRequest(ctx: Context, contactId: string): Promise<ChangeRequest | null> {
  requirePermission(ctx, PERMISSIONS.contactView);
  const [found] = await requestsQuery(ctx).where(
    and(
      eq(changeRequests.tenantId, ctx.tenantId),
      eq(changeRequests.contactId, contactId),
      eq(changeRequests.status, CHANGE_REQUEST_STATUS.pending),
    ),
  );
  return found ? toChangeRequest(found) : null;
}

export const CHANGE_REQUEST_SORTS = [
  "Id",
  "StatusId",
  "CreateDate",
  "InitiatorMemberId",
  "ContactId",
  "ReviewDate",
  "ReviewMemberId",
] as const;

const int32 = z.number().int();
export const changeRequestSearchInput = z.object({
  page: z.number().int().min(1).default(1),
  pageSize: z.number().int().min(1).max(1000).default(10),
  sortOrder: z.enum(["Ascending", "Descending"]).nullish(),
  sortBy: z
    .string()
    .nullish()
    .transform((s, c) => {
      if (!s) return null;
      const found = CHANGE_REQUEST_SORTS.find((k) => k.toLowerCase() === s.toLowerCase());
      if (!found)
        c.addIssue({ code: "custom", message: `must be one of ${CHANGE_REQUEST_SORTS.join(", ")}` });
      return found ?? null;
    }),
  excludeHierarchy: z.boolean().nullish(),
  statusId: int32.nullish(),
  createDateFrom: z.coerce.date().nullish(),
  createDateTo: z.coerce.date().nullish(),
  reviewDateFrom: z.coerce.date().nullish(),
  reviewDateTo: z.coerce.date().nullish(),
  contactIds: z.array(int32).max(1000).nullish(),
  initiatorMemberIds: z.array(int32).max(1000).nullish(),
  initiatorMemberUids: z.array(z.uuid()).max(1000).nullish(),
  reviewMemberIds: z.array(int32).max(1000).nullish(),
  reviewMemberUids: z.array(z.uuid()).max(1000).nullish(),
  paths: z.array(z.string().max(500)).max(100).nullish(),
});
export type ChangeRequestSearchInput = z.input<typeof changeRequestSearchInput>;

/**
 * Change requests of the contacts the caller can see (#6, #7), filters combined with AND, array filters
 * matching any element, `paths` keeping requests with at least one of them (or a path below one). Latest
 * first unless sorted. There is no contact hierarchy: every visible contact is directly accessible, so
 * `excludeHierarchy` changes nothing.
 */
export async function searchChangeRequests(
  ctx: Context,
  input: ChangeRequestSearchInput,
): Promise<{ results: ChangeRequest[]; totalCount: number; page: number; pageSize: number }> {
  requirePermission(ctx, PERMISSIONS.contactView);
  const q = parseInput(changeRequestSearchInput, input);
  const where: (SQL | undefined)[] = [eq(changeRequests.tenantId, ctx.tenantId)];
  if (q.statusId != null) where.push(eq(changeRequests.status, q.statusId));
  if (q.createDateFrom) where.push(gte(changeRequests.createdAt, q.createDateFrom));
  if (q.createDateTo) where.push(lte(changeRequests.createdAt, q.createDateTo));
  if (q.reviewDateFrom) where.push(gte(changeRequests.reviewedAt, q.reviewDateFrom));
  if (q.reviewDateTo) where.push(lte(changeRequests.reviewedAt, q.reviewDateTo));
  if (q.contactIds?.length) where.push(inArray(contacts.number, q.contactIds));
  if (q.initiatorMemberIds?.length) where.push(inArray(initiators.number, q.initiatorMemberIds));
  if (q.initiatorMemberUids?.length) where.push(inArray(changeRequests.initiatorId, q.initiatorMemberUids));
  if (q.reviewMemberIds?.length) where.push(inArray(reviewers.number, q.reviewMemberIds));
  if (q.reviewMemberUids?.length) where.push(inArray(changeRequests.reviewerId, q.reviewMemberUids));
  if (q.paths?.length)
    where.push(
      sql`exists (select 1 from jsonb_array_elements(${changeRequests.details}) d, unnest(${sql.param(q.paths)}::text[]) p(path)
        where d->>'path' = p.path or starts_with(d->>'path', p.path || '.'))`,
    );
  const key = {
    Id: changeRequests.number,
    StatusId: changeRequests.status,
    CreateDate: changeRequests.createdAt,
    InitiatorMemberId: initiators.number,
    ContactId: contacts.number,
    ReviewDate: changeRequests.reviewedAt,
    ReviewMemberId: reviewers.number,
  }[q.sortBy ?? "CreateDate"];
  const dir = q.sortOrder === "Ascending" ? asc : desc;
  const rows = await requestsQuery(ctx)
    .where(and(...where))
    .orderBy(dir(key), dir(changeRequests.number))
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize);
  const [count] = await ctx.db
    .select({ n: sql<number>`count(*)::int` })
    .from(changeRequests)
    .innerJoin(
      contacts,
      and(
        eq(contacts.tenantId, changeRequests.tenantId),
        eq(contacts.id, changeRequests.contactId),
        isNull(contacts.deletedAt),
        visibleIn(ctx, contacts.divisionId),
      ),
    )
    .leftJoin(
      initiators,
      and(eq(initiators.tenantId, changeRequests.tenantId), eq(initiators.id, changeRequests.initiatorId)),
    )
    .leftJoin(
      reviewers,
      and(eq(reviewers.tenantId, changeRequests.tenantId), eq(reviewers.id, changeRequests.reviewerId)),
    )
    .where(and(...where));
  return {
    results: rows.map(toChangeRequest),
    totalCount: count?.n ?? 0,
    page: q.page,
    pageSize: q.pageSize,
  };
}

// ------------------------------------------------------------------------------------- decisions

async function lockRequest(tx: Context, contactId: string, number: number) {
  const [row] = await tx.db
    .select()
    .from(changeRequests)
    .where(
      and(
        eq(changeRequests.tenantId, tx.tenantId),
        eq(changeRequests.contactId, contactId),
        eq(changeRequests.number, number),
      ),
    )
    .for("update");
  if (!row) throw notFound(ENTITY, String(number));
  return row;
}

const notPending = (number: number) =>
  unprocessable(
    `change request ${number} is not pending: only a pending change request can be reviewed or cancelled`,
  );
const refused = (message: string) => new DomainError("FORBIDDEN", message, [{ path: "", message }]);

/**
 * Reviews a pending change request (#9), by a member other than its initiator (403 otherwise; an app cannot
 * review). Approval applies the held target values as a change of the initiator, with the reviewer recorded on
 * the change set; rejection changes nothing. Either way the review is recorded on the request.
 */
export async function reviewChangeRequest(
  ctx: Context,
  contactId: string,
  number: number,
  input: { isApproved: boolean; comment?: string | null },
): Promise<void> {
  requirePermission(ctx, PERMISSIONS.changeRequestReview);
  if (ctx.actor.kind !== "member") throw refused("only a member can review a change request");
  const messages: string[] = [];
  await inTransaction(ctx, async (tx) => {
    await lockContact(tx, contactId);
    const request = await lockRequest(tx, contactId, number);
    if (request.status !== CHANGE_REQUEST_STATUS.pending) throw notPending(number);
    if (request.initiatorId === tx.actor.id)
      throw refused("the initiator of a change request cannot review it");
    if (input.isApproved) {
      const asInitiator: Context = {
        ...tx,
        actor: { ...tx.actor, kind: "member", id: request.initiatorId, name: request.initiatorName },
        reviewer: { id: tx.actor.id, name: tx.actor.name },
      };
      const state = await contactDetailsState(asInitiator, contactId);
      const target = new Map(state.paths);
      for (const [path, value] of Object.entries(request.held)) {
        if (value === null || value === undefined) target.delete(path);
        else target.set(path, value);
      }
      const keep = new Set<string>();
      for (const field of state.schema.definition.fields) {
        const channel = field.alias ? CHANNEL_OF_ALIAS[field.alias] : undefined;
        const value = request.held[field.key];
        if (!channel || value == null || !Object.hasOwn(request.held, field.key)) continue;
        keep.add(field.key);
        messages.push(await startVerification(asInitiator, contactId, channel, String(value)));
      }
      await writeContactDetails(asInitiator, state, target, keep);
    }
    await tx.db
      .update(changeRequests)
      .set({
        status: input.isApproved ? CHANGE_REQUEST_STATUS.approved : CHANGE_REQUEST_STATUS.rejected,
        reviewerId: tx.actor.id,
        reviewerName: tx.actor.name,
        reviewComment: input.comment ?? null,
        reviewedAt: new Date(),
      })
      .where(and(eq(changeRequests.tenantId, tx.tenantId), eq(changeRequests.id, request.id)));
  });
  await deliverNotifications(ctx, messages);
}

/** Cancels a pending change request (#8): only its initiator (403 for anyone else), only while pending (422). */
export async function cancelChangeRequest(ctx: Context, contactId: string, number: number): Promise<void> {
  requirePermission(ctx, PERMISSIONS.contactEdit);
  await inTransaction(ctx, async (tx) => {
    const request = await lockRequest(tx, contactId, number);
    if (request.initiatorId !== tx.actor.id)
      throw refused("only the member who initiated a change request can cancel it");
    if (request.status !== CHANGE_REQUEST_STATUS.pending) throw notPending(number);
    await tx.db
      .update(changeRequests)
      .set({ status: CHANGE_REQUEST_STATUS.cancelled })
      .where(and(eq(changeRequests.tenantId, tx.tenantId), eq(changeRequests.id, request.id)));
  });
}

/** A member of the tenant by DFS number (v1.0 `memberId`), or 404. */
export async function memberByNumber(ctx: Context, number: number): Promise<Party> {
  const [row] = await ctx.db
    .select({ id: members.id, number: members.number, name: members.name })
    .from(members)
    .where(and(eq(members.tenantId, ctx.tenantId), eq(members.number, number)));
  if (!row) throw notFound("member", String(number));
  return row;
}

export { CHANNEL_ALIAS };
