import { createHash, randomInt, timingSafeEqual } from "node:crypto";
import { and, desc, eq, inArray, isNull, notificationOutbox, pendingVerifications } from "@switchboard/db";
import { PERMISSIONS } from "../access/permissions";
import { contactDetailsState, writeContactDetails } from "../details-schemas/contact-details";
import { type Context, inTransaction, requirePermission } from "../shared/context";
import { unprocessable } from "../shared/errors";
import { deliver } from "./notifier";

/** DFS communication channels that need verification when changed (§1.3). */
export type VerificationChannel = "Email" | "Mobile";

/** A key is good for 24 hours and 5 tries; then it is `KeyExpired` and a new one must be sent (resend). */
export const VERIFICATION_KEY_TTL_MS = 24 * 60 * 60 * 1000;
export const VERIFICATION_MAX_ATTEMPTS = 5;
export const KEY_NO_MATCH = "KeyNoMatch";
export const KEY_EXPIRED = "KeyExpired";

/** The schema alias whose field a channel verifies. */
export const CHANNEL_ALIAS = { Email: "PrimaryEmail", Mobile: "PrimaryMobile" } as const;

const hashKey = (key: string) => createHash("sha256").update(key.trim()).digest("hex");
const newKey = () => String(randomInt(0, 1_000_000)).padStart(6, "0");

/**
 * Keeps `value` pending for the contact's `channel` and sends a new key to it (replacing any earlier pending
 * value and key). Runs in the caller's transaction; returns the outbox message to deliver after commit.
 */
export async function startVerification(
  tx: Context,
  contactId: string,
  channel: VerificationChannel,
  value: string,
): Promise<string> {
  const key = newKey();
  const row = {
    tenantId: tx.tenantId,
    contactId,
    channel,
    value,
    keyHash: hashKey(key),
    expiresAt: new Date(Date.now() + VERIFICATION_KEY_TTL_MS),
    attempts: 0,
    requestedByKind: tx.actor.kind,
    requestedById: tx.actor.id,
    createdAt: new Date(),
  };
  await tx.db
    .insert(pendingVerifications)
    .values(row)
    .onConflictDoUpdate({
      target: [pendingVerifications.tenantId, pendingVerifications.contactId, pendingVerifications.channel],
      set: { ...row },
    });
  return queueKey(tx, contactId, channel, value, key);
}

async function queueKey(
  tx: Context,
  contactId: string,
  channel: VerificationChannel,
  to: string,
  key: string,
) {
  const what = channel === "Email" ? "e-mail address" : "mobile number";
  const [message] = await tx.db
    .insert(notificationOutbox)
    .values({
      tenantId: tx.tenantId,
      channel: channel === "Email" ? "email" : "sms",
      recipient: to,
      subject: `Your verification key: ${key}`,
      body: `Enter the key ${key} to confirm your new ${what}. It is valid for 24 hours.`,
      entityType: "contact",
      entityId: contactId,
    })
    .returning({ id: notificationOutbox.id });
  return message!.id;
}

/** Sends queued messages now when a transport is configured (SMTP for e-mail); the rest stay in the outbox. */
export async function deliverNotifications(ctx: Context, ids: string[]): Promise<void> {
  if (!ids.length) return;
  const rows = await ctx.db
    .select()
    .from(notificationOutbox)
    .where(
      and(
        eq(notificationOutbox.tenantId, ctx.tenantId),
        inArray(notificationOutbox.id, ids),
        isNull(notificationOutbox.sentAt),
      ),
    );
  for (const row of rows) {
    const result = await deliver(row);
    if (result === "kept") continue;
    await ctx.db
      .update(notificationOutbox)
      .set(result === "sent" ? { sentAt: new Date(), error: null } : { error: result.error })
      .where(and(eq(notificationOutbox.tenantId, ctx.tenantId), eq(notificationOutbox.id, row.id)));
  }
}

/** Which channels of a contact wait for verification. */
export async function pendingChannels(ctx: Context, contactId: string) {
  const rows = await ctx.db
    .select({ channel: pendingVerifications.channel })
    .from(pendingVerifications)
    .where(
      and(eq(pendingVerifications.tenantId, ctx.tenantId), eq(pendingVerifications.contactId, contactId)),
    );
  const channels = new Set(rows.map((r) => r.channel));
  return { hasPendingEmail: channels.has("Email"), hasPendingMobile: channels.has("Mobile") };
}

async function lockPending(tx: Context, contactId: string, channel: VerificationChannel) {
  const [row] = await tx.db
    .select()
    .from(pendingVerifications)
    .where(
      and(
        eq(pendingVerifications.tenantId, tx.tenantId),
        eq(pendingVerifications.contactId, contactId),
        eq(pendingVerifications.channel, channel),
      ),
    )
    .for("update");
  if (!row)
    throw unprocessable(
      `contact ${contactId} has no pending ${channel === "Email" ? "e-mail" : "mobile number"}`,
    );
  return row;
}

const pendingRow = (tx: Context, contactId: string, channel: VerificationChannel) =>
  and(
    eq(pendingVerifications.tenantId, tx.tenantId),
    eq(pendingVerifications.contactId, contactId),
    eq(pendingVerifications.channel, channel),
  );

/**
 * Verifies a pending channel with its key (#25): the right key applies the pending value (as an edit of the
 * schema's `PrimaryEmail` / `PrimaryMobile` field) and clears it. A wrong key is `KeyNoMatch` and counts; a
 * key past its expiry or its 5 tries is `KeyExpired` (send a new one). Nothing pending: 422.
 */
export async function verifyChannel(
  ctx: Context,
  contactId: string,
  channel: VerificationChannel,
  key: string | null | undefined,
): Promise<void> {
  requirePermission(ctx, PERMISSIONS.contactEdit);
  const outcome = await inTransaction(ctx, async (tx) => {
    const state = await contactDetailsState(tx, contactId);
    const pending = await lockPending(tx, state.contact.id, channel);
    if (pending.expiresAt.getTime() <= Date.now() || pending.attempts >= VERIFICATION_MAX_ATTEMPTS)
      return "expired" as const;
    const given = Buffer.from(hashKey(key ?? ""), "hex");
    if (!timingSafeEqual(given, Buffer.from(pending.keyHash, "hex"))) {
      await tx.db
        .update(pendingVerifications)
        .set({ attempts: pending.attempts + 1 })
        .where(pendingRow(tx, state.contact.id, channel));
      return "no-match" as const;
    }
    const field = state.schema.definition.fields.find((f) => f.alias === CHANNEL_ALIAS[channel]);
    if (field) {
      const target = new Map(state.paths);
      target.set(field.key, pending.value);
      await writeContactDetails(tx, state, target);
    }
    await tx.db.delete(pendingVerifications).where(pendingRow(tx, state.contact.id, channel));
    return "verified" as const;
  });
  // A failed try is committed before it is reported, so it counts.
  if (outcome === "expired")
    throw unprocessable("The verification key has expired or was tried too often; request a new one", {
      reason: KEY_EXPIRED,
    });
  if (outcome === "no-match")
    throw unprocessable("The verification key does not match", { reason: KEY_NO_MATCH });
}

/** Sends a new key for a pending channel (#26): a new key, a new expiry, the tries reset. Nothing pending: 422. */
export async function resendVerificationKey(ctx: Context, contactId: string, channel: VerificationChannel) {
  requirePermission(ctx, PERMISSIONS.contactEdit);
  const messageId = await inTransaction(ctx, async (tx) => {
    const { contact } = await contactDetailsState(tx, contactId);
    const pending = await lockPending(tx, contact.id, channel);
    return startVerification(tx, contact.id, channel, pending.value);
  });
  await deliverNotifications(ctx, [messageId]);
}

/** Ends a channel's verification (#13): the pending value is dropped and its key no longer verifies. */
export async function discontinueVerification(ctx: Context, contactId: string, channel: VerificationChannel) {
  requirePermission(ctx, PERMISSIONS.contactEdit);
  await inTransaction(ctx, async (tx) => {
    const { contact } = await contactDetailsState(tx, contactId);
    await lockPending(tx, contact.id, channel);
    await tx.db.delete(pendingVerifications).where(pendingRow(tx, contact.id, channel));
  });
}

/** The tenant's outbox, newest first (staff relay keys from here when no transport is configured). */
export async function listOutbox(ctx: Context, options: { limit?: number } = {}) {
  requirePermission(ctx, PERMISSIONS.contactView);
  return ctx.db
    .select()
    .from(notificationOutbox)
    .where(eq(notificationOutbox.tenantId, ctx.tenantId))
    .orderBy(desc(notificationOutbox.createdAt))
    .limit(Math.min(options.limit ?? 100, 1000));
}
