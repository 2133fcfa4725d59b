// The words every alert screen uses: what the alert is about, and its state.
import type { TAlertState, TPinnedRow } from "@/lib/contracts/wire/alerts";
import { formatTime } from "@/lib/contracts/format";

export const ESCALATED_TEXT = "No clinician has acknowledged: call the doctor on duty";

/** "Emergency", or "Ask now: cannot exclude cauda equina" (never "emergency" for an unexcluded rule). */
export function alertHeadline(row: Pick<TPinnedRow, "urgency" | "cannotExclude">, concerns: Record<string, string>): string {
  if (row.urgency === "emergency") return "Emergency";
  const named = [...new Set(row.cannotExclude.map((r) => concerns[r]).filter(Boolean))];
  if (named.length > 0) return `Ask now: cannot exclude ${named.join(", ")}`;
  return row.urgency === "urgent" ? "Urgent: the result rose after answers were completed" : "Needs a clinician";
}

export function isEscalated(alert: Pick<TAlertState, "escalatedAt" | "escalatesAt" | "acknowledgedAt">, now: number): boolean {
  if (alert.acknowledgedAt) return false;
  return alert.escalatedAt !== null || (now > 0 && now >= Date.parse(alert.escalatesAt));
}

/** "Dr Dana Doctor acknowledged at 10:42", "Waiting for a clinician (raised 10:40)", or the escalation. */
export function alertStateText(alert: TAlertState, now: number, timeZone: string): string {
  if (alert.acknowledgedAt) return `${alert.acknowledgedBy ?? "A clinician"} acknowledged at ${formatTime(alert.acknowledgedAt, timeZone)}`;
  if (isEscalated(alert, now)) return ESCALATED_TEXT;
  return `Waiting for a clinician to acknowledge (raised at ${formatTime(alert.raisedAt, timeZone)})`;
}
