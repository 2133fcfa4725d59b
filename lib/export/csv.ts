// RFC 4180 CSV for spreadsheets: CRLF line ends, fields quoted when they hold a quote, comma or line break
// (quotes doubled), UTF-8 with a byte-order mark so Excel reads non-Latin names correctly, and text cells
// that a spreadsheet would run as a formula neutralised (OWASP "CSV injection").

export const CSV_BOM = "\uFEFF";

/** = + - @ start a formula in Excel, LibreOffice and Google Sheets; tab and CR can hide one. */
const FORMULA_START = /^[=+\-@\t\r]/;

/** One text cell: a leading formula character gets a ' in front (shown as text, not run). */
export function csvText(value: string): string {
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
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
