// Dates, times and names as every screen, the PDF and the CSV show them. Calendar dates (YYYY-MM-DD) are formatted in UTC so a
// birth date never shifts by a day; instants are shown in the clinic's time zone.

const DAY = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });

/** "1961-04-12" -> "12 Apr 1961"; anything unparseable is shown as given. */
export function formatDay(isoDate: string): string {
  const date = new Date(`${isoDate.slice(0, 10)}T00:00:00Z`);
  return Number.isNaN(date.getTime()) ? isoDate : DAY.format(date);
}

/** An instant as "12 Apr 2026, 14:05" in the given IANA time zone. */
export function formatDateTime(iso: string, timeZone: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat("en-GB", {
    day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZone,
  }).format(date);
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
