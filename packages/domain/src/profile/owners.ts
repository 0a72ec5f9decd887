import { and, contacts, eq, isNull, organizations, sql } from "@switchboard/db";
import type { Context } from "../shared/context";
import { notFound, validationFailed } from "../shared/errors";
import { liveRecords } from "../shared/records";
import { OWNER_KINDS, type ProfileOwner } from "./model";

const ownerRecords = {
  contact: liveRecords(contacts, "contact", isNull(contacts.canonicalContactId)),
  organization: liveRecords(organizations, "organization"),
};

/**
 * The owner must be a live contact or organization of the caller's tenant, in a division the caller sees:
 * anything else (another tenant's id, a deleted or merged-away record, a malformed id) is not found. With
 * `lock`, the owner's row stays locked for the rest of the transaction, so writes to its records queue.
 */
export async function requireOwner(ctx: Context, owner: ProfileOwner, lock = false): Promise<void> {
  if (!OWNER_KINDS.includes(owner.kind))
    throw validationFailed([{ path: "owner.kind", message: "must be contact or organization" }]);
  await ownerRecords[owner.kind].find(ctx, owner.id, lock);
}

/** A contact's or organization's version moves on when something its reads show changes (tags, for one). */
export async function touchOwner(ctx: Context, owner: ProfileOwner): Promise<void> {
  const table = owner.kind === "contact" ? contacts : organizations;
  const t = table as typeof contacts;
  await ctx.db
    .update(t)
    .set({ version: sql`${t.version} + 1`, modifiedAt: new Date() })
    .where(and(eq(t.tenantId, ctx.tenantId), eq(t.id, owner.id)));
}

/** The entity history records a change of the owner's profile under. */
export const historyOf = (owner: { kind: string; id: string }) => ({
  entityType: owner.kind,
  entityId: owner.id,
});

export const requireOwnerKind = (owner: ProfileOwner, kind: ProfileOwner["kind"], what: string) => {
  if (owner.kind !== kind) throw notFound(what, owner.id);
};
