// The history as recorded, grouped by intake section, in the catalogue's words. Abnormal answers (one that
// helped fire a rule, or a red-flag answer) are marked with a symbol and words as well as colour.
import { firingAnswers, redFlagAnswerFields } from "@/lib/clinical/explain";
import { answeredBySection, questionById, type Evaluation } from "@/lib/clinical";
import { formatDay } from "@/lib/contracts/format";

/** An answer in words; a date in the clinic's date format. */
export function answerText(id: string, value: unknown, words: string): string {
  return questionById(id)?.type === "date" && typeof value === "string" ? formatDay(value) : words;
}

export function ReviewHistory({ answers, evaluation }: { answers: Record<string, unknown>; evaluation: Evaluation }) {
  const fired = new Map(firingAnswers([...evaluation.red_flags, ...evaluation.pathway_rules, ...evaluation.advisories], answers).map((a) => [a.field, a.rules]));
  const redFlag = redFlagAnswerFields(answers);
  return (
    <section className="card answers" aria-labelledby="answers-title">
      <h2 id="answers-title">History as recorded</h2>
      <p className="muted small">
        <span aria-hidden="true">▲</span> marks an answer that fired a rule or is a red-flag answer.
      </p>
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
