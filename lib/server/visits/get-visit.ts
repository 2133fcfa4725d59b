import "server-only";
import type { TCurrentUser } from "@/lib/auth/current-user";
import { can } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/contracts/errors";
import { audit } from "../audit";
import { assertCan } from "../guard";
import type { TVisitDto } from "@/lib/contracts/wire/visit";
import { toVisitDto, VISIT_SELECT } from "./visit-dto";

/**
 * What only roles allowed to review may read: the doctor's decision (with the clinical note and any override
 * reason), the addenda and the reason for a provisional sign-off. Staff are refused the review page and the
 * exports that hold the same text, so the visit they open for intake leaves it out too.
 */
export const CLINICIAN_ONLY_FIELDS = ["decision", "addenda", "provisionalReason"] as const;
export type TStaffVisitDto = Omit<TVisitDto, (typeof CLINICIAN_ONLY_FIELDS)[number]>;

async function loadVisit(user: TCurrentUser, id: string): Promise<TVisitDto> {
  return db().$transaction(async (tx) => {
    const visit = await tx.visit.findUnique({ where: { id }, select: { ...VISIT_SELECT, patientId: true } });
    if (!visit) throw new AppError("not_found", "Visit not found.");
    await audit(tx, { actorId: user.id, action: "visit.read", entityType: "Visit", entityId: id, patientId: visit.patientId });
    return toVisitDto(visit);
  });
}

/** The visit as the user's role may see it: whole for clinicians, without the clinician-only fields for staff. */
export async function getVisit(user: TCurrentUser, id: string): Promise<TVisitDto | TStaffVisitDto> {
  assertCan(user, "intake:write", "review:read");
  const visit = await loadVisit(user, id);
  if (can(user.role, "review:read")) return visit;
  const staffView: Partial<TVisitDto> = { ...visit };
  for (const field of CLINICIAN_ONLY_FIELDS) delete staffView[field];
  return staffView as TStaffVisitDto;
}

/** The whole visit, for review (clinicians). */
export async function getVisitForReview(user: TCurrentUser, id: string): Promise<TVisitDto> {
  assertCan(user, "review:read");
  return loadVisit(user, id);
}
