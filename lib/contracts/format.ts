// Dates, times and names as every screen, the PDF and the CSV show them. One clinic setting
// (BACKLINE_DATE_FORMAT, default "d MMM yyyy": 6 Dec 2026, which no reader can take the wrong way round) decides how
// a date is written; instants are shown in the clinic's time zone (BACKLINE_TIMEZONE), passed by the caller.
// Calendar dates (YYYY-MM-DD) are formatted in UTC, so a birth date never shifts by a day.

export const DATE_FORMATS = ["d MMM yyyy", "dd/MM/yyyy", "MM/dd/yyyy", "yyyy-MM-dd"] as const;
export type TDateFormat = (typeof DATE_FORMATS)[number];
export const DEFAULT_DATE_FORMAT: TDateFormat = "d MMM yyyy";

/** What the clinic's staff see as an example of the format ("6 Dec 2026", "06/12/2026", ...). */
export const DATE_FORMAT_EXAMPLES: Record<TDateFormat, string> = {
  "d MMM yyyy": "6 Dec 2026",
  "dd/MM/yyyy": "06/12/2026",
  "MM/dd/yyyy": "12/06/2026",
  "yyyy-MM-dd": "2026-12-06",
};

// The setting is process-wide (server: lib/env.ts sets it when the environment is read; browser: the root
// layout's <ClinicSettings>), kept on globalThis so every bundle that includes this module sees the same value.
const KEY = Symbol.for("backline.clinicDateFormat");
type TGlobal = { [KEY]?: TDateFormat };

export function setClinicDateFormat(format: TDateFormat): void {
  (globalThis as TGlobal)[KEY] = format;
}

export function clinicDateFormat(): TDateFormat {
  return (globalThis as TGlobal)[KEY] ?? DEFAULT_DATE_FORMAT;
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const LONG_MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"];
/** "dec", "december" (and "sept") -> 12 */
const MONTH_BY_NAME = new Map<string, number>([
  ...MONTHS.map((name, i) => [name.toLowerCase(), i + 1] as const),
  ...LONG_MONTHS.map((name, i) => [name, i + 1] as const),
  ["sept", 9],
]);
const pad = (n: number) => String(n).padStart(2, "0");

function writeDay(year: number, month: number, day: number, format: TDateFormat): string {
  switch (format) {
    case "d MMM yyyy":
      return `${day} ${MONTHS[month - 1]} ${year}`;
    case "dd/MM/yyyy":
      return `${pad(day)}/${pad(month)}/${year}`;
    case "MM/dd/yyyy":
      return `${pad(month)}/${pad(day)}/${year}`;
    case "yyyy-MM-dd":
      return `${year}-${pad(month)}-${pad(day)}`;
  }
}

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})/;

/** "1961-04-12" -> "12 Apr 1961" (in the clinic's format); anything unparseable is shown as given. */
export function formatDay(isoDate: string, format: TDateFormat = clinicDateFormat()): string {
  const m = ISO_DAY.exec(isoDate);
  if (!m || !isRealDay(Number(m[1]), Number(m[2]), Number(m[3]))) return isoDate;
  return writeDay(Number(m[1]), Number(m[2]), Number(m[3]), format);
}

function isRealDay(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

function toIso(year: number, month: number, day: number): string | null {
  return year >= 1000 && year <= 9999 && isRealDay(year, month, day) ? `${year}-${pad(month)}-${pad(day)}` : null;
}

/**
 * A date someone typed, in the clinic's format or ISO (YYYY-MM-DD), as YYYY-MM-DD; null if it is neither or not a
 * real day. "6 Dec 2026" and "6 December 2026" are read whatever the setting (they cannot be misread); a numeric
 * date is read only the way the clinic writes it, never guessed the other way round.
 */
export function parseClinicDay(text: string, format: TDateFormat = clinicDateFormat()): string | null {
  const t = text.trim();
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(t);
  if (m) return toIso(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^(\d{1,2})\s+([A-Za-z]{3,9})\.?,?\s+(\d{4})$/.exec(t);
  if (m) {
    const month = MONTH_BY_NAME.get((m[2] ?? "").toLowerCase());
    return month ? toIso(Number(m[3]), month, Number(m[1])) : null;
  }
  m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(t);
  if (m && (format === "dd/MM/yyyy" || format === "MM/dd/yyyy")) {
    const [a, b, year] = [Number(m[1]), Number(m[2]), Number(m[3])];
    return format === "dd/MM/yyyy" ? toIso(year, b, a) : toIso(year, a, b);
  }
  return null;
}

/** An instant as "12 Apr 2026, 14:05" (the clinic's date format) in the given IANA time zone. */
export function formatDateTime(iso: string, timeZone: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return `${formatDay(dayIn(iso, timeZone))}, ${formatTime(iso, timeZone)}`;
}

export function fullName(p: { givenName: string; familyName: string }): string {
  return `${p.familyName}, ${p.givenName}`;
}

/** The calendar day (YYYY-MM-DD) an instant falls on in the given IANA time zone. */
export function dayIn(iso: string, timeZone: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso.slice(0, 10);
  return new Intl.DateTimeFormat("en-CA", { year: "numeric", month: "2-digit", day: "2-digit", timeZone }).format(date);
}

/** An instant's time of day, "10:42", in the given IANA time zone. */
export function formatTime(iso: string, timeZone: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat("en-GB", { hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZone }).format(date);
}
