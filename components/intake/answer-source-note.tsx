// On a visit the patient answered themselves (issue 19): who gave each answer. "Given by the patient" while it is
// as the patient gave it; "Corrected by staff" with the patient's own answer when it changed (the original is
// kept on the visit); staff-only and blank questions say nothing.
import { formatAnswer } from "@/lib/clinical/display";
import { answerSource } from "@/lib/clinical/self-intake";
import type { QuestionDef } from "@/lib/clinical/types";

export function AnswerSourceNote({ question, value, patientAnswers }: { question: QuestionDef; value: unknown; patientAnswers: Record<string, unknown> }) {
  const source = answerSource(question.id, value === null ? undefined : value, patientAnswers);
  if (source === "patient") return <p className="answer-source answer-source-patient">Given by the patient</p>;
  if (source === "corrected") {
    return (
      <p className="answer-source answer-source-corrected">
        Corrected by staff. The patient answered: {formatAnswer(question, patientAnswers[question.id] as never)}
      </p>
    );
  }
  return null;
}
