"use client";

import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { createdId, startVisit } from "@/components/api/patients";

/** Starts a DRAFT visit for the patient through the API, then opens its intake form. */
export function StartVisitButton({ patientId }: { patientId: string }) {
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const errorRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (error) errorRef.current?.focus();
  }, [error]);

  async function start() {
    if (pending) return;
    setPending(true);
    setError(null);
    const result = await startVisit(patientId);
    const id = createdId(result);
    if (id) {
      // Stay disabled until the form replaces this page: a second click must not start a second draft.
      router.push(`/visits/${id}/intake`);
      return;
    }
    let message: string;
    if (result.status === 0) message = "Backline could not be reached. Check the connection and try again; no visit was started.";
    else if (result.status === 401) message = "Your session has ended. Sign in again, then start the visit.";
    else if (result.status === 403) message = "Your role does not allow starting visits.";
    else message = (result.ok ? undefined : result.error.message) ?? "The visit could not be started. Try again.";
    setPending(false);
    setError(message);
  }

  return (
    <div className="start-visit">
      <button type="button" onClick={start} disabled={pending} aria-describedby={error ? "start-visit-error" : undefined}>
        {pending ? "Starting visit…" : "Start a new visit"}
      </button>
      {error && (
        <div id="start-visit-error" className="alert" role="alert" tabIndex={-1} ref={errorRef}>
          {error}
        </div>
      )}
    </div>
  );
}
