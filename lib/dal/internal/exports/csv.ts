import "server-only";
import { stringify } from "csv-stringify/sync";

/**
 * CSV as RFC 4180 says (fields with commas, quotes or line breaks quoted, quotes doubled, CRLF
 * between records) through csv-stringify, made safe to open in a spreadsheet: a text cell that
 * starts with = + - @, a tab or a carriage return would be read as a formula (OWASP "CSV
 * injection"), so it gets a leading apostrophe. Plain numbers ("-12.50") are data and stay.
 */
const FORMULA_START = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^-?\d+(\.\d+)?$/;

export function neutraliseCell(value: string): string {
  const safe = FORMULA_START.test(value) && !PLAIN_NUMBER.test(value) ? `'${value}` : value;
  // One line ending inside values too, so a record ends at, and only at, CRLF.
  return safe.replace(/\r\n?/g, "\n");
}

export type Cell = string | number | null | undefined;

/** CSV text for records, each ending in CRLF. */
export function csvLines(records: Cell[][]): string {
  // A lone LF is not the record delimiter, so csv-stringify would leave it bare: RFC 4180 quotes any line break.
  return stringify(records, { record_delimiter: "windows", quoted_match: /\n/, cast: { string: neutraliseCell } });
}

/** Excel reads a file as UTF-8 only with this mark in front. */
export const UTF8_BOM = "\uFEFF";
