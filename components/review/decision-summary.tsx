// What the doctor decided: the suggestion accepted or overridden (with the coded reason), the note, who and when.
import { formatDateTime } from "@/lib/contracts/format";
import { MODALITY_LABELS } from "@/lib/contracts/labels";
import { OVERRIDE_REASONS } from "@/lib/contracts/visit";
import type { TVisitDto } from "@/lib/contracts/wire/visit";

const REASON_LABELS = Object.fromEntries(OVERRIDE_REASONS.map((r) => [r.value, r.label])) as Record<string, string>;

export function DecisionSummary({ visit, timeZone }: { visit: TVisitDto; timeZone: string }) {
  const d = visit.decision;
  if (!d) return <p>No decision recorded.</p>;
  return (
    <dl className="facts">
      <dt>Decision</dt>
      <dd>
        {d.action === "accept"
          ? `Accepted the suggestion: ${MODALITY_LABELS[d.modality]}`
          : `Overrode the suggestion (${MODALITY_LABELS[visit.evaluation?.imaging.modality ?? "none"]}) with: ${MODALITY_LABELS[d.modality]}`}
      </dd>
      {d.reasonCode && (
        <>
          <dt>Reason</dt>
          <dd>
            {REASON_LABELS[d.reasonCode] ?? d.reasonCode}
            {d.reasonText ? `: ${d.reasonText}` : ""}
          </dd>
        </>
      )}
      {d.note && (
        <>
          <dt>Clinical note</dt>
          <dd className="prewrap">{d.note}</dd>
        </>
      )}
      <dt>Decided by</dt>
      <dd>
        {d.decidedBy}, <time dateTime={d.decidedAt}>{formatDateTime(d.decidedAt, timeZone)}</time>
      </dd>
    </dl>
  );
}
