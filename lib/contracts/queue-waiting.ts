// How long a visit has waited for review, as the queue's "Waiting" column shows it: the two largest units,
// rounded down ("45 min", "2 h 10 min", "3 d 4 h"). A duration, not a date: no time zone or clinic format.

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Time from `sinceIso` to `nowMs`: "under 1 min", "45 min", "2 h", "2 h 10 min", "3 d", "3 d 4 h"; null if unreadable. */
export function formatWaiting(sinceIso: string, nowMs: number): string | null {
  const since = Date.parse(sinceIso);
  if (Number.isNaN(since) || !Number.isFinite(nowMs)) return null;
  const elapsed = nowMs - since;
  // A clock a little behind the server's: not a negative wait.
  if (elapsed < MINUTE) return "under 1 min";
  if (elapsed < HOUR) return `${Math.floor(elapsed / MINUTE)} min`;
  if (elapsed < DAY) {
    const hours = Math.floor(elapsed / HOUR);
    const minutes = Math.floor((elapsed % HOUR) / MINUTE);
    return minutes ? `${hours} h ${minutes} min` : `${hours} h`;
  }
  const days = Math.floor(elapsed / DAY);
  const hours = Math.floor((elapsed % DAY) / HOUR);
  return hours ? `${days} d ${hours} h` : `${days} d`;
}

/** The same wait in words for screen readers and the title attribute ("2 hours 10 minutes"). */
export function waitingInWords(short: string): string {
  return short
    .replace(/\b1 d\b/, "1 day")
    .replace(/\b(\d+) d\b/, "$1 days")
    .replace(/\b1 h\b/, "1 hour")
    .replace(/\b(\d+) h\b/, "$1 hours")
    .replace(/\b1 min\b/, "1 minute")
    .replace(/\b(\d+) min\b/, "$1 minutes");
}
