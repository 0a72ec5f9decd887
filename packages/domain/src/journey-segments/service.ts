import {
  and,
  contactSegmentAssignments as assignments,
  contacts,
  desc,
  eq,
  gt,
  inArray,
  lte,
  or,
  sql,
} from "@switchboard/db";
import { z } from "zod";
import { PERMISSIONS } from "../access/permissions";
import { addressableContacts } from "../contacts/scope";
import { recordChangeSet } from "../history";
import { type Context, inTransaction, requireAnyPermission, requirePermission } from "../shared/context";
import { notFound } from "../shared/errors";
import { isUuid } from "../shared/ids";
import { parseInput } from "../shared/validation";

/**
 * The limits of Genesys segment assignments (SDK 262): a listing returns 25 by default and at most 500; one
 * request assigns and unassigns at most 10 segments. Switchboard adds its own: an assignment lasts 30 days
 * unless assigned again (segments, and so their expiry settings, live in Genesys Journey, not here), and a
 * contact holds at most 500 live assignments, so one listing at the maximum always shows them all.
 */
export const SEGMENT_ASSIGNMENT_LIMITS = {
  listDefault: 25,
  listMax: 500,
  perRequest: 10,
  expiryDays: 30,
  perContact: 500,
} as const;

/** A segment assigned to a contact until `expiresAt` (Genesys `SegmentAssignment`). */
export interface SegmentAssignment {
  contactId: string;
  segmentId: string;
  assignedAt: Date;
  expiresAt: Date;
}

export const segmentAssignmentsQuery = z.object({
  includeMerged: z.boolean().default(false),
  limit: z
    .number()
    .int()
    .min(1, "limit must be at least 1")
    .max(SEGMENT_ASSIGNMENT_LIMITS.listMax, `limit must be at most ${SEGMENT_ASSIGNMENT_LIMITS.listMax}`)
    .default(SEGMENT_ASSIGNMENT_LIMITS.listDefault),
});
export type SegmentAssignmentsQuery = z.input<typeof segmentAssignmentsQuery>;

const segmentId = z.string().min(1, "must not be empty").max(255, "must be at most 255 characters");

export const segmentAssignmentUpdate = z
  .object({
    assign: z.array(segmentId).default([]),
    unassign: z.array(segmentId).default([]),
  })
  .superRefine((input, issues) => {
    const total = new Set(input.assign).size + new Set(input.unassign).size;
    if (total > SEGMENT_ASSIGNMENT_LIMITS.perRequest)
      issues.addIssue({
        code: "custom",
        path: [input.assign.length ? "assign" : "unassign"],
        message: `at most ${SEGMENT_ASSIGNMENT_LIMITS.perRequest} segments may be assigned and unassigned in one request; got ${total}`,
      });
    const both = input.assign.filter((id) => input.unassign.includes(id));
    if (both.length)
      issues.addIssue({
        code: "custom",
        path: ["unassign"],
        message: `a segment cannot be assigned and unassigned at once: ${[...new Set(both)].join(", ")}`,
      });
  });
export type SegmentAssignmentUpdate = z.input<typeof segmentAssignmentUpdate>;

/** What a request could not do (Genesys `unprocessedItems`): it changed nothing of these; retry them later. */
export interface SegmentAssignmentResult {
  unprocessed: { assign: string[]; unassign: string[] };
}

/** The contact in the path, as sessions address it: merged-away contacts too (they are in a merge set). */
async function addressedContact(ctx: Context, contactId: string, lock = false) {
  if (!isUuid(contactId)) throw notFound("contact", contactId);
  const query = ctx.db
    .select({ id: contacts.id, canonicalContactId: contacts.canonicalContactId })
    .from(contacts)
    .where(and(addressableContacts(ctx), eq(contacts.id, contactId)));
  const [row] = lock ? await query.for("update") : await query;
  if (!row) throw notFound("contact", contactId);
  return row;
}

const live = () => gt(assignments.expiresAt, sql`now()`);
const expiry = () => sql`now() + make_interval(days => ${SEGMENT_ASSIGNMENT_LIMITS.expiryDays})`;

/**
 * The live segment assignments of a contact, newest first (Genesys `GET /contacts/{id}/journey/segments`);
 * with `includeMerged`, those of every contact of its merge set the caller may see. Expired ones are left out.
 */
export async function listSegmentAssignments(
  ctx: Context,
  contactId: string,
  params: SegmentAssignmentsQuery = {},
): Promise<SegmentAssignment[]> {
  requirePermission(ctx, PERMISSIONS.segmentAssignmentView);
  const { includeMerged, limit } = parseInput(segmentAssignmentsQuery, params);
  const contact = await addressedContact(ctx, contactId);
  let contactIds = [contact.id];
  if (includeMerged) {
    const head = contact.canonicalContactId ?? contact.id;
    const members = await ctx.db
      .select({ id: contacts.id })
      .from(contacts)
      .where(and(addressableContacts(ctx), or(eq(contacts.id, head), eq(contacts.canonicalContactId, head))));
    contactIds = [...new Set([contact.id, ...members.map((m) => m.id)])];
  }
  return ctx.db
    .select({
      contactId: assignments.contactId,
      segmentId: assignments.segmentId,
      assignedAt: assignments.assignedAt,
      expiresAt: assignments.expiresAt,
    })
    .from(assignments)
    .where(and(eq(assignments.tenantId, ctx.tenantId), inArray(assignments.contactId, contactIds), live()))
    .orderBy(desc(assignments.assignedAt), assignments.contactId, assignments.segmentId)
    .limit(limit);
}

/**
 * Assigns and unassigns up to 10 segments of a contact in one transaction (Genesys `POST
 * /contacts/{id}/journey/segments`). Assigning a live assignment again moves its expiry on; unassigning a
 * segment the contact does not hold changes nothing. Assigning needs `segmentAssignment:add`, unassigning
 * `segmentAssignment:delete`. New assignments past the contact's limit come back unprocessed.
 */
export async function updateSegmentAssignments(
  ctx: Context,
  contactId: string,
  input: SegmentAssignmentUpdate = {},
): Promise<SegmentAssignmentResult> {
  requireAnyPermission(ctx, PERMISSIONS.segmentAssignmentAdd, PERMISSIONS.segmentAssignmentDelete);
  const valid = parseInput(segmentAssignmentUpdate, input);
  const assign = [...new Set(valid.assign)];
  const unassign = [...new Set(valid.unassign)];
  if (assign.length) requirePermission(ctx, PERMISSIONS.segmentAssignmentAdd);
  if (unassign.length) requirePermission(ctx, PERMISSIONS.segmentAssignmentDelete);
  return inTransaction(ctx, async (tx) => {
    // The contact's row lock orders concurrent updates of its assignments (and so its limit).
    await addressedContact(tx, contactId, true);
    const ofContact = and(eq(assignments.tenantId, tx.tenantId), eq(assignments.contactId, contactId));
    await tx.db.delete(assignments).where(and(ofContact, lte(assignments.expiresAt, sql`now()`)));
    const changes: { path: string; old: unknown; new: unknown }[] = [];
    if (unassign.length) {
      const removed = await tx.db
        .delete(assignments)
        .where(and(ofContact, inArray(assignments.segmentId, unassign)))
        .returning({ segmentId: assignments.segmentId, expiresAt: assignments.expiresAt });
      for (const r of removed)
        changes.push({
          path: `segmentAssignments.${r.segmentId}`,
          old: r.expiresAt.toISOString(),
          new: null,
        });
    }
    const unprocessed: string[] = [];
    if (assign.length) {
      const held = await tx.db
        .select({ segmentId: assignments.segmentId, expiresAt: assignments.expiresAt })
        .from(assignments)
        .where(ofContact);
      const previous = new Map(held.map((h) => [h.segmentId, h.expiresAt]));
      const fresh = assign.filter((id) => !previous.has(id));
      const room = Math.max(0, SEGMENT_ASSIGNMENT_LIMITS.perContact - held.length);
      unprocessed.push(...fresh.slice(room));
      const accepted = assign.filter((id) => !unprocessed.includes(id));
      if (accepted.length) {
        const written = await tx.db
          .insert(assignments)
          .values(
            accepted.map((id) => ({
              tenantId: tx.tenantId,
              contactId,
              segmentId: id,
              assignedAt: sql`now()`,
              expiresAt: expiry(),
            })),
          )
          .onConflictDoUpdate({
            target: [assignments.tenantId, assignments.contactId, assignments.segmentId],
            set: { expiresAt: expiry() },
          })
          .returning({ segmentId: assignments.segmentId, expiresAt: assignments.expiresAt });
        for (const w of written)
          changes.push({
            path: `segmentAssignments.${w.segmentId}`,
            old: previous.get(w.segmentId)?.toISOString() ?? null,
            new: w.expiresAt.toISOString(),
          });
      }
    }
    if (changes.length)
      await recordChangeSet(tx, { entityType: "contact", entityId: contactId, action: "update", changes });
    return { unprocessed: { assign: unprocessed, unassign: [] } };
  });
}
