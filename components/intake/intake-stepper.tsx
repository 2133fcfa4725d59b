"use client";

// The intake's steps (one per catalogue section): which step is shown, moving between steps (forward only when
// the step validates), the error summary and where focus goes, and the list of steps at the top of the form.
import { useRef, useState } from "react";
import type { UseFormReturn } from "react-hook-form";
import { QUESTION_LIST, questionById, SECTIONS } from "@/lib/clinical/catalogue";
import { fieldDomId, type TIntakeValues } from "./question-field";

export const STEPS = SECTIONS.map((s) => ({ ...s, questions: QUESTION_LIST.filter((q) => q.section === s.id) }));
export const stepOf = (field: string) => Math.max(0, STEPS.findIndex((s) => s.questions.some((q) => q.id === field)));

export interface TSummaryItem {
  field: string;
  message: string;
}

/**
 * `onLeave` runs whenever the user moves to another step through the steps (not through the error summary):
 * the form closes what belonged to the step it leaves.
 */
export function useIntakeStepper(form: Pick<UseFormReturn<TIntakeValues>, "trigger" | "getFieldState">, onLeave: () => void) {
  const { trigger, getFieldState } = form;
  const [step, setStep] = useState(0);
  const [summary, setSummary] = useState<TSummaryItem[]>([]);
  const refs = useRef(new Map<string, HTMLElement>());
  const headingRef = useRef<HTMLHeadingElement>(null);

  function focusField(field: string) {
    const el = refs.current.get(field) ?? document.getElementById(fieldDomId(field));
    el?.focus();
  }

  function showErrors(items: TSummaryItem[]) {
    setSummary(items);
    requestAnimationFrame(() => {
      if (items[0]) focusField(items[0].field);
    });
  }

  /** Show these errors on the step of the first. */
  function showErrorsAt(items: TSummaryItem[]) {
    const first = items[0];
    if (first) setStep(stepOf(first.field));
    showErrors(items);
  }

  /** The current errors of these fields, in catalogue order. */
  function errorsOf(fields: string[]): TSummaryItem[] {
    return fields.flatMap((f) => {
      const message = getFieldState(f).error?.message;
      return message ? [{ field: f, message }] : [];
    });
  }

  async function validateStep(index: number): Promise<boolean> {
    const fields = STEPS[index]!.questions.map((q) => q.id);
    if (await trigger(fields)) {
      setSummary([]);
      return true;
    }
    showErrors(errorsOf(fields));
    return false;
  }

  async function goTo(index: number) {
    if (index > step && !(await validateStep(step))) return;
    setSummary([]);
    onLeave();
    setStep(index);
    requestAnimationFrame(() => headingRef.current?.focus());
  }

  /** Open the step of a question and focus it. */
  function openField(field: string) {
    setStep(stepOf(field));
    requestAnimationFrame(() => focusField(field));
  }

  return { step, current: STEPS[step]!, isLast: step === STEPS.length - 1, summary, refs, headingRef, goTo, openField, errorsOf, showErrorsAt };
}

export function StepNav({ step, ready, onGoTo }: { step: number; ready: boolean; onGoTo: (index: number) => void }) {
  return (
    <nav aria-label="Intake steps">
      <ol className="steps">
        {STEPS.map((s, i) => (
          <li key={s.id}>
            <button type="button" className="step-link" disabled={!ready} aria-current={i === step ? "step" : undefined} onClick={() => onGoTo(i)}>
              {i + 1}. {s.title}
            </button>
          </li>
        ))}
      </ol>
    </nav>
  );
}

export function ErrorSummary({ summary, onOpen }: { summary: TSummaryItem[]; onOpen: (field: string) => void }) {
  return (
    <div className="alert error-summary" tabIndex={-1} aria-labelledby="error-summary-title">
      <h3 id="error-summary-title">Please correct {summary.length === 1 ? "this answer" : `these ${summary.length} answers`}</h3>
      <ul>
        {summary.map((item) => (
          <li key={item.field}>
            <a
              href={`#${fieldDomId(item.field)}`}
              onClick={(e) => {
                e.preventDefault();
                onOpen(item.field);
              }}
            >
              {questionById(item.field)?.label ?? item.field}
            </a>
            : {item.message}
          </li>
        ))}
      </ul>
    </div>
  );
}
