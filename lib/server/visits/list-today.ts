import "server-only";
import type { TCurrentUser } from "@/lib/auth/current-user";
import type { TVisitStatus } from "@/lib/contracts/labels";
import { db } from "@/lib/db/client";
import { audit } from "../audit";
import { assertCan } from "../guard";

export interface TTodayRow {
  id: string;
  status: TVisitStatus;
  /** ISO instant: when a draft was last saved, when a visit was submitted */
  at: string;
  patient: { id: string; mrn: string; givenName: string; familyName: string };
}

export interface TToday {
  drafts: TTodayRow[];
  submitted: TTodayRow[];
}

const PATIENT = { select: { id: true, mrn: true, givenName: true, familyName: true } } as const;

/**
 * The front desk's day (the staff home page): open drafts saved today and visits submitted today, "today" being the
 * calendar day in the clinic's time zone. Newest first, at most `limit` of each; one audited list read.
 */
export async function listToday(user: TCurrentUser, timeZone: string, limit = 50): Promise<TToday> {
  assertCan(user, "intake:write");
  return db().$transaction(async (tx) => {
    // Midnight in the clinic's zone, as an instant: PostgreSQL's zone rules, so a DST day is right too.
    const [{ start }] = await tx.$queryRaw<[{ start: Date }]>`SELECT (date_trunc('day', now() AT TIME ZONE ${timeZone}) AT TIME ZONE ${timeZone}) AS start`;
    const drafts = await tx.visit.findMany({
      where: { status: "DRAFT", updatedAt: { gte: start } },
      orderBy: [{ updatedAt: "desc" }, { id: "asc" }],
      take: limit,
      select: { id: true, status: true, updatedAt: true, patient: PATIENT },
    });
    const submitted = await tx.visit.findMany({
      where: { status: { in: ["SUBMITTED", "SIGNED"] }, submittedAt: { gte: start } },
      orderBy: [{ submittedAt: "desc" }, { id: "asc" }],
      take: limit,
      select: { id: true, status: true, submittedAt: true, patient: PATIENT },
    });
    const visits = [...drafts, ...submitted];
    await audit(tx, {
      actorId: user.id,
      action: "visit.list_today",
      entityType: "Visit",
      entityId: "*",
      patientIds: visits.map((v) => v.patient.id),
      details: { count: visits.length, visitIds: visits.map((v) => v.id) },
    });
    return {
      drafts: drafts.map((v) => ({ id: v.id, status: v.status, at: v.updatedAt.toISOString(), patient: v.patient })),
      submitted: submitted.map((v) => ({ id: v.id, status: v.status, at: (v.submittedAt ?? start).toISOString(), patient: v.patient })),
    };
  });
}
