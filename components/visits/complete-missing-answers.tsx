"use client";

// "Complete missing answers" on a submitted provisional visit: only the questions that are blank, in the form's
// order (and any that answering them makes required). Saving (POST /api/v1/visits/{id}/amend) makes a new
// version of the visit, keeps the old answers, records who answered what and re-evaluates; a rise in tier
// raises a new alert. The server validates exactly as the intake does; its refusals appear on the fields.
import { useRouter } from "next/navigation";
import { useMemo, useRef, useState } from "react";
import { Controller, useForm, useWatch } from "react-hook-form";
import { URGENCY_LABELS } from "@/lib/contracts/labels";
import { QUESTION_LIST } from "@/lib/clinical/catalogue";
import { isQuestionRequired, isQuestionVisible } from "@/lib/clinical/display";
import type { QuestionDef } from "@/lib/clinical/types";
import { amendVisit } from "../api/visits";
import { QuestionField, type TAnswerValue } from "../intake/question-field";

type TValues = Record<string, TAnswerValue>;

const isBlank = (v: unknown) => v === undefined || v === null || v === "" || (Array.isArray(v) && v.length === 0);
/** Messages from the shared validator start with the field id ("age_years: …"): the label is already shown. */
const withoutId = (message: string, id: string) => message.replace(new RegExp(`^(answers\\.)?${id}:\\s*`), "");

export function CompleteMissingAnswers({
  visitId,
  version,
  answers,
  missing,
  doneHref,
}: {
  visitId: string;
  version: number;
  answers: Record<string, unknown>;
  /** the blank required answers of the stored result (evaluation.missing) */
  missing: readonly string[];
  /** where to go after saving (null: stay and show the refreshed page) */
  doneHref: string | null;
}) {
  const router = useRouter();
  const { control, handleSubmit, setError, formState } = useForm<TValues>({ defaultValues: {} });
  const values = useWatch({ control });
  const [failure, setFailure] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const refs = useRef(new Map<string, HTMLElement>());

  // The blank questions: those the result is missing, and any blank one that the new answers make required.
  const questions = useMemo(() => {
    const merged = { ...answers, ...values };
    return QUESTION_LIST.filter(
      (q: QuestionDef) =>
        isBlank(answers[q.id]) &&
        (missing.includes(q.id) ||
          !isBlank(values[q.id]) ||
          (isQuestionVisible(q, merged) && isQuestionRequired(q, merged) && !isQuestionRequired(q, answers))),
    );
  }, [answers, values, missing]);

  async function save(data: TValues) {
    setFailure(null);
    setSaved(null);
    const given = Object.fromEntries(Object.entries(data).filter(([, v]) => !isBlank(v)));
    if (Object.keys(given).length === 0) {
      setFailure("Answer at least one question before saving.");
      return;
    }
    const result = await amendVisit(visitId, version, given);
    if (result.ok) {
      const tier = URGENCY_LABELS[result.body.evaluation.urgency as keyof typeof URGENCY_LABELS] ?? result.body.evaluation.urgency;
      setSaved(
        `Saved. Urgency is now ${tier}.${result.body.evaluation.missing.length > 0 ? ` ${result.body.evaluation.missing.length} answers are still blank.` : ""}${result.body.alertRaised ? " A clinician has been alerted." : ""}`,
      );
      if (doneHref) router.push(doneHref);
      else router.refresh();
      return;
    }
    let placed = false;
    for (const f of result.error.fields ?? []) {
      const id = f.field.replace(/^answers\./, "");
      if (questions.some((q) => q.id === id)) {
        setError(id, { message: withoutId(f.message, id) });
        placed = true;
      }
    }
    if (result.status === 409) {
      setFailure("This visit changed since you opened it (someone else completed answers, or it was signed). The page now shows the current state: check it and try again.");
      router.refresh();
    } else if (!placed || result.status >= 500 || result.status === 0) {
      setFailure(result.error.message ?? "The answers could not be saved. Try again.");
    } else {
      setFailure("Some answers need correcting: see the questions marked below.");
    }
  }

  if (questions.length === 0) return <p>No answers are blank.</p>;
  return (
    <form className="complete-missing" noValidate onSubmit={handleSubmit(save)} aria-labelledby="complete-missing-title">
      <h2 id="complete-missing-title">Complete missing answers</h2>
      <p>
        Ask the patient and record the answers. Leave a question blank only if it truly cannot be answered. The earlier
        answers are kept, and the change is recorded with your name.
      </p>
      {questions.map((q) => (
        <Controller
          key={q.id}
          name={q.id}
          control={control}
          render={({ field, fieldState }) => (
            <QuestionField
              question={q}
              value={field.value}
              onChange={field.onChange}
              onBlur={field.onBlur}
              error={fieldState.error?.message}
              requiredNow={isQuestionRequired(q, { ...answers, ...values })}
              inputRef={(el) => {
                if (el) refs.current.set(q.id, el);
                else refs.current.delete(q.id);
              }}
            />
          )}
        />
      ))}
      {failure && (
        <div className="alert" role="alert">
          {failure}
        </div>
      )}
      {saved && <p role="status">{saved}</p>}
      <p className="actions">
        <button type="submit" className="primary" disabled={formState.isSubmitting}>
          Save the answers
        </button>
      </p>
    </form>
  );
}
