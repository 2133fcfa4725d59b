import "server-only";
import type { TCurrentUser } from "@/lib/auth/current-user";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/contracts/errors";
import { audit } from "../audit";
import { assertCan } from "../guard";

/** A remark on a signed visit, kept with its author and time; the signed record is not changed. */
export async function addAddendum(user: TCurrentUser, id: string, input: { text: string }): Promise<{ id: string; createdAt: string }> {
  assertCan(user, "review:decide");
  return db().$transaction(async (tx) => {
    const visit = await tx.visit.findUnique({ where: { id }, select: { status: true, patientId: true } });
    if (!visit) throw new AppError("not_found", "Visit not found.");
    if (visit.status !== "SIGNED") throw new AppError("conflict", "Addenda are for signed visits; change the decision instead.");
    const addendum = await tx.addendum.create({ data: { visitId: id, authorId: user.id, text: input.text }, select: { id: true, createdAt: true } });
    await audit(tx, { actorId: user.id, action: "visit.addendum", entityType: "Visit", entityId: id, patientId: visit.patientId, details: { addendumId: addendum.id } });
    return { id: addendum.id, createdAt: addendum.createdAt.toISOString() };
  });
}
