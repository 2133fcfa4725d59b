import "server-only";
import type { TCurrentUser } from "@/lib/auth/current-user";
import type { Tier } from "@/lib/clinical/types";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/http/errors";
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

const LIMIT = 500;

/** Open recalls first (oldest first), then the reviewed ones, newest first; audited with the visits disclosed. */
export async function listRulesetRecalls(user: TCurrentUser): Promise<{ rows: TRulesetRecall[]; open: number; total: number }> {
  assertCan(user, "review:read");
  return db().$transaction(async (tx) => {
    const select = {
      id: true, visitId: true, signedRuleset: true, currentRuleset: true, signedUrgency: true, currentUrgency: true, gained: true,
      createdAt: true, reviewedAt: true, reviewNote: true, reviewedBy: { select: { name: true } },
      visit: { select: { signedAt: true, signedBy: { select: { name: true } }, patient: { select: { id: true, givenName: true, familyName: true, mrn: true } } } },
    } as const;
    const open = await tx.rulesetRecall.findMany({ where: { reviewedAt: null }, orderBy: [{ createdAt: "asc" }, { id: "asc" }], take: LIMIT, select });
    const done = await tx.rulesetRecall.findMany({ where: { reviewedAt: { not: null } }, orderBy: [{ reviewedAt: "desc" }, { id: "desc" }], take: LIMIT, select });
    const openCount = await tx.rulesetRecall.count({ where: { reviewedAt: null } });
    const total = await tx.rulesetRecall.count();
    const rows = [...open, ...done].map((r) => ({
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
      details: { total, open: openCount, visitIds: rows.map((r) => r.visitId) },
    });
    return { rows, open: openCount, total };
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
