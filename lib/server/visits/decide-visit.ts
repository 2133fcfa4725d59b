import "server-only";
import type { TCurrentUser } from "@/lib/auth/current-user";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/contracts/errors";
import type { ZDecision } from "@/lib/contracts/visit";
import type { z } from "zod";
import { audit } from "../audit";
import { assertCan } from "../guard";
import { takeOpenAlerts } from "../safety/alerts";
import { recordEvent } from "../safety/events";
import { explainNoUpdate } from "./stale";

/** Accept the imaging suggestion, or override it with a coded reason; only on a submitted, unsigned visit. */
export async function decideVisit(user: TCurrentUser, id: string, input: z.output<typeof ZDecision>): Promise<{ version: number }> {
  assertCan(user, "review:decide");
  return db().$transaction(async (tx) => {
    const visit = await tx.visit.findUnique({ where: { id }, select: { imagingModality: true, patientId: true, submittedById: true, urgency: true } });
    if (!visit) throw new AppError("not_found", "Visit not found.");
    if (input.action === "override" && input.modality === visit.imagingModality) {
      throw new AppError("validation_failed", "An override must choose a different modality than the suggestion.", [
        { field: "modality", message: `is the suggested modality (${visit.imagingModality}); accept the suggestion instead` },
      ]);
    }
    const updated = await tx.visit.updateManyAndReturn({
      where: { id, version: input.version, status: "SUBMITTED" },
      data: {
        decision: input.action,
        decisionModality: input.action === "accept" ? visit.imagingModality : input.modality,
        decisionReasonCode: input.action === "override" ? input.reasonCode : null,
        decisionReasonText: input.action === "override" ? (input.reasonText ?? null) : null,
        clinicalNote: input.note ?? null,
        decidedById: user.id,
        decidedAt: new Date(),
        version: { increment: 1 },
      },
      select: { version: true },
    });
    const row = updated[0];
    if (!row) throw await explainNoUpdate(tx, id, { version: input.version, status: "SUBMITTED" });
    await audit(tx, {
      actorId: user.id,
      action: "visit.decide",
      entityType: "Visit",
      entityId: id,
      patientId: visit.patientId,
      // The decision itself (accept or override, the imaging chosen, the reason) is on the visit.
      details: { version: row.version },
    });
    // Whoever decides on the suggestion is on it.
    await takeOpenAlerts(tx, user, id, visit);
    await recordEvent(tx, { kind: "visit.decided", visitId: id, urgency: visit.urgency, ownerId: visit.submittedById });
    return { version: row.version };
  });
}
