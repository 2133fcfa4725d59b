"use client";

import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";

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
    let message: string;
    try {
      const response = await fetch("/api/v1/visits", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ patientId }),
      });
      const body: unknown = await response.json().catch(() => null);
      if (response.status === 201 && body && typeof (body as { id?: unknown }).id === "string") {
        // Stay disabled until the form replaces this page: a second click must not start a second draft.
        router.push(`/visits/${(body as { id: string }).id}/intake`);
        return;
      }
      const apiMessage = (body as { error?: { message?: unknown } } | null)?.error?.message;
      if (response.status === 401) message = "Your session has ended. Sign in again, then start the visit.";
      else if (response.status === 403) message = "Your role does not allow starting visits.";
      else message = typeof apiMessage === "string" ? apiMessage : "The visit could not be started. Try again.";
    } catch {
      message = "Backline could not be reached. Check the connection and try again; no visit was started.";
    }
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
