import { stringify } from "csv-stringify/sync";

/** What a spreadsheet may read as a formula when a cell starts with it (OWASP "CSV injection"). */
const FORMULA_START = /^[=+\-@\t\r]/;
/** Digits and number punctuation only (`+12125550199`, `-42`, `+1 (212) 555-0199`): no function or reference. */
const PLAIN_NUMBER = /^[+-]?[\d\s().-]+$/;

/**
 * A cell a spreadsheet will not run: one starting with `=`, `+`, `-`, `@`, tab or carriage return gets a
 * leading single quote (OWASP). A plain number is left as it is (an E.164 phone, a negative amount): with
 * nothing but digits and punctuation it holds no function or reference to run, and stays readable.
 */
export function csvSafeCell(value: string): string {
  return FORMULA_START.test(value) && !PLAIN_NUMBER.test(value) ? `'${value}` : value;
}

/** Records as CSV text, every cell made safe with `csvSafeCell`: what every CSV a caller downloads is written with. */
export function csvText(records: readonly (readonly (string | number | null | undefined)[])[]): string {
  return stringify(
    records.map((record) => record.map((cell) => csvSafeCell(cell == null ? "" : String(cell)))),
  );
}
