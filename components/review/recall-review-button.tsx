"use client";

// "Mark as reviewed" for one entry of the Ruleset change review list, with an optional note.
import { useRouter } from "next/navigation";
import { useId, useState } from "react";

export function RecallReviewButton({ recallId, patientLabel }: { recallId: string; patientLabel: string }) {
  const router = useRouter();
  const id = useId();
  const [note, setNote] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function review() {
    setBusy(true);
    setError(null);
    try {
      const response = await fetch(`/api/v1/ruleset-recalls/${recallId}/review`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify(note.trim() ? { note: note.trim() } : {}),
      });
      if (!response.ok && response.status !== 409) {
        const body = (await response.json().catch(() => null)) as { error?: { message?: string } } | null;
        setError(body?.error?.message ?? "Could not save. Try again.");
        return;
      }
      router.refresh();
    } catch {
      setError("No connection to the server. Try again.");
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="recall-review">
      <label htmlFor={`${id}-note`}>
        Note <span className="muted">(optional)</span>
      </label>
      <input id={`${id}-note`} type="text" maxLength={2000} value={note} onChange={(e) => setNote(e.target.value)} />
      <button type="button" onClick={() => void review()} disabled={busy} aria-label={`Mark as reviewed: ${patientLabel}`}>
        {busy ? "Saving..." : "Mark as reviewed"}
      </button>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
