import { readStoredEvaluation } from "@/lib/clinical";
import type { Prisma } from "@/lib/db/generated/client";
import { alertState } from "../safety/alerts";
import { PATIENT_SELECT, toPatientDto } from "../patients/patient-dto";
import type { TAlertDto, TAmendmentDto, TReevaluationDto, TVisitDto } from "@/lib/contracts/wire/visit";

export const VISIT_SELECT = {
  id: true,
  status: true,
  version: true,
  answers: true,
  evaluation: true,
  patientReportedAt: true,
  patientAnswers: true,
  patientLanguage: true,
  rulesetVersion: true,
  urgency: true,
  imagingModality: true,
  createdAt: true,
  updatedAt: true,
  submittedAt: true,
  signedAt: true,
  createdBy: { select: { name: true } },
  submittedBy: { select: { name: true } },
  signedBy: { select: { name: true } },
  provisionalAcknowledged: true,
  blankReasonCode: true,
  blankReasonText: true,
  provisionalReasonCode: true,
  provisionalReasonText: true,
  amendments: {
    select: { at: true, version: true, changes: true, fromUrgency: true, toUrgency: true, amendedBy: { select: { name: true } } },
    orderBy: [{ at: "asc" }, { id: "asc" }],
  },
  alerts: {
    select: { id: true, reason: true, urgency: true, raisedAt: true, acknowledgedAt: true, escalatedAt: true, acknowledgedBy: { select: { name: true } } },
    orderBy: [{ raisedAt: "desc" }, { id: "desc" }],
    take: 1,
  },
  reevaluations: {
    select: { at: true, fromRuleset: true, toRuleset: true, fromUrgency: true, toUrgency: true, fromImaging: true, toImaging: true, gained: true, lost: true, previousDecision: true },
    orderBy: [{ at: "desc" }, { id: "desc" }],
    take: 1,
  },
  decision: true,
  decisionModality: true,
  decisionReasonCode: true,
  decisionReasonText: true,
  clinicalNote: true,
  decidedAt: true,
  decidedBy: { select: { name: true } },
  addenda: { select: { id: true, text: true, createdAt: true, author: { select: { name: true } } }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] },
  patient: { select: PATIENT_SELECT },
} as const satisfies Prisma.VisitSelect;

export function toVisitDto(v: Prisma.VisitGetPayload<{ select: typeof VISIT_SELECT }>): TVisitDto {
  return {
    id: v.id,
    status: v.status,
    version: v.version,
    answers: (v.answers ?? {}) as Record<string, unknown>,
    selfIntake: v.patientAnswers
      ? { reportedAt: v.patientReportedAt?.toISOString() ?? null, answers: v.patientAnswers as Record<string, unknown>, language: v.patientLanguage }
      : null,
    evaluation: readStoredEvaluation(v.evaluation),
    rulesetVersion: v.rulesetVersion,
    patient: toPatientDto(v.patient),
    createdAt: v.createdAt.toISOString(),
    updatedAt: v.updatedAt.toISOString(),
    createdBy: v.createdBy.name,
    submittedAt: v.submittedAt?.toISOString() ?? null,
    submittedBy: v.submittedBy?.name ?? null,
    signedAt: v.signedAt?.toISOString() ?? null,
    signedBy: v.signedBy?.name ?? null,
    provisionalAcknowledged: v.provisionalAcknowledged,
    decision:
      v.decision && v.decisionModality && v.decidedAt
        ? {
            action: v.decision,
            modality: v.decisionModality,
            reasonCode: v.decisionReasonCode,
            reasonText: v.decisionReasonText,
            note: v.clinicalNote,
            decidedBy: v.decidedBy?.name ?? "",
            decidedAt: v.decidedAt.toISOString(),
          }
        : null,
    addenda: v.addenda.map((a) => ({ id: a.id, text: a.text, author: a.author.name, createdAt: a.createdAt.toISOString() })),
    blankReason: v.blankReasonCode ? { code: v.blankReasonCode, text: v.blankReasonText } : null,
    reevaluation: reevaluationDto(v.reevaluations[0]),
    provisionalReason: v.provisionalReasonCode ? { code: v.provisionalReasonCode, text: v.provisionalReasonText } : null,
    amendments: v.amendments.map((a) => ({
      at: a.at.toISOString(),
      version: a.version,
      by: a.amendedBy.name,
      changes: (Array.isArray(a.changes) ? a.changes : []) as TAmendmentDto["changes"],
      fromUrgency: a.fromUrgency,
      toUrgency: a.toUrgency,
    })),
    alert: alertDto(v.alerts[0]),
  };
}

function alertDto(a: Prisma.VisitGetPayload<{ select: typeof VISIT_SELECT }>["alerts"][number] | undefined): TAlertDto | null {
  if (!a) return null;
  return alertState({ ...a, acknowledgedBy: a.acknowledgedBy?.name ?? null });
}

function reevaluationDto(r: Prisma.VisitGetPayload<{ select: typeof VISIT_SELECT }>["reevaluations"][number] | undefined): TReevaluationDto | null {
  if (!r) return null;
  return {
    at: r.at.toISOString(),
    fromRuleset: r.fromRuleset,
    toRuleset: r.toRuleset,
    fromUrgency: r.fromUrgency,
    toUrgency: r.toUrgency,
    fromImaging: r.fromImaging,
    toImaging: r.toImaging,
    gained: r.gained,
    lost: r.lost,
    decisionCleared: r.previousDecision !== null,
  };
}
