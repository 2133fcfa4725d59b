// Conditional display and conditional requirement of questions, evaluated by the same interpreter as the
// rules (catalogue conditions may read intake fields only). Safe on drafts: odd values count as blank.
import { QUESTION_LIST, SECTIONS, questionById } from "./catalogue";
import { createFieldState, FIELD_VARS, MISSING_CHECKS } from "./fields";
import { compileCond, type Pred } from "./evaluator";
import type { Cond, Evaluation, QuestionDef } from "./types";

const compiled = new WeakMap<Cond, Pred>();

function predicate(c: Cond): Pred {
  let p = compiled.get(c);
  if (!p) {
    p = compileCond(c, { vars: FIELD_VARS });
    compiled.set(c, p);
  }
  return p;
}

type Answers = Readonly<Record<string, unknown>>;

/** Whether a catalogue condition holds for these answers (blanks as in knowledge.md 0.3). */
export function conditionHoldsOnAnswers(c: Cond, answers: Answers): boolean {
  return predicate(c)(createFieldState(answers));
}

/** Whether the form shows q. Display only: a hidden question's answer is still accepted and read. */
export function isQuestionVisible(q: QuestionDef, answers: Answers): boolean {
  return q.showWhen === undefined || conditionHoldsOnAnswers(q.showWhen, answers);
}

/** Whether a blank answer to q would raise DATA-01 for these answers. */
export function isQuestionRequired(q: QuestionDef, answers: Answers): boolean {
  return q.required || (q.requiredWhen !== undefined && conditionHoldsOnAnswers(q.requiredWhen, answers));
}

/** Questions the form shows for these answers, in order. */
export function visibleQuestions(answers: Answers): QuestionDef[] {
  return QUESTION_LIST.filter((q) => isQuestionVisible(q, answers));
}

/**
 * Required answers that are blank: what staff must confirm before submitting with blanks, and what DATA-01
 * lists. Same checks as the engine's DATA-01.
 */
export function missingRequiredFields(answers: Answers): string[] {
  const state = createFieldState(answers);
  return MISSING_CHECKS.filter((c) => c.missing(state)).map((c) => c.field);
}

/**
 * The safety questions a stored result is missing (DATA-01), with their catalogue labels: what the signing
 * doctor must confirm having asked. Empty for a final result, and for an out-of-scope one (provisional, but
 * nothing is missing).
 */
export function unansweredSafetyQuestions(evaluation: Pick<Evaluation, "status" | "missing">): { id: string; label: string }[] {
  if (evaluation.status !== "provisional") return [];
  return evaluation.missing.map((id) => ({ id, label: questionById(id)?.label ?? id }));
}

/**
 * What a question is called in a message or a short line: its catalogue `short`, capitalised, without a leading
 * article ("age" -> "Age", "a history of cancer" -> "History of cancer", "the visit date" -> "Visit date").
 */
export function questionName(q: Pick<QuestionDef, "short">): string {
  const bare = q.short.replace(/^(a|an|the) /, "");
  return bare.charAt(0).toUpperCase() + bare.slice(1);
}

/** Integer 0-10 questions (the pain scales) are answered on an 11-point scale, not typed. */
export function isScaleQuestion(q: QuestionDef): boolean {
  return q.type === "integer" && q.min === 0 && q.max === 10;
}

/** Single choices with many options use a drop-down; shorter ones are radio buttons. */
export function usesDropdown(q: QuestionDef): boolean {
  return q.type === "enum" && q.options.length > 7;
}

/** Answers as stored: a blank answer (null, empty text, empty list) is an absent key (knowledge.md 0.1). */
export function compactAnswers(answers: unknown): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (answers && typeof answers === "object" && !Array.isArray(answers)) {
    for (const [k, v] of Object.entries(answers)) {
      if (v === null || v === undefined || v === "" || (Array.isArray(v) && v.length === 0)) continue;
      out[k] = v;
    }
  }
  return out;
}

/**
 * One answer in words, with the catalogue's option labels and units (e.g. "38.4 deg C", "Yes", "Leg; Buttock").
 * Ticked options are joined with "; " because option labels themselves contain commas.
 */
export function formatAnswer(q: QuestionDef, value: unknown): string {
  const label = (v: unknown) =>
    q.type === "enum" || q.type === "multi-enum" ? (q.options.find((o) => o.value === v)?.label ?? String(v)) : String(v);
  switch (q.type) {
    case "boolean":
      return value === true ? "Yes" : value === false ? "No" : String(value);
    case "enum":
      return label(value);
    case "multi-enum":
      return Array.isArray(value) ? value.map(label).join("; ") : label(value);
    case "integer":
    case "number":
      return q.unit ? `${String(value)} ${q.unit}` : String(value);
    default:
      return String(value);
  }
}

export interface TAnsweredSection {
  id: string;
  title: string;
  answers: { id: string; label: string; value: string }[];
}

/** The answered questions, grouped by intake section in catalogue order; unanswered ones are left out. */
export function answeredBySection(answers: Answers): TAnsweredSection[] {
  const compact = compactAnswers(answers);
  return SECTIONS.map((s) => ({
    id: s.id,
    title: s.title,
    answers: QUESTION_LIST.filter((q) => q.section === s.id && q.id in compact).map((q) => ({
      id: q.id,
      label: q.label,
      value: formatAnswer(q, compact[q.id]),
    })),
  })).filter((s) => s.answers.length > 0);
}
