import "server-only";
import type { TCurrentUser } from "@/lib/auth/current-user";
import type { Tier } from "@/lib/clinical/types";
import { db } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import { AppError } from "@/lib/contracts/errors";
import { audit } from "../audit";
import { assertCan } from "../guard";

/**
 * The recall list of a ruleset change (Ruleset change review): signed visits the current rules would place in a
 * higher tier than they were signed at. Written by the upgrade step of `npm run db:migrate`; a clinician reviews
 * each one (the signed record itself never changes; a finding goes into an addendum).
 */
export interface TRulesetRecall {
  id: string;
  visitId: string;
  patient: { id: string; givenName: string; familyName: string; mrn: string };
  signedAt: string | null;
  signedBy: string | null;
  signedRuleset: string;
  currentRuleset: string;
  signedUrgency: Tier | null;
  currentUrgency: Tier;
  gained: string[];
  createdAt: string;
  reviewed: { by: string; at: string; note: string | null } | null;
}

/** Which entries a view shows. */
export const RECALL_VIEWS = ["flags", "questions", "reviewed"] as const;
export type TRecallView = (typeof RECALL_VIEWS)[number];

export interface TRecallList {
  rows: TRulesetRecall[];
  view: TRecallView;
  /** entries per view */
  counts: Record<TRecallView, number>;
  /** at most this many rows are shown per view */
  limit: number;
}

const LIMIT = 200;

const WHERE: Record<TRecallView, Prisma.RulesetRecallWhereInput> = {
  // Open, and a red-flag rule fires now that did not when the visit was signed: the ones to look at first.
  flags: { reviewedAt: null, redFlagGained: true },
  // Open, and higher only because questions the older rules did not ask were never answered (DATA-01/02).
  questions: { reviewedAt: null, redFlagGained: false },
  reviewed: { reviewedAt: { not: null } },
};

/**
 * One view of the recall list, the most urgent first (within a view: current tier, then the oldest entry);
 * audited with the visits it discloses.
 */
export async function listRulesetRecalls(user: TCurrentUser, view: TRecallView = "flags"): Promise<TRecallList> {
  assertCan(user, "review:read");
  return db().$transaction(async (tx) => {
    const found = await tx.rulesetRecall.findMany({
      where: WHERE[view],
      orderBy: view === "reviewed" ? [{ reviewedAt: "desc" }, { id: "desc" }] : [{ currentUrgency: "desc" }, { createdAt: "asc" }, { id: "asc" }],
      take: LIMIT,
      select: {
        id: true, visitId: true, signedRuleset: true, currentRuleset: true, signedUrgency: true, currentUrgency: true, gained: true,
        createdAt: true, reviewedAt: true, reviewNote: true, reviewedBy: { select: { name: true } },
        visit: { select: { signedAt: true, signedBy: { select: { name: true } }, patient: { select: { id: true, givenName: true, familyName: true, mrn: true } } } },
      },
    });
    const counts = { flags: 0, questions: 0, reviewed: 0 };
    for (const v of RECALL_VIEWS) counts[v] = await tx.rulesetRecall.count({ where: WHERE[v] });
    const rows = found.map((r) => ({
      id: r.id.toString(),
      visitId: r.visitId,
      patient: r.visit.patient,
      signedAt: r.visit.signedAt?.toISOString() ?? null,
      signedBy: r.visit.signedBy?.name ?? null,
      signedRuleset: r.signedRuleset,
      currentRuleset: r.currentRuleset,
      signedUrgency: r.signedUrgency,
      currentUrgency: r.currentUrgency,
      gained: r.gained,
      createdAt: r.createdAt.toISOString(),
      reviewed: r.reviewedAt ? { by: r.reviewedBy?.name ?? "", at: r.reviewedAt.toISOString(), note: r.reviewNote } : null,
    }));
    await audit(tx, {
      actorId: user.id,
      action: "ruleset_recall.list",
      entityType: "RulesetRecall",
      entityId: "*",
      patientIds: rows.map((r) => r.patient.id),
      details: { view, ...counts, visitIds: rows.map((r) => r.visitId) },
    });
    return { rows, view, counts, limit: LIMIT };
  });
}

/** Mark one recall as reviewed (once), with an optional note; audited with the visit's patient. */
export async function reviewRulesetRecall(user: TCurrentUser, id: bigint, input: { note?: string }): Promise<{ id: string; reviewedAt: string }> {
  assertCan(user, "review:decide");
  return db().$transaction(async (tx) => {
    const now = new Date();
    const updated = await tx.rulesetRecall.updateManyAndReturn({
      where: { id, reviewedAt: null },
      data: { reviewedAt: now, reviewedById: user.id, reviewNote: input.note ? input.note : null },
      select: { id: true, visitId: true, visit: { select: { patientId: true } } },
    });
    const row = updated[0];
    if (!row) {
      const exists = await tx.rulesetRecall.findUnique({ where: { id }, select: { reviewedAt: true } });
      if (!exists) throw new AppError("not_found", "Recall entry not found.");
      throw new AppError("conflict", "This recall entry was already marked as reviewed.");
    }
    await audit(tx, {
      actorId: user.id,
      action: "ruleset_recall.review",
      entityType: "Visit",
      entityId: row.visitId,
      patientId: row.visit.patientId,
      details: { recallId: row.id.toString() },
    });
    return { id: row.id.toString(), reviewedAt: now.toISOString() };
  });
}
