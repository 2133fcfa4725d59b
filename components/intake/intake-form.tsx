"use client";

// The intake: one step per catalogue section, rendered from the question catalogue, validated with the
// engine's own zod schema (the one the server uses), autosaved as the user works.
import { useRouter } from "next/navigation";
import { useEffect, useMemo, useRef, useState, useSyncExternalStore } from "react";
import { Controller, useForm, useWatch, type Resolver } from "react-hook-form";
// Direct module imports (not the package index): the browser gets the catalogue and its conditions,
// not the whole rule base.
import { QUESTION_LIST, questionById, SECTIONS } from "@/lib/clinical/catalogue";
import { compactAnswers, isQuestionRequired, isQuestionVisible, missingRequiredFields } from "@/lib/clinical/display";
import type { TAskNowLine } from "@/lib/clinical/ask-now";
import type { QuestionDef } from "@/lib/clinical/types";
import type { TBlankReason } from "@/lib/contracts/blank-reasons";
import { BlankAnswersPanel, type TBlankAnswers } from "./blank-answers-panel";
import { fieldDomId, QuestionField, type TAnswerValue } from "./question-field";
import { clearLocalCopy, readLocalCopy, useAutosave, type TSaveState } from "./use-autosave";

type TValues = Record<string, TAnswerValue>;

const noSubscription = () => () => {};

/**
 * The engine's zod schema (the same one the server validates with), loaded after first paint: zod is
 * the largest library on this page and nothing needs it before the first "Next step".
 */
function lazyIntakeResolver(today: string): { resolver: Resolver<TValues>; preload: () => void } {
  let loaded: Promise<Resolver<TValues>> | undefined;
  const load = () =>
    (loaded ??= Promise.all([import("@/lib/clinical/schema"), import("@hookform/resolvers/zod")]).then(
      ([{ makeIntakeSchema }, { zodResolver }]) => zodResolver(makeIntakeSchema({ today }) as never) as unknown as Resolver<TValues>,
    ));
  return {
    resolver: async (values, context, options) => (await load())(values, context, options),
    preload: () => void load(),
  };
}

/**
 * What the blank answers leave unexcluded (DATA-02): the engine itself, loaded only when a submit has blanks, so
 * the form's first load carries the catalogue but not the rule base. The server checks the same on submit.
 */
async function cannotExcludeOf(answers: Record<string, unknown>): Promise<TAskNowLine[]> {
  const [{ evaluate }, { askNowLines }] = await Promise.all([import("@/lib/clinical/evaluate"), import("@/lib/clinical/ask-now")]);
  return askNowLines(evaluate(answers).cannot_exclude);
}

export interface TIntakeFormProps {
  visitId: string;
  version: number;
  updatedAt: string;
  answers: Record<string, unknown>;
  today: string;
  patientLabel: string;
}

const STEPS = SECTIONS.map((s) => ({ ...s, questions: QUESTION_LIST.filter((q) => q.section === s.id) }));
const stepOf = (field: string) => Math.max(0, STEPS.findIndex((s) => s.questions.some((q) => q.id === field)));

function saveStateText(state: TSaveState): string {
  switch (state.kind) {
    case "saved":
      return state.at ? `Saved at ${new Date(state.at).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" })}` : "Saved";
    case "saving":
      return "Saving...";
    case "pending":
      return "Unsaved changes...";
    case "offline":
      return "Offline: kept on this device";
    case "conflict":
    case "error":
      return state.message;
  }
}

interface TSummaryItem {
  field: string;
  message: string;
}

export function IntakeForm(props: TIntakeFormProps) {
  const router = useRouter();
  const validation = useMemo(() => lazyIntakeResolver(props.today), [props.today]);
  useEffect(() => {
    // After the page has loaded, when the browser is idle: never in the way of the first paint.
    const idle = () => (window.requestIdleCallback ?? ((cb: () => void) => window.setTimeout(cb, 200)))(validation.preload);
    if (document.readyState === "complete") idle();
    else window.addEventListener("load", idle, { once: true });
    return () => window.removeEventListener("load", idle);
  }, [validation]);
  const { control, trigger, getValues, getFieldState, setError, clearErrors, reset } = useForm<TValues>({
    defaultValues: props.answers as TValues,
    resolver: validation.resolver,
    mode: "onSubmit",
    reValidateMode: "onChange",
    shouldFocusError: false,
  });
  const values = useWatch({ control }) as TValues;
  const autosave = useAutosave(props.visitId, props.version, props.updatedAt);
  const [step, setStep] = useState(0);
  const [summary, setSummary] = useState<TSummaryItem[]>([]);
  const [blankAnswers, setBlankAnswers] = useState<TBlankAnswers | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const [submitError, setSubmitError] = useState<string | null>(null);
  const refs = useRef(new Map<string, HTMLElement>());
  const summaryRef = useRef<HTMLDivElement>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const restoredRef = useRef(false);
  const firstRender = useRef(true);
  // Until React has hydrated, the buttons stay disabled: a native submit would put answers in the URL.
  const ready = useSyncExternalStore(noSubscription, () => true, () => false);

  // A copy on this device that the server never acknowledged (offline, crash) wins over the server's.
  useEffect(() => {
    if (restoredRef.current) return;
    restoredRef.current = true;
    const local = readLocalCopy(props.visitId);
    if (local?.unsynced && local.baseVersion >= props.version - 1) {
      reset(local.answers as TValues);
      autosave.queue(local.answers);
    }
  }, [autosave, props.version, props.visitId, reset]);

  // Every change: mirror locally and schedule a server save.
  const serialised = JSON.stringify(compactAnswers(values));
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    autosave.queue(JSON.parse(serialised) as Record<string, unknown>);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only a real change of the answers saves
  }, [serialised]);

  const current = STEPS[step]!;
  const visible = current.questions.filter((q) => isQuestionVisible(q, values));

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
    setBlankAnswers(null);
    setStep(index);
    requestAnimationFrame(() => headingRef.current?.focus());
  }

  function askAbout(field: string) {
    setBlankAnswers(null);
    setStep(stepOf(field));
    requestAnimationFrame(() => focusField(field));
  }

  function showBlankAnswers(blank: TBlankAnswers) {
    setBlankAnswers(blank);
  }

  async function submit(blankReason?: TBlankReason) {
    setSubmitError(null);
    const all = QUESTION_LIST.map((q) => q.id);
    if (!(await trigger(all))) {
      const items = errorsOf(all);
      const first = items[0];
      if (first) setStep(stepOf(first.field));
      showErrors(items);
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
      const res = await fetch(`/api/v1/visits/${props.visitId}/submit`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ version, answers, ...(blankReason ? { blankReason } : {}) }),
      });
      if (res.ok) {
        autosave.markClean();
        clearLocalCopy(props.visitId);
        router.push(`/visits/${props.visitId}`);
        return;
      }
      const body = (await res.json().catch(() => null)) as {
        error?: { message?: string; fields?: TSummaryItem[]; cannotExclude?: TAskNowLine[] };
      } | null;
      if (res.status === 400 && body?.error?.cannotExclude) {
        // The server found what the form did not (or the reason went missing): the same panel, from its answer.
        showBlankAnswers({ missing: blank, lines: body.error.cannotExclude });
      } else if (res.status === 422 && body?.error?.fields?.length) {
        clearErrors();
        for (const f of body.error.fields) setError(f.field, { type: "server", message: f.message });
        const first = body.error.fields[0]!;
        setStep(stepOf(first.field));
        showErrors(body.error.fields);
      } else {
        setSubmitError(body?.error?.message ?? "The intake could not be submitted. Your answers are kept; try again.");
      }
    } catch {
      setSubmitError("No connection to the server. Your answers are kept on this device; try again when you are back online.");
    } finally {
      setSubmitting(false);
    }
  }

  const isLast = step === STEPS.length - 1;
  const saveText = saveStateText(autosave.state);

  return (
    <form
      className="intake-form"
      method="post"
      data-ready={ready ? "true" : undefined}
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void (isLast ? submit() : goTo(step + 1));
      }}
    >
      <div className="intake-top">
        <nav aria-label="Intake steps">
          <ol className="steps">
            {STEPS.map((s, i) => (
              <li key={s.id}>
                <button type="button" className="step-link" disabled={!ready} aria-current={i === step ? "step" : undefined} onClick={() => void goTo(i)}>
                  {i + 1}. {s.title}
                </button>
              </li>
            ))}
          </ol>
        </nav>
        <p className={`save-state save-${autosave.state.kind}`} role="status" aria-live="polite">
          {saveText}
        </p>
        {autosave.state.kind === "conflict" && (
          <div className="alert" role="alert">
            <p>{autosave.state.message}</p>
            <button type="button" onClick={() => void autosave.keepMine()}>
              Keep my answers
            </button>{" "}
            <button
              type="button"
              className="secondary"
              onClick={() => {
                clearLocalCopy(props.visitId);
                autosave.markClean();
                window.location.reload();
              }}
            >
              Load the saved version
            </button>
          </div>
        )}
      </div>

      <h2 ref={headingRef} tabIndex={-1} className="step-heading">
        Step {step + 1} of {STEPS.length}: {current.title}
      </h2>
      <p className="muted">
        Patient: {props.patientLabel}. Questions marked <span aria-hidden="true">*</span>
        <span className="visually-hidden">required</span> are needed for a final result.
      </p>
      {"help" in current && current.help && <p className="muted">{current.help}</p>}

      {summary.length > 0 && (
        <div className="alert error-summary" ref={summaryRef} tabIndex={-1} aria-labelledby="error-summary-title">
          <h3 id="error-summary-title">Please correct {summary.length === 1 ? "this answer" : `these ${summary.length} answers`}</h3>
          <ul>
            {summary.map((item) => (
              <li key={item.field}>
                <a
                  href={`#${fieldDomId(item.field)}`}
                  onClick={(e) => {
                    e.preventDefault();
                    setStep(stepOf(item.field));
                    requestAnimationFrame(() => focusField(item.field));
                  }}
                >
                  {questionById(item.field)?.label ?? item.field}
                </a>
                : {item.message}
              </li>
            ))}
          </ul>
        </div>
      )}

      {visible.map((q: QuestionDef) => (
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
              requiredNow={isQuestionRequired(q, values)}
              inputRef={(el) => {
                if (el) refs.current.set(q.id, el);
                else refs.current.delete(q.id);
              }}
            />
          )}
        />
      ))}

      {blankAnswers && (
        <BlankAnswersPanel
          blank={blankAnswers}
          submitting={submitting}
          onAsk={askAbout}
          onSubmit={(reason) => void submit(reason)}
        />
      )}
      {submitError && (
        <div className="alert" role="alert">
          {submitError}
        </div>
      )}

      <div className="step-actions">
        {step > 0 && (
          <button type="button" className="secondary" onClick={() => void goTo(step - 1)}>
            Previous step
          </button>
        )}
        <button type="submit" disabled={submitting || !ready}>
          {isLast ? (submitting ? "Submitting..." : "Submit intake") : "Next step"}
        </button>
      </div>
    </form>
  );
}
