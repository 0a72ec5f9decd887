import { setImmediate } from "node:timers/promises";
import type { ImportJobPlan } from "@switchboard/db";
import { type PreparedContact, prepareNewContact } from "../contacts/batch";
import type { Context } from "../shared/context";
import { DomainError } from "../shared/errors";
import { applyRowPatch, matchKeys, type RowPatch } from "./rules";
import { validateRow } from "./service";

/** What a batch's rows are checked and prepared against: the job's frozen mapping. */
export interface BatchSetup {
  plan: ImportJobPlan;
  columns: { index: number; target: string }[];
  width: number;
  /** Where the job puts the contacts it creates. */
  divisionId: string;
}

export interface RowError {
  rowNumber: number;
  field: string;
  message: string;
}

/**
 * A batch of the file's rows to check (the dry run) or to prepare for writing (the import, `creates`). Plain
 * data only: a preparer may hand it to another thread.
 */
export interface PrepareRequest {
  rows: {
    rowNumber: number;
    record: string[];
    /** The dry run found the row valid: it is not checked by the contact rules again. */
    known?: boolean;
  }[];
  setup: BatchSetup;
  /** For the import: who writes the contacts the rows create (their rows are encoded here). */
  creates?: Pick<Context, "tenantId" | "actor" | "reviewer">;
}

/** A batch checked and prepared: its row errors, and for each valid row what writing it needs. */
export interface PreparedRows {
  count: number;
  lastRow: number;
  errors: RowError[];
  failed: Set<number>;
  candidates: {
    rowNumber: number;
    patch: RowPatch;
    keys: string[];
    /** The contact the row creates when it matches none, prepared ahead of the batch's transaction. */
    create?: PreparedContact;
  }[];
}

/**
 * Checks and prepares a batch, the database-free work of an import. Runs where the caller chooses: in
 * process (`prepareInProcess`) or in a thread of the worker (see apps/worker), which gives the import a
 * second core while this one writes.
 */
export type ImportPreparer = (request: PrepareRequest) => Promise<PreparedRows>;

const PREPARE_SLICE = 50;

/**
 * The preparer that runs in this thread. It hands the event loop back every PREPARE_SLICE rows, so the
 * statements of the batch in flight go on (their results are read, the next statement sent) while this one is
 * prepared.
 */
export const prepareInProcess: ImportPreparer = async (request) => {
  const prepared = emptyPrepared(request);
  for (let start = 0; start < request.rows.length; start += PREPARE_SLICE) {
    if (start > 0) await setImmediate();
    prepareSlice(request, start, start + PREPARE_SLICE, prepared);
  }
  return prepared;
};

/** `prepareInProcess` without handing back the event loop: for a thread that does nothing else. */
export function prepareBatch(request: PrepareRequest): PreparedRows {
  const prepared = emptyPrepared(request);
  prepareSlice(request, 0, request.rows.length, prepared);
  return prepared;
}

function emptyPrepared({ rows }: PrepareRequest): PreparedRows {
  return {
    count: rows.length,
    lastRow: rows.at(-1)!.rowNumber,
    errors: [],
    failed: new Set(),
    candidates: [],
  };
}

/**
 * Each row mapped, validated by the contact rules (unless the dry run found it valid), and given its match
 * keys; for the import (`creates`), also the contact it would create, parsed, normalized and encoded for
 * `COPY`, so the batch's transaction does not wait for that work (done while the batch before it is written).
 */
function prepareSlice(
  { rows, setup: { plan, columns, width, divisionId }, creates }: PrepareRequest,
  start: number,
  end: number,
  prepared: PreparedRows,
) {
  const options = { merge: plan.mergeContacts, externalSourceId: plan.externalSourceId };
  for (const { rowNumber, record, known } of rows.slice(start, end)) {
    const checked = validateRow(record, width, columns, plan, { known });
    if (checked.errors.length) {
      prepared.failed.add(rowNumber);
      for (const e of checked.errors) prepared.errors.push({ rowNumber, ...e });
    } else
      prepared.candidates.push({
        rowNumber,
        patch: checked.patch,
        keys: matchKeys(checked.input, plan),
        create: creates
          ? prepareNewContact(creates, applyRowPatch({ divisionId }, checked.patch, options))
          : undefined,
      });
  }
}

/**
 * A prepared batch as plain data for a message between threads (a structured clone keeps no class): its
 * domain errors become their fields, and the column lists its encoded rows share are sent once, not once per
 * row. `revivePrepared` undoes both.
 */
export function transferablePrepared(prepared: PreparedRows): PreparedRows & { shared?: SharedColumns } {
  let shared: SharedColumns | undefined;
  for (const c of prepared.candidates) {
    if (c.create instanceof DomainError)
      c.create = { domainError: { ...c.create, message: c.create.message } } as never;
    const encoded = c.create && "encoded" in c.create ? c.create.encoded : undefined;
    if (!encoded) continue;
    shared ??= { contact: encoded.contact.columns, points: [], history: encoded.history.columns };
    if (encoded.points.columns.length && !shared.points.length) shared.points = encoded.points.columns;
    for (const kind of ["contact", "points", "history"] as const)
      if (encoded[kind].columns === shared[kind]) encoded[kind] = { ...encoded[kind], columns: SHARED };
  }
  return { ...prepared, shared };
}

type SharedColumns = Record<"contact" | "points" | "history", readonly string[]>;
const SHARED: readonly string[] = [];

export function revivePrepared(prepared: PreparedRows & { shared?: SharedColumns }): PreparedRows {
  const { shared } = prepared;
  for (const c of prepared.candidates) {
    const sent = (c.create as { domainError?: DomainError } | undefined)?.domainError;
    if (sent) c.create = new DomainError(sent.code, sent.message, sent.issues, sent.entity, sent.reason);
    const encoded = c.create && "encoded" in c.create ? c.create.encoded : undefined;
    if (!encoded || !shared) continue;
    // A structured clone makes a new (empty) array of the marker: any empty list means "the shared one".
    for (const kind of ["contact", "points", "history"] as const)
      if (encoded[kind].columns.length === 0 && encoded[kind].text) encoded[kind].columns = shared[kind];
  }
  return prepared;
}
