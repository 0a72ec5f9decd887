import { once } from "node:events";
import { finished } from "node:stream/promises";
import { type Column, getTableColumns, getTableName } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";
import type postgres from "postgres";
import type { Executor } from "./client";

/**
 * Rows of a table encoded for `COPY ... FROM STDIN (FORMAT binary)` ahead of the statement that sends them
 * (`copyBinary`): an import encodes each batch while the batch before it is written. Binary, not text:
 * PostgreSQL takes uuids, integers and arrays as they come instead of parsing each line and value (server-side
 * `COPY` of an import's 50,000 contacts' rows: points and history ~15% faster than the same rows as text).
 * Rows live in shared slabs outside the JS heap: a prepared batch gives the garbage collector nothing to copy.
 */
export interface CopyEncoder<T extends PgTable> {
  /** The columns each row holds, in order: what `copyBinary` is given. */
  columns: string[];
  /** One row. With `trailing` columns, the caller sends their values after it (`int4Field`). */
  row(row: T["$inferInsert"]): Buffer;
}

type Put = (slab: Slab, value: unknown) => void;

/**
 * The encoder of the columns `keys` of `table`, then `trailing`: int4 columns whose values are known only when
 * the rows are written (an import's record numbers, taken in the batch's transaction).
 */
export function copyEncoder<T extends PgTable>(
  table: T,
  keys: readonly (keyof T["$inferInsert"] & string)[],
  trailing: readonly (keyof T["$inferInsert"] & string)[] = [],
): CopyEncoder<T> {
  const columns = getTableColumns(table) as Record<string, Column>;
  const columnOf = (key: string) => {
    const column = columns[key];
    if (!column) throw new Error(`copyEncoder: ${getTableName(table)} has no column ${key}`);
    return column;
  };
  const written = keys.map((key) => {
    const column = columnOf(key);
    return { key, put: putterOf(column, `${getTableName(table)}.${column.name}`) };
  });
  const fieldCount = keys.length + trailing.length;
  const slab = new Slab();
  return {
    columns: [...keys, ...trailing].map((key) => columnOf(key).name),
    row(row) {
      const values = row as Record<string, unknown>;
      try {
        slab.reserve(2);
        slab.int16(fieldCount);
        for (const { key, put } of written) {
          const value = values[key];
          if (value === undefined) throw new Error(`copyEncoder: every row must set ${key}`);
          if (value === null) {
            slab.reserve(4);
            slab.int32(-1);
          } else put(slab, value);
        }
      } catch (error) {
        slab.drop(); // the next row starts where this one did
        throw error;
      }
      return slab.take();
    },
  };
}

/** An int4 field, as a row's `trailing` column takes it. */
export function int4Field(value: number): Buffer {
  const field = Buffer.allocUnsafe(8);
  field.writeInt32BE(4, 0);
  field.writeInt32BE(value, 4);
  return field;
}

/** The signature, flags and header extension length that open a binary `COPY`'s data. */
const HEADER = Buffer.from([...Buffer.from("PGCOPY\n\xff\r\n\0", "latin1"), 0, 0, 0, 0, 0, 0, 0, 0]);
/** The field count -1 that ends it. */
const TRAILER = Buffer.from([0xff, 0xff]);
const CHUNK_BYTES = 1 << 16;

/**
 * `COPY`s `rows` (rows of a `CopyEncoder`, each followed by its trailing fields) into `columns` of `table`, sent
 * in ~64 KB chunks as fast as the connection takes them. Call it inside a transaction.
 */
export async function copyBinary(
  tx: Executor,
  table: PgTable,
  columns: string[],
  rows: Iterable<Buffer>,
): Promise<void> {
  const client = (tx as unknown as { session: { client: postgres.Sql } }).session.client;
  const copy = await client
    .unsafe(
      `copy "${getTableName(table)}" (${columns.map((c) => `"${c}"`).join(", ")}) from stdin with (format binary)`,
    )
    .writable();
  function* chunks() {
    let pieces: Buffer[] = [HEADER];
    let size = HEADER.length;
    for (const row of rows) {
      pieces.push(row);
      size += row.length;
      if (size >= CHUNK_BYTES) {
        yield Buffer.concat(pieces, size);
        pieces = [];
        size = 0;
      }
    }
    pieces.push(TRAILER);
    yield Buffer.concat(pieces, size + TRAILER.length);
  }
  for (const chunk of chunks()) if (!copy.write(chunk)) await once(copy, "drain");
  copy.end();
  await finished(copy);
}

const SLAB_BYTES = 1 << 20;

/**
 * Where an encoder writes its rows, one after another: each row is a view of it. A row that does not fit moves,
 * as far as it was written, to a new slab; the rows before it keep the old one alive until they are sent.
 */
class Slab {
  private bytes = Buffer.allocUnsafe(SLAB_BYTES);
  private start = 0;
  at = 0;

  /** Room for `n` more bytes of the row under way. */
  reserve(n: number): void {
    if (this.at + n <= this.bytes.length) return;
    const written = this.at - this.start;
    const next = Buffer.allocUnsafe(Math.max(SLAB_BYTES, 2 * (written + n)));
    this.bytes.copy(next, 0, this.start, this.at);
    this.bytes = next;
    this.start = 0;
    this.at = written;
  }

  /** The row under way, done. */
  take(): Buffer {
    const row = this.bytes.subarray(this.start, this.at);
    this.start = this.at;
    return row;
  }

  /** The row under way, abandoned. */
  drop(): void {
    this.at = this.start;
  }

  int16(value: number): void {
    this.at = this.bytes.writeInt16BE(value, this.at);
  }

  int32(value: number): void {
    this.at = this.bytes.writeInt32BE(value, this.at);
  }

  byte(value: number): void {
    this.bytes[this.at++] = value;
  }

  /** A field of UTF-8 text (reserve 4 + 3 bytes per UTF-16 unit first). */
  text(value: string): void {
    const length = this.bytes.write(value, this.at + 4);
    this.int32(length);
    this.at += length;
  }

  /** A jsonb field: its format version, then its JSON text (reserve 5 + 3 bytes per UTF-16 unit first). */
  jsonb(json: string): void {
    const length = this.bytes.write(json, this.at + 5);
    this.int32(1 + length);
    this.byte(1);
    this.at += length;
  }

  /** Starts a field whose length is known once it is written (`close`). */
  open(): number {
    const field = this.at;
    this.at += 4;
    return field;
  }

  close(field: number): void {
    this.bytes.writeInt32BE(this.at - field - 4, field);
  }

  /**
   * A uuid field: 16 bytes from the uuid's 36-character form. False, and nothing written, when `value` is not
   * one (checked as it is read: an import writes ten uuids a row).
   */
  uuid(value: string): boolean {
    if (value.length !== 36) return false;
    for (const dash of UUID_DASHES) if (value.charCodeAt(dash) !== 45) return false;
    let invalid = 0;
    for (let i = 0; i < 16; i++) {
      const p = UUID_HEX_AT[i]!;
      const high = HEX[value.charCodeAt(p)]!;
      const low = HEX[value.charCodeAt(p + 1)]!;
      invalid |= high | low; // -1 for a character that is not a hex digit
      this.bytes[this.at + 4 + i] = (high << 4) | low;
    }
    if (invalid < 0) return false;
    this.int32(16);
    this.at += 16;
    return true;
  }
}

/** Where each byte's two hex digits start in a uuid's text. */
const UUID_HEX_AT = [0, 2, 4, 6, 9, 11, 14, 16, 19, 21, 24, 26, 28, 30, 32, 34];
const UUID_DASHES = [8, 13, 18, 23];
/** Each UTF-16 code unit's value as a hex digit, or -1. */
const HEX = new Int8Array(0x10000).fill(-1);
for (let i = 0; i < 16; i++) {
  HEX["0123456789abcdef".charCodeAt(i)] = i;
  HEX["0123456789ABCDEF".charCodeAt(i)] = i;
}

const TEXT_OID = 25;
/** 2000-01-01, where PostgreSQL counts dates from, in days since 1970-01-01. */
const POSTGRES_EPOCH_DAY = 10_957;
const DAY_MS = 86_400_000;

/** How a value of `column` is written (its length, then its bytes in the type's binary form). */
function putterOf(column: Column, name: string): Put {
  const expect = (ok: boolean, value: unknown, what: string) => {
    if (!ok) throw new Error(`copyEncoder: ${name} takes ${what}, not ${JSON.stringify(value)}`);
  };
  switch (column.columnType) {
    case "PgUUID":
      return (slab, value) => {
        slab.reserve(20);
        expect(typeof value === "string" && slab.uuid(value), value, "a uuid");
      };
    case "PgText":
    case "PgVarchar":
      return (slab, value) => {
        expect(typeof value === "string", value, "a string");
        const text = value as string;
        slab.reserve(4 + 3 * text.length);
        slab.text(text);
      };
    case "PgInteger":
      return (slab, value) => {
        expect(Number.isInteger(value) && Math.abs(value as number) < 2 ** 31, value, "an int4");
        slab.reserve(8);
        slab.int32(4);
        slab.int32(value as number);
      };
    case "PgBoolean":
      return (slab, value) => {
        expect(typeof value === "boolean", value, "a boolean");
        slab.reserve(5);
        slab.int32(1);
        slab.byte(value ? 1 : 0);
      };
    case "PgDateString":
      return (slab, value) => {
        const day = typeof value === "string" ? dayOf(value) : Number.NaN;
        expect(Number.isInteger(day), value, "a date (YYYY-MM-DD)");
        slab.reserve(8);
        slab.int32(4);
        slab.int32(day - POSTGRES_EPOCH_DAY);
      };
    case "PgJsonb":
      return (slab, value) => {
        const json = JSON.stringify(value);
        slab.reserve(5 + 3 * json.length);
        slab.jsonb(json);
      };
    case "PgArray": {
      const base = (column as unknown as { baseColumn: Column }).baseColumn;
      if (base.columnType !== "PgText") break;
      return (slab, value) => {
        expect(Array.isArray(value), value, "an array of strings");
        const items = value as (string | null)[];
        let bytes = 12 + (items.length ? 8 : 0);
        for (const item of items) {
          expect(item === null || typeof item === "string", item, "strings");
          bytes += 4 + (item === null ? 0 : 3 * item.length);
        }
        slab.reserve(4 + bytes);
        const field = slab.open();
        slab.int32(items.length ? 1 : 0); // dimensions
        slab.int32(items.includes(null) ? 1 : 0);
        slab.int32(TEXT_OID);
        if (items.length) {
          slab.int32(items.length);
          slab.int32(1); // lower bound
        }
        for (const item of items) {
          if (item === null) slab.int32(-1);
          else slab.text(item);
        }
        slab.close(field);
      };
    }
  }
  throw new Error(`copyEncoder: ${name} (${column.columnType}) has no binary encoding here`);
}

/** Days since 1970-01-01 of an ISO date, or NaN. */
function dayOf(value: string): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return Number.NaN;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  // setUTCFullYear, not Date.UTC: it takes years 0-99 as they are.
  const ms = new Date(0).setUTCFullYear(year, month - 1, day);
  const date = new Date(ms);
  if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return Number.NaN;
  return ms / DAY_MS;
}
