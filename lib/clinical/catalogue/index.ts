// The question catalogue: the single source of truth for the intake (knowledge.md a.1-a.6). The form, the zod
// schemas, summaries and exports are all derived from QUESTIONS; field ids are a contract with the rules.
import type { NumericQuestion, QuestionDef, QuestionObservation, SectionId } from "../types";
import { A1_QUESTIONS } from "./a1-visit";
import { A2_QUESTIONS } from "./a2-pain";
import { A3_QUESTIONS } from "./a3-neuro";
import { A4_QUESTIONS } from "./a4-systemic";
import { A5_QUESTIONS } from "./a5-history";
import { A6_QUESTIONS } from "./a6-lifestyle";

export { SECTIONS } from "./sections";

/** Every intake question, in display order. */
export const QUESTIONS = [
  ...A1_QUESTIONS,
  ...A2_QUESTIONS,
  ...A3_QUESTIONS,
  ...A4_QUESTIONS,
  ...A5_QUESTIONS,
  ...A6_QUESTIONS,
] as const;

type CatalogueQuestion = (typeof QUESTIONS)[number];

/** Every intake field id (a.1-a.6). */
export type FieldId = CatalogueQuestion["id"];

/** The catalogue entry of a given field id, with its literal option values. */
export type QuestionOf<F extends FieldId> = Extract<CatalogueQuestion, { id: F }>;

type OptionValues<Q> = Q extends { options: readonly (infer O)[] } ? (O extends { value: infer V } ? V : never) : never;

/** The type of a (non-blank) answer to question Q. */
export type AnswerOf<Q> = Q extends { type: "boolean" }
  ? boolean
  : Q extends { type: "enum" }
    ? OptionValues<Q>
    : Q extends { type: "multi-enum" }
      ? OptionValues<Q>[]
      : Q extends { type: "integer" | "number" }
        ? number
        : string;

/** A validated intake: every field optional; blank answers are absent or null (0.1). */
export type TIntake = { [F in FieldId]?: AnswerOf<QuestionOf<F>> | null };

const BY_ID: ReadonlyMap<string, QuestionDef> = new Map(QUESTIONS.map((q) => [q.id, q as QuestionDef]));

/** Look a question up by field id; undefined for unknown ids. */
export function questionById(id: string): QuestionDef | undefined {
  return BY_ID.get(id);
}

export function isFieldId(id: string): id is FieldId {
  return BY_ID.has(id);
}

/** Questions of one section, in display order. */
export function questionsInSection(section: SectionId): readonly QuestionDef[] {
  return QUESTIONS.filter((q) => q.section === section);
}

/** All fields as the QuestionDef union (handy when iterating without literal types). */
export const QUESTION_LIST: readonly QuestionDef[] = QUESTIONS;

/**
 * The catalogue as the ruleset hash and the Questionnaire version read it: each question without its `observation`
 * coding. A LOINC code decides no evaluation and the Questionnaire does not carry it, so coding a question changes
 * neither version.
 */
export const HASHED_QUESTIONS: readonly object[] = QUESTION_LIST.map((q) =>
  "observation" in q ? Object.fromEntries(Object.entries(q).filter(([key]) => key !== "observation")) : q,
);

/** A question whose answer is also a coded observation. */
export type ObservedQuestion = NumericQuestion & { readonly observation: QuestionObservation };

function observedQuestion(kind: QuestionObservation["kind"]): ObservedQuestion {
  const found = QUESTION_LIST.filter((q): q is ObservedQuestion => (q.type === "integer" || q.type === "number") && q.observation?.kind === kind);
  const [only] = found;
  if (!only || found.length > 1) throw new Error(`The catalogue needs exactly one ${kind} question, found ${found.length}.`);
  return only;
}

const PAIN_SCORE = observedQuestion("pain_score");

/** The pain-score question (0-10 now; LOINC 72514-3): the chart's pain line and the FHIR bundle's Observation. */
export function painScoreQuestion(): ObservedQuestion {
  return PAIN_SCORE;
}
