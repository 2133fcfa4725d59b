import "server-only";
import type { TCurrentUser } from "@/lib/auth/current-user";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/http/errors";
import { audit } from "../audit";
import { assertCan } from "../guard";
import { explainNoUpdate } from "./stale";

/** Sign a decided visit: it is locked from then on (later remarks are addenda). */
export async function signVisit(user: TCurrentUser, id: string, input: { version: number }): Promise<{ version: number; status: "SIGNED" }> {
  assertCan(user, "review:decide");
  return db().$transaction(async (tx) => {
    const updated = await tx.visit.updateManyAndReturn({
      where: { id, version: input.version, status: "SUBMITTED", decision: { not: null } },
      data: { status: "SIGNED", signedById: user.id, signedAt: new Date(), version: { increment: 1 } },
      select: { version: true, patientId: true },
    });
    const row = updated[0];
    if (!row) {
      const current = await tx.visit.findUnique({ where: { id }, select: { status: true, version: true, decision: true } });
      if (current && current.status === "SUBMITTED" && current.version === input.version && current.decision === null) {
        throw new AppError("unprocessable", "Accept or override the imaging suggestion before signing.", [
          { field: "decision", message: "is required before signing" },
        ]);
      }
      throw await explainNoUpdate(tx, id, { version: input.version, status: "SUBMITTED" });
    }
    await audit(tx, { actorId: user.id, action: "visit.sign", entityType: "Visit", entityId: id, patientId: row.patientId, details: { version: row.version } });
    return { version: row.version, status: "SIGNED" as const };
  });
}
