import { and, type ContactRow, contacts, divisions, eq, externalIds, inArray, isNull } from "@switchboard/db";
import { PERMISSIONS } from "../access/permissions";
import { contactPointValues, syncContactPoints } from "../contact-points";
import { type Contact, type ContactInput, contactInput, type ValidContactInput } from "../contacts/model";
import { fieldsOf, historyView, hydrate } from "../contacts/rows";
import { CONTACT_HISTORY_IGNORED } from "../contacts/rules";
import { externalIdIssues } from "../external-sources";
import { diff, recordChangeSets } from "../history";
import { liveOrganizationRows } from "../organizations/service";
import { customFieldIssues } from "../schemas/service";
import { type Context, inTransaction, requirePermission } from "../shared/context";
import { type DomainError, type FieldIssue, isDomainError, notFound, rejectIssues } from "../shared/errors";
import { parseInput } from "../shared/validation";

export type UpdateResult = { ok: true; changed: boolean } | { ok: false; error: DomainError };

const sameIds = (a: { sourceId: string; value: string }[], b: { sourceId: string; value: string }[]) =>
  a.length === b.length &&
  a.every((x, i) => x.sourceId === b[i]?.sourceId && x.value.trim() === b[i]?.value.trim());

/**
 * Set-based `patchContact` for an import batch: the same validation, normalization and history per
 * contact, with the reads and writes shared by the batch done once (one lock, one hydrate, one replace of
 * contact points and external ids, one history insert). A contact the row leaves unchanged is not written.
 * External ids and custom fields are re-checked only when they change (unchanged ones passed before).
 */
export async function updateMatchedContacts(
  ctx: Context,
  items: { id: string; edit: (current: Contact) => ContactInput }[],
): Promise<UpdateResult[]> {
  requirePermission(ctx, PERMISSIONS.contactEdit);
  if (items.length === 0) return [];
  return inTransaction(ctx, async (tx) => {
    const ids = [...new Set(items.map((i) => i.id))];
    const rows = await tx.db
      .select()
      .from(contacts)
      .where(
        and(
          eq(contacts.tenantId, tx.tenantId),
          isNull(contacts.deletedAt),
          isNull(contacts.canonicalContactId),
          inArray(contacts.id, ids),
        ),
      )
      .for("update");
    const rowById = new Map(rows.map((r) => [r.id, r]));
    const before = new Map((await hydrate(tx, rows)).map((c) => [c.id, c]));

    // Each edit reads the contact under the row lock, so no concurrent write is lost (as `patchContact`).
    const parsed = items.map((item) => {
      const current = before.get(item.id);
      if (!current) return notFound("contact", item.id);
      try {
        return parseInput(contactInput, item.edit(current));
      } catch (error) {
        if (isDomainError(error)) return error;
        throw error;
      }
    });
    const valid = parsed.filter((p): p is ValidContactInput => !isDomainError(p));
    const requestedDivisions = [...new Set(valid.flatMap((v) => (v.divisionId ? [v.divisionId] : [])))];
    const knownDivisions = new Set(
      requestedDivisions.length
        ? (
            await tx.db
              .select({ id: divisions.id })
              .from(divisions)
              .where(and(eq(divisions.tenantId, tx.tenantId), inArray(divisions.id, requestedDivisions)))
          ).map((d) => d.id)
        : [],
    );
    const organizations = new Set(
      (
        await liveOrganizationRows(tx, [
          ...new Set(valid.flatMap((v) => (v.organizationId ? [v.organizationId] : []))),
        ])
      ).map((o) => o.id),
    );

    const results: UpdateResult[] = [];
    const writes: {
      row: ContactRow;
      prepared: ReturnType<typeof fieldsOf>;
      input: ValidContactInput;
      idsChanged: boolean;
      changes: ReturnType<typeof diff>;
    }[] = [];
    for (const [i, item] of items.entries()) {
      const p = parsed[i]!;
      if (isDomainError(p)) {
        results.push({ ok: false, error: p });
        continue;
      }
      const row = rowById.get(item.id);
      const current = before.get(item.id);
      if (!row || !current) {
        results.push({ ok: false, error: notFound("contact", item.id) });
        continue;
      }
      const issues: FieldIssue[] = [];
      const divisionId = p.divisionId ?? current.divisionId;
      if (p.divisionId && !knownDivisions.has(p.divisionId))
        issues.push({ path: "divisionId", message: `division ${p.divisionId} does not exist` });
      if (
        p.organizationId &&
        p.organizationId !== current.organizationId &&
        !organizations.has(p.organizationId)
      )
        issues.push({ path: "organizationId", message: `organization ${p.organizationId} does not exist` });
      const idsChanged = !sameIds(p.externalIds, current.externalIds);
      if (idsChanged) issues.push(...(await externalIdIssues(tx, "contact", current.id, p.externalIds)));
      const customChanged =
        p.schemaId !== current.schemaId ||
        (p.schemaVersion ?? null) !== current.schemaVersion ||
        JSON.stringify(p.customFields ?? null) !== JSON.stringify(current.customFields);
      if (customChanged)
        issues.push(
          ...(await customFieldIssues(tx, "contact", p, { assigning: p.schemaId !== current.schemaId })),
        );
      try {
        rejectIssues(issues);
      } catch (error) {
        results.push({ ok: false, error: error as DomainError });
        continue;
      }
      const prepared = fieldsOf(p, divisionId, current);
      const proposed = {
        ...historyView(current),
        ...prepared.fields,
        phones: prepared.phones,
        emails: prepared.emails,
        addresses: prepared.addresses,
        webAddresses: prepared.webAddresses,
        externalIds: p.externalIds,
      };
      const changes = diff(historyView(current), proposed, CONTACT_HISTORY_IGNORED);
      results.push({ ok: true, changed: changes.length > 0 });
      if (changes.length) writes.push({ row, prepared, input: p, idsChanged, changes });
    }
    if (writes.length === 0) return results;

    // Two rows of one batch never name the same contact (the import folds them), so each is written once.
    for (const w of writes)
      await tx.db
        .update(contacts)
        .set({
          ...w.prepared.fields,
          ...w.prepared.derived,
          version: w.row.version + 1,
          modifiedAt: new Date(),
        })
        .where(and(eq(contacts.tenantId, tx.tenantId), eq(contacts.id, w.row.id)));
    // Points are updated in place (their ids kept), added and removed for the whole batch at once.
    await syncContactPoints(
      tx,
      "contact",
      new Map(writes.map((w) => [w.row.id, contactPointValues(w.prepared)])),
    );
    const idWrites = writes.filter((w) => w.idsChanged);
    if (idWrites.length) {
      await tx.db.delete(externalIds).where(
        and(
          eq(externalIds.tenantId, tx.tenantId),
          eq(externalIds.entityType, "contact"),
          inArray(
            externalIds.entityId,
            idWrites.map((w) => w.row.id),
          ),
        ),
      );
      const values = idWrites.flatMap((w) =>
        w.input.externalIds.map((e, position) => ({
          tenantId: tx.tenantId,
          sourceId: e.sourceId,
          value: e.value.trim(),
          entityType: "contact" as const,
          entityId: w.row.id,
          position,
        })),
      );
      if (values.length) await tx.db.insert(externalIds).values(values);
    }
    await recordChangeSets(
      tx,
      writes.map((w) => ({
        entityType: "contact",
        entityId: w.row.id,
        action: "update" as const,
        changes: w.changes,
      })),
    );
    return results;
  });
}
