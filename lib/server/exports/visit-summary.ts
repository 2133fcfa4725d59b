import "server-only";
import type { Evaluation } from "@/lib/clinical";
import type { TVisitSummary } from "@/lib/export/visit-summary";
import { AppError } from "@/lib/http/errors";
import type { TDbOrTx } from "../audit";
import { VISIT_SELECT } from "../visits/visit-dto";

// The visit record as the review page shows it: one select for both.
const SUMMARY_SELECT = VISIT_SELECT;

const iso = (d: Date | null) => d?.toISOString() ?? null;

/**
 * A submitted or signed visit as the plain summary the renderers take: the record as it stands, with the
 * decision, the sign-off and every addendum. 404 for an unknown visit, 409 for a draft (nothing to export yet).
 * The caller audits in the same transaction.
 */
export async function loadVisitSummary(tx: TDbOrTx, id: string): Promise<TVisitSummary> {
  const v = await tx.visit.findUnique({ where: { id }, select: SUMMARY_SELECT });
  if (!v) throw new AppError("not_found", "Visit not found.");
  if (v.status === "DRAFT" || !v.evaluation) throw new AppError("conflict", "This visit has not been submitted yet: there is no summary to export.");
  return {
    visit: {
      id: v.id,
      status: v.status,
      version: v.version,
      createdAt: v.createdAt.toISOString(),
      createdBy: v.createdBy.name,
      submittedAt: iso(v.submittedAt),
      submittedBy: v.submittedBy?.name ?? null,
      rulesetVersion: v.rulesetVersion,
    },
    patient: {
      id: v.patient.id,
      mrn: v.patient.mrn,
      givenName: v.patient.givenName,
      familyName: v.patient.familyName,
      birthDate: v.patient.birthDate.toISOString().slice(0, 10),
      sex: v.patient.sex,
    },
    answers: (v.answers ?? {}) as Record<string, unknown>,
    evaluation: v.evaluation as unknown as Evaluation,
    decision: v.decision
      ? {
          action: v.decision,
          modality: v.decisionModality,
          reasonCode: v.decisionReasonCode,
          reasonText: v.decisionReasonText,
          note: v.clinicalNote,
          decidedBy: v.decidedBy?.name ?? null,
          decidedAt: iso(v.decidedAt),
        }
      : null,
    signOff: v.signedAt ? { signedBy: v.signedBy?.name ?? "(unknown)", signedAt: v.signedAt.toISOString() } : null,
    addenda: v.addenda.map((a) => ({ id: a.id, text: a.text, author: a.author.name, createdAt: a.createdAt.toISOString() })),
  };
}
