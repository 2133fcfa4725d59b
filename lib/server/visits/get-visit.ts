import "server-only";
import type { TCurrentUser } from "@/lib/auth/current-user";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/http/errors";
import { audit } from "../audit";
import { assertCan } from "../guard";
import { toVisitDto, VISIT_SELECT, type TVisitDto } from "./visit-dto";

export async function getVisit(user: TCurrentUser, id: string): Promise<TVisitDto> {
  assertCan(user, "intake:write", "review:read");
  return db().$transaction(async (tx) => {
    const visit = await tx.visit.findUnique({ where: { id }, select: { ...VISIT_SELECT, patientId: true } });
    if (!visit) throw new AppError("not_found", "Visit not found.");
    await audit(tx, { actorId: user.id, action: "visit.read", entityType: "Visit", entityId: id, patientId: visit.patientId });
    return toVisitDto(visit);
  });
}
