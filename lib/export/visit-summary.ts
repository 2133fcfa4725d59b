// The plain visit-summary object every visit export is rendered from (PDF, FHIR Bundle): what the record holds
// once loaded, with names instead of user ids. No I/O here; lib/server/exports loads it (audited).
import { answeredBySection, QUESTION_LIST, questionById, SECTIONS, type Evaluation, type Modality, type TAnsweredSection } from "@/lib/clinical";
import { formatAnswer } from "@/lib/clinical/display";
import { answerSource, type TAnswerSource } from "@/lib/clinical/self-intake";
import { formatDay } from "@/lib/contracts/format";
import type { TBlankReason } from "@/lib/contracts/blank-reasons";
import type { TPatientDto } from "@/lib/contracts/wire/patient";
import { OVERRIDE_REASONS, type TOverrideReason } from "@/lib/contracts/visit";

export interface TVisitSummary {
  visit: {
    id: string;
    status: "SUBMITTED" | "SIGNED";
    version: number;
    createdAt: string;
    createdBy: string;
    submittedAt: string | null;
    submittedBy: string | null;
    rulesetVersion: string | null;
  };
  /** the patient as the API sends it (birthDate YYYY-MM-DD), without the record's creation time */
  patient: Omit<TPatientDto, "createdAt">;
  /** compacted answers keyed by catalogue field id (a blank answer is an absent key) */
  answers: Readonly<Record<string, unknown>>;
  evaluation: Evaluation;
  /** why staff submitted with blank safety answers, when they did */
  blankReason: TBlankReason | null;
  decision: {
    action: "accept" | "override";
    /** the imaging the doctor chose (the suggestion itself when accepted) */
    modality: Modality | null;
    reasonCode: TOverrideReason | null;
    reasonText: string | null;
    note: string | null;
    decidedBy: string | null;
    decidedAt: string | null;
  } | null;
  /** provisionalAcknowledged: signed although the result was provisional, after confirming the unanswered safety questions were asked */
  signOff: { signedBy: string; signedAt: string; provisionalAcknowledged: boolean } | null;
  addenda: readonly { id: string; text: string; author: string; createdAt: string }[];
  /**
   * When the patient answered the intake themselves (issue 19): when they finished, in which language, and their
   * answers as they gave them (kept when staff corrected one). Null for an intake staff took.
   */
  selfIntake: { reportedAt: string | null; language: string | null; answers: Readonly<Record<string, unknown>> } | null;
}

/** The words for an override reason code (the labels of the decision form, "Other" without its prompt). */
export function overrideReasonLabel(code: TOverrideReason): string {
  return code === "other" ? "Other" : (OVERRIDE_REASONS.find((r) => r.value === code)?.label ?? code);
}

/** The visit date: the intake's own visit_date answer, else the day it was submitted or started. */
export function visitDateOf(summary: TVisitSummary): string {
  const answered = summary.answers.visit_date;
  if (typeof answered === "string") return answered;
  return (summary.visit.submittedAt ?? summary.visit.createdAt).slice(0, 10);
}

export type THistoryRow = TAnsweredSection["answers"][number] & {
  /** on a self-intake: who gave the answer (null when no one did, or for an intake staff took) */
  source: TAnswerSource | null;
  /** when staff corrected the patient's answer: the patient's own answer, worded */
  patientValue?: string;
};

/** "Given by the patient" / "Corrected by staff. The patient answered: No" / nothing, as on the staff intake page. */
export function sourceNote(r: THistoryRow): string | null {
  if (r.source === "patient") return "Given by the patient";
  if (r.source === "corrected") return `Corrected by staff. The patient answered: ${r.patientValue ?? "no answer"}`;
  return null;
}

const CATALOGUE_ORDER = new Map(QUESTION_LIST.map((q, i) => [q.id, i]));

/**
 * The history in catalogue sections and order, every section present (empty ones with no rows): each answered
 * question with its label and unit, worded as on the review page (lib/clinical's answeredBySection), dates in the
 * clinic's format (formatDay). On a self-intake every row says who gave it, and an answer the patient gave that
 * staff then cleared is a row too ("No answer", corrected), so the patient's words are never dropped silently.
 */
export function historySections(
  answers: Readonly<Record<string, unknown>>,
  patientAnswers: Readonly<Record<string, unknown>> | null = null,
): { id: string; title: string; rows: THistoryRow[] }[] {
  const worded = (id: string, value: unknown): string => {
    const q = questionById(id);
    if (!q) return String(value);
    return q.type === "date" && typeof value === "string" ? formatDay(value) : formatAnswer(q, value as never);
  };
  const sourced = (id: string, value: string): THistoryRow => {
    const q = questionById(id);
    const source = answerSource(id, answers[id], patientAnswers as Record<string, unknown> | null);
    return {
      id,
      label: q?.label ?? id,
      value,
      source,
      ...(source === "corrected" && patientAnswers ? { patientValue: worded(id, patientAnswers[id]) } : {}),
    };
  };
  const answered = new Map(answeredBySection(answers).map((section) => [section.id, section.answers.map((r) => sourced(r.id, worded(r.id, answers[r.id])))]));
  return SECTIONS.map((s) => {
    const rows = answered.get(s.id) ?? [];
    if (patientAnswers) {
      // The patient answered, staff cleared: keep the row, in catalogue order.
      const cleared = Object.keys(patientAnswers).filter((id) => questionById(id)?.section === s.id && answers[id] === undefined);
      for (const id of cleared) rows.push(sourced(id, "No answer"));
      rows.sort((a, b) => CATALOGUE_ORDER.get(a.id)! - CATALOGUE_ORDER.get(b.id)!);
    }
    return { id: s.id, title: s.title, rows };
  });
}
