"use client";

// The queue table's cells that are more than a value: urgency in words, how long a visit has waited, red flags by
// their short names.
import { useSyncExternalStore } from "react";
import type { Tier } from "@/lib/clinical/types";
import { formatDateTime } from "@/lib/contracts/format";
import { URGENCY_LABELS } from "@/lib/contracts/labels";
import { formatWaiting, waitingInWords } from "@/lib/contracts/queue-waiting";
import type { TQueueRow } from "@/lib/contracts/wire/queue";
import type { TFlagOption } from "./queue-filters";

export function UrgencyLabel({ urgency }: { urgency: Tier | null }) {
  if (!urgency) return <>—</>;
  return (
    <span className={`tier tier-${urgency}`}>
      {urgency === "emergency" && <span aria-hidden="true">⚠ </span>}
      {urgency === "emergency" ? "EMERGENCY" : URGENCY_LABELS[urgency]}
    </span>
  );
}

const CLOCK_MS = 30_000;
/**
 * The time the Waiting column counts to: the server's when it made the page (so the browser's first render matches
 * its HTML), then the browser's clock, every 30 s.
 */
export function useClock(serverNow: number): number {
  return useSyncExternalStore(
    (tick) => {
      const id = setInterval(tick, CLOCK_MS);
      return () => clearInterval(id);
    },
    () => Math.floor(Date.now() / CLOCK_MS) * CLOCK_MS,
    () => serverNow,
  );
}

/** How long a visit waiting for review has waited; signed visits wait no more. */
export function Waiting({ row, now, timeZone }: { row: TQueueRow; now: number; timeZone: string }) {
  const short = row.status === "SUBMITTED" && row.submittedAt ? formatWaiting(row.submittedAt, now) : null;
  if (!short || !row.submittedAt) return <>—</>;
  return (
    <span className="waiting" title={`Waiting since ${formatDateTime(row.submittedAt, timeZone)}`}>
      <span className="waiting-short" aria-hidden="true">
        {short}
      </span>
      <span className="visually-hidden">{waitingInWords(short)}</span>
    </span>
  );
}

/** Red flags by their short names, one a line; the rule's code and title on hover. */
export function Flags({ ids, byId }: { ids: string[]; byId: Map<string, TFlagOption> }) {
  if (ids.length === 0) return <>None</>;
  return (
    <ul className="flag-list">
      {ids.map((id) => {
        const flag = byId.get(id);
        return (
          <li key={id} className="flag-name" title={flag ? `${id}: ${flag.title}` : id} data-code={id}>
            {flag?.short ?? id}
          </li>
        );
      })}
    </ul>
  );
}
