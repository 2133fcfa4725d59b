"use client";

// Shown at submit when required answers are blank. When a blank answer means a red flag cannot be excluded
// (DATA-02, knowledge.md 0.4 item 1) it says so in plain words, question by question, and its main action is to
// go back and ask; submitting anyway takes a coded reason, which the doctor sees. The engine runs in the browser
// for this (loaded only now), and the server checks the same rule.
import { useEffect, useId, useRef, useState } from "react";
import { questionById } from "@/lib/clinical/catalogue";
import type { TAskNowLine } from "@/lib/clinical/ask-now";
import { BLANK_REASONS, type TBlankReason, type TBlankReasonCode } from "@/lib/contracts/blank-reasons";
import { fieldDomId } from "./question-field";

export interface TBlankAnswers {
  /** every blank required answer (DATA-01) */
  missing: string[];
  /** what cannot be excluded because of them (DATA-02); empty when nothing */
  lines: TAskNowLine[];
}

export interface TBlankAnswersPanelProps {
  blank: TBlankAnswers;
  submitting: boolean;
  /** go to a question (closes the panel) */
  onAsk: (field: string) => void;
  onSubmit: (reason: TBlankReason) => void;
}

export function BlankAnswersPanel({ blank, submitting, onAsk, onSubmit }: TBlankAnswersPanelProps) {
  const id = useId();
  const rootRef = useRef<HTMLDivElement>(null);
  // Focus moves to the panel when it opens, so a screen reader reads what to ask first.
  useEffect(() => rootRef.current?.focus(), []);
  const [code, setCode] = useState<TBlankReasonCode | null>(null);
  const [text, setText] = useState("");
  const [problem, setProblem] = useState<string | null>(null);
  const cannotExclude = blank.lines.length > 0;
  const firstToAsk = cannotExclude ? blank.lines[0]!.questions[0]!.id : blank.missing[0]!;
  // Blank answers that rule nothing out on their own (dates, pain score...) are still listed.
  const askedAbout = new Set(blank.lines.flatMap((l) => l.questions.map((q) => q.id)));
  const others = blank.missing.filter((f) => !askedAbout.has(f));

  function submit() {
    if (!code) return setProblem("Choose why the questions cannot be answered.");
    if (code === "other" && !text.trim()) return setProblem("Say why, in a few words.");
    setProblem(null);
    onSubmit({ code, text: text.trim() ? text.trim() : null });
  }

  const questionLink = (field: string, words: string) => (
    <a
      href={`#${fieldDomId(field)}`}
      onClick={(e) => {
        e.preventDefault();
        onAsk(field);
      }}
    >
      {words}
    </a>
  );

  return (
    <div
      className={`notice confirm-blank${cannotExclude ? " ask-now" : ""}`}
      ref={rootRef}
      tabIndex={-1}
      role="region"
      aria-labelledby={`${id}-title`}
    >
      {cannotExclude ? (
        <>
          <h3 id={`${id}-title`}>Ask these questions before the patient leaves</h3>
          <p>A serious cause cannot be ruled out while they are unanswered. The doctor sees this case today.</p>
          <ul className="ask-list">
            {blank.lines.map((line) => (
              <li key={line.rule}>
                <strong>Cannot exclude {line.concern}</strong>: ask about{" "}
                {line.questions.map((q, i) => (
                  <span key={q.id}>
                    {i > 0 && (i === line.questions.length - 1 ? " and " : ", ")}
                    {questionLink(q.id, q.short)}
                  </span>
                ))}
              </li>
            ))}
          </ul>
          {others.length > 0 && (
            <p>
              Also blank:{" "}
              {others.map((f, i) => (
                <span key={f}>
                  {i > 0 && ", "}
                  {questionLink(f, questionById(f)?.short ?? f)}
                </span>
              ))}
              .
            </p>
          )}
        </>
      ) : (
        <>
          <h3 id={`${id}-title`}>
            {blank.missing.length} required {blank.missing.length === 1 ? "answer is" : "answers are"} blank
          </h3>
          <p>The result will be provisional until these are answered:</p>
          <ul>
            {blank.missing.map((f) => (
              <li key={f}>{questionLink(f, questionById(f)?.label ?? f)}</li>
            ))}
          </ul>
        </>
      )}
      <div className="step-actions">
        <button type="button" onClick={() => onAsk(firstToAsk)}>
          Go back and ask
        </button>
      </div>
      <details className="blank-reason">
        <summary>The questions cannot be answered now</summary>
        <fieldset className="field" aria-describedby={problem ? `${id}-problem` : undefined}>
          <legend>Why not?</legend>
          <div className="choice-options">
            {BLANK_REASONS.map((r) => (
              <label key={r.value} className="choice">
                <input type="radio" name={`${id}-reason`} value={r.value} checked={code === r.value} onChange={() => setCode(r.value)} />{" "}
                {r.label}
              </label>
            ))}
          </div>
          {code === "other" && (
            <div className="field">
              <label htmlFor={`${id}-text`}>Reason</label>
              <input id={`${id}-text`} type="text" maxLength={500} value={text} onChange={(e) => setText(e.target.value)} />
            </div>
          )}
          {problem && (
            <p id={`${id}-problem`} className="field-error" role="alert">
              {problem}
            </p>
          )}
        </fieldset>
        <button type="button" className="secondary" onClick={submit} disabled={submitting}>
          {cannotExclude ? "Submit without these answers" : "Submit anyway (provisional)"}
        </button>
      </details>
    </div>
  );
}
