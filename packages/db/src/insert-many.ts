import { type Column, getTableColumns, getTableName, sql } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";
import type { Executor } from "./client";

/**
 * Inserts many rows with one statement whose size does not grow with the row count: the rows travel as one
 * JSON parameter, spread back into typed rows by `jsonb_to_recordset`. Drizzle's `insert().values(rows)`
 * builds a parameter per cell, which costs more than the insert itself once a batch holds a thousand rows;
 * `JSON.stringify` is native and is the cheapest way to ship them. Returns the inserted rows as drizzle
 * reads them (camelCase keys, mapped types), in the order given, unless `returning: false`: a writer that
 * does not need them back (history, row errors) saves reading and parsing every row again.
 *
 * Every row must set the same columns (the others take their defaults). An import's batches, which return
 * nothing, go in faster still through binary `COPY` (`copyEncoder`, `copyBinary`).
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
  options: { returning: false },
): Promise<undefined>;
export async function insertMany<T extends PgTable>(
  db: Executor,
  table: T,
  rows: T["$inferInsert"][],
  options: { returning?: true },
): Promise<T["$inferSelect"][]>;
export async function insertMany<T extends PgTable>(
  db: Executor,
  table: T,
  rows: T["$inferInsert"][],
  options: { returning?: boolean } = {},
): Promise<T["$inferSelect"][] | undefined> {
  const returning = options.returning ?? true;
  if (rows.length === 0) return returning ? [] : undefined;
  const columns = Object.entries(getTableColumns(table) as Record<string, Column>);
  const written = columnsWritten(
    table,
    Object.keys(rows[0]!).filter((k) => (rows[0] as Record<string, unknown>)[k] !== undefined),
  );
  const documents = rows.map((row) => {
    const document: Record<string, unknown> = {};
    for (const { key, name, column, raw } of written) {
      const value = (row as Record<string, unknown>)[key];
      if (value === undefined) throw new Error(`insertMany: every row must set ${key}`);
      document[name] = value === null || raw ? value : column.mapToDriverValue(value);
    }
    return document;
  });
  const names = sql.join(
    written.map(({ column }) => sql.identifier(column.name)),
    sql`, `,
  );
  const definitions = sql.join(
    written.map(({ column }) => sql`${sql.identifier(column.name)} ${sql.raw(column.getSQLType())}`),
    sql`, `,
  );
  // Rows go in in the order given (`with ordinality`), and PostgreSQL returns them in insertion order, as it
  // does for a multi-row VALUES. The JSON parameter is sent as text: the driver would encode a jsonb one again.
  const statement = sql`insert into ${table} (${names}) select ${names} from rows from (jsonb_to_recordset(${JSON.stringify(documents)}::text::jsonb) as (${definitions})) with ordinality as given(${names}, given_position) order by given_position`;
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

/** JSON and array values go into the document as they are (the recordset types them). */
const RAW_TYPES = new Set(["PgJsonb", "PgJson", "PgArray"]);

/**
 * The columns behind `keys` of `table`, and whether each value goes into the document as it is (`raw`) or as
 * the driver would send it (dates as ISO strings, and so on).
 */
function columnsWritten(table: PgTable, keys: readonly string[]) {
  const columns = getTableColumns(table) as Record<string, Column>;
  return keys.map((key) => {
    const column = columns[key];
    if (!column) throw new Error(`insertMany: ${getTableName(table)} has no column ${key}`);
    return { key, name: column.name, column, raw: RAW_TYPES.has(column.columnType) };
  });
}
