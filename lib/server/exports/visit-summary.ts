import "server-only";
import type { TCurrentUser } from "@/lib/auth/current-user";
import { db } from "@/lib/db/client";
import type { TVisitSummary } from "@/lib/export/visit-summary";
import { AppError } from "@/lib/contracts/errors";
import { audit, type TAuditEntry, type TDbOrTx } from "../audit";
import { assertCan } from "../guard";
import { toVisitDto, VISIT_SELECT } from "../visits/visit-dto";

/**
 * A submitted or signed visit as the plain summary the renderers take: the record as it stands, with the
 * decision, the sign-off and every addendum. 404 for an unknown visit, 409 for a draft (nothing to export yet).
 * Read with the review page's select and mapping (toVisitDto). The caller audits in the same transaction.
 */
export async function loadVisitSummary(tx: TDbOrTx, id: string): Promise<TVisitSummary> {
  const row = await tx.visit.findUnique({ where: { id }, select: VISIT_SELECT });
  if (!row) throw new AppError("not_found", "Visit not found.");
  const v = toVisitDto(row);
  if (v.status === "DRAFT" || !v.evaluation) throw new AppError("conflict", "This visit has not been submitted yet: there is no summary to export.");
  const { id: patientId, mrn, givenName, familyName, birthDate, sex } = v.patient;
  return {
    visit: {
      id: v.id,
      status: v.status,
      version: v.version,
      createdAt: v.createdAt,
      createdBy: v.createdBy,
      submittedAt: v.submittedAt,
      submittedBy: v.submittedBy,
      rulesetVersion: v.rulesetVersion,
    },
    patient: { id: patientId, mrn, givenName, familyName, birthDate, sex },
    answers: v.answers,
    evaluation: v.evaluation,
    blankReason: v.blankReason,
    decision: v.decision,
    signOff: v.signedAt ? { signedBy: v.signedBy ?? "(unknown)", signedAt: v.signedAt, provisionalAcknowledged: v.provisionalAcknowledged } : null,
    addenda: v.addenda,
    selfIntake: v.selfIntake,
  };
}

/**
 * Read a visit's summary for an export and audit the export (`visit.export` with the format and `details`) in
 * the same transaction; the caller renders after the commit, so the read is recorded whether or not rendering
 * succeeds.
 */
export async function loadSummaryForExport(
  user: TCurrentUser,
  id: string,
  format: "pdf" | "fhir",
  details: (summary: TVisitSummary) => TAuditEntry["details"] = () => ({}),
): Promise<TVisitSummary> {
  assertCan(user, "export:read");
  return db().$transaction(async (tx) => {
    const summary = await loadVisitSummary(tx, id);
    await audit(tx, {
      actorId: user.id,
      action: "visit.export",
      entityType: "Visit",
      entityId: id,
      patientId: summary.patient.id,
      details: { format, version: summary.visit.version, status: summary.visit.status, ...details(summary) },
    });
    return summary;
  });
}
