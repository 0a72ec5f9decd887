import { alias, and, contacts, eq, isNull, type PgColumn, type SelectedFields, sql } from "@switchboard/db";
import { PERMISSIONS } from "../access/permissions";
import { contactPointsJson, storedPointsOf } from "../contact-points";
import type { Contact } from "../contacts/model";
import { type ContactWithoutPoints, contactFieldsOf, toContact } from "../contacts/rows";
import { externalIdsFromJson, externalIdsJson } from "../external-sources";
import type { RecordRef } from "../numbers/rules";
import { type Context, requirePermission } from "./context";
import { notFound } from "./errors";
import { perHandle, scopeValues, statementContext } from "./prepared";
import { refCondition } from "./record-reads";
import { visibleIn } from "./records";

/**
 * The join condition from a contact row (`stored`, an alias of `contacts`) to the contact it reads as: itself,
 * or the survivor it was merged into.
 */
export const isSurvivorOf = (stored: Record<"tenantId" | "id" | "canonicalContactId", PgColumn>) =>
  and(
    eq(contacts.tenantId, stored.tenantId),
    eq(contacts.id, sql`coalesce(${stored.canonicalContactId}, ${stored.id})`),
  );

/**
 * A contact by uuid or number as `readContact` resolves it (a merged-away contact reads as its survivor; a
 * deleted one, or one outside the caller's divisions, is not found), with `columns` (built from a
 * `statementContext`): one statement, built once per handle, key and `name`. With `includeDeleted`, a
 * soft-deleted contact is read too. Its row comes back raw: the readers below make the contact.
 */
function resolvedContactStatement(
  name: string,
  columns: (on: Context) => SelectedFields,
  options: { includeDeleted?: boolean },
) {
  const by = (key: "id" | "number") =>
    perHandle((db) => {
      const on = statementContext(db);
      const stored = alias(contacts, "stored");
      return db
        .select(columns(on))
        .from(stored)
        .innerJoin(contacts, isSurvivorOf(stored))
        .where(
          and(
            eq(stored.tenantId, on.tenantId),
            eq(stored[key], sql.placeholder(key)),
            visibleIn(on, stored.divisionId),
            visibleIn(on, contacts.divisionId),
            options.includeDeleted ? undefined : isNull(contacts.deletedAt),
          ),
        )
        .prepare(`${name}_by_${key}`);
    });
  const byId = by("id");
  const byNumber = by("number");
  return async (ctx: Context, ref: RecordRef) => {
    const missing = () => notFound("contact", "id" in ref ? ref.id : String(ref.number));
    if (!refCondition(contacts, ref)) throw missing();
    const values = scopeValues(ctx);
    const [found] =
      "id" in ref
        ? await byId(ctx.db).execute({ ...values, id: ref.id })
        : await byNumber(ctx.db).execute({ ...values, number: ref.number });
    if (!found) throw missing();
    return found as { row: typeof contacts.$inferSelect; externalIds: unknown } & Record<string, unknown>;
  };
}

/**
 * A contact as `readContact` resolves it, with its points and external ids and whatever else a read needs in
 * the same statement (`extra`, built from a `statementContext`; see `resolvedContactStatement`): for reads that
 * need the contact and a little more (DFS details). `deleted` says whether it is soft-deleted.
 */
export function resolvedContactReads<Extra extends SelectedFields>(
  name: string,
  extra: (on: Context) => Extra,
  options: { includeDeleted?: boolean } = {},
) {
  const read = resolvedContactStatement(
    name,
    (on) => ({
      row: contacts,
      points: contactPointsJson(on, "contact", contacts.id),
      externalIds: externalIdsJson(on, "contact", contacts.id),
      ...extra(on),
    }),
    options,
  );
  return async (ctx: Context, ref: RecordRef) => {
    const { row, points, externalIds, ...rest } = await read(ctx, ref);
    const contact: Contact = toContact(row, storedPointsOf(points), externalIdsFromJson(externalIds));
    return { contact, deleted: row.deletedAt !== null, ...(rest as { [K in keyof Extra]: unknown }) };
  };
}

/**
 * `resolvedContactReads` for reads that show none of the contact's points (enfore's individual, DFS external
 * connections): its row and external ids only, without the points' subselect and their parsing.
 */
export function resolvedContactWithoutPoints(name: string, options: { includeDeleted?: boolean } = {}) {
  const read = resolvedContactStatement(
    name,
    (on) => ({ row: contacts, externalIds: externalIdsJson(on, "contact", contacts.id) }),
    options,
  );
  return async (ctx: Context, ref: RecordRef) => {
    const { row, externalIds } = await read(ctx, ref);
    return {
      contact: contactFieldsOf(row, externalIdsFromJson(externalIds)),
      deleted: row.deletedAt !== null,
    };
  };
}

const contactRecord = resolvedContactWithoutPoints("contact_record", { includeDeleted: true });

/**
 * `readContact` (contacts/reads) as one statement built once, without the contact's points (enfore's
 * individual shows none): a contact by uuid or number, a merged-away one as its survivor, with its external
 * ids; a soft-deleted one only with `includeDeleted`, flagged (enfore reads them so).
 */
export async function readContactRecord(
  ctx: Context,
  ref: RecordRef,
  options: { includeDeleted?: boolean } = {},
): Promise<ContactWithoutPoints & { deleted: boolean }> {
  requirePermission(ctx, PERMISSIONS.contactView);
  const { contact, deleted } = await contactRecord(ctx, ref);
  if (deleted && !options.includeDeleted)
    throw notFound("contact", "id" in ref ? ref.id : String(ref.number));
  return { ...contact, deleted };
}
