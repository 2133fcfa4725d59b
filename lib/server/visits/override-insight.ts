import "server-only";
import { ruleById, type Modality } from "@/lib/clinical";
import type { TCurrentUser } from "@/lib/auth/current-user";
import { db } from "@/lib/db/client";
import { Prisma } from "@/lib/db/generated/client";
import type { TOverrideReason } from "@/lib/contracts/visit";
import { assertCan } from "../guard";

export interface TRuleInsight {
  /** the rule that supplied the imaging suggestion; null: no rule suggested imaging (the default "none") */
  rule: string | null;
  title: string;
  decided: number;
  accepted: number;
  overridden: number;
  /** overridden / decided, 0..1 */
  overrideRate: number;
  /** how often each coded reason was given for an override */
  reasons: Partial<Record<TOverrideReason, number>>;
  /** what the doctors chose instead of the suggestion */
  chosenInstead: Partial<Record<Modality, number>>;
}

export interface TOverrideInsight {
  since: string | null;
  decided: number;
  rules: TRuleInsight[];
}

/**
 * How often each rule's imaging suggestion was accepted or overridden, and why: counts only (no patient, no
 * free text), so the clinic can tune its rules. Decisions with `decided_at` on or after `since` (YYYY-MM-DD).
 */
export async function overrideInsight(user: TCurrentUser, since: string | null): Promise<TOverrideInsight> {
  assertCan(user, "insight:read");
  const sinceClause = since ? Prisma.sql`AND decided_at >= ${since}::date` : Prisma.empty;
  const groups = await db().$queryRaw<
    { rule: string | null; decision: "accept" | "override"; reason: TOverrideReason | null; chosen: Modality | null; n: bigint }[]
  >`
    SELECT imaging_rule AS rule, decision::text AS decision, decision_reason_code::text AS reason,
           decision_modality::text AS chosen, count(*) AS n
      FROM visits
     WHERE decision IS NOT NULL ${sinceClause}
     GROUP BY 1, 2, 3, 4`;
  const byRule = new Map<string | null, TRuleInsight>();
  for (const g of groups) {
    let entry = byRule.get(g.rule);
    if (!entry) {
      entry = {
        rule: g.rule,
        title: g.rule ? (ruleById(g.rule)?.title ?? g.rule) : "No rule suggested imaging (default: no imaging)",
        decided: 0,
        accepted: 0,
        overridden: 0,
        overrideRate: 0,
        reasons: {},
        chosenInstead: {},
      };
      byRule.set(g.rule, entry);
    }
    const n = Number(g.n);
    entry.decided += n;
    if (g.decision === "accept") {
      entry.accepted += n;
    } else {
      entry.overridden += n;
      if (g.reason) entry.reasons[g.reason] = (entry.reasons[g.reason] ?? 0) + n;
      if (g.chosen) entry.chosenInstead[g.chosen] = (entry.chosenInstead[g.chosen] ?? 0) + n;
    }
  }
  const rules = [...byRule.values()]
    .map((r) => ({ ...r, overrideRate: r.decided > 0 ? r.overridden / r.decided : 0 }))
    // Most overridden first: those are the rules worth a look.
    .sort((a, b) => b.overrideRate - a.overrideRate || b.decided - a.decided || String(a.rule).localeCompare(String(b.rule)));
  return { since, decided: rules.reduce((sum, r) => sum + r.decided, 0), rules };
}
