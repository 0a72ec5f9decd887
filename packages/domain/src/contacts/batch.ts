import {
  and,
  type ContactPointRow,
  changeSets,
  contactPoints,
  contacts,
  copyBinary,
  copyEncoder,
  divisions,
  eq,
  externalIds,
  inArray,
  insertMany,
  int4Field,
} from "@switchboard/db";
import { PERMISSIONS } from "../access/permissions";
import type { BulkResult } from "../bulk";
import { contactPointValues } from "../contact-points";
import { externalIdIssuesOfMany, externalIdsOf } from "../external-sources";
import { type ChangeSetWriter, changeSetRow, recordChangeSets } from "../history";
import { allocateNumbers } from "../numbers/service";
import { liveOrganizationRows } from "../organizations/service";
import { customFieldIssues } from "../schemas/service";
import { type Context, inOpenTransaction, inTransaction, requirePermission } from "../shared/context";
import { catchDomainError, type DomainError, type FieldIssue, rejectIssues } from "../shared/errors";
import { newRecordId } from "../shared/ids";
import { requireDivision } from "../shared/records";
import { parseInput } from "../shared/validation";
import { homeDivisionId } from "../tenancy/service";
import { type Contact, type ContactInput, contactInput, type ValidContactInput } from "./model";
import { creationChanges, fieldsOf, SCALAR_FIELDS, toContact } from "./rows";

/**
 * Creates many contacts with a handful of statements whatever their number: each item is validated on its
 * own (same rules as `createContact`), and the valid ones are written together in one transaction with
 * multi-row inserts. An invalid item fails alone; results come back in the order given.
 */
export async function createContacts(
  ctx: Context,
  inputs: ContactInput[],
  options: { type?: Contact["type"] } = {},
): Promise<BulkResult<Contact, ContactInput>[]> {
  requirePermission(ctx, PERMISSIONS.contactAdd);
  const checked = await checkAll(ctx, inputs);
  const valid = checked.flatMap((c, index) => ("input" in c ? [{ index, ...c }] : []));
  const created = valid.length ? await insertAll(ctx, valid, options.type ?? "Curated") : [];
  const byIndex = new Map(valid.map((v, i) => [v.index, created[i]!]));
  return inputs.map((item, index) => {
    const entity = byIndex.get(index);
    if (entity) return { ok: true, item, entity };
    return { ok: false, item, error: (checked[index] as { error: DomainError }).error };
  });
}

/**
 * An input parsed by the contact rules, and, when it names its division, what it is written with in that
 * division: its fields normalized, or for `importContacts` the rows themselves (`encoded`).
 */
export type PreparedContact = Ready | DomainError;
type Ready = {
  input: ValidContactInput;
  /** The division `fields` or `encoded` were made for. */
  divisionId?: string;
  fields?: ContactFields;
  encoded?: EncodedContact;
};
type ContactFields = ReturnType<typeof fieldsOf>;

/**
 * A contact `importContacts` creates, as binary `COPY` rows for `tenantId`: its row (but for its number, sent
 * after it when the batch's numbers are taken), its contact points' rows, and its history entry's row.
 */
export interface EncodedContact {
  tenantId: string;
  id: string;
  contact: Buffer;
  points: Buffer[];
  history: Buffer;
}

/**
 * The database-free part of creating a contact: its input parsed, and normalized (see `createContacts`).
 * `parsed`: the input as the contact rules output it, when they have already accepted it (an import's dry run).
 */
export function prepareContact(input: ContactInput, parsed?: ValidContactInput): PreparedContact {
  const valid = parsed ?? catchDomainError(() => parseInput(contactInput, input));
  if (valid instanceof Error) return valid;
  const divisionId = valid.divisionId ?? undefined;
  return { input: valid, divisionId, fields: divisionId ? fieldsOf(valid, divisionId) : undefined };
}

/**
 * `prepareContact` for `importContacts` by `writer`: the new contact's rows, encoded (see `EncodedContact`).
 * Its history entry is made from the fields it is written with (what `createContacts` reads back from the
 * rows it wrote, but for the generated ids, numbers and timestamps that the entry leaves out).
 */
export function prepareNewContact(
  input: ContactInput,
  writer: ChangeSetWriter,
  parsed?: ValidContactInput,
): PreparedContact {
  const ready = prepareContact(input, parsed);
  if (ready instanceof Error || !ready.fields) return ready;
  return {
    input: ready.input,
    divisionId: ready.divisionId,
    encoded: encodeNewContact(writer, ready.input, ready.fields),
  };
}

const TYPE_OF_IMPORTED = "Curated" as const;
const CONTACT_ROW = copyEncoder(
  contacts,
  [
    "tenantId",
    "id",
    "type",
    "divisionId",
    ...SCALAR_FIELDS,
    "schemaId",
    "schemaVersion",
    "customFields",
    "extensions",
    "searchText",
    "hasEmail",
    "hasPhone",
  ],
  ["number"],
);
const POINT_ROW = copyEncoder(contactPoints, [
  "tenantId",
  "ownerKind",
  "ownerId",
  "id",
  "kind",
  "type",
  "value",
  "details",
  "position",
  "vendorType",
  "usageContext",
  "usages",
  "description",
]);
const HISTORY_ROW = copyEncoder(changeSets, [
  "tenantId",
  "id",
  "actorKind",
  "actorId",
  "actorName",
  "reviewerId",
  "reviewerName",
  "entityType",
  "entityId",
  "action",
  "changes",
]);

/** The rows of a new contact (given a new id); see `EncodedContact`. */
function encodeNewContact(
  writer: ChangeSetWriter,
  input: ValidContactInput,
  fields: ContactFields,
): EncodedContact {
  const id = newRecordId();
  return {
    tenantId: writer.tenantId,
    id,
    contact: CONTACT_ROW.row({
      ...fields.fields,
      ...fields.derived,
      extensions: fields.fields.extensions ?? {},
      tenantId: writer.tenantId,
      id,
      type: TYPE_OF_IMPORTED,
    }),
    points: contactPointValues(fields).map((v) =>
      POINT_ROW.row({ ...v, tenantId: writer.tenantId, ownerKind: "contact", ownerId: id }),
    ),
    history: HISTORY_ROW.row({
      ...changeSetRow(writer, {
        entityType: "contact",
        entityId: id,
        action: "create",
        changes: createdChanges(id, input, fields, TYPE_OF_IMPORTED),
      }),
      id: newRecordId(),
    }),
  };
}

function createdChanges(id: string, input: ValidContactInput, fields: ContactFields, type: Contact["type"]) {
  const { phones, emails, addresses, webAddresses } = fields;
  const at = new Date(0);
  return creationChanges({
    ...fields.fields,
    id,
    number: 0,
    version: 1,
    type,
    extensions: (fields.fields.extensions ?? {}) as Contact["extensions"],
    phones,
    emails,
    addresses,
    webAddresses,
    externalIds: input.externalIds.map((e) => ({ sourceId: e.sourceId, value: e.value.trim() })) as never,
    canonicalContactId: null,
    mergedFrom: null,
    createdAt: at,
    modifiedAt: at,
  });
}

type Checked = ({ divisionId: string } & Ready) | { error: DomainError };

/**
 * Validates every item; the lookups they share (divisions, organizations, external ids) run once for the
 * whole batch. Custom fields are checked per item that has them.
 */
async function checkAll(
  ctx: Context,
  inputs: ContactInput[],
  /** What was prepared before (`prepareContact`, `prepareNewContact`) for some of the inputs, by index. */
  prepared: (PreparedContact | undefined)[] = [],
): Promise<Checked[]> {
  const ready = inputs.map((input, i) => prepared[i] ?? prepareContact(input));
  const parsed = ready.map((r) => (r instanceof Error ? r : r.input));
  const ok = parsed.flatMap((p) => (p instanceof Error ? [] : [p]));
  // Independent lookups, sent together: in a transaction postgres.js pipelines them down its one connection, one
  // round trip where there were up to four (each waited for a turn of the event loop of an import preparing its
  // next batch).
  const [divisionIds, organizations, home, issuesOfIds] = await Promise.all([
    knownDivisions(
      ctx,
      ok.map((v) => v.divisionId),
    ),
    liveOrganizationRows(ctx, unique(ok.map((v) => v.organizationId))),
    homeDivisionId(ctx),
    externalIdIssuesOfMany(
      ctx,
      "contact",
      ok.map((v) => ({ entityId: null, list: v.externalIds })),
    ),
  ]);
  const organizationIds = new Set(organizations.map((o) => o.id));
  const idIssues = new Map(issuesOfIds.map((issues, i) => [ok[i]!, issues]));
  const claimed = new Set<string>(); // external ids taken by an earlier item of this batch
  const checked: Checked[] = [];
  for (const [i, p] of parsed.entries()) {
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
    // What was prepared for another division than the one the contact goes to is made again.
    const made = ready[i] as Ready;
    checked.push(
      error instanceof Error
        ? { error }
        : made.divisionId === divisionId
          ? { ...made, divisionId }
          : { input: p, divisionId },
    );
  }
  return checked;
}

async function insertAll(
  ctx: Context,
  valid: ({ divisionId: string } & Ready)[],
  type: Contact["type"],
): Promise<Contact[]> {
  return inTransaction(ctx, async (tx) => {
    const prepared = valid.map((v) => v.fields ?? fieldsOf(v.input, v.divisionId));
    // One range of numbers for the batch, in one statement (a bulk add, an import batch).
    const first = await allocateNumbers(tx, "contact", prepared.length);
    const rows = await insertMany(
      tx.db,
      contacts,
      prepared.map((p, i) => ({ ...p.fields, ...p.derived, tenantId: tx.tenantId, type, number: first + i })),
    );
    const points = rows.flatMap((row, i) =>
      contactPointValues(prepared[i]!).map((v) => ({
        ...v,
        tenantId: tx.tenantId,
        ownerKind: "contact" as const,
        ownerId: row.id,
      })),
    );
    const pointRows = await insertMany(tx.db, contactPoints, points);
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
    );
    return created;
  });
}

/**
 * `createContacts` for an import batch: the same checks and rows, always through `COPY`, but nothing is read
 * back. The contacts' ids are made here (or by `prepareNewContact`, whose rows are written as it encoded them
 * when it was given this tenant and actor), so no row needs returning; history entries are built from what is
 * written.
 */
export async function importContacts(
  ctx: Context,
  inputs: ContactInput[],
  prepared: (PreparedContact | undefined)[] = [],
): Promise<({ ok: true } | { ok: false; error: DomainError })[]> {
  requirePermission(ctx, PERMISSIONS.contactAdd);
  const checked = await checkAll(ctx, inputs, prepared);
  const valid = checked.flatMap((c) => ("input" in c ? [c] : []));
  if (valid.length)
    await inOpenTransaction(ctx, async (tx) => {
      // Rows encoded for another tenant are never written here: they are made again.
      const rows = valid.map((v) =>
        v.encoded?.tenantId === tx.tenantId
          ? v.encoded
          : encodeNewContact(tx, v.input, v.fields ?? fieldsOf(v.input, v.divisionId)),
      );
      const points = rows.flatMap((r) => r.points);
      if (points.length) await copyBinary(tx.db, contactPoints, POINT_ROW.columns, points);
      const ids = rows.flatMap(({ id }, i) =>
        valid[i]!.input.externalIds.map((e, position) => ({
          tenantId: tx.tenantId,
          sourceId: e.sourceId,
          value: e.value.trim(),
          entityType: "contact" as const,
          entityId: id,
          position,
        })),
      );
      if (ids.length) await tx.db.insert(externalIds).values(ids);
      await copyBinary(
        tx.db,
        changeSets,
        HISTORY_ROW.columns,
        rows.map((r) => r.history),
      );
      // The contacts last: their search words (a trigger) wait for any other transaction that added one of the
      // same words and has not committed (an import batch written beside this one), and then nothing is left
      // to wait behind them. No constraint ties the rows above to these: the order is free.
      const first = await allocateNumbers(tx, "contact", rows.length);
      await copyBinary(
        tx.db,
        contacts,
        CONTACT_ROW.columns,
        rows.flatMap((r, i) => [r.contact, int4Field(first + i)]),
      );
    });
  return checked.map((c) => ("input" in c ? { ok: true } : { ok: false, error: c.error }));
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
