// Visit summaries built from the worked cases through the real engine (validate, evaluate, compact), for
// tests of the renderers that need no database.
import { compactAnswers, evaluate, unansweredSafetyQuestions, validateIntake } from "@/lib/clinical";
import { vignetteIntake } from "@/lib/clinical/test-support/vignettes";

export { vignetteIntake };
import type { TVisitSummary } from "../visit-summary";

export const TODAY = "2025-03-10";


export function summaryOf(intake: Record<string, unknown>, overrides: Partial<TVisitSummary> = {}): TVisitSummary {
  const result = validateIntake(intake, { today: TODAY });
  if (!result.ok) throw new Error(`invalid intake: ${JSON.stringify(result.errors)}`);
  const evaluation = evaluate(result.intake);
  return {
    visit: {
      id: "7d3c8f4e-1f0a-4c53-9b7e-2a1d5e6f7a80",
      status: "SUBMITTED",
      version: 2,
      createdAt: "2025-03-10T09:00:00.000Z",
      createdBy: "Sam Staff",
      submittedAt: "2025-03-10T09:20:00.000Z",
      submittedBy: "Sam Staff",
      rulesetVersion: evaluation.ruleset_version,
    },
    patient: {
      id: "0b9f4a52-5d0e-4f7c-8a51-6c2b3d4e5f60",
      mrn: "MRN-424242",
      givenName: "Ada",
      familyName: "Lovelace",
      birthDate: "1960-01-01",
      sex: "female",
    },
    answers: compactAnswers(result.intake),
    evaluation,
    // As submit requires: staff give a reason when blank answers leave a red flag unexcluded.
    blankReason: evaluation.cannot_exclude.length > 0 ? { code: "patient_unable", text: null } : null,
    decision: null,
    signOff: null,
    addenda: [],
    selfIntake: null,
    ...overrides,
  };
}

/** A decided (accepted), signed summary with one addendum. */
export function signedSummary(intake: Record<string, unknown>, overrides: Partial<TVisitSummary> = {}): TVisitSummary {
  const base = summaryOf(intake);
  return {
    ...base,
    visit: { ...base.visit, status: "SIGNED", version: 4 },
    decision: {
      action: "accept",
      modality: base.evaluation.imaging.modality,
      reasonCode: null,
      reasonText: null,
      note: "Examined in clinic.",
      decidedBy: "Dr Dana Doctor",
      decidedAt: "2025-03-10T10:00:00.000Z",
    },
    // As signVisit records it: a result missing safety answers is signed only with the acknowledgement.
    signOff: { signedBy: "Dr Dana Doctor", signedAt: "2025-03-10T10:05:00.000Z", provisionalAcknowledged: unansweredSafetyQuestions(base.evaluation).length > 0 },
    addenda: [{ id: "5a0e3c1d-0000-4000-8000-000000000001", text: "Patient phoned: MRI booked for tomorrow.", author: "Dr Dana Doctor", createdAt: "2025-03-11T08:30:00.000Z" }],
    ...overrides,
  };
}

/**
 * A visit the patient answered themselves (issue 19), checked and submitted by staff: the patient gave every
 * answer except the staff-only ones; staff then corrected the pain score (patient: 9, now 7) and cleared the
 * patient's pain radiation answer ("none").
 */
export function selfIntakeSummary(intake: Record<string, unknown>): TVisitSummary {
  const base = summaryOf(intake);
  const { visit_date: _v, trauma_energy: _t, risk_stratification_category: _r, ...patientGave } = base.answers;
  const answers = { ...base.answers };
  delete answers.pain_radiation;
  return {
    ...summaryOf(answers),
    selfIntake: { reportedAt: "2025-03-10T09:05:00.000Z", language: "es", answers: { ...patientGave, pain_score_now: 9 } },
  };
}
