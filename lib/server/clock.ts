import "server-only";
import { env } from "@/lib/env";

/** Today's date (YYYY-MM-DD) in the clinic's time zone: what "no future visit date" is checked against. */
export function clinicToday(now = new Date()): string {
  return new Intl.DateTimeFormat("en-CA", {
    timeZone: env().BACKLINE_TIMEZONE,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  }).format(now);
}

/** Whole years between a birth date and a day, both YYYY-MM-DD. */
export function ageOn(birthDate: string, day: string): number {
  const [by, bm, bd] = birthDate.split("-").map(Number) as [number, number, number];
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}
