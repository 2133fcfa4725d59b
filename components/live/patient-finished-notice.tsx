"use client";

// On every signed-in page of staff: the patients who just finished answering their own intake (issue 19) on a
// link this member of staff made, each with a link to check the answers. Told live by the event stream
// (`self_intake.finished`, sent only to the staff member who made the link); dismissed one by one. The stream
// carries ids only: the patient's name is read from the visit, as any staff screen reads it.
import Link from "next/link";
import { useEffect, useState } from "react";
import { getJson } from "@/components/api/client";
import { formatTime, fullName } from "@/lib/contracts/format";
import type { TVisitDto } from "@/lib/contracts/wire/visit";
import { subscribeLive } from "./live-events";

interface TFinished {
  visitId: string;
  name: string | null;
  at: string;
}

export function PatientFinishedNotice({ timeZone }: { timeZone: string }) {
  const [finished, setFinished] = useState<TFinished[]>([]);
  useEffect(
    () =>
      subscribeLive((message) => {
        if (message.kind !== "self_intake.finished") return;
        const { visitId, at } = message;
        void getJson<TVisitDto>(`/api/v1/visits/${visitId}`).then((result) => {
          const name = result.ok ? fullName(result.body.patient) : null;
          setFinished((list) => (list.some((f) => f.visitId === visitId) ? list : [...list, { visitId, name, at }]));
        });
      }),
    [],
  );
  const dismiss = (visitId: string) => setFinished((list) => list.filter((f) => f.visitId !== visitId));
  // The live region is always there, so that a notice added to it is read out.
  return (
    <div aria-live="polite" className="patient-finished-region">
      {finished.length > 0 && (
        <section className="card patient-finished" aria-labelledby="patient-finished-title">
          <h2 id="patient-finished-title">{finished.length === 1 ? "A patient finished answering" : `${finished.length} patients finished answering`}</h2>
          <ul>
            {finished.map((f) => (
              <li key={f.visitId}>
                <span id={`finished-${f.visitId}`}>
                  {f.name ?? "A patient"} finished at {formatTime(f.at, timeZone)}.
                </span>{" "}
                <Link className="button" href={`/visits/${f.visitId}/intake`} onClick={() => dismiss(f.visitId)} aria-describedby={`finished-${f.visitId}`}>
                  Check the answers
                </Link>{" "}
                <button type="button" className="secondary" onClick={() => dismiss(f.visitId)} aria-describedby={`finished-${f.visitId}`}>
                  Dismiss
                </button>
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
