// The history as recorded, grouped by intake section, in the catalogue's words. Abnormal answers (one that
// helped fire a rule, or a red-flag answer) are marked with a symbol and words as well as colour.
import { firingAnswers, redFlagAnswerFields } from "@/lib/clinical/explain";
import { answeredBySection, questionById, type Evaluation } from "@/lib/clinical";
import { formatDay } from "@/lib/contracts/format";
import { languageInEnglish } from "@/lib/contracts/self-intake";
import type { TVisitDto } from "@/lib/contracts/wire/visit";
import { AnswerSourceNote } from "../intake/answer-source-note";

/** An answer in words; a date in the clinic's date format. */
export function answerText(id: string, value: unknown, words: string): string {
  return questionById(id)?.type === "date" && typeof value === "string" ? formatDay(value) : words;
}

export function ReviewHistory({
  answers,
  evaluation,
  selfIntake = null,
}: {
  answers: Record<string, unknown>;
  evaluation: Evaluation;
  /** when the patient answered the intake themselves: each answer says who gave it */
  selfIntake?: TVisitDto["selfIntake"];
}) {
  const fired = new Map(firingAnswers([...evaluation.red_flags, ...evaluation.pathway_rules, ...evaluation.advisories], answers).map((a) => [a.field, a.rules]));
  const redFlag = redFlagAnswerFields(answers);
  return (
    <section className="card answers" aria-labelledby="answers-title">
      <h2 id="answers-title">History as recorded</h2>
      <p className="muted small">
        <span aria-hidden="true">▲</span> marks an answer that fired a rule or is a red-flag answer.
      </p>
      {selfIntake && (
        <p className="patient-reported-note">
          The patient answered these questions themselves{languageInEnglish(selfIntake.language) ? ` (in ${languageInEnglish(selfIntake.language)})` : ""}, and staff checked them before submitting.
          Each answer says whether the patient gave it or staff corrected it.
        </p>
      )}
      {answeredBySection(answers).map((s) => (
        <section key={s.id} aria-labelledby={`section-${s.id}`} className="answer-section">
          <h3 id={`section-${s.id}`}>{s.title}</h3>
          <dl className="facts">
            {s.answers.map((a) => {
              const rules = fired.get(a.id);
              const abnormal = rules !== undefined || redFlag.has(a.id);
              return (
                <div key={a.id} className={abnormal ? "fact answer-abnormal" : "fact"}>
                  <dt>{a.label}</dt>
                  <dd>
                    {answerText(a.id, answers[a.id], a.value)}
                    {abnormal && (
                      <span className="abnormal-mark">
                        {" "}
                        <span aria-hidden="true">▲</span> {rules ? "fired a rule" : "red-flag answer"}
                        {rules && <span className="muted small" data-secondary-id> ({rules.join(", ")})</span>}
                      </span>
                    )}
                    {selfIntake && questionById(a.id) && <AnswerSourceNote question={questionById(a.id)!} value={answers[a.id]} patientAnswers={selfIntake.answers} />}
                  </dd>
                </div>
              );
            })}
          </dl>
        </section>
      ))}
    </section>
  );
}
