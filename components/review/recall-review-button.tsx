"use client";

// "Mark as reviewed" for one entry of the Ruleset change review list, with an optional note.
import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { reviewRecall } from "../api/review";

export function RecallReviewButton({ recallId, patientLabel }: { recallId: string; patientLabel: string }) {
  const router = useRouter();
  const id = useId();
  const [note, setNote] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function review() {
    setBusy(true);
    setError(null);
    const result = await reviewRecall(recallId, note);
    // A 409: it was already marked as reviewed; the refreshed list shows that.
    if (!result.ok && result.status === 0) setError("No connection to the server. Try again.");
    else if (!result.ok && result.status !== 409) setError(result.error.message ?? "Could not save. Try again.");
    else router.refresh();
    setBusy(false);
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
