import { and, contacts, eq, isNull, ne, sql } from "@switchboard/db";
import { PERMISSIONS } from "../access/permissions";
import { recordChangeSet } from "../history";
import { type Context, inTransaction, requirePermission } from "../shared/context";
import { unprocessable, validationFailed } from "../shared/errors";
import { liveRecords } from "../shared/records";

/**
 * A contact's DFS `username`: a login-like name (DFS is the identity provider and the username is not coupled
 * with the e-mail), unique per tenant regardless of case among all contacts, deleted ones included (their
 * names stay taken until anonymized). `UsernameNotUnique` is the sub-code of a clash.
 */
export const USERNAME_NOT_UNIQUE = "UsernameNotUnique";
export const USERNAME_MAX_LENGTH = 256;

const liveContacts = liveRecords(contacts, "contact", isNull(contacts.canonicalContactId));

/** A username as stored: trimmed; empty or null clears it; at most 256 characters, no control characters. */
export function normalizeUsername(username: string | null | undefined): string | null {
  const value = username?.trim() ?? "";
  if (!value) return null;
  if (value.length > USERNAME_MAX_LENGTH)
    throw validationFailed([
      { path: "username", message: `must be at most ${USERNAME_MAX_LENGTH} characters` },
    ]);
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is refused
  if (/[\u0000-\u001f\u007f]/.test(value))
    throw validationFailed([{ path: "username", message: "must not contain control characters" }]);
  return value;
}

/**
 * Refuses (422 `UsernameNotUnique`) a username another contact of the tenant holds. Call inside the write's
 * transaction: an advisory lock on the name serializes concurrent claims (the unique index is the backstop).
 */
export async function requireUsernameFree(tx: Context, username: string, exceptContactId?: string) {
  await tx.db.execute(
    sql`select pg_advisory_xact_lock(hashtextextended(${`dfs-username:${tx.tenantId}:${username.toLowerCase()}`}, 0))`,
  );
  const [taken] = await tx.db
    .select({ id: contacts.id })
    .from(contacts)
    .where(
      and(
        eq(contacts.tenantId, tx.tenantId),
        sql`lower(${contacts.username}) = lower(${username})`,
        exceptContactId ? ne(contacts.id, exceptContactId) : undefined,
      ),
    );
  if (taken)
    throw unprocessable(`The username ${username} is not unique`, {
      reason: USERNAME_NOT_UNIQUE,
      issues: [{ path: "username", message: "is not unique", conflict: true }],
    });
}

/** The contact's username (DFS #20), null when it has none. */
export async function getUsername(ctx: Context, contactId: string): Promise<string | null> {
  requirePermission(ctx, PERMISSIONS.contactView);
  const row = await liveContacts.find(ctx, contactId);
  return row.username;
}

/** Sets (or with null / blank, clears) the contact's username (DFS #21), with history. */
export async function setUsername(ctx: Context, contactId: string, username: string | null): Promise<void> {
  requirePermission(ctx, PERMISSIONS.contactEdit);
  const value = normalizeUsername(username);
  await inTransaction(ctx, async (tx) => {
    const row = await liveContacts.find(tx, contactId, true);
    if (row.username === value) return;
    if (value) await requireUsernameFree(tx, value, row.id);
    await tx.db
      .update(contacts)
      .set({ username: value, version: row.version + 1, modifiedAt: new Date() })
      .where(and(eq(contacts.tenantId, tx.tenantId), eq(contacts.id, row.id)));
    await recordChangeSet(tx, {
      entityType: "contact",
      entityId: row.id,
      action: "update",
      changes: [{ path: "username", old: row.username, new: value }],
    });
  });
}
