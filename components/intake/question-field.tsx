"use client";

// One catalogue question as a form control. The question's type decides the control; every native
// input carries the catalogue field id as its `name`, and every control has a visible label.
import { isScaleQuestion, usesDropdown } from "@/lib/clinical/display";
import type { QuestionDef } from "@/lib/clinical/types";
import { useEffect, useRef, type ReactNode } from "react";
import { BodyDiagram, type TDiagramWords } from "./body-diagram";
import { DayInput, dayHint } from "@/components/day-input";

export type TAnswerValue = string | number | boolean | string[] | null | undefined;

/** The intake form's values: one answer per catalogue field id. */
export type TIntakeValues = Record<string, TAnswerValue>;

export interface TQuestionFieldProps {
  question: QuestionDef;
  value: TAnswerValue;
  onChange: (value: TAnswerValue) => void;
  onBlur: () => void;
  error?: string;
  requiredNow: boolean;
  inputRef: (el: HTMLElement | null) => void;
  /** the control's own words, for a screen in another language (the patient's intake); English by default */
  words?: TFieldWords;
  /** a line under the question (who gave the answer, on a patient's self-intake) */
  note?: ReactNode;
}

export interface TFieldWords {
  yes: string;
  no: string;
  notAnswered: string;
  required: string;
  dayHint: string;
  /** how a typed date is read on that screen */
  readDay: (text: string) => string | null;
  diagram: Omit<TDiagramWords, "regions">;
}

export const fieldDomId = (id: string) => `q-${id}`;

/**
 * The 0-10 choices: always one row of eleven 44x44 px targets. Where the row is wider than the screen (a phone),
 * it scrolls sideways inside itself, with a shadow at the edge that has more; a saved answer is scrolled into
 * view when the step opens, and arrow keys bring the focused choice into view.
 */
function ScaleRow({ children }: { children: ReactNode }) {
  const row = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = row.current;
    const checked = el?.querySelector<HTMLElement>("input:checked")?.closest("label");
    if (!el || !checked || el.scrollWidth <= el.clientWidth) return;
    el.scrollLeft = Math.max(0, checked.offsetLeft - el.offsetLeft - (el.clientWidth - checked.offsetWidth) / 2);
  }, []);
  return (
    <div ref={row} className="scale-options">
      {children}
    </div>
  );
}

function Legend({ question, requiredNow, required = "(required)" }: { question: QuestionDef; requiredNow: boolean; required?: string }) {
  return (
    <>
      {question.label}
      {requiredNow && (
        <span className="required-mark">
          <span aria-hidden="true"> *</span>
          <span className="visually-hidden"> {required}</span>
        </span>
      )}
    </>
  );
}

export function QuestionField(props: TQuestionFieldProps) {
  const { question: q, value, onChange, onBlur, error, requiredNow, inputRef, words, note } = props;
  const id = fieldDomId(q.id);
  const helpId = q.help ? `${id}-help` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [helpId, errorId].filter(Boolean).join(" ") || undefined;
  const help = (q.help || note) && (
    <>
      {q.help && <p id={helpId} className="field-help">{q.help}</p>}
      {note}
    </>
  );
  const errorText = error && (
    <p id={errorId} className="field-error">
      {error}
    </p>
  );
  const invalid = error ? true : undefined;
  // What every single-control question (select, number, date, text) puts on its control.
  const control = { id, name: q.id, ref: inputRef, onBlur, "aria-describedby": describedBy, "aria-invalid": invalid };
  const single = (input: ReactNode, after?: ReactNode) => (
    <div className="field">
      <label htmlFor={id}>
        <Legend question={q} requiredNow={requiredNow} required={words?.required} />
      </label>
      {help}
      {input}
      {after}
      {errorText}
    </div>
  );

  // Radio groups: yes/no questions, single choices and the 0-10 pain scale.
  const radioGroup = (options: readonly { value: string; label: string }[], current: string | undefined, scale = false) => {
    const choices = options.map((o, i) => (
      <label key={o.value} className={scale ? "choice scale-choice" : "choice"}>
        <input
          type="radio"
          name={q.id}
          value={o.value}
          id={i === 0 ? id : undefined}
          ref={i === 0 ? inputRef : undefined}
          checked={current === o.value}
          onChange={() => onChange(scale ? Number(o.value) : q.type === "boolean" ? o.value === "true" : o.value)}
          onBlur={onBlur}
        />
        <span>{o.label}</span>
      </label>
    ));
    return (
      <fieldset className={`field${scale ? " scale" : ""}`} aria-describedby={describedBy} aria-invalid={invalid}>
        <legend id={`${id}-legend`}>
          <Legend question={q} requiredNow={requiredNow} required={words?.required} />
        </legend>
        {help}
        {scale ? <ScaleRow>{choices}</ScaleRow> : <div className="choice-options">{choices}</div>}
        {errorText}
      </fieldset>
    );
  };

  switch (q.type) {
    case "boolean":
      return radioGroup(
        [
          { value: "true", label: words?.yes ?? "Yes" },
          { value: "false", label: words?.no ?? "No" },
        ],
        typeof value === "boolean" ? String(value) : undefined,
      );
    case "enum":
      if (usesDropdown(q)) {
        return single(
          <select {...control} value={typeof value === "string" ? value : ""} onChange={(e) => onChange(e.target.value || null)}>
            <option value="">{words?.notAnswered ?? "Not answered"}</option>
            {q.options.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </select>,
        );
      }
      return radioGroup(q.options, typeof value === "string" ? value : undefined);
    case "multi-enum": {
      const selected = Array.isArray(value) ? value : [];
      const toggle = (option: string) => {
        const on = selected.includes(option);
        let next = on ? selected.filter((v) => v !== option) : [...selected, option];
        // The exclusive option ("none") and the others cannot both be ticked.
        if (!on && q.exclusive) next = option === q.exclusive ? [option] : next.filter((v) => v !== q.exclusive);
        onChange(next.length ? next : null);
      };
      return (
        <fieldset className="field" aria-describedby={describedBy} aria-invalid={invalid}>
          <legend id={`${id}-legend`}>
            <Legend question={q} requiredNow={requiredNow} required={words?.required} />
          </legend>
          {help}
          <div className={q.id === "pain_location" ? "with-diagram" : undefined}>
            {q.id === "pain_location" && <BodyDiagram
                selected={selected}
                onToggle={toggle}
                labelledBy={`${id}-legend`}
                words={words && { ...words.diagram, regions: Object.fromEntries(q.options.map((o) => [o.value, o.label])) }}
              />}
            <div className="choice-options">
              {q.options.map((o, i) => (
                <label key={o.value} className="choice">
                  <input
                    type="checkbox"
                    name={q.id}
                    value={o.value}
                    id={i === 0 ? id : undefined}
                    ref={i === 0 ? inputRef : undefined}
                    checked={selected.includes(o.value)}
                    onChange={() => toggle(o.value)}
                    onBlur={onBlur}
                  />
                  <span>{o.label}</span>
                </label>
              ))}
            </div>
          </div>
          {errorText}
        </fieldset>
      );
    }
    case "integer":
    case "number": {
      if (isScaleQuestion(q)) {
        const options = Array.from({ length: 11 }, (_, n) => ({ value: String(n), label: String(n) }));
        return radioGroup(options, typeof value === "number" ? String(value) : undefined, true);
      }
      return single(
        <div className="with-unit">
          <input
            {...control}
            type="number"
            inputMode={q.type === "integer" ? "numeric" : "decimal"}
            min={q.min}
            max={q.max}
            step={q.type === "integer" ? 1 : "any"}
            value={typeof value === "number" ? value : typeof value === "string" ? value : ""}
            onChange={(e) => {
              const raw = e.target.value;
              onChange(raw === "" ? null : Number.isNaN(e.target.valueAsNumber) ? raw : e.target.valueAsNumber);
            }}
          />
          <span className="unit">{q.unit}</span>
        </div>,
        <p className="field-help">
          {q.min} to {q.max} {q.unit}
        </p>,
      );
    }
    case "date":
      return single(
        <DayInput
          {...control}
          aria-describedby={[`${id}-format`, describedBy].filter(Boolean).join(" ")}
          value={typeof value === "string" ? value : ""}
          parse={words?.readDay}
          onValueChange={(day) => onChange(day || null)}
        />,
        <p id={`${id}-format`} className="field-help">
          {words?.dayHint ?? dayHint()}
        </p>,
      );
    case "text":
      return single(
        <textarea
          {...control}
          maxLength={q.maxLength}
          rows={3}
          value={typeof value === "string" ? value : ""}
          onChange={(e) => onChange(e.target.value || null)}
        />,
      );
  }
}
