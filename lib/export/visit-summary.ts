// The plain visit-summary object every visit export is rendered from (PDF, FHIR Bundle): what the record holds
// once loaded, with names instead of user ids. No I/O here; lib/server/exports loads it (audited).
import { answeredBySection, questionById, SECTIONS, type Evaluation, type Modality, type TAnsweredSection } from "@/lib/clinical";
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

export type THistoryRow = TAnsweredSection["answers"][number];

/**
 * The history in catalogue sections and order, every section present (empty ones with no rows): each answered
 * question with its label and unit, worded as on the review page (lib/clinical's answeredBySection), dates in the
 * clinic's format (formatDay).
 */
export function historySections(answers: Readonly<Record<string, unknown>>): { id: string; title: string; rows: THistoryRow[] }[] {
  const dated = (r: THistoryRow): THistoryRow => {
    const value = answers[r.id];
    return questionById(r.id)?.type === "date" && typeof value === "string" ? { ...r, value: formatDay(value) } : r;
  };
  const answered = new Map(answeredBySection(answers).map((section) => [section.id, section.answers.map(dated)]));
  return SECTIONS.map((s) => ({ id: s.id, title: s.title, rows: answered.get(s.id) ?? [] }));
}
