import { alias, and, asc, contacts, eq, externalIds, externalSources, isNull, sql } from "@switchboard/db";
import { PERMISSIONS } from "../access/permissions";
import { MAX_EXTERNAL_IDS } from "../external-sources/model";
import { dfsSystemIssue, externalIdValueIssue, isReservedSourceName } from "../external-sources/rules";
import { recordChangeSet } from "../history";
import type { RecordRef } from "../numbers/rules";
import { type Context, inTransaction, requirePermission } from "../shared/context";
import { type FieldIssue, notFound, rejectIssues, unprocessable } from "../shared/errors";
import { perHandle, scopeValues, statementContext } from "../shared/prepared";
import { liveRecords, visibleIn } from "../shared/records";
import { isSurvivorOf, resolvedContactWithoutPoints } from "../shared/resolved-contacts";

/**
 * DFS external connections (cross-dialect contract §6): a contact's external ids seen as `{externalId,
 * system}`, the system being the external source's name (created on first use). The reserved `enfore:*`
 * sources are enfore's id mappings and are neither shown nor written here. An `externalId` is unique across all
 * systems among contacts for DFS writes.
 */
export interface ExternalConnection {
  externalId: string;
  /** The source's name; null when the source was deleted since (the id stays on the record). */
  system: string | null;
}

const liveContacts = liveRecords(contacts, "contact", isNull(contacts.canonicalContactId));

/** A contact (resolved as `readContact` does) with its external ids: one statement, built once. */
const contactWithIds = resolvedContactWithoutPoints("contact_connections");

/**
 * The contact's connections in the order they were added (a merged-away contact's are its survivor's), by
 * uuid or number (DFS `contactId`): one statement, the contact with its external ids.
 */
export async function listExternalConnections(
  ctx: Context,
  ref: string | RecordRef,
): Promise<ExternalConnection[]> {
  requirePermission(ctx, PERMISSIONS.contactView);
  const { contact } = await contactWithIds(ctx, typeof ref === "string" ? { id: ref } : ref);
  return contact.externalIds
    .filter((e) => !e.source || !isReservedSourceName(e.source.name))
    .map((e) => ({ externalId: e.value, system: e.source?.name ?? null }));
}

/** The source named `system` (case-insensitive), if any. */
async function sourceNamed(ctx: Context, system: string) {
  const [row] = await ctx.db
    .select({ id: externalSources.id, name: externalSources.name })
    .from(externalSources)
    .where(
      and(eq(externalSources.tenantId, ctx.tenantId), sql`lower(${externalSources.name}) = lower(${system})`),
    );
  return row;
}

/** The source named `system`, created (with its history) when the tenant has none of that name yet. */
async function sourceFor(tx: Context, system: string) {
  const found = await sourceNamed(tx, system);
  if (found) return found;
  const [created] = await tx.db
    .insert(externalSources)
    .values({ tenantId: tx.tenantId, name: system })
    .onConflictDoNothing()
    .returning({ id: externalSources.id, name: externalSources.name });
  if (!created) return (await sourceNamed(tx, system))!;
  await recordChangeSet(tx, {
    entityType: "externalSource",
    entityId: created.id,
    action: "create",
    changes: [
      { path: "active", old: null, new: true },
      { path: "name", old: null, new: system },
    ],
  });
  return created;
}

export interface ExternalConnectionInput {
  externalId?: string | null;
  system?: string | null;
}

/**
 * Adds a connection to a contact (DFS #18). 400 for a missing or invalid system or externalId (and a reserved
 * enfore source); 422 when the externalId already identifies another contact in any system, or the contact
 * already has the most external ids a record may carry. Adding a connection the contact already has changes
 * nothing. Concurrent adds of one value are serialized by an advisory lock on it, so exactly one wins.
 */
export async function addExternalConnection(
  ctx: Context,
  contactId: string,
  input: ExternalConnectionInput,
): Promise<void> {
  requirePermission(ctx, PERMISSIONS.contactEdit);
  const system = (input.system ?? "").trim();
  const value = (input.externalId ?? "").trim();
  const issues = [dfsSystemIssue(system), externalIdValueIssue(value, "externalId")].filter(
    (i): i is FieldIssue => i !== null,
  );
  rejectIssues(issues);
  await inTransaction(ctx, async (tx) => {
    const contact = await liveContacts.find(tx, contactId, true);
    await tx.db.execute(
      sql`select pg_advisory_xact_lock(hashtextextended(${`dfs-external-id:${tx.tenantId}:${value}`}, 0))`,
    );
    const holders = await tx.db
      .select({ sourceId: externalIds.sourceId, entityId: externalIds.entityId })
      .from(externalIds)
      .where(
        and(
          eq(externalIds.tenantId, tx.tenantId),
          eq(externalIds.value, value),
          eq(externalIds.entityType, "contact"),
        ),
      );
    const source = await sourceFor(tx, system);
    if (holders.some((h) => h.entityId === contact.id && h.sourceId === source.id)) return;
    if (holders.length > 0)
      throw unprocessable(`The externalId ${value} is already connected to a contact`, {
        issues: [{ path: "externalId", message: "is already connected to a contact", conflict: true }],
      });
    const own = await tx.db
      .select({ position: externalIds.position })
      .from(externalIds)
      .where(
        and(
          eq(externalIds.tenantId, tx.tenantId),
          eq(externalIds.entityType, "contact"),
          eq(externalIds.entityId, contact.id),
        ),
      );
    if (own.length >= MAX_EXTERNAL_IDS)
      throw unprocessable(`A contact has at most ${MAX_EXTERNAL_IDS} external connections`, {
        issues: [{ path: "externalId", message: `at most ${MAX_EXTERNAL_IDS} external connections` }],
      });
    const position = Math.max(-1, ...own.map((o) => o.position)) + 1;
    await tx.db.insert(externalIds).values({
      tenantId: tx.tenantId,
      sourceId: source.id,
      value,
      entityType: "contact",
      entityId: contact.id,
      position,
    });
    await tx.db
      .update(contacts)
      .set({ version: sql`${contacts.version} + 1`, modifiedAt: new Date() })
      .where(and(eq(contacts.tenantId, tx.tenantId), eq(contacts.id, contact.id)));
    await recordChangeSet(tx, {
      entityType: "contact",
      entityId: contact.id,
      action: "update",
      changes: [
        { path: `externalIds.${own.length}.sourceId`, old: null, new: source.id },
        { path: `externalIds.${own.length}.value`, old: null, new: value },
      ],
    });
  });
}

/**
 * The contact a `(system, externalId)` names (DFS #19), as its uuid and number; a merged-away contact's
 * connection names its survivor. Not found when the system or the connection is unknown, the contact is
 * deleted, or it is outside the caller's divisions. One statement: the source by name, the id, the contact
 * holding it and the contact it resolves to.
 */
export async function findContactByExternalConnection(
  ctx: Context,
  system: string,
  externalId: string,
): Promise<{ id: string; number: number }> {
  requirePermission(ctx, PERMISSIONS.contactView);
  const missing = () => notFound("external connection", `${system}/${externalId}`);
  const name = system.trim();
  const value = externalId.trim();
  if (!name || isReservedSourceName(system) || !value) throw missing();
  const [found] = await contactByConnection(ctx.db).execute({ ...scopeValues(ctx), name, value });
  if (!found) throw missing();
  return found;
}

/**
 * The live contact a `(system, externalId)` names, built once: the source by name (any case), the id, the
 * contact holding it (deleted: none) and the contact it resolves to (its survivor when merged away).
 */
const contactByConnection = perHandle((db) => {
  const on = statementContext(db);
  const holder = alias(contacts, "holder");
  return db
    .select({ id: contacts.id, number: contacts.number })
    .from(externalIds)
    .innerJoin(
      externalSources,
      and(eq(externalSources.tenantId, externalIds.tenantId), eq(externalSources.id, externalIds.sourceId)),
    )
    .innerJoin(holder, and(eq(holder.tenantId, externalIds.tenantId), eq(holder.id, externalIds.entityId)))
    .innerJoin(contacts, isSurvivorOf(holder))
    .where(
      and(
        eq(externalIds.tenantId, on.tenantId),
        eq(externalIds.value, sql.placeholder("value")),
        eq(externalIds.entityType, "contact"),
        sql`lower(${externalSources.name}) = lower(${sql.placeholder("name")})`,
        isNull(holder.deletedAt),
        visibleIn(on, holder.divisionId),
        isNull(contacts.deletedAt),
        visibleIn(on, contacts.divisionId),
      ),
    )
    .orderBy(asc(externalSources.id))
    .limit(1)
    .prepare("contact_by_external_connection");
});
