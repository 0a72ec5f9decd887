import type { Readable } from "node:stream";
import {
  and,
  asc,
  type DfsSyncRow,
  dfsDetails,
  dfsImportFiles,
  dfsSyncFailures,
  dfsSyncs,
  type Executor,
  eq,
  externalIds,
  externalSources,
  inArray,
  insertMany,
  isNull,
  lt,
  sql,
} from "@switchboard/db";
import { PERMISSIONS } from "../access/permissions";
import { createContacts } from "../contacts/batch";
import type { Contact, ContactInput } from "../contacts/model";
import { contactAsInput, DETAILS_HISTORY_PREFIX, writeBound } from "../details-schemas/contact-details";
import type { DetailsSchema } from "../details-schemas/model";
import { detailsIssues, flattenDetails, jsonSchemaOf, nestDetails } from "../details-schemas/rules";
import { detailsSchemaOf } from "../details-schemas/service";
import { DFS_DEFAULT_SYSTEM } from "../external-sources/rules";
import type { FileStorage } from "../files/storage";
import { recordChangeSets } from "../history";
import { updateMatchedContacts } from "../imports/write";
import { everyInTurn } from "../jobs/in-turn";
import type { JobQueue } from "../jobs/queue";
import type { Organization, OrganizationInput } from "../organizations/model";
import { createOrganization, patchOrganization } from "../organizations/service";
import { type Context, inTransaction, requirePermission } from "../shared/context";
import { isDomainError, notFound, validationFailed } from "../shared/errors";
import { isUuid } from "../shared/ids";
import { DETAILS_SCHEMA_OF } from "./fields";
import { JsonFileError, jsonEntries } from "./json-entries";
import {
  DFS_SYNC_BATCH_SIZE,
  DFS_SYNC_LEASE_MS,
  type DfsImportedFile,
  type DfsSyncState,
  type DfsTransferKind,
} from "./model";

const WRITE: Record<DfsTransferKind, string[]> = {
  contacts: [PERMISSIONS.importJobAdd, PERMISSIONS.contactAdd, PERMISSIONS.contactEdit],
  "legal-entities": [PERMISSIONS.importJobAdd, PERMISSIONS.organizationAdd, PERMISSIONS.organizationEdit],
};

// ------------------------------------------------------------------------------------------- upload

/**
 * Stores an uploaded JSON data file (#33, #35) for the next sync of its kind. The file is streamed to storage,
 * then read back entry by entry: a file that is not a JSON array of objects (or `{ items: [...] }`) is removed
 * again and refused with 400 naming the problem.
 */
export async function uploadDfsImportFile(
  ctx: Context,
  kind: DfsTransferKind,
  file: { fileName: string; body: Readable | AsyncIterable<Uint8Array> },
  storage: FileStorage,
): Promise<DfsImportedFile> {
  requirePermission(ctx, ...WRITE[kind]);
  const fileName = file.fileName.trim().slice(0, 255) || "import.json";
  const key = `dfs-imports/${ctx.tenantId}/${kind}/${crypto.randomUUID()}.json`;
  const fileLength = await storage.write(key, file.body);
  let entryCount = 0;
  try {
    for await (const entry of jsonEntries(storage.read(key))) {
      entryCount++;
      if (entry === null || typeof entry !== "object" || Array.isArray(entry))
        throw new JsonFileError(`Invalid JSON data file: entry ${entryCount} is not an object`);
    }
  } catch (error) {
    await storage.remove(key);
    if (error instanceof JsonFileError)
      throw validationFailed([{ path: fileName, message: error.message }], `${fileName}: ${error.message}`);
    throw error;
  }
  const [row] = await ctx.db
    .insert(dfsImportFiles)
    .values({
      tenantId: ctx.tenantId,
      kind,
      fileName,
      fileLength,
      storageKey: key,
      entryCount,
      createdByKind: ctx.actor.kind,
      createdById: ctx.actor.id,
    })
    .returning();
  return { fileName: row!.fileName, fileLength: row!.fileLength, uploadDate: row!.uploadedAt };
}

// ------------------------------------------------------------------------------------------- start, status

/**
 * Starts a sync (#34, #36) of every stored file of the kind no sync took yet, in upload order: the sync row,
 * the files' claim and its `dfs-sync` job in one transaction. With no file waiting, the sync is Completed at once.
 */
export async function startDfsSync(ctx: Context, kind: DfsTransferKind): Promise<DfsSyncState> {
  requirePermission(ctx, ...WRITE[kind]);
  const jobs = ctx.jobs;
  if (!jobs) throw new Error("startDfsSync needs ctx.jobs: the sync is enqueued with its row");
  return inTransaction(ctx, async (tx) => {
    const waiting = await tx.db
      .select({ id: dfsImportFiles.id })
      .from(dfsImportFiles)
      .where(
        and(
          eq(dfsImportFiles.tenantId, tx.tenantId),
          eq(dfsImportFiles.kind, kind),
          isNull(dfsImportFiles.syncId),
          isNull(dfsImportFiles.removedAt),
        ),
      )
      .orderBy(asc(dfsImportFiles.uploadedAt), asc(dfsImportFiles.id))
      .for("update", { skipLocked: true });
    const fileIds = waiting.map((f) => f.id);
    const [row] = await tx.db
      .insert(dfsSyncs)
      .values({
        tenantId: tx.tenantId,
        kind,
        fileIds,
        status: fileIds.length ? "InProgress" : "Completed",
        completedAt: fileIds.length ? null : new Date(),
        createdByKind: tx.actor.kind,
        createdById: tx.actor.id,
      })
      .returning();
    if (fileIds.length) {
      await tx.db
        .update(dfsImportFiles)
        .set({ syncId: row!.id })
        .where(and(eq(dfsImportFiles.tenantId, tx.tenantId), inArray(dfsImportFiles.id, fileIds)));
      await jobs.enqueue(tx.db, "dfs-sync", { tenantId: tx.tenantId, syncId: row!.id });
    }
    return toState(row!, []);
  });
}

function toState(row: DfsSyncRow, failedExternalIds: string[]): DfsSyncState {
  return {
    id: row.id,
    kind: row.kind,
    status: row.status,
    errorMessage: row.errorMessage,
    failedExternalIds,
    processed: row.processed,
    created: row.created,
    updated: row.updated,
    failed: row.failed,
  };
}

/** A sync's status (#32) with the external ids of the entries it could not write, in file order. */
export async function getDfsSyncStatus(ctx: Context, id: string): Promise<DfsSyncState> {
  requirePermission(ctx, PERMISSIONS.importJobView);
  const row = await findSync(ctx, id);
  const failures = await ctx.db
    .select({ externalId: dfsSyncFailures.externalId })
    .from(dfsSyncFailures)
    .where(and(eq(dfsSyncFailures.tenantId, ctx.tenantId), eq(dfsSyncFailures.syncId, id)))
    .orderBy(asc(dfsSyncFailures.fileIndex), asc(dfsSyncFailures.entryIndex));
  return toState(
    row,
    failures.map((f) => f.externalId),
  );
}

async function findSync(ctx: Context, id: string, forUpdate = false): Promise<DfsSyncRow> {
  if (!isUuid(id)) throw notFound("sync", id);
  const query = ctx.db
    .select()
    .from(dfsSyncs)
    .where(and(eq(dfsSyncs.tenantId, ctx.tenantId), eq(dfsSyncs.id, id)));
  const [row] = forUpdate ? await query.for("update") : await query;
  if (!row) throw notFound("sync", id);
  return row;
}

// ------------------------------------------------------------------------------------------- the run

export interface RunDfsSyncOptions {
  storage: FileStorage;
  /** Who runs it (`hostname:pid` of the worker): the lease holder. */
  owner: string;
  leaseMs?: number;
  batchSize?: number;
  /** Called after each committed batch (logging). */
  onBatch?: (state: DfsSyncRow) => void | Promise<void>;
}

/** The run lost its lease (another worker took over): it stops without touching anything. */
class Stopped extends Error {}

/**
 * The body of the `dfs-sync` job, safe to run again and by several workers at once. It takes the sync's
 * lease, streams each file from the checkpoint on, and commits each batch's records, failures, counters and
 * the checkpoint in one transaction that first re-checks lease and checkpoint: a killed worker's uncommitted
 * batch is redone by the next run, a committed one never again.
 */
export async function runDfsSync(
  ctx: Context,
  id: string,
  options: RunDfsSyncOptions,
): Promise<DfsSyncState> {
  const leaseMs = options.leaseMs ?? DFS_SYNC_LEASE_MS;
  const claimed = await inTransaction(ctx, async (tx) => {
    const row = await findSync(tx, id, true);
    requirePermission(tx, ...WRITE[row.kind]);
    if (row.status !== "InProgress") return null;
    const held =
      row.leaseOwner &&
      row.leaseOwner !== options.owner &&
      row.leaseSeenAt &&
      Date.now() - row.leaseSeenAt.getTime() < leaseMs;
    if (held) return null;
    const [updated] = await tx.db
      .update(dfsSyncs)
      .set({ leaseOwner: options.owner, leaseSeenAt: sql`now()` })
      .where(and(eq(dfsSyncs.tenantId, tx.tenantId), eq(dfsSyncs.id, id)))
      .returning();
    return updated!;
  });
  if (!claimed) return getDfsSyncStatus(ctx, id);
  // In turn: while the sync's row is locked (by its own batch, or anyone's) a renewal waits.
  const renew = everyInTurn(
    () =>
      ctx.db
        .update(dfsSyncs)
        .set({ leaseSeenAt: sql`now()` })
        .where(
          and(
            eq(dfsSyncs.tenantId, ctx.tenantId),
            eq(dfsSyncs.id, id),
            eq(dfsSyncs.leaseOwner, options.owner),
          ),
        )
        .catch(() => {}),
    Math.max(250, Math.floor(leaseMs / 3)),
  );
  try {
    await syncFiles(ctx, claimed, options);
    return await settle(ctx, id, options, null);
  } catch (error) {
    if (error instanceof Stopped) return getDfsSyncStatus(ctx, id);
    const message = error instanceof Error ? error.message : String(error);
    return settle(ctx, id, options, message.slice(0, 2000));
  } finally {
    clearInterval(renew);
  }
}

interface Entry {
  fileIndex: number;
  entryIndex: number;
  value: unknown;
}

async function syncFiles(ctx: Context, sync: DfsSyncRow, options: RunDfsSyncOptions) {
  const batchSize = options.batchSize ?? DFS_SYNC_BATCH_SIZE;
  const rows = await ctx.db
    .select()
    .from(dfsImportFiles)
    .where(and(eq(dfsImportFiles.tenantId, ctx.tenantId), inArray(dfsImportFiles.id, sync.fileIds)));
  const byId = new Map(rows.map((r) => [r.id, r]));
  const sourceId = await defaultSource(ctx);
  let checkpoint = { fileIndex: sync.fileIndex, entryIndex: sync.entryIndex };
  for (let fileIndex = sync.fileIndex; fileIndex < sync.fileIds.length; fileIndex++) {
    const file = byId.get(sync.fileIds[fileIndex]!);
    if (!file) throw new Error(`import file ${sync.fileIds[fileIndex]} is gone`);
    const skip = fileIndex === checkpoint.fileIndex ? checkpoint.entryIndex : 0;
    let batch: Entry[] = [];
    let entryIndex = 0;
    const flush = async (next: { fileIndex: number; entryIndex: number }) => {
      const updated = await commitBatch(ctx, sync, options.owner, checkpoint, next, batch, sourceId);
      checkpoint = next;
      batch = [];
      await options.onBatch?.(updated);
    };
    try {
      for await (const value of jsonEntries(options.storage.read(file.storageKey))) {
        const at = entryIndex++;
        if (at < skip) continue; // committed by an earlier run
        batch.push({ fileIndex, entryIndex: at, value });
        if (batch.length >= batchSize) await flush({ fileIndex, entryIndex: at + 1 });
      }
    } catch (error) {
      if (error instanceof JsonFileError) throw new Error(`${file.fileName}: ${error.message}`);
      throw error;
    }
    // The file's last batch, or none: either way the checkpoint moves on to the next file.
    await flush({ fileIndex: fileIndex + 1, entryIndex: 0 });
  }
}

/** The id of the tenant's `Default` external source (the DFS import's system), created on first use. */
async function defaultSource(ctx: Context): Promise<string> {
  const find = () =>
    ctx.db
      .select({ id: externalSources.id })
      .from(externalSources)
      .where(
        and(
          eq(externalSources.tenantId, ctx.tenantId),
          sql`lower(${externalSources.name}) = lower(${DFS_DEFAULT_SYSTEM})`,
        ),
      );
  const [found] = await find();
  if (found) return found.id;
  await ctx.db
    .insert(externalSources)
    .values({ tenantId: ctx.tenantId, name: DFS_DEFAULT_SYSTEM })
    .onConflictDoNothing();
  const [created] = await find();
  return created!.id;
}

interface Failure {
  entry: Entry;
  externalId: string;
  message: string;
}

interface Outcome {
  created: number;
  updated: number;
  failures: Failure[];
}

/** One batch in one transaction: its records, its failures, and the sync's counters and checkpoint. */
async function commitBatch(
  ctx: Context,
  sync: DfsSyncRow,
  owner: string,
  from: { fileIndex: number; entryIndex: number },
  to: { fileIndex: number; entryIndex: number },
  batch: Entry[],
  sourceId: string,
): Promise<DfsSyncRow> {
  return inTransaction(ctx, async (tx) => {
    const locked = await findSync(tx, sync.id, true);
    if (
      locked.status !== "InProgress" ||
      locked.leaseOwner !== owner ||
      locked.fileIndex !== from.fileIndex ||
      locked.entryIndex !== from.entryIndex
    )
      throw new Stopped();
    const schema = batch.length ? await detailsSchemaOf(tx, DETAILS_SCHEMA_OF[sync.kind]) : null;
    const outcome: Outcome = schema
      ? sync.kind === "contacts"
        ? await writeContacts(tx, batch, sourceId, schema)
        : await writeLegalEntities(tx, batch, sourceId, schema)
      : { created: 0, updated: 0, failures: [] };
    if (outcome.failures.length)
      await insertMany(
        tx.db,
        dfsSyncFailures,
        outcome.failures.map((f) => ({
          tenantId: tx.tenantId,
          syncId: sync.id,
          fileIndex: f.entry.fileIndex,
          entryIndex: f.entry.entryIndex,
          externalId: f.externalId,
          message: f.message.slice(0, 1000),
        })),
        { returning: false },
      );
    const [updated] = await tx.db
      .update(dfsSyncs)
      .set({
        fileIndex: to.fileIndex,
        entryIndex: to.entryIndex,
        processed: sql`${dfsSyncs.processed} + ${batch.length}`,
        created: sql`${dfsSyncs.created} + ${outcome.created}`,
        updated: sql`${dfsSyncs.updated} + ${outcome.updated}`,
        failed: sql`${dfsSyncs.failed} + ${outcome.failures.length}`,
        leaseSeenAt: sql`now()`,
      })
      .where(and(eq(dfsSyncs.tenantId, tx.tenantId), eq(dfsSyncs.id, sync.id)))
      .returning();
    return updated!;
  });
}

interface ValidEntry {
  entry: Entry;
  externalId: string;
  details: Record<string, unknown>;
}

/**
 * Entries with a usable `externalId` and a `details` object the schema's JSON Schema accepts; the rest fail
 * with a message.
 */
function validEntries(batch: Entry[], failures: Failure[], schema: DetailsSchema): ValidEntry[] {
  const jsonSchema = jsonSchemaOf(schema.definition);
  const valid: ValidEntry[] = [];
  for (const entry of batch) {
    const v = entry.value as Record<string, unknown>;
    const raw = v.externalId;
    const externalId = typeof raw === "string" ? raw.trim() : typeof raw === "number" ? String(raw) : "";
    const label = externalId || `(entry ${entry.entryIndex + 1} of file ${entry.fileIndex + 1})`;
    if (!externalId || externalId.length > 256) {
      failures.push({
        entry,
        externalId: label,
        message: "externalId must be a string of 1 to 256 characters",
      });
      continue;
    }
    const details = v.details ?? {};
    if (details === null || typeof details !== "object" || Array.isArray(details)) {
      failures.push({ entry, externalId, message: "details must be an object" });
      continue;
    }
    const issues = detailsIssues(jsonSchema, withoutNulls(details));
    if (issues.length) {
      failures.push({ entry, externalId, message: issues.map((i) => `${i.path}: ${i.message}`).join("; ") });
      continue;
    }
    valid.push({ entry, externalId, details: details as Record<string, unknown> });
  }
  return valid;
}

/**
 * Entries of one batch naming one externalId are applied in file order onto one record: the last one's
 * fields win, and every one of them counts as processed.
 */
function groupByExternalId(entries: ValidEntry[]): Map<string, ValidEntry[]> {
  const groups = new Map<string, ValidEntry[]>();
  for (const e of entries) {
    const group = groups.get(e.externalId);
    if (group) group.push(e);
    else groups.set(e.externalId, [e]);
  }
  return groups;
}

async function holders(
  ctx: Context,
  entityType: "contact" | "organization",
  sourceId: string,
  values: string[],
) {
  if (values.length === 0) return new Map<string, string>();
  const rows = await ctx.db
    .select({ value: externalIds.value, entityId: externalIds.entityId })
    .from(externalIds)
    .where(
      and(
        eq(externalIds.tenantId, ctx.tenantId),
        eq(externalIds.sourceId, sourceId),
        eq(externalIds.entityType, entityType),
        inArray(externalIds.value, values),
      ),
    );
  return new Map(rows.map((r) => [r.value, r.entityId]));
}

const messageOf = (error: unknown) =>
  isDomainError(error)
    ? [error.message, ...error.issues.map((i) => `${i.path}: ${i.message}`)].join("; ")
    : String(error);

/** Every leaf of an entry's details, nulls included (a null clears the field). */
function leavesOf(value: unknown, prefix = "", out = new Map<string, unknown>()): Map<string, unknown> {
  if (value && typeof value === "object" && !Array.isArray(value)) {
    for (const [k, v] of Object.entries(value)) leavesOf(v, prefix ? `${prefix}.${k}` : k, out);
  } else if (value !== undefined && prefix) out.set(prefix, value);
  return out;
}

const withoutNulls = (details: object) => nestDetails(flattenDetails(details));

/** `input` with the entries' bound fields written in file order (a field an entry leaves out is kept). */
function applyBound(input: ContactInput, entries: ValidEntry[], schema: DetailsSchema): ContactInput {
  const bound = schema.definition.fields.filter((f) => f.binding);
  for (const e of entries) {
    const leaves = leavesOf(e.details);
    for (const field of bound) {
      if (!leaves.has(field.key)) continue;
      const v = leaves.get(field.key);
      writeBound(input, field.binding!, v === null || v === "" ? null : String(v));
    }
  }
  return input;
}

/**
 * The unbound fields of the entries written into each record's DFS details document (merged over what it
 * held; a null clears a path), one multi-row upsert and one change set per changed record.
 */
async function writeDocuments(
  ctx: Context,
  ownerKind: "contact" | "organization",
  written: Map<string, ValidEntry[]>,
  schema: DetailsSchema,
): Promise<void> {
  const bound = new Set(schema.definition.fields.flatMap((f) => (f.binding ? [f.key] : [])));
  const unbound = new Map<string, [string, unknown][]>();
  for (const [ownerId, entries] of written) {
    const leaves = entries.flatMap((e) => [...leavesOf(e.details)].filter(([path]) => !bound.has(path)));
    if (leaves.length) unbound.set(ownerId, leaves);
  }
  if (unbound.size === 0) return;
  const stored = await ctx.db
    .select({ ownerId: dfsDetails.ownerId, details: dfsDetails.details })
    .from(dfsDetails)
    .where(
      and(
        eq(dfsDetails.tenantId, ctx.tenantId),
        eq(dfsDetails.ownerKind, ownerKind),
        inArray(dfsDetails.ownerId, [...unbound.keys()]),
      ),
    );
  const before = new Map(stored.map((r) => [r.ownerId, flattenDetails(r.details)]));
  const rows: (typeof dfsDetails.$inferInsert)[] = [];
  const changeSets: Parameters<typeof recordChangeSets>[1] = [];
  for (const [ownerId, leaves] of unbound) {
    const old = before.get(ownerId) ?? new Map<string, unknown>();
    const next = new Map(old);
    for (const [path, value] of leaves) {
      // A leaf replaces what was at its path, above it or below it.
      for (const p of [...next.keys()])
        if (p === path || p.startsWith(`${path}.`) || path.startsWith(`${p}.`)) next.delete(p);
      if (value !== null) next.set(path, value);
    }
    const changes = [...new Set([...old.keys(), ...next.keys()])]
      .sort()
      .filter((p) => JSON.stringify(old.get(p) ?? null) !== JSON.stringify(next.get(p) ?? null))
      .map((p) => ({
        path: `${DETAILS_HISTORY_PREFIX}.${p}`,
        old: old.get(p) ?? null,
        new: next.get(p) ?? null,
      }));
    if (!changes.length) continue;
    rows.push({
      tenantId: ctx.tenantId,
      ownerKind,
      ownerId,
      details: nestDetails(next),
      schemaVersion: schema.version,
    });
    changeSets.push({ entityType: ownerKind, entityId: ownerId, action: "update", changes });
  }
  if (!rows.length) return;
  await ctx.db
    .insert(dfsDetails)
    .values(rows)
    .onConflictDoUpdate({
      target: [dfsDetails.tenantId, dfsDetails.ownerKind, dfsDetails.ownerId],
      set: {
        details: sql`excluded.details`,
        schemaVersion: sql`excluded.schema_version`,
        modifiedAt: sql`now()`,
      },
    });
  await recordChangeSets(ctx, changeSets);
}

async function writeContacts(
  ctx: Context,
  batch: Entry[],
  sourceId: string,
  schema: DetailsSchema,
): Promise<Outcome> {
  const failures: Failure[] = [];
  const groups = groupByExternalId(validEntries(batch, failures, schema));
  const existing = await holders(ctx, "contact", sourceId, [...groups.keys()]);
  const updates = [...groups].filter(([externalId]) => existing.has(externalId));
  const creates = [...groups].filter(([externalId]) => !existing.has(externalId));
  const written = new Map<string, ValidEntry[]>();
  let updated = 0;
  let created = 0;
  if (updates.length) {
    const results = await updateMatchedContacts(
      ctx,
      updates.map(([externalId, group]) => ({
        id: existing.get(externalId)!,
        edit: (current: Contact) => applyBound(contactAsInput(current), group, schema),
      })),
    );
    results.forEach((result, i) => {
      const [externalId, group] = updates[i]!;
      if (result.ok) {
        updated += group.length;
        written.set(existing.get(externalId)!, group);
      } else
        for (const e of group)
          failures.push({ entry: e.entry, externalId: e.externalId, message: messageOf(result.error) });
    });
  }
  if (creates.length) {
    const inputs = creates.map(([externalId, group]) =>
      applyBound({ externalIds: [{ sourceId, value: externalId }] }, group, schema),
    );
    const results = await createContacts(ctx, inputs);
    results.forEach((result, i) => {
      const group = creates[i]![1];
      if (result.ok) {
        created += group.length;
        written.set(result.entity.id, group);
      } else
        for (const e of group)
          failures.push({ entry: e.entry, externalId: e.externalId, message: messageOf(result.error) });
    });
  }
  await writeDocuments(ctx, "contact", written, schema);
  failures.sort((a, b) => a.entry.entryIndex - b.entry.entryIndex);
  return { created, updated, failures };
}

/** A stored organization as the input that writes it back unchanged, its points keeping their ids. */
function organizationAsInput(o: Organization): OrganizationInput {
  return {
    divisionId: o.divisionId,
    name: o.name,
    companyType: o.companyType,
    industry: o.industry,
    employeeCount: o.employeeCount,
    revenue: o.revenue,
    tags: o.tags,
    websites: o.websites,
    tickers: o.tickers,
    externalSystemUrl: o.externalSystemUrl,
    phones: o.phones.map((p) => ({
      id: p.id,
      type: p.type,
      vendorType: p.vendorType,
      usageContext: p.usageContext,
      usages: p.usages as never,
      description: p.description,
      display: p.userInput || p.display,
      extension: p.extension,
      acceptsSms: p.acceptsSms,
      normalizationCountryCode: p.normalizationCountryCode,
    })),
    emails: o.emails.map((e) => ({ id: e.id, type: e.type, vendorType: e.vendorType, address: e.address })),
    addresses: o.addresses.map((a) => ({ ...a, usages: a.usages as never })),
    webAddresses: o.webAddresses.map((w) => ({ ...w })),
    externalIds: o.externalIds.map((e) => ({ sourceId: e.sourceId, value: e.value })),
    schemaId: o.schemaId,
    schemaVersion: o.schemaVersion,
    customFields: o.customFields,
    extensions: o.extensions,
  };
}

/** Legal entities, one savepoint each (they are few): a failing entry rolls back alone. */
async function writeLegalEntities(
  ctx: Context,
  batch: Entry[],
  sourceId: string,
  schema: DetailsSchema,
): Promise<Outcome> {
  const failures: Failure[] = [];
  const groups = groupByExternalId(validEntries(batch, failures, schema));
  const existing = await holders(ctx, "organization", sourceId, [...groups.keys()]);
  const nameKey = schema.definition.fields.find((f) => f.binding === "name")?.key;
  const written = new Map<string, ValidEntry[]>();
  let created = 0;
  let updated = 0;
  for (const [externalId, group] of groups) {
    let name: string | undefined;
    for (const e of group) {
      const leaves = leavesOf(e.details);
      if (nameKey && leaves.has(nameKey)) name = String(leaves.get(nameKey) ?? "");
    }
    try {
      const id = existing.get(externalId);
      if (id) {
        await patchOrganization(ctx, id, (current) => ({
          ...organizationAsInput(current),
          ...(name !== undefined && { name }),
        }));
        updated += group.length;
        written.set(id, group);
      } else {
        const organization = await createOrganization(ctx, {
          name: name ?? "",
          externalIds: [{ sourceId, value: externalId }],
        });
        created += group.length;
        written.set(organization.id, group);
      }
    } catch (error) {
      if (!isDomainError(error)) throw error;
      for (const e of group) failures.push({ entry: e.entry, externalId, message: messageOf(error) });
    }
  }
  await writeDocuments(ctx, "organization", written, schema);
  failures.sort((a, b) => a.entry.entryIndex - b.entry.entryIndex);
  return { created, updated, failures };
}

/** Ends a run: Completed (with or without errors) or Failed; its files are removed from storage. */
async function settle(
  ctx: Context,
  id: string,
  options: RunDfsSyncOptions,
  failure: string | null,
): Promise<DfsSyncState> {
  const row = await inTransaction(ctx, async (tx) => {
    const locked = await findSync(tx, id, true);
    if (locked.status !== "InProgress" || locked.leaseOwner !== options.owner) return null;
    const [updated] = await tx.db
      .update(dfsSyncs)
      .set({
        status: failure ? "Failed" : locked.failed > 0 ? "CompletedWithErrors" : "Completed",
        errorMessage: failure,
        leaseOwner: null,
        completedAt: sql`now()`,
      })
      .where(and(eq(dfsSyncs.tenantId, tx.tenantId), eq(dfsSyncs.id, id)))
      .returning();
    const taken = await tx.db
      .update(dfsImportFiles)
      .set({ removedAt: sql`now()` })
      .where(and(eq(dfsImportFiles.tenantId, tx.tenantId), eq(dfsImportFiles.syncId, id)))
      .returning({ storageKey: dfsImportFiles.storageKey });
    return { updated: updated!, keys: taken.map((t) => t.storageKey) };
  });
  if (row) for (const key of row.keys) await options.storage.remove(key).catch(() => {});
  return getDfsSyncStatus(ctx, id);
}

/**
 * Maintenance across tenants (run by every worker): in-progress syncs whose lease went stale, their worker
 * dead, are released and enqueued again; the next run resumes after their checkpoint. Returns how many.
 */
export async function reviveStaleDfsSyncs(
  db: Executor,
  jobs: JobQueue,
  leaseMs = DFS_SYNC_LEASE_MS,
): Promise<number> {
  const stale = await db
    .update(dfsSyncs)
    .set({ leaseOwner: null, leaseSeenAt: sql`now()` })
    .where(
      and(
        eq(dfsSyncs.status, "InProgress"),
        lt(dfsSyncs.leaseSeenAt, sql`now() - ${leaseMs} * interval '1 millisecond'`),
      ),
    )
    .returning({ tenantId: dfsSyncs.tenantId, id: dfsSyncs.id });
  for (const sync of stale) await jobs.enqueue(db, "dfs-sync", { tenantId: sync.tenantId, syncId: sync.id });
  return stale.length;
}
