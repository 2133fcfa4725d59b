// The top of the review page, what a doctor between patients reads first: the patient line, the urgency, the
// suggestion with its one-line why, what cannot be excluded (the red-flag rules' `concern` words) and the answers
// that fired rules, in the catalogue's words. Rule ids only as small secondary text. Server-rendered.
import { firingAnswers } from "@/lib/clinical/explain";
import { ruleById, type Evaluation, type Explanation } from "@/lib/clinical";
import { MODALITY_LABELS, SEX_LABELS, STATUS_LABELS, URGENCY_LABELS } from "@/lib/contracts/labels";
import { formatDateTime, formatDay, fullName } from "@/lib/contracts/format";
import type { TVisitDto } from "@/lib/contracts/wire/visit";

const TIER_ORDER = { emergency: 0, urgent: 1, routine_soon: 2, none: 3 } as const;

/** The fired red-flag and pathway rules, most urgent first. */
export function firedRules(evaluation: Evaluation): Explanation[] {
  return evaluation.explanations
    .filter((e) => e.kind === "red_flag" || e.kind === "pathway")
    .toSorted((a, b) => (a.tier ? TIER_ORDER[a.tier] : 4) - (b.tier ? TIER_ORDER[b.tier] : 4));
}

function RuleRef({ ids }: { ids: readonly string[] }) {
  if (ids.length === 0) return null;
  return <span className="muted small rule-ref" data-secondary-id> ({ids.join(", ")})</span>;
}

export function ReviewSummary({ visit, evaluation, age, timeZone }: { visit: TVisitDto; evaluation: Evaluation; age: number | null; timeZone: string }) {
  const p = visit.patient;
  const fired = firedRules(evaluation);
  const imagingRule = evaluation.imaging.rule ? evaluation.explanations.find((e) => e.rule === evaluation.imaging.rule) : undefined;
  const why = imagingRule ?? fired[0];
  const concerns = evaluation.red_flags.map((id) => ({ id, concern: ruleById(id)?.concern ?? ruleById(id)?.title ?? id }));
  const answers = firingAnswers([...evaluation.red_flags, ...evaluation.pathway_rules], visit.answers);
  const emergency = evaluation.urgency === "emergency";

  return (
    <header className="card review-top" aria-labelledby="patient-line">
      <h1 id="patient-line">
        {fullName(p)}
        <span className="patient-line-facts">
          {age !== null ? ` · ${age} years` : ""} · {(SEX_LABELS[p.sex] ?? p.sex).toLowerCase()}
        </span>
        {emergency && <span className="tier tier-emergency"> ⚠ EMERGENCY</span>}
      </h1>
      <p className="patient-line">
        MRN {p.mrn} · born {formatDay(p.birthDate)} · submitted{" "}
        {visit.submittedAt ? <time dateTime={visit.submittedAt}>{formatDateTime(visit.submittedAt, timeZone)}</time> : "—"}
        {visit.submittedBy ? ` by ${visit.submittedBy}` : ""} · {STATUS_LABELS[visit.status]}
        <span className="muted small"> (version {visit.version})</span>
      </p>
      <dl className="review-verdict">
        <div className={`verdict-urgency tier-${evaluation.urgency}`}>
          <dt>Urgency</dt>
          <dd>
            {emergency && <span aria-hidden="true">⚠ </span>}
            {URGENCY_LABELS[evaluation.urgency]}
            {evaluation.status === "provisional" ? " (provisional: answers missing)" : ""}
          </dd>
        </div>
        <div>
          <dt>Suggestion</dt>
          <dd>
            {MODALITY_LABELS[evaluation.imaging.modality]}
            {why ? (
              <>
                <span className="verdict-why">
                  {" "}
                  because of {why.title.charAt(0).toLowerCase() + why.title.slice(1)}
                </span>
                <RuleRef ids={[why.rule]} />
              </>
            ) : (
              <span className="verdict-why">: no red flag or pathway rule applies</span>
            )}
          </dd>
        </div>
        {concerns.length > 0 && (
          <div>
            <dt>Cannot exclude</dt>
            <dd>
              <ul className="inline-list">
                {concerns.map((c) => (
                  <li key={c.id}>
                    {c.concern}
                    <RuleRef ids={[c.id]} />
                  </li>
                ))}
              </ul>
            </dd>
          </div>
        )}
      </dl>
      {answers.length > 0 && (
        <section aria-labelledby="firing-title" className="firing-answers">
          <h2 id="firing-title">Answers that fired rules</h2>
          <ul>
            {answers.map((a) => (
              <li key={a.field}>
                {a.text}
                <RuleRef ids={a.rules} />
              </li>
            ))}
          </ul>
        </section>
      )}
    </header>
  );
}
