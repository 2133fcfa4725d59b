// The pain chart's time axis: a visit's x position is proportional to its date (a 10-month gap is wide, 4 days
// narrow), with date ticks spread evenly in time. Pure, so it is tested without a browser.

const DAY_MS = 86_400_000;

/** Days since 1970-01-01 of a YYYY-MM-DD date (UTC, so no time zone shifts a day). */
export function dayNumber(isoDate: string): number {
  return Math.round(Date.parse(`${isoDate.slice(0, 10)}T00:00:00Z`) / DAY_MS);
}

export const isoOfDay = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);

export interface TTimeScale {
  /** x of a YYYY-MM-DD date */
  x(isoDate: string): number;
  /** the dates (YYYY-MM-DD) to label on the axis, oldest first */
  ticks: string[];
}

/** A scale from the first to the last date onto [left, right]; one day alone sits in the middle. */
export function timeScale(dates: readonly string[], left: number, right: number, maxTicks = 6): TTimeScale {
  const days = dates.map(dayNumber);
  const first = Math.min(...days);
  const last = Math.max(...days);
  const span = last - first;
  if (dates.length === 0 || span === 0) {
    const only = dates[0] ? [dates[0].slice(0, 10)] : [];
    return { x: () => (left + right) / 2, ticks: only };
  }
  const x = (isoDate: string) => left + ((right - left) * (dayNumber(isoDate) - first)) / span;
  const count = Math.max(2, Math.min(maxTicks, span + 1));
  const ticks = [...new Set(Array.from({ length: count }, (_, i) => isoOfDay(first + Math.round((span * i) / (count - 1)))))];
  return { x, ticks };
}
