import "server-only";
import type { TCurrentUser } from "@/lib/auth/current-user";
import { can } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/http/errors";

export type TUrgencyCounts = Record<"emergency" | "urgent" | "routine_soon" | "none", number>;

/** Visits waiting for a doctor, counted by urgency (no patient data, so not audited). */
export async function reviewSummary(user: TCurrentUser): Promise<TUrgencyCounts> {
  if (!can(user.role, "review:read")) throw new AppError("forbidden", "Your role does not allow this action.");
  const groups = await db().visit.groupBy({
    by: ["urgency"],
    where: { status: "SUBMITTED" },
    _count: { _all: true },
  });
  const counts: TUrgencyCounts = { emergency: 0, urgent: 0, routine_soon: 0, none: 0 };
  for (const g of groups) counts[g.urgency ?? "none"] += g._count._all;
  return counts;
}
