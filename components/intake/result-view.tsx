// What the engine concluded for a submitted visit, in plain words: urgency (with the instruction that
// goes with an emergency), the imaging suggestion, blood tests, advisories, the safety net and, for a
// provisional result, the answers still missing.
import Link from "next/link";
import { questionById, type Evaluation, type Explanation } from "@/lib/clinical";
import { MODALITY_LABELS, URGENCY_LABELS } from "@/lib/contracts/labels";
import { AskNow } from "@/components/visits/ask-now";
import { AdviceSections } from "@/components/visits/advice-sections";
import type { TBlankReason } from "@/lib/contracts/blank-reasons";

function FiredRules({ rules }: { rules: readonly Explanation[] }) {
  return (
    <ul>
      {rules.map((e) => (
        <li key={e.rule}>
          <strong>{e.title}</strong>{" "}
          <span className="small" data-secondary-id>
            ({e.rule})
          </span>
          : {e.action}
        </li>
      ))}
    </ul>
  );
}

export function ResultView({
  evaluation,
  blankReason = null,
  completeHref = null,
}: {
  evaluation: Evaluation;
  blankReason?: TBlankReason | null;
  /** where to complete the blank answers (null: not offered, e.g. signed, or to this role) */
  completeHref?: string | null;
}) {
  const fired = evaluation.explanations.filter((e) => e.kind === "red_flag" || e.kind === "pathway");
  const emergencyReasons = fired.filter((e) => e.tier === "emergency");
  return (
    <div className="result">
      {evaluation.urgency === "emergency" ? (
        <section className="banner banner-emergency" role="alert" aria-labelledby="urgency-title">
          <h2 id="urgency-title">Emergency: send the patient to the emergency department now</h2>
          <p>Do not let the patient leave without arranging emergency assessment. Tell the doctor on duty at once.</p>
          <FiredRules rules={emergencyReasons} />
        </section>
      ) : (
        <section className={`banner banner-${evaluation.urgency}`} aria-labelledby="urgency-title">
          <h2 id="urgency-title">Urgency: {URGENCY_LABELS[evaluation.urgency]}</h2>
          {fired.length > 0 ? (
            <FiredRules rules={fired} />
          ) : (
            <p>No red flag fired. A doctor reviews every case.</p>
          )}
        </section>
      )}

      <AskNow evaluation={evaluation} blankReason={blankReason} />

      {evaluation.missing.length > 0 && (
        <section className="card provisional" aria-labelledby="provisional-title">
          <h2 id="provisional-title">Provisional result: answers missing</h2>
          <p>This result rests on blank safety answers. Ask these questions and record the answers:</p>
          <ul>
            {evaluation.missing.map((f) => (
              <li key={f}>{questionById(f)?.label ?? f}</li>
            ))}
          </ul>
          {completeHref && (
            <p>
              <Link className="button" href={completeHref}>
                Complete missing answers
              </Link>
            </p>
          )}
        </section>
      )}

      {evaluation.out_of_scope && (
        <section className="card" aria-labelledby="scope-title">
          <h2 id="scope-title">Outside the decision support</h2>
          <p>{evaluation.out_of_scope.message}</p>
        </section>
      )}

      <section className="card" aria-labelledby="imaging-title">
        <h2 id="imaging-title">Imaging suggestion: {MODALITY_LABELS[evaluation.imaging.modality]}</h2>
        <p>{evaluation.imaging.detail}</p>
        {evaluation.imaging.notes.map((note) => (
          <p key={note} className="notice">
            {note.charAt(0).toUpperCase() + note.slice(1)}.
          </p>
        ))}
        {evaluation.imaging.rule && (
          <p className="muted">
            Suggested by a rule<span className="small" data-secondary-id> ({evaluation.imaging.rule})</span>. A doctor decides.
          </p>
        )}
        {evaluation.imaging.also_consider.length > 0 && (
          <>
            <h3>Also consider</h3>
            <ul>
              {evaluation.imaging.also_consider.map((a) => (
                <li key={a.rule}>
                  {a.title}{" "}
                  <span className="small" data-secondary-id>
                    ({a.rule})
                  </span>
                  {a.modality !== "none" ? `: ${MODALITY_LABELS[a.modality]}` : ""}
                  {a.detail ? ` — ${a.detail}` : ""}
                </li>
              ))}
            </ul>
          </>
        )}
      </section>

      <section className="card" aria-labelledby="blood-title">
        <h2 id="blood-title">Blood tests</h2>
        {evaluation.blood_tests.required ? (
          <ul>
            {evaluation.blood_tests.panel.map((t) => (
              <li key={t}>{t}</li>
            ))}
          </ul>
        ) : (
          <p>No blood tests suggested.</p>
        )}
      </section>

      {/* Patient advice and the clinician's (prescribing, review) apart: components/visits/advice-sections.tsx */}
      <AdviceSections evaluation={evaluation} />

      <section className="card safety-net" aria-labelledby="safety-title">
        <h2 id="safety-title">Safety net: tell every patient</h2>
        <p>{evaluation.safety_net.text}</p>
      </section>
      <p className="muted">Ruleset {evaluation.ruleset_version}. Backline suggests; the doctor decides.</p>
    </div>
  );
}
