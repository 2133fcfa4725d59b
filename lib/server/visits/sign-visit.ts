import "server-only";
import type { TCurrentUser } from "@/lib/auth/current-user";
import { readStoredEvaluation, unansweredSafetyQuestions } from "@/lib/clinical";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/http/errors";
import type { TSign } from "@/lib/schemas/visit";
import { audit } from "../audit";
import { assertCan } from "../guard";
import { explainNoUpdate } from "./stale";

/**
 * Sign a decided visit: it is locked from then on (later remarks are addenda). Checked in this order: the visit
 * exists, is submitted and at the caller's version (404 / 409), a decision was recorded (422 `decision`), and,
 * when the stored result is provisional because safety answers are blank (DATA-01), the doctor confirms having
 * asked them (422 `acknowledgeProvisional`). The evaluation cannot change once submitted, and the update is
 * guarded by the version read here, so the check holds for the row that is signed.
 */
export async function signVisit(user: TCurrentUser, id: string, input: TSign): Promise<{ version: number; status: "SIGNED" }> {
  assertCan(user, "review:decide");
  return db().$transaction(async (tx) => {
    const current = await tx.visit.findUnique({ where: { id }, select: { status: true, version: true, decision: true, evaluation: true, patientId: true } });
    if (!current || current.status !== "SUBMITTED" || current.version !== input.version) {
      throw await explainNoUpdate(tx, id, { version: input.version, status: "SUBMITTED" });
    }
    if (current.decision === null) {
      throw new AppError("unprocessable", "Accept or override the imaging suggestion before signing.", [
        { field: "decision", message: "is required before signing" },
      ]);
    }
    const evaluation = readStoredEvaluation(current.evaluation);
    const missing = evaluation ? unansweredSafetyQuestions(evaluation) : [];
    if (missing.length > 0 && input.acknowledgeProvisional !== true) {
      const labels = missing.map((q) => q.label).join("; ");
      throw new AppError(
        "unprocessable",
        `This result is provisional: safety answers were left blank (${labels}). Confirm you have asked the patient these questions before signing.`,
        [{ field: "acknowledgeProvisional", message: `must be true: confirm you have asked the unanswered safety questions (${labels})` }],
      );
    }

    const updated = await tx.visit.updateManyAndReturn({
      where: { id, version: input.version, status: "SUBMITTED", decision: { not: null } },
      data: { status: "SIGNED", signedById: user.id, signedAt: new Date(), provisionalAcknowledged: missing.length > 0, version: { increment: 1 } },
      select: { version: true },
    });
    const row = updated[0];
    // Someone else acted between the read and the update.
    if (!row) throw await explainNoUpdate(tx, id, { version: input.version, status: "SUBMITTED" });
    await audit(tx, {
      actorId: user.id,
      action: "visit.sign",
      entityType: "Visit",
      entityId: id,
      patientId: current.patientId,
      // Ids only: which answers were blank, never what any answer was.
      details: missing.length > 0 ? { version: row.version, provisionalAcknowledged: true, missingFields: missing.map((q) => q.id) } : { version: row.version },
    });
    return { version: row.version, status: "SIGNED" as const };
  });
}
