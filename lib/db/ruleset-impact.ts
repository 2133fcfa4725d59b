// What the current rules would change in the stored visits: every submitted or signed visit's answers, as recorded,
// run through the engine and compared with the evaluation stored with it. Read-only (npm run ruleset:impact), so a
// rule change can be reviewed on a copy of production data before it is deployed.
import type pg from "pg";
import { evaluate, readStoredEvaluation, RULESET_LABEL, TIERS, type Evaluation, type Modality, type TIntake, type Tier } from "@/lib/clinical";
import { rulesetLabelOf } from "./evaluation-columns";
import { compareEvaluations } from "./ruleset-upgrade";

const RANK: Readonly<Record<Tier, number>> = { none: 0, routine_soon: 1, urgent: 2, emergency: 3 };

export interface TRulesetImpact {
  /** the rules the visits were run through */
  ruleset: string;
  visits: number;
  /** stored visits per ruleset they were decided under */
  storedRulesets: Record<string, number>;
  byStatus: Record<"SUBMITTED" | "SIGNED", { visits: number; changed: number; higher: number; lower: number }>;
  /** visits whose tier, imaging or fired rules would change */
  changed: number;
  /** "from -> to": visits whose urgency would change */
  tierChanges: Record<string, number>;
  /** rule id: visits where it would newly fire, and where it would stop firing */
  rules: Record<string, { gained: number; lost: number }>;
  /** "from -> to": visits whose suggested imaging would change */
  imagingChanges: Record<string, number>;
  /** signed visits the current rules place in a higher tier (what the upgrade puts on the recall list) */
  signedHigher: number;
  /** ms the run took */
  ms: number;
}

const BATCH = 1000;

export async function rulesetImpact(client: pg.ClientBase): Promise<TRulesetImpact> {
  const started = performance.now();
  const report: TRulesetImpact = {
    ruleset: RULESET_LABEL,
    visits: 0,
    storedRulesets: {},
    byStatus: { SUBMITTED: { visits: 0, changed: 0, higher: 0, lower: 0 }, SIGNED: { visits: 0, changed: 0, higher: 0, lower: 0 } },
    changed: 0,
    tierChanges: {},
    rules: {},
    imagingChanges: {},
    signedHigher: 0,
    ms: 0,
  };
  const bump = (counts: Record<string, number>, key: string) => {
    counts[key] = (counts[key] ?? 0) + 1;
  };
  let after = "00000000-0000-0000-0000-000000000000";
  for (;;) {
    const { rows } = await client.query<{ id: string; status: "SUBMITTED" | "SIGNED"; answers: Record<string, unknown>; evaluation: unknown }>(
      `SELECT id::text, status::text AS status, answers, evaluation FROM visits
        WHERE status IN ('SUBMITTED', 'SIGNED') AND evaluation IS NOT NULL AND id > $1::uuid
        ORDER BY id LIMIT ${BATCH}`,
      [after],
    );
    if (rows.length === 0) break;
    after = (rows[rows.length - 1] as { id: string }).id;
    for (const row of rows) {
      const stored = readStoredEvaluation(row.evaluation) as Evaluation;
      const now = evaluate(row.answers as TIntake);
      const diff = compareEvaluations(stored, now);
      const status = report.byStatus[row.status];
      report.visits++;
      status.visits++;
      bump(report.storedRulesets, rulesetLabelOf(stored));
      if (!diff.changed) continue;
      report.changed++;
      status.changed++;
      const from: Tier = stored.urgency ?? "none";
      if (from !== now.urgency) {
        bump(report.tierChanges, `${from} -> ${now.urgency}`);
        if (RANK[now.urgency] > RANK[from]) status.higher++;
        else status.lower++;
        if (row.status === "SIGNED" && RANK[now.urgency] > RANK[from]) report.signedHigher++;
      }
      const fromImaging: Modality = stored.imaging?.modality ?? "none";
      if (fromImaging !== now.imaging.modality) bump(report.imagingChanges, `${fromImaging} -> ${now.imaging.modality}`);
      for (const id of diff.gained) (report.rules[id] ??= { gained: 0, lost: 0 }).gained++;
      for (const id of diff.lost) (report.rules[id] ??= { gained: 0, lost: 0 }).lost++;
    }
  }
  report.ms = Math.round(performance.now() - started);
  return report;
}

/** The report as text for a person: totals, the tier changes as a from/to table, rules and imaging. */
export function formatImpact(r: TRulesetImpact): string {
  const lines: string[] = [];
  const pct = (n: number, of: number) => (of === 0 ? "0%" : `${((n / of) * 100).toFixed(1)}%`);
  lines.push(`ruleset:impact: ${r.visits} stored visits run through ruleset ${r.ruleset} (${(r.ms / 1000).toFixed(1)} s)`);
  lines.push(`  decided under: ${Object.entries(r.storedRulesets).map(([k, n]) => `${k} ${n}`).join(", ") || "(none)"}`);
  lines.push(`  would change: ${r.changed} (${pct(r.changed, r.visits)})`);
  for (const [status, s] of Object.entries(r.byStatus)) {
    lines.push(`    ${status.toLowerCase().padEnd(9)} ${String(s.visits).padStart(7)} visits, ${s.changed} change, ${s.higher} to a higher tier, ${s.lower} to a lower one`);
  }
  lines.push(`  signed visits the current rules rank higher (the recall list): ${r.signedHigher}`);
  lines.push("  tier changes (rows: stored, columns: current rules):");
  const order = [...TIERS].reverse();
  lines.push(`    ${"".padEnd(13)}${order.map((t) => t.padStart(13)).join("")}`);
  for (const from of order) {
    const cells = order.map((to) => (from === to ? "-" : String(r.tierChanges[`${from} -> ${to}`] ?? 0)).padStart(13));
    lines.push(`    ${from.padEnd(13)}${cells.join("")}`);
  }
  const rules = Object.entries(r.rules).sort(([a], [b]) => a.localeCompare(b));
  lines.push(`  rules (visits where a rule would newly fire / stop firing):${rules.length === 0 ? " none" : ""}`);
  for (const [id, c] of rules) lines.push(`    ${id.padEnd(20)} +${String(c.gained).padEnd(8)} -${c.lost}`);
  const imaging = Object.entries(r.imagingChanges).sort(([, a], [, b]) => b - a);
  lines.push(`  imaging suggestion changes:${imaging.length === 0 ? " none" : ""}`);
  for (const [change, n] of imaging) lines.push(`    ${change.padEnd(16)} ${n}`);
  return lines.join("\n");
}
