import "server-only";
import { env } from "@/lib/env";

/** Today's date (YYYY-MM-DD) in the clinic's time zone: what "no future visit date" is checked against. */
export function clinicToday(now = new Date()): string {
  return dayFormat(env().BACKLINE_TIMEZONE).format(now);
}

// Making a formatter costs far more than using one, and this runs on every submission.
const formats = new Map<string, Intl.DateTimeFormat>();
function dayFormat(timeZone: string): Intl.DateTimeFormat {
  let format = formats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" });
    formats.set(timeZone, format);
  }
  return format;
}

/** Whole years between a birth date and a day, both YYYY-MM-DD. */
export function ageOn(birthDate: string, day: string): number {
  const [by, bm, bd] = birthDate.split("-").map(Number) as [number, number, number];
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}
