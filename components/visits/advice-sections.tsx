// The visit result's advice, split by audience (lib/clinical/advice.ts): "Advice for the patient" holds only what
// the patient is told, in plain words; prescribing, reviews and tests meant for the clinician are a section of
// their own. Rule ids are small secondary text.
import { adviceOf } from "@/lib/clinical/advice";
import type { Evaluation } from "@/lib/clinical";

export function AdviceSections({ evaluation }: { evaluation: Pick<Evaluation, "explanations" | "conservative_care_content"> }) {
  const advice = adviceOf(evaluation);
  return (
    <>
      {advice.patient.length > 0 && (
        <section className="card" aria-labelledby="advice-title">
          <h2 id="advice-title">Advice for the patient</h2>
          <ul className="advice-patient">
            {advice.patient.map((a) => (
              <li key={a.id}>
                {a.title && <strong>{a.title}: </strong>}
                {a.text}
              </li>
            ))}
          </ul>
        </section>
      )}
      {advice.clinician.length > 0 && (
        <section className="card" aria-labelledby="advice-clinician-title">
          <h2 id="advice-clinician-title">For the clinician: medicines, tests and review</h2>
          <p className="muted">Not for the patient handout.</p>
          <ul className="advice-clinician">
            {advice.clinician.map((a) => (
              <li key={a.id}>
                {a.title && <strong>{a.title}: </strong>}
                {a.title && a.text.startsWith(a.title) ? a.text.slice(a.title.length).replace(/^[:\s]+/, "") : a.text}{" "}
                <small className="muted" data-secondary-id>{a.id}</small>
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}
