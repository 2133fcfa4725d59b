"use client";

// Above the queue, whatever its sort, filters or page: every open emergency, every "ask now" visit and every
// unacknowledged alert, until a clinician signs the visit. It can be folded (the choice is kept), and its
// heading still counts what it holds, so nothing leaves the doctor's sight silently. Open, it shows about three
// rows and scrolls the rest (every row stays in the page, reachable with Tab), so the queue itself stays on the
// first screen.
import Link from "next/link";
import { useState, useSyncExternalStore } from "react";
import { useAcknowledge } from "../api/review";
import { alertHeadline, alertStateText, isEscalated } from "../live/alert-words";
import { refreshPinned, useNow, usePinned } from "../live/pinned-store";
import { formatTime, fullName } from "@/lib/contracts/format";

const FOLD_KEY = "backline.pinFolded";

export function PinnedAlerts({ timeZone, concerns }: { timeZone: string; concerns: Record<string, string> }) {
  const { data } = usePinned();
  const now = useNow();
  const folded = useSyncExternalStore(
    (tick) => {
      window.addEventListener("storage", tick);
      return () => window.removeEventListener("storage", tick);
    },
    () => window.localStorage.getItem(FOLD_KEY) === "1",
    () => false,
  );
  const [, rerender] = useState(0);
  const { failure: message, acknowledge } = useAcknowledge(() => refreshPinned(0));
  if (!data || data.rows.length === 0) return null;
  const rows = data.rows;
  const unacknowledged = data.unacknowledged;

  return (
    <details
      className="pinned"
      open={!folded}
      onToggle={(e) => {
        const isOpen = (e.currentTarget as HTMLDetailsElement).open;
        if (isOpen === !folded) return;
        window.localStorage.setItem(FOLD_KEY, isOpen ? "0" : "1");
        rerender((n) => n + 1);
      }}
    >
      <summary>
        Pinned: {rows.length} {rows.length === 1 ? "visit needs" : "visits need"} a clinician now
        {unacknowledged > 0 ? ` (${unacknowledged} not acknowledged)` : ""}
      </summary>
      {message && (
        <p className="field-error" role="alert">
          {message}
        </p>
      )}
      <div className="pinned-scroll">
        <table aria-label="Pinned visits">
          <thead>
            <tr>
              <th scope="col">What</th>
              <th scope="col">Patient</th>
              <th scope="col">Submitted</th>
              <th scope="col">Alert</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => {
              const escalated = row.alert ? isEscalated(row.alert, now) : false;
              return (
                <tr key={row.visitId}>
                  <td>
                    <strong>{alertHeadline(row, concerns)}</strong>
                  </td>
                  <td>
                    {fullName(row.patient)}
                    {row.patient.ageYears !== null ? `, ${row.patient.ageYears}` : ""}{" "}
                    <span className="muted pinned-mrn">MRN {row.patient.mrn}</span>
                  </td>
                  <td>{row.submittedAt ? formatTime(row.submittedAt, timeZone) : "—"}</td>
                  <td className={escalated ? "escalation" : undefined}>{row.alert ? alertStateText(row.alert, now, timeZone) : "No alert recorded"}</td>
                  <td>
                    {row.alert && !row.alert.acknowledgedAt && (
                      <>
                        <button type="button" className="primary" onClick={() => void acknowledge(row.visitId)}>
                          I&apos;m on it
                        </button>{" "}
                      </>
                    )}
                    <Link className="button-link" href={`/review/${row.visitId}`}>
                      Open
                    </Link>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </details>
  );
}
