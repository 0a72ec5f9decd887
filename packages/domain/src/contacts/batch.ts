import {
  and,
  type ContactPointRow,
  contactPoints,
  contacts,
  divisions,
  eq,
  externalIds,
  inArray,
  insertMany,
} from "@switchboard/db";
import { PERMISSIONS } from "../access/permissions";
import type { BulkResult } from "../bulk";
import { contactPointValues } from "../contact-points";
import { externalIdIssuesOfMany, externalIdsOf } from "../external-sources";
import { recordChangeSets } from "../history";
import { allocateNumbers } from "../numbers/service";
import { liveOrganizationRows } from "../organizations/service";
import { customFieldIssues } from "../schemas/service";
import { type Context, inTransaction, requirePermission } from "../shared/context";
import { catchDomainError, type DomainError, type FieldIssue, rejectIssues } from "../shared/errors";
import { requireDivision } from "../shared/records";
import { parseInput } from "../shared/validation";
import { homeDivisionId } from "../tenancy/service";
import { type Contact, type ContactInput, contactInput, type ValidContactInput } from "./model";
import { creationChanges, fieldsOf, toContact } from "./rows";

/**
 * Creates many contacts with a handful of statements whatever their number: each item is validated on its
 * own (same rules as `createContact`), and the valid ones are written together in one transaction with
 * multi-row inserts. An invalid item fails alone; results come back in the order given.
 */
export async function createContacts(
  ctx: Context,
  inputs: ContactInput[],
  /** `copy`: the rows go in through `COPY` (see `insertMany`), for an import's large batches. */
  options: { type?: Contact["type"]; copy?: boolean } = {},
): Promise<BulkResult<Contact, ContactInput>[]> {
  requirePermission(ctx, PERMISSIONS.contactAdd);
  const checked = await checkAll(ctx, inputs);
  const valid = checked.flatMap((c, index) => ("input" in c ? [{ index, ...c }] : []));
  const created = valid.length
    ? await insertAll(ctx, valid, options.type ?? "Curated", options.copy ?? false)
    : [];
  const byIndex = new Map(valid.map((v, i) => [v.index, created[i]!]));
  return inputs.map((item, index) => {
    const entity = byIndex.get(index);
    if (entity) return { ok: true, item, entity };
    return { ok: false, item, error: (checked[index] as { error: DomainError }).error };
  });
}

type Checked = { input: ValidContactInput; divisionId: string } | { error: DomainError };

/**
 * Validates every item; the lookups they share (divisions, organizations, external ids) run once for the
 * whole batch. Custom fields are checked per item that has them.
 */
async function checkAll(ctx: Context, inputs: ContactInput[]): Promise<Checked[]> {
  const parsed = inputs.map((input) => catchDomainError(() => parseInput(contactInput, input)));
  const ok = parsed.flatMap((p) => (p instanceof Error ? [] : [p]));
  const divisionIds = await knownDivisions(
    ctx,
    ok.map((v) => v.divisionId),
  );
  const organizationIds = new Set(
    (await liveOrganizationRows(ctx, unique(ok.map((v) => v.organizationId)))).map((o) => o.id),
  );
  const home = await homeDivisionId(ctx);
  const idIssues = new Map(
    (
      await externalIdIssuesOfMany(
        ctx,
        "contact",
        ok.map((v) => ({ entityId: null, list: v.externalIds })),
      )
    ).map((issues, i) => [ok[i]!, issues]),
  );
  const claimed = new Set<string>(); // external ids taken by an earlier item of this batch
  const checked: Checked[] = [];
  for (const p of parsed) {
    if (p instanceof Error) {
      checked.push({ error: p });
      continue;
    }
    const issues: FieldIssue[] = [];
    if (p.divisionId && !divisionIds.has(p.divisionId))
      issues.push({ path: "divisionId", message: `division ${p.divisionId} does not exist` });
    if (p.organizationId && !organizationIds.has(p.organizationId))
      issues.push({ path: "organizationId", message: `organization ${p.organizationId} does not exist` });
    issues.push(...(idIssues.get(p) ?? []));
    if (p.externalIds.length) {
      p.externalIds.forEach((e, i) => {
        const key = `${e.sourceId}\u0000${e.value.trim()}`;
        if (claimed.has(key))
          issues.push({
            path: `externalIds.${i}.value`,
            message: `${e.value} is claimed by another item of this batch`,
            conflict: true,
          });
        claimed.add(key);
      });
    }
    if (p.schemaId || p.customFields)
      issues.push(...(await customFieldIssues(ctx, "contact", p, { assigning: true })));
    const divisionId = p.divisionId ?? home;
    const error = catchDomainError(() => {
      rejectIssues(issues);
      // A principal limited to some divisions may not put records into another (403 for this item).
      requireDivision(ctx, divisionId);
    });
    checked.push(error instanceof Error ? { error } : { input: p, divisionId });
  }
  return checked;
}

async function insertAll(
  ctx: Context,
  valid: { input: ValidContactInput; divisionId: string }[],
  type: Contact["type"],
  copy: boolean,
): Promise<Contact[]> {
  return inTransaction(ctx, async (tx) => {
    const prepared = valid.map((v) => fieldsOf(v.input, v.divisionId));
    // One range of numbers for the batch, in one statement (a bulk add, an import batch).
    const first = await allocateNumbers(tx, "contact", prepared.length);
    const rows = await insertMany(
      tx.db,
      contacts,
      prepared.map((p, i) => ({ ...p.fields, ...p.derived, tenantId: tx.tenantId, type, number: first + i })),
      { copy },
    );
    const points = rows.flatMap((row, i) =>
      contactPointValues(prepared[i]!).map((v) => ({
        ...v,
        tenantId: tx.tenantId,
        ownerKind: "contact" as const,
        ownerId: row.id,
      })),
    );
    const pointRows = await insertMany(tx.db, contactPoints, points, { copy });
    const ids = rows.flatMap((row, i) =>
      valid[i]!.input.externalIds.map((e, position) => ({
        tenantId: tx.tenantId,
        sourceId: e.sourceId,
        value: e.value.trim(),
        entityType: "contact" as const,
        entityId: row.id,
        position,
      })),
    );
    if (ids.length) await tx.db.insert(externalIds).values(ids);
    // Built from what the inserts returned; only external ids are read back (for their sources' links).
    const idsOf = ids.length
      ? await externalIdsOf(
          tx,
          "contact",
          rows.map((r) => r.id),
        )
      : new Map();
    const pointsOf = new Map<string, ContactPointRow[]>();
    for (const p of pointRows) pointsOf.set(p.ownerId, [...(pointsOf.get(p.ownerId) ?? []), p]);
    const created = rows.map((row) => toContact(row, pointsOf.get(row.id) ?? [], idsOf.get(row.id)));
    await recordChangeSets(
      tx,
      created.map((c) => ({
        entityType: "contact",
        entityId: c.id,
        action: "create" as const,
        changes: creationChanges(c),
      })),
      { copy },
    );
    return created;
  });
}

async function knownDivisions(ctx: Context, requested: (string | null | undefined)[]): Promise<Set<string>> {
  const ids = unique(requested);
  if (ids.length === 0) return new Set();
  const rows = await ctx.db
    .select({ id: divisions.id })
    .from(divisions)
    .where(and(eq(divisions.tenantId, ctx.tenantId), inArray(divisions.id, ids)));
  return new Set(rows.map((r) => r.id));
}

const unique = (values: (string | null | undefined)[]) => [
  ...new Set(values.filter((v): v is string => !!v)),
];
