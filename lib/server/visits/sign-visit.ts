import "server-only";
import type { TCurrentUser } from "@/lib/auth/current-user";
import { readStoredEvaluation, unansweredSafetyQuestions } from "@/lib/clinical";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/contracts/errors";
import type { TSign } from "@/lib/contracts/visit";
import { audit } from "../audit";
import { assertCan } from "../guard";
import { takeOpenAlerts } from "../safety/alerts";
import { recordEvent } from "../safety/events";
import { explainNoUpdate } from "./stale";

/**
 * Sign a decided visit: it is locked from then on (later remarks are addenda). Checked in this order: the visit
 * exists, is submitted and at the caller's version (404 / 409), a decision was recorded (422 `decision`), and,
 * when the stored result is provisional because safety answers are blank (DATA-01), the doctor either records
 * them first (POST …/amend) or, when they truly cannot be obtained, confirms it and gives a coded reason
 * (422 `acknowledgeProvisional` / `provisionalReason`). The update is guarded by the version read here, so the
 * check holds for the row that is signed. Signing takes any open alert of the visit: whoever signs is on it.
 */
export async function signVisit(user: TCurrentUser, id: string, input: TSign): Promise<{ version: number; status: "SIGNED" }> {
  assertCan(user, "review:decide");
  return db().$transaction(async (tx) => {
    const current = await tx.visit.findUnique({ where: { id }, select: { status: true, version: true, decision: true, evaluation: true, patientId: true, submittedById: true, urgency: true } });
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
    if (missing.length > 0 && (input.acknowledgeProvisional !== true || !input.provisionalReason)) {
      const labels = missing.map((q) => q.label).join("; ");
      const fields = [];
      if (input.acknowledgeProvisional !== true) {
        fields.push({ field: "acknowledgeProvisional", message: `must be true: confirm these answers cannot be obtained (${labels})` });
      }
      if (!input.provisionalReason) fields.push({ field: "provisionalReason", message: "is required: why the blank safety answers cannot be obtained" });
      throw new AppError(
        "unprocessable",
        `This result is provisional: safety answers are blank (${labels}). Record them with "Complete missing answers", or, if they truly cannot be obtained, confirm it and give the reason.`,
        fields,
      );
    }

    const updated = await tx.visit.updateManyAndReturn({
      where: { id, version: input.version, status: "SUBMITTED", decision: { not: null } },
      data: {
        status: "SIGNED",
        signedById: user.id,
        signedAt: new Date(),
        provisionalAcknowledged: missing.length > 0,
        provisionalReasonCode: missing.length > 0 ? input.provisionalReason!.code : null,
        provisionalReasonText: missing.length > 0 ? input.provisionalReason!.text : null,
        version: { increment: 1 },
      },
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
      // Which answers were blank and why it was signed anyway are on the visit (provisional_reason_*).
      details: { version: row.version },
    });
    await takeOpenAlerts(tx, user, id, current);
    await recordEvent(tx, { kind: "visit.signed", visitId: id, urgency: current.urgency, ownerId: current.submittedById });
    return { version: row.version, status: "SIGNED" as const };
  });
}
