"use client";

// The live state of a visit's alert, for the staff member who submitted it and for clinicians: waiting (and until
// when), taken by whom and when, or escalated: call the doctor on duty.
import { useRouter } from "next/navigation";
import type { TAlertDto } from "@/lib/contracts/wire/visit";
import { useAcknowledge } from "../api/review";
import { ESCALATED_TEXT, isEscalated } from "../live/alert-words";
import { useNow } from "../live/pinned-store";
import { formatTime } from "@/lib/contracts/format";

export function AlertStatus({
  alert,
  timeZone,
  acknowledgeVisitId = null,
}: {
  alert: TAlertDto;
  timeZone: string;
  /** a clinician's page: offer "I'm on it" for this visit while the alert is open */
  acknowledgeVisitId?: string | null;
}) {
  const now = useNow();
  const router = useRouter();
  const { failure, acknowledge } = useAcknowledge(() => router.refresh());
  const take = acknowledgeVisitId && (
    <p>
      <button
        type="button"
        className="primary"
        onClick={() => void acknowledge(acknowledgeVisitId)}
      >
        I&apos;m on it
      </button>
      {failure && <span className="field-error"> {failure}</span>}
    </p>
  );
  if (alert.acknowledgedAt) {
    return (
      <div className="alert-state taken" role="status">
        <strong>
          {alert.acknowledgedBy ?? "A clinician"} acknowledged at <time dateTime={alert.acknowledgedAt}>{formatTime(alert.acknowledgedAt, timeZone)}</time>
        </strong>
        .
      </div>
    );
  }
  if (isEscalated(alert, now)) {
    return (
      <div className="alert-state" role="alert">
        <strong className="escalation">{ESCALATED_TEXT}.</strong> The alert was raised at{" "}
        <time dateTime={alert.raisedAt}>{formatTime(alert.raisedAt, timeZone)}</time> and no clinician has taken it.
        {take}
      </div>
    );
  }
  return (
    <div className="alert-state" role="status">
      <strong>Waiting for a clinician to acknowledge.</strong> Every clinician signed in has been alerted. If nobody has
      acknowledged by <time dateTime={alert.escalatesAt}>{formatTime(alert.escalatesAt, timeZone)}</time>, call the doctor on duty.
      {take}
    </div>
  );
}
