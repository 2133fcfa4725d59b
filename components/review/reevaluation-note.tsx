// "Re-evaluated under 1.2.0": an open visit whose evaluation was replaced when the rules changed (npm run
// db:migrate), with what changed, so the doctor does not act on what the old rules said.
import { MODALITY_LABELS, URGENCY_LABELS } from "@/lib/contracts/labels";
import { formatDateTime } from "@/lib/contracts/format";
import { ruleById } from "@/lib/clinical";
import type { TReevaluationDto } from "@/lib/contracts/wire/visit";

/** The semantic version of a "1.2.0+<hash>" label. */
const versionOf = (label: string) => label.split("+")[0];

export function ReevaluationNote({ reevaluation: r, timeZone }: { reevaluation: TReevaluationDto; timeZone: string }) {
  const gained = r.gained.filter((id) => /^(RF|DATA|OUT)/.test(id));
  const lost = r.lost.filter((id) => /^(RF|DATA|OUT)/.test(id));
  // The rule's title as the main text, its id as small secondary text.
  const names = (ids: readonly string[]) =>
    ids.map((id, i) => (
      <span key={id}>
        {i > 0 ? "; " : ""}
        {ruleById(id)?.title ?? "A rule that no longer exists"}
        <span className="muted small" data-secondary-id>
          {" "}
          ({id})
        </span>
      </span>
    ));
  const tierChanged = r.fromUrgency !== r.toUrgency;
  return (
    <section className="card reevaluated" aria-labelledby="reevaluated-title">
      <h2 id="reevaluated-title">
        Re-evaluated under ruleset {versionOf(r.toRuleset)}
        {tierChanged ? `: ${r.fromUrgency ? URGENCY_LABELS[r.fromUrgency] : "none"} → ${URGENCY_LABELS[r.toUrgency]}` : ": urgency unchanged"}
      </h2>
      <p>
        The rules changed on <time dateTime={r.at}>{formatDateTime(r.at, timeZone)}</time>; this open visit was evaluated again from its
        answers as recorded (it was decided under {versionOf(r.fromRuleset)} before).
      </p>
      <ul>
        {gained.length > 0 && <li>Now fires: {names(gained)}</li>}
        {lost.length > 0 && <li>No longer fires: {names(lost)}</li>}
        {r.fromImaging !== r.toImaging && (
          <li>
            Imaging suggestion: {r.fromImaging ? MODALITY_LABELS[r.fromImaging] : "none"} → {MODALITY_LABELS[r.toImaging]}
          </li>
        )}
      </ul>
      {r.decisionCleared && (
        <p>
          <strong>The decision recorded on the earlier suggestion was cleared: decide again on what the rules say now.</strong>
        </p>
      )}
    </section>
  );
}
