"use client";

// The intake: one step per catalogue section, rendered from the question catalogue, validated with the
// engine's own zod schema (the one the server uses), autosaved as the user works. The steps are in
// intake-stepper.tsx, the submit in use-intake-submit.ts, what stays on the device in local-drafts.ts.
import { useEffect, useMemo, useRef, useState } from "react";
import { Controller, useForm, useWatch, type Resolver } from "react-hook-form";
// Direct module imports (not the package index): the browser gets the catalogue and its conditions,
// not the whole rule base.
import { compactAnswers, isQuestionRequired, isQuestionVisible } from "@/lib/clinical/display";
import { sectionProgress } from "@/lib/clinical/draft-progress";
import type { QuestionDef } from "@/lib/clinical/types";
import { useHydrated } from "@/components/use-hydrated";
import { BlankAnswersPanel, type TBlankAnswers } from "./blank-answers-panel";
import { ErrorSummary, StepNav, STEPS, useIntakeStepper } from "./intake-stepper";
import { QuestionField, type TIntakeValues } from "./question-field";
import { AnswerSourceNote } from "./answer-source-note";
import { clearLocalCopy, readLocalCopy } from "./local-drafts";
import { SaveConflict, SaveStatus } from "./save-status";
import { useAutosave } from "./use-autosave";
import { useIntakeSubmit } from "./use-intake-submit";

type TValues = TIntakeValues;

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

export interface TIntakeFormProps {
  visitId: string;
  version: number;
  updatedAt: string;
  answers: Record<string, unknown>;
  today: string;
  patientLabel: string;
  /** the clinic's IANA time zone, for "Saved at 10:42" */
  timeZone: string;
  /** the patient's own answers, when the patient answered by link or on a tablet (issue 19): each answer is marked */
  patientAnswers?: Record<string, unknown> | null;
}

export function IntakeForm(props: TIntakeFormProps) {
  const validation = useMemo(() => lazyIntakeResolver(props.today), [props.today]);
  useEffect(() => {
    // After the page has loaded, when the browser is idle: never in the way of the first paint.
    const idle = () => (window.requestIdleCallback ?? ((cb: () => void) => window.setTimeout(cb, 200)))(validation.preload);
    if (document.readyState === "complete") idle();
    else window.addEventListener("load", idle, { once: true });
    return () => window.removeEventListener("load", idle);
  }, [validation]);
  const form = useForm<TValues>({
    defaultValues: props.answers as TValues,
    resolver: validation.resolver,
    mode: "onSubmit",
    reValidateMode: "onChange",
    shouldFocusError: false,
  });
  const { control, reset } = form;
  const values = useWatch({ control }) as TValues;
  const autosave = useAutosave(props.visitId, props.version, props.updatedAt);
  const [blankAnswers, setBlankAnswers] = useState<TBlankAnswers | null>(null);
  const stepper = useIntakeStepper(form, () => setBlankAnswers(null), { visitId: props.visitId, answers: props.answers });
  const { submit, submitting, submitError } = useIntakeSubmit({
    visitId: props.visitId,
    autosave,
    form,
    errorsOf: stepper.errorsOf,
    showErrorsAt: stepper.showErrorsAt,
    showBlankAnswers: setBlankAnswers,
  });
  const restoredRef = useRef(false);
  // The answers as last queued (at first, as loaded): only a real change saves, and only a change shows
  // "Unsaved changes" (fields registering on first render or on a step change are not changes).
  const lastQueued = useRef<string | null>(null);
  // Until React has hydrated, the buttons stay disabled: a native submit would put answers in the URL.
  const ready = useHydrated();

  // Every change: mirror locally and schedule a server save. (Before the restore below: it sees the answers as
  // loaded first.)
  const serialised = JSON.stringify(compactAnswers(values));
  useEffect(() => {
    if (lastQueued.current === null) {
      lastQueued.current = serialised; // the answers as loaded: not a change
      return;
    }
    if (serialised === lastQueued.current) return;
    lastQueued.current = serialised;
    autosave.queue(JSON.parse(serialised) as Record<string, unknown>);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only a real change of the answers saves
  }, [serialised]);

  // A copy on this device that the server never acknowledged (offline, crash) wins over the server's.
  useEffect(() => {
    if (restoredRef.current) return;
    restoredRef.current = true;
    const local = readLocalCopy(props.visitId);
    if (local?.unsynced && local.baseVersion >= props.version - 1) {
      lastQueued.current = JSON.stringify(compactAnswers(local.answers));
      reset(local.answers as TValues);
      autosave.queue(local.answers);
    }
  }, [autosave, props.version, props.visitId, reset]);

  const { step, left, current, isLast, summary, refs, headingRef, goTo } = stepper;
  const visible = current.questions.filter((q) => isQuestionVisible(q, values));
  const progress = useMemo(() => sectionProgress(JSON.parse(serialised), new Set(left)), [serialised, left]);

  function askAbout(field: string) {
    setBlankAnswers(null);
    stepper.openField(field);
  }

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
      <StepNav step={step} ready={ready} progress={progress} onGoTo={(i) => void goTo(i)} />
      {/* Sticky: the save status stays in view however long the step (globals.css). */}
      <div className="intake-save-bar">
        <span className="intake-save-step" aria-hidden="true">
          Step {step + 1} of {STEPS.length}
        </span>
        <SaveStatus state={autosave.state} timeZone={props.timeZone} />
      </div>
      <SaveConflict
        state={autosave.state}
        onKeepMine={() => void autosave.keepMine()}
        onLoadSaved={() => {
          clearLocalCopy(props.visitId);
          autosave.markClean();
          window.location.reload();
        }}
      />

      <h2 ref={headingRef} tabIndex={-1} className="step-heading">
        Step {step + 1} of {STEPS.length}: {current.title}
      </h2>
      <p className="muted">
        Patient: {props.patientLabel}. Questions marked <span aria-hidden="true">*</span>
        <span className="visually-hidden">required</span> are needed for a final result.
      </p>
      {"help" in current && current.help && <p className="muted">{current.help}</p>}

      {summary.length > 0 && <ErrorSummary summary={summary} onOpen={stepper.openField} />}

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
              note={props.patientAnswers ? <AnswerSourceNote question={q} value={field.value} patientAnswers={props.patientAnswers} /> : undefined}
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
