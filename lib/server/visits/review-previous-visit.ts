import "server-only";
import type { TCurrentUser } from "@/lib/auth/current-user";
import { compactAnswers } from "@/lib/clinical";
import { db } from "@/lib/db/client";
import { audit } from "../audit";
import { assertCan } from "../guard";

export interface TPreviousVisitAnswers {
  id: string;
  submittedAt: string;
  answers: Record<string, unknown>;
}

/**
 * The same patient's latest submitted or signed visit before this one, with its answers, for the review page's
 * "Changed since last visit". Reading its answers is a read of patient data, audited (visit.read) in the same
 * transaction; null (and nothing audited) when there is no earlier visit.
 */
export async function previousVisitAnswers(
  user: TCurrentUser,
  visit: { id: string; patientId: string; submittedAt: string | null },
): Promise<TPreviousVisitAnswers | null> {
  assertCan(user, "review:read");
  if (!visit.submittedAt) return null;
  return db().$transaction(async (tx) => {
    const previous = await tx.visit.findFirst({
      where: {
        patientId: visit.patientId,
        id: { not: visit.id },
        status: { in: ["SUBMITTED", "SIGNED"] },
        submittedAt: { lt: new Date(visit.submittedAt as string) },
      },
      orderBy: [{ submittedAt: "desc" }, { id: "desc" }],
      select: { id: true, submittedAt: true, answers: true },
    });
    if (!previous?.submittedAt) return null;
    await audit(tx, { actorId: user.id, action: "visit.read", entityType: "Visit", entityId: previous.id, patientId: visit.patientId, details: { visitIds: [visit.id] } });
    return { id: previous.id, submittedAt: previous.submittedAt.toISOString(), answers: compactAnswers(previous.answers) };
  });
}
