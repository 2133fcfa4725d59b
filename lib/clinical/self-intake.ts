// What a patient answering their own intake (issue 19) is not asked: the visit date is filled in by the clinic,
// injury energy is classified by staff at check-in, and a risk stratification band is a clinician's. Everything
// else in the catalogue the patient answers, with the same validation as the staff form.
import { QUESTION_LIST } from "./catalogue";
import type { QuestionDef } from "./types";

export const STAFF_ONLY_FIELDS: ReadonlySet<string> = new Set(["visit_date", "trauma_energy", "risk_stratification_category"]);

const unknown = [...STAFF_ONLY_FIELDS].filter((id) => !QUESTION_LIST.some((q) => q.id === id));
if (unknown.length > 0) throw new Error(`self-intake: not catalogue fields: ${unknown.join(", ")}`);

/** The questions a patient answers, in catalogue order. */
export const PATIENT_QUESTIONS: readonly QuestionDef[] = QUESTION_LIST.filter((q) => !STAFF_ONLY_FIELDS.has(q.id));

/** Answers with the staff-only fields left out (what a patient may set, and what a patient is shown). */
export function patientPart(answers: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(answers).filter(([id]) => !STAFF_ONLY_FIELDS.has(id)));
}

/** The patient's answers laid over the draft's staff-only answers (which the patient can neither see nor change). */
export function mergePatientAnswers(draft: Record<string, unknown>, patient: Record<string, unknown>): Record<string, unknown> {
  const kept = Object.fromEntries(Object.entries(draft).filter(([id]) => STAFF_ONLY_FIELDS.has(id)));
  return { ...patientPart(patient), ...kept };
}

export type TAnswerSource = "patient" | "corrected" | "staff";

/**
 * Who gave an answer on a self-intake visit: the patient (still as the patient gave it), corrected by staff (the
 * patient's answer differs), or staff (the patient left it blank, or it is staff-only).
 */
export function answerSource(id: string, current: unknown, patientAnswers: Record<string, unknown> | null): TAnswerSource | null {
  if (!patientAnswers) return null;
  if (!(id in patientAnswers)) return current === undefined ? null : "staff";
  return JSON.stringify(patientAnswers[id]) === JSON.stringify(current) ? "patient" : "corrected";
}
