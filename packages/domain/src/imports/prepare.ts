import { setImmediate } from "node:timers/promises";
import type { ImportJobPlan } from "@switchboard/db";
import { type PreparedContact, prepareNewContact } from "../contacts/batch";
import type { ChangeSetWriter } from "../history";
import { acceptedRowInput, applyRowPatch, matchKeys, type RowPatch } from "./rules";
import { validateRow } from "./service";

/** What every batch of one job is prepared with: its mapping, and where and by whom contacts are created. */
export interface BatchSetup {
  plan: ImportJobPlan;
  columns: { index: number; target: string }[];
  width: number;
  /** Where the job puts the contacts it creates. */
  divisionId: string;
  /** Who the contacts it creates are written by (their history names them). */
  writer: ChangeSetWriter;
}

/** A batch of a job's rows to prepare (see `prepareRows`). */
export interface PrepareRequest {
  setup: BatchSetup;
  rows: { rowNumber: number; record: string[] }[];
  /** Per row: the job's dry run found it valid, so the contact rules are not run on it again. */
  known: boolean[];
  /**
   * The import: each valid row also gets its match keys and the contact it would create. The dry run (false)
   * only counts the valid and refused rows.
   */
  creates: boolean;
}

export interface RowError {
  rowNumber: number;
  field: string;
  message: string;
}

/** A prepared batch. */
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

/** Row `i` of `request` into `prepared`. */
function prepareRow(request: PrepareRequest, i: number, prepared: PreparedRows): void {
  const { plan, columns, width, divisionId, writer } = request.setup;
  const { rowNumber, record } = request.rows[i]!;
  const checked = validateRow(record, width, columns, plan, { known: request.known[i] });
  if (checked.errors.length) {
    prepared.failed.add(rowNumber);
    for (const e of checked.errors) prepared.errors.push({ rowNumber, ...e });
    return;
  }
  if (!request.creates) return; // the dry run only counts the valid rows: it needs nothing else of them
  const options = { merge: plan.mergeContacts, externalSourceId: plan.externalSourceId };
  // The input of the contact the row would create gives its match keys too: the same points and external ids
  // as the row's own input (only the fields the row leaves empty differ, null rather than absent).
  const input = applyRowPatch({ divisionId }, checked.patch, options);
  prepared.candidates.push({
    rowNumber,
    patch: checked.patch,
    keys: matchKeys(input, plan),
    // The contact rules accepted the row (in the dry run, or in `validateRow` above): not parsed again.
    create: prepareNewContact(input, writer, acceptedRowInput(input)),
  });
}

/**
 * How long an import works on rows (reading or preparing them) before it hands the event loop back. Each reply
 * to the batch in flight waits for the slice under way: at 50 rows (~8 ms a slice), a statement of one row took
 * ~10 ms to come back and the history COPY ~130 ms against the floor's ~35. Over 50,000 rows, three runs each:
 * 2,028 rows/s at 50 rows, 2,341 at 0.5 ms.
 */
const SLICE_MS = 0.5;

/**
 * A pacer for work done row by row beside a batch in flight: `await pace()` between rows hands the event loop
 * back once the slice under way has lasted `SLICE_MS`, and is a microtask otherwise.
 */
export function slices(): () => Promise<void> | undefined {
  let started = performance.now();
  return () => {
    if (performance.now() - started < SLICE_MS) return undefined;
    return setImmediate().then(() => {
      started = performance.now();
    });
  };
}

/**
 * The database-free part of a batch: each row mapped, validated by the contact rules (unless the dry run found
 * it valid), and given its match keys; for the import, also the contact it would create, parsed, normalized
 * and encoded as the rows it is written with, so the batch's transaction does not wait for that work. It works
 * in `slices`, so the statements of the batch in flight go on meanwhile (their results are read, the next
 * statement sent).
 */
export async function prepareRows(request: PrepareRequest): Promise<PreparedRows> {
  const prepared: PreparedRows = {
    count: request.rows.length,
    lastRow: request.rows.at(-1)!.rowNumber,
    errors: [],
    failed: new Set(),
    candidates: [],
  };
  const pace = slices();
  for (let i = 0; i < request.rows.length; i++) {
    await pace();
    prepareRow(request, i, prepared);
  }
  return prepared;
}

/**
 * The batches of one pass over a job's file, each prepared while the ones before it are handled: `add` takes
 * how to prepare a batch and what to do with it. Batches are prepared one after another, each once the one
 * before is prepared, and handled in order: a batch's handling starts once the one before has ended, or, when
 * `overlaps` says so of the prepared batch, beside it (never beside two). Its handler is given the handling of
 * the batch before, to await where order matters (an import batch commits after the one before it). `add`
 * resolves once the batch `ahead` places before it is handled. A failure surfaces at a later `add` or at
 * `done`, and fails the batches after it.
 *
 * One preparation at a time: two sharing the event loop finished together, so the batch to be written next
 * was ready later than it could have been, and the database waited (~100 ms of each batch's ~300).
 */
export function batchesInOrder(ahead = 1) {
  let prepared: Promise<unknown> = Promise.resolve();
  let last: Promise<void> = Promise.resolve();
  let beforeLast: Promise<void> = Promise.resolve();
  /** The handling of the latest batches, oldest first: `add` waits for the first. */
  const handling: Promise<void>[] = [];
  return {
    async add(
      prepare: () => Promise<PreparedRows>,
      handle: (ready: PreparedRows, before: Promise<void>) => Promise<void>,
      overlaps: (ready: PreparedRows) => boolean = () => false,
    ) {
      const previous = last;
      const twoBefore = beforeLast;
      const ready = prepared.then(prepare);
      prepared = ready.catch(() => {}); // its failure is the batch's, below
      beforeLast = previous;
      last = (async () => {
        const rows = await ready;
        await (overlaps(rows) ? twoBefore : previous);
        await handle(rows, previous);
        await previous; // a handler that did not wait for it still ends after it
      })();
      last.catch(() => {}); // rethrown where it is awaited: a later add or done
      handling.push(last);
      if (handling.length > ahead) await handling.shift();
    },
    done: () => last,
  };
}
