import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { type Column, getTableColumns, getTableName, type SQL, sql } from "drizzle-orm";
import { type PgTable, PgTransaction } from "drizzle-orm/pg-core";
import type postgres from "postgres";
import type { Executor } from "./client";

/**
 * Inserts many rows with one statement whose size does not grow with the row count: the rows travel as one
 * JSON parameter, spread back into typed rows by `jsonb_to_recordset`. Drizzle's `insert().values(rows)`
 * builds a parameter per cell, which costs more than the insert itself once a batch holds a thousand rows;
 * `JSON.stringify` is native and is the cheapest way to ship them. Returns the inserted rows as drizzle
 * reads them (camelCase keys, mapped types), in the order given, unless `returning: false`: a writer that
 * does not need them back (history, row errors) saves reading and parsing every row again.
 *
 * Every row must set the same columns (the others take their defaults).
 *
 * With `copy`, the rows travel as `COPY ... FROM STDIN` text into a temporary staging table of the
 * transaction, and one `insert ... select` moves them in: no JSON document to build, send and take apart
 * again, for the large batches of an import (a few ms of set-up: not worth it for a handful of rows). With
 * `copy` and `returning: false` they are copied straight into the table (nothing to return, no staging):
 * PostgreSQL writes each row as it arrives while the next ones are still being encoded.
 */
export async function insertMany<T extends PgTable>(
  db: Executor,
  table: T,
  rows: T["$inferInsert"][],
): Promise<T["$inferSelect"][]>;
export async function insertMany<T extends PgTable>(
  db: Executor,
  table: T,
  rows: T["$inferInsert"][],
  options: { returning: false; copy?: boolean },
): Promise<undefined>;
export async function insertMany<T extends PgTable>(
  db: Executor,
  table: T,
  rows: T["$inferInsert"][],
  options: { returning?: true; copy?: boolean },
): Promise<T["$inferSelect"][]>;
export async function insertMany<T extends PgTable>(
  db: Executor,
  table: T,
  rows: T["$inferInsert"][],
  options: { returning?: boolean; copy?: boolean } = {},
): Promise<T["$inferSelect"][] | undefined> {
  if (options.copy && !(db instanceof PgTransaction))
    return db.transaction((tx) => insertMany(tx, table, rows, options as { copy: true }));
  const returning = options.returning ?? true;
  if (rows.length === 0) return returning ? [] : undefined;
  const columns = Object.entries(getTableColumns(table) as Record<string, Column>);
  const written = columnsWritten(
    table,
    Object.keys(rows[0]!).filter((k) => (rows[0] as Record<string, unknown>)[k] !== undefined),
  );
  const documents = () =>
    rows.map((row) => {
      const document: Record<string, unknown> = {};
      for (const { key, name, column, encoding } of written) {
        const value = (row as Record<string, unknown>)[key];
        if (value === undefined) throw new Error(`insertMany: every row must set ${key}`);
        document[name] = value === null || encoding === "raw" ? value : column.mapToDriverValue(value);
      }
      return document;
    });
  if (options.copy && !returning) {
    await copyRows(db, getTableName(table), written, rows, false);
    return;
  }
  const names = sql.join(
    written.map(({ column }) => sql.identifier(column.name)),
    sql`, `,
  );
  const definitions = sql.join(
    written.map(({ column }) => sql`${sql.identifier(column.name)} ${sql.raw(column.getSQLType())}`),
    sql`, `,
  );
  // Rows go in in the order given (`with ordinality`, or the staging table's `given_position`), and
  // PostgreSQL returns them in insertion order, as it does for a multi-row VALUES. The JSON parameter is sent
  // as text: the driver would encode a jsonb one again.
  const statement = options.copy
    ? await copied(db, table, written, rows, names, definitions)
    : sql`insert into ${table} (${names}) select ${names} from rows from (jsonb_to_recordset(${JSON.stringify(documents())}::text::jsonb) as (${definitions})) with ordinality as given(${names}, given_position) order by given_position`;
  if (!returning) {
    await db.execute(statement);
    return;
  }
  const inserted = (await db.execute(sql`${statement} returning *`)) as unknown as Record<string, unknown>[];
  return inserted.map((raw) => {
    const row: Record<string, unknown> = {};
    for (const [key, column] of columns) {
      const value = raw[column.name];
      row[key] = value === null || value === undefined ? null : column.mapFromDriverValue(value);
    }
    return row as T["$inferSelect"];
  });
}

/**
 * How a column's values are written: `raw` (JSON and arrays) as they are, `text` (text, uuid, date strings)
 * as the string they are, `scalar` (integers, booleans) by their `String`, which has nothing to escape; any
 * other as the driver maps it. Decided once per column: an import encodes ~100 values a row.
 */
type Encoding = "raw" | "text" | "scalar" | "driver";
const ENCODINGS: Record<string, Encoding> = {
  PgJsonb: "raw",
  PgJson: "raw",
  PgArray: "raw",
  PgText: "text",
  PgUUID: "text",
  PgVarchar: "text",
  PgChar: "text",
  PgDateString: "text",
  PgInteger: "scalar",
  PgSmallInt: "scalar",
  PgBoolean: "scalar",
};

type Written = { key: string; name: string; column: Column; encoding: Encoding }[];

/** The columns behind `keys` of `table`, and how each value is written. */
function columnsWritten(table: PgTable, keys: readonly string[]): Written {
  const columns = getTableColumns(table) as Record<string, Column>;
  return keys.map((key) => {
    const column = columns[key];
    if (!column) throw new Error(`insertMany: ${getTableName(table)} has no column ${key}`);
    // JSON and array values go into the document as they are (the recordset types them); the others as
    // the driver would send them (dates as ISO strings, and so on).
    return { key, name: column.name, column, encoding: ENCODINGS[column.columnType] ?? "driver" };
  });
}

/** A short stable name for a column list (staging table names stay under PostgreSQL's 63 characters). */
function hashOf(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return (h >>> 0).toString(36);
}

const COPY_SPECIAL = /[\\\t\n\r]/g;
const COPY_NEEDS_ESCAPE = /[\\\t\n\r]/;
const COPY_ESCAPES: Record<string, string> = { "\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r" };
const arrayItem = (v: unknown) =>
  v === null || v === undefined ? "NULL" : `"${String(v).replaceAll("\\", "\\\\").replaceAll('"', '\\"')}"`;

/** One value as `COPY` text reads it: `\N` for null, JSON as JSON, arrays as array literals, escaped. */
function copyText(value: unknown, column: Column, encoding: Encoding): string {
  if (value === null) return "\\N";
  let text: string;
  // A number or boolean has nothing to escape; a string, wherever it goes, is escaped.
  if (encoding === "scalar" && typeof value !== "string") return String(value);
  if (encoding === "text" && typeof value === "string") text = value;
  else if (encoding !== "raw") {
    const driver = column.mapToDriverValue(value);
    text = driver instanceof Date ? driver.toISOString() : String(driver);
  } else if (column.columnType === "PgArray") text = `{${(value as unknown[]).map(arrayItem).join(",")}}`;
  else text = JSON.stringify(value);
  // Most values have nothing to escape: testing first spares a copy of each.
  return COPY_NEEDS_ESCAPE.test(text) ? text.replace(COPY_SPECIAL, (c) => COPY_ESCAPES[c]!) : text;
}

/**
 * One row's values for the columns `written`, as `COPY` text (tab-separated, no newline). Joined, not
 * concatenated: a line kept until its batch is written is then one flat string, not a rope of its pieces.
 */
function copyLine(written: Written, row: Record<string, unknown>): string {
  const values = written.map(({ key, column, encoding }) => {
    const value = row[key];
    if (value === undefined) throw new Error(`insertMany: every row must set ${key}`);
    return copyText(value, column, encoding);
  });
  return values.join("\t");
}

/** Encodes rows of one table as `COPY` text lines, ahead of the statement that sends them (`copyLines`). */
export interface CopyEncoder<T extends PgTable> {
  /** The columns each line holds, in order: what `copyLines` is given. */
  columns: string[];
  /** One row as a line of `COPY` text, without its newline (so a caller may add a last column). */
  line(row: T["$inferInsert"]): string;
}

/**
 * A `CopyEncoder` for the columns `keys` of `table`, encoding as `insertMany` with `copy` does. For an import,
 * which encodes each batch's rows while the batch before it is written: the lines are a few strings per row,
 * where the rows were graphs of objects that the garbage collector had to copy until they were written.
 */
export function copyEncoder<T extends PgTable>(
  table: T,
  keys: readonly (keyof T["$inferInsert"] & string)[],
): CopyEncoder<T> {
  const written = columnsWritten(table, keys);
  return {
    columns: written.map((w) => w.name),
    line: (row) => copyLine(written, row as Record<string, unknown>),
  };
}

/**
 * `COPY`s lines of text (each ending in a newline) into `columns` of `table`, sent in ~64 KB chunks: PostgreSQL
 * writes each row as it arrives while the next ones are still being joined. Call it inside a transaction.
 */
export async function copyLines(
  tx: Executor,
  table: PgTable | string,
  columns: string[],
  lines: Iterable<string>,
): Promise<void> {
  const client = (tx as unknown as { session: { client: postgres.Sql } }).session.client;
  const name = typeof table === "string" ? table : getTableName(table);
  const copy = await client
    .unsafe(`copy "${name}" (${columns.map((c) => `"${c}"`).join(", ")}) from stdin`)
    .writable();
  function* chunks() {
    let chunk = "";
    for (const line of lines) {
      chunk += line;
      if (chunk.length > 1 << 16) {
        yield chunk;
        chunk = "";
      }
    }
    if (chunk) yield chunk;
  }
  await pipeline(Readable.from(chunks()), copy);
}

/** `COPY`s `rows` into `table` (the columns `written`, then each row's position when `positions`). */
async function copyRows(
  tx: Executor,
  table: string,
  written: Written,
  rows: Record<string, unknown>[],
  positions: boolean,
): Promise<void> {
  const columns = [...written.map((w) => w.name), ...(positions ? ["given_position"] : [])];
  function* lines() {
    for (const [position, row] of rows.entries())
      yield `${copyLine(written, row)}${positions ? `\t${position}` : ""}\n`;
  }
  await copyLines(tx, table, columns, lines());
}

/**
 * Sends `rows` by `COPY` into a temporary table of the transaction (dropped at commit) and returns the
 * statement that moves them from it into `table`, in the order given, emptying it for the transaction's next
 * batch. The table's name depends only on the table and the columns written, so the statements' texts repeat
 * from batch to batch (prepared once per connection, not once per batch).
 */
async function copied<T extends PgTable>(
  tx: Executor,
  table: T,
  written: Written,
  rows: T["$inferInsert"][],
  names: SQL,
  definitions: SQL,
): Promise<SQL> {
  const name = `insert_many_${getTableName(table)}_${hashOf(written.map((w) => w.name).join(","))}`;
  await tx.execute(
    sql`create temp table if not exists ${sql.identifier(name)} (${definitions}, given_position integer) on commit drop`,
  );
  await copyRows(tx, name, written, rows, true);
  return sql`with staged as (delete from ${sql.identifier(name)} returning *) insert into ${table} (${names}) select ${names} from staged order by given_position`;
}
