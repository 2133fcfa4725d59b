import "server-only";
import type { Evaluation } from "@/lib/clinical";
import type { Prisma } from "@/lib/db/generated/client";
import type { TVisitSummary } from "@/lib/export/visit-summary";
import { AppError } from "@/lib/http/errors";
import type { TDbOrTx } from "../audit";

const SUMMARY_SELECT = {
  id: true,
  status: true,
  version: true,
  answers: true,
  evaluation: true,
  rulesetVersion: true,
  createdAt: true,
  submittedAt: true,
  signedAt: true,
  decision: true,
  decisionModality: true,
  decisionReasonCode: true,
  decisionReasonText: true,
  clinicalNote: true,
  decidedAt: true,
  createdBy: { select: { name: true } },
  submittedBy: { select: { name: true } },
  signedBy: { select: { name: true } },
  decidedBy: { select: { name: true } },
  patient: { select: { id: true, mrn: true, givenName: true, familyName: true, birthDate: true, sex: true } },
  addenda: { select: { id: true, text: true, createdAt: true, author: { select: { name: true } } }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] },
} as const satisfies Prisma.VisitSelect;

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
    patient: { ...v.patient, birthDate: v.patient.birthDate.toISOString().slice(0, 10) },
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
