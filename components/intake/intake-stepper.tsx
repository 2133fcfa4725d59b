"use client";

// The intake's steps (one per catalogue section): which step is shown, moving between steps (forward only when
// the step validates), the error summary and where focus goes, and the list of steps at the top of the form with
// each step's state in words (done, has blank answers, not started). The step is remembered per visit on this
// device (local-drafts.ts), so a reload or a resume opens it; without a remembered step, a draft resumes at its
// first step that is not done.
import { useEffect, useLayoutEffect, useRef, useState } from "react";
import type { UseFormReturn } from "react-hook-form";
import { QUESTION_LIST, SECTIONS } from "@/lib/clinical/catalogue";
import { resumeSectionIndex, type TSectionProgress, type TSectionState } from "@/lib/clinical/draft-progress";
import { readStoredStep, writeStoredStep } from "./local-drafts";
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
export function useIntakeStepper(
  form: Pick<UseFormReturn<TIntakeValues>, "trigger" | "getFieldState">,
  onLeave: () => void,
  draft: { visitId: string; answers: Record<string, unknown> },
) {
  const { trigger, getFieldState } = form;
  // Without a remembered step (a new draft, or one begun on another device) a draft opens at its first step that
  // is not done, judged from the saved answers: the same on the server and in the browser.
  const [resumeAt] = useState(() => resumeSectionIndex(draft.answers));
  const [step, setStepState] = useState(resumeAt);
  /** sections the user has been on and moved on from (an untouched one left behind "has blank answers") */
  const [left, setLeft] = useState<readonly string[]>(() => STEPS.slice(0, resumeAt).map((s) => s.id));
  const [summary, setSummary] = useState<TSummaryItem[]>([]);
  const refs = useRef(new Map<string, HTMLElement>());
  const headingRef = useRef<HTMLHeadingElement>(null);
  const restored = useRef(false);

  // The server cannot see this device's storage: before the first paint the browser moves to the step remembered
  // for this visit. The focus stays where the page put it.
  useLayoutEffect(() => {
    if (restored.current) return;
    restored.current = true;
    const stored = readStoredStep(draft.visitId);
    const storedIndex = stored ? STEPS.findIndex((s) => s.id === stored.section) : -1;
    if (!stored || storedIndex < 0) return;
    // eslint-disable-next-line react-hooks/set-state-in-effect -- restored once after hydration (see above)
    setStepState(storedIndex);
    setLeft(stored.left);
  }, [draft.visitId]);

  useEffect(() => {
    if (restored.current) writeStoredStep(draft.visitId, { section: STEPS[step]!.id, left: [...left] });
  }, [draft.visitId, step, left]);

  /** Show another step; the one left behind counts as visited. */
  function setStep(index: number) {
    if (index === step) return;
    const from = STEPS[step]!.id;
    setLeft((l) => (l.includes(from) ? l : [...l, from]));
    setStepState(index);
  }

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

  return { step, left, current: STEPS[step]!, isLast: step === STEPS.length - 1, summary, refs, headingRef, goTo, openField, errorsOf, showErrorsAt };
}

const STATE_WORDS: Record<TSectionState, string> = { done: "Done", blank: "Has blank answers", "not-started": "Not started" };
// A mark of its own shape for each state: the state never rests on colour alone, and the words say it too.
const STATE_MARKS: Record<TSectionState, string> = { done: "✓", blank: "!", "not-started": "○" };

export function StepNav({
  step,
  ready,
  progress,
  onGoTo,
}: {
  step: number;
  ready: boolean;
  progress: readonly TSectionProgress[];
  onGoTo: (index: number) => void;
}) {
  return (
    <nav aria-label="Intake steps" className="intake-steps-nav">
      <ol className="steps">
        {STEPS.map((s, i) => {
          const state = progress.find((p) => p.section === s.id)?.state ?? "not-started";
          return (
            <li key={s.id}>
              <button
                type="button"
                className={`step-link step-${state}`}
                data-state={state}
                disabled={!ready}
                aria-current={i === step ? "step" : undefined}
                onClick={() => onGoTo(i)}
              >
                <span className="step-name">
                  {i + 1}. <span className="step-title">{s.title}</span>
                </span>
                <span className="visually-hidden">, </span>
                <span className="step-state">
                  <span className="step-mark" aria-hidden="true">
                    {STATE_MARKS[state]}
                  </span>{" "}
                  <span className="step-state-text">{STATE_WORDS[state]}</span>
                </span>
              </button>
            </li>
          );
        })}
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
              {/* the message names the question in its own words ("When this episode started: ...") */}
              {item.message}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}
