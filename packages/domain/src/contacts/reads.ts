import { and, contacts, eq, isNull } from "@switchboard/db";
import { PERMISSIONS } from "../access/permissions";
import { type OffsetPageInput, offsetPageInput, type RecordRef } from "../numbers/rules";
import { type Context, requirePermission } from "../shared/context";
import { notFound } from "../shared/errors";
import { offsetPage, readableRows, refCondition } from "../shared/record-reads";
import { parseInput } from "../shared/validation";
import type { Contact } from "./model";
import { contactWhere, hydrate } from "./rows";

/** A contact as the enfore and DFS reads return it: soft-deleted ones flagged. */
export type ContactRecord = Contact & { deleted: boolean };

const withDeleted = (contact: Contact, deletedAt: Date | null): ContactRecord => ({
  ...contact,
  deleted: deletedAt !== null,
});

/**
 * A contact by uuid or number (DFS int32 id). A contact merged into another resolves to the surviving one, as
 * `getContact` does. A soft-deleted contact is not found unless `includeDeleted`; then it comes back with
 * `deleted: true` (enfore reads it so).
 */
export async function readContact(
  ctx: Context,
  ref: RecordRef,
  options: { includeDeleted?: boolean } = {},
): Promise<ContactRecord> {
  requirePermission(ctx, PERMISSIONS.contactView);
  const missing = () => notFound("contact", "id" in ref ? ref.id : String(ref.number));
  const which = refCondition(contacts, ref);
  if (!which) throw missing();
  // One statement (the row with its points and external ids); a second only for a merged-away contact.
  const readable = readableRows(ctx, contacts, true);
  const stored = await contactWhere(ctx, and(readable, which));
  const canonicalId = stored?.row.canonicalContactId;
  const found = canonicalId ? await contactWhere(ctx, and(readable, eq(contacts.id, canonicalId))) : stored;
  if (!found || (found.row.deletedAt && !options.includeDeleted)) throw missing();
  return withDeleted(found.contact, found.row.deletedAt);
}

/**
 * Contacts in creation order, `limit` (1..5000) from `offset` (enfore paging); soft-deleted ones too, flagged,
 * with `includeDeleted`. Contacts merged into another are left out (they read as the surviving one).
 */
export async function listContactsByOffset(
  ctx: Context,
  params: OffsetPageInput = {},
): Promise<{ entities: ContactRecord[] }> {
  requirePermission(ctx, PERMISSIONS.contactView);
  const page = parseInput(offsetPageInput, params);
  const rows = await offsetPage(ctx, contacts, page, isNull(contacts.canonicalContactId));
  const read = await hydrate(ctx, rows);
  return { entities: read.map((c, i) => withDeleted(c, rows[i]!.deletedAt)) };
}
