// RFC 4180 CSV for spreadsheets: CRLF line ends, quotes doubled, UTF-8 with a byte-order mark so Excel reads
// non-Latin names correctly, and text cells that a spreadsheet would run as a formula neutralised (OWASP "CSV
// injection"). Spreadsheets split on the delimiter of their locale (comma, semicolon or tab), and some ignore
// quotes that do not open a field, so a cell is quoted when it holds any of them, and a formula character is
// neutralised wherever such a split could start a new cell, not only at the start of the cell.

export const CSV_BOM = "\uFEFF";

/**
 * = + - @ start a formula in Excel, LibreOffice and Google Sheets; tab and CR can hide one. Checked at the start
 * of the cell and after every comma, semicolon, tab or line break in it (leading spaces skipped: some importers
 * trim them).
 */
const FORMULA_START = /(?<=^|[,;\t\r\n])( *)(?=[=+\-@\t\r])/g;
/** A quote, a line break or a delimiter of any common locale: the field is quoted. */
const NEEDS_QUOTES = /[",;\t\r\n]/;

/** One text cell: a ' before each formula character that could start a cell (shown as text, not run). */
export function csvText(value: string): string {
  const safe = value.replace(FORMULA_START, "$1'");
  return NEEDS_QUOTES.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** One cell: numbers as they are (a negative number is data, not a formula), blanks empty. */
export function csvField(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "";
  return csvText(value);
}

/** One record, CRLF-terminated. */
export function csvLine(fields: readonly (string | number | null | undefined)[]): string {
  return `${fields.map(csvField).join(",")}\r\n`;
}
