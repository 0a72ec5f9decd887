import { type Column, getTableColumns, getTableName, sql } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";
import type { Executor } from "./client";

/**
 * Inserts many rows with one statement whose size does not grow with the row count: one array parameter per
 * column, spread back into rows by `unnest`. Drizzle's `insert().values(rows)` builds a parameter per cell,
 * which costs more than the insert itself once a batch holds a thousand rows. Returns the inserted rows
 * as drizzle reads them (camelCase keys, mapped types), in the order given.
 *
 * Every row must set the same columns (the others take their defaults); array-typed columns are not
 * supported by `unnest` and must be left to their defaults.
 */
export async function insertMany<T extends PgTable>(
  db: Executor,
  table: T,
  rows: T["$inferInsert"][],
): Promise<T["$inferSelect"][]> {
  if (rows.length === 0) return [];
  const columns = Object.entries(getTableColumns(table) as Record<string, Column>);
  const keys = Object.keys(rows[0]!).filter((k) => (rows[0] as Record<string, unknown>)[k] !== undefined);
  const written = keys.map((key) => {
    const column = columns.find(([k]) => k === key)?.[1];
    if (!column) throw new Error(`insertMany: ${getTableName(table)} has no column ${key}`);
    if (column.columnType === "PgArray") throw new Error(`insertMany: array column ${key} is not supported`);
    return { key, column };
  });
  const arrays = written.map(({ key, column }) =>
    arrayLiteral(
      rows.map((row) => {
        const value = (row as Record<string, unknown>)[key];
        if (value === undefined) throw new Error(`insertMany: every row must set ${key}`);
        return value === null ? null : column.mapToDriverValue(value);
      }),
    ),
  );
  const names = sql.join(
    written.map(({ column }) => sql.identifier(column.name)),
    sql`, `,
  );
  const values = sql.join(
    written.map(({ column }, i) => sql`${sql.param(arrays[i])}::${sql.raw(column.getSQLType())}[]`),
    sql`, `,
  );
  // Rows go in in the order given (`with ordinality`), and PostgreSQL returns them in insertion order, as it
  // does for a multi-row VALUES.
  const inserted = (await db.execute(
    sql`insert into ${table} (${names}) select ${names} from unnest(${values}) with ordinality as given(${names}, given_position) order by given_position returning *`,
  )) as unknown as Record<string, unknown>[];
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
 * A PostgreSQL array literal (`{"a",NULL,"b"}`) of driver values, cast by the statement to the column's
 * array type. Built here because the driver infers an array's type from its first element, which fails for
 * a column whose first value is null.
 */
function arrayLiteral(values: unknown[]): string {
  const element = (v: unknown) => {
    if (v === null) return "NULL";
    const text = typeof v === "string" ? v : v instanceof Date ? v.toISOString() : String(v);
    return `"${text.replaceAll("\\", "\\\\").replaceAll('"', '\\"')}"`;
  };
  return `{${values.map(element).join(",")}}`;
}
