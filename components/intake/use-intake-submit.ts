"use client";

// The intake's submit: validate every step, stop at blank required answers (saying what they leave unexcluded)
// unless a reason is given, wait for pending autosaves, then submit at the version the server holds. The
// server's refusals come back to the same screens: its blank-answers list, its field errors, or a message.
import { useRouter } from "next/navigation";
import { useState } from "react";
import type { UseFormReturn } from "react-hook-form";
import { QUESTION_LIST } from "@/lib/clinical/catalogue";
import { compactAnswers, missingRequiredFields } from "@/lib/clinical/display";
import type { TAskNowLine } from "@/lib/clinical/ask-now";
import type { TBlankReason } from "@/lib/contracts/blank-reasons";
import { cannotExcludeIn, submitIntake } from "@/components/api/intake";
import type { TBlankAnswers } from "./blank-answers-panel";
import type { TSummaryItem } from "./intake-stepper";
import type { TIntakeValues } from "./question-field";
import { clearLocalDraft } from "./local-drafts";
import type { useAutosave } from "./use-autosave";

/**
 * What the blank answers leave unexcluded (DATA-02): the engine itself, loaded only when a submit has blanks, so
 * the form's first load carries the catalogue but not the rule base. The server checks the same on submit.
 */
async function cannotExcludeOf(answers: Record<string, unknown>): Promise<TAskNowLine[]> {
  const [{ evaluate }, { askNowLines }] = await Promise.all([import("@/lib/clinical/evaluate"), import("@/lib/clinical/ask-now")]);
  return askNowLines(evaluate(answers).cannot_exclude);
}

export interface TIntakeSubmitDeps {
  visitId: string;
  autosave: Pick<ReturnType<typeof useAutosave>, "settle" | "markClean">;
  form: Pick<UseFormReturn<TIntakeValues>, "trigger" | "getValues" | "setError" | "clearErrors">;
  /** the current errors of these fields */
  errorsOf: (fields: string[]) => TSummaryItem[];
  /** show errors in the summary, on the step of the first */
  showErrorsAt: (items: TSummaryItem[]) => void;
  /** show the blank answers panel */
  showBlankAnswers: (blank: TBlankAnswers) => void;
}

export function useIntakeSubmit({ visitId, autosave, form, errorsOf, showErrorsAt, showBlankAnswers }: TIntakeSubmitDeps) {
  const router = useRouter();
  const [submitting, setSubmitting] = useState(false);
  const [submitError, setSubmitError] = useState<string | null>(null);
  const { trigger, getValues, setError, clearErrors } = form;

  async function submit(blankReason?: TBlankReason) {
    setSubmitError(null);
    const all = QUESTION_LIST.map((q) => q.id);
    if (!(await trigger(all))) {
      showErrorsAt(errorsOf(all));
      return;
    }
    const answers = compactAnswers(getValues());
    const blank = missingRequiredFields(answers);
    if (blank.length && !blankReason) {
      let lines: TAskNowLine[] = [];
      try {
        lines = await cannotExcludeOf(answers);
      } catch {
        // Offline and the engine not loaded yet: the server says what cannot be excluded when the submit is tried.
      }
      showBlankAnswers({ missing: blank, lines });
      return;
    }
    setSubmitting(true);
    try {
      const version = await autosave.settle();
      const result = await submitIntake(visitId, version, answers, blankReason);
      if (result.ok) {
        autosave.markClean();
        // Submitted: neither the answers nor the step stay on this device.
        clearLocalDraft(visitId);
        router.push(`/visits/${visitId}`);
        return;
      }
      const serverLines = cannotExcludeIn(result);
      if (result.status === 0) {
        setSubmitError("No connection to the server. Your answers are kept on this device; try again when you are back online.");
      } else if (result.status === 400 && serverLines) {
        // The server found what the form did not (or the reason went missing): the same panel, from its answer.
        showBlankAnswers({ missing: blank, lines: serverLines });
      } else if (result.status === 422 && result.error.fields?.length) {
        clearErrors();
        for (const f of result.error.fields) setError(f.field, { type: "server", message: f.message });
        showErrorsAt(result.error.fields);
      } else {
        setSubmitError(result.error.message ?? "The intake could not be submitted. Your answers are kept; try again.");
      }
    } finally {
      setSubmitting(false);
    }
  }

  return { submit, submitting, submitError };
}
