// The migration step that brings stored visits up to the current ruleset (knowledge.md 0.4, issue 14 item 5), run
// by the migration runner after the SQL migrations, under its advisory lock, in one transaction:
// - every open visit (submitted, not signed) decided under another ruleset is re-evaluated from its answers as
//   recorded; its previous evaluation is kept in visit_reevaluations with what changed, and a decision recorded
//   on a suggestion that changed is cleared (kept there too), so the doctor decides again on what the rules say
//   now; one audit row per visit;
// - signed visits are never rewritten: those the current rules would place in a higher tier go on the recall list
//   (ruleset_recalls) for a clinician to review;
// - the upgrade is recorded once per ruleset in ruleset_upgrades, with an audit row of its counts.
// Drafts hold no evaluation: they are evaluated when submitted.
import type pg from "pg";
import { evaluate, readStoredEvaluation, RULESET_HASH, RULESET_LABEL, RULESET_VERSION, type Evaluation, type TIntake, type Tier } from "@/lib/clinical";
import { evaluationColumns, rulesetLabelOf } from "./evaluation-columns";

const RANK: Readonly<Record<Tier, number>> = { none: 0, routine_soon: 1, urgent: 2, emergency: 3 };

export interface TRulesetUpgradeSummary {
  ruleset: string;
  /** open visits re-evaluated */
  reevaluated: number;
  /** of those, how many changed tier, imaging or fired rules */
  changed: number;
  /** decisions cleared because the suggestion they answered changed */
  decisionsCleared: number;
  /** signed visits compared with the current rules (only the first time this ruleset is applied) */
  signedChecked: number;
  /** signed visits the current rules place higher: new recall-list entries */
  recalls: number;
  /** true when this ruleset had been applied before (only open visits were looked at) */
  alreadyApplied: boolean;
}

/** Every rule id an evaluation names (RF, PW, ADV, DATA, OUT-OF-SCOPE). */
export function firedRules(e: Evaluation): string[] {
  return [...e.red_flags, ...e.pathway_rules, ...e.data_flags, ...e.advisories];
}

/** What changed between two evaluations of the same answers. */
export function compareEvaluations(before: Evaluation, after: Evaluation) {
  const was = new Set(firedRules(before));
  const now = new Set(firedRules(after));
  const gained = [...now].filter((r) => !was.has(r));
  const lost = [...was].filter((r) => !now.has(r));
  const suggestionChanged =
    before.urgency !== after.urgency || before.imaging.modality !== after.imaging.modality || before.imaging.rule !== after.imaging.rule;
  return { gained, lost, suggestionChanged, changed: suggestionChanged || gained.length > 0 || lost.length > 0 };
}

interface TOpenRow {
  id: string;
  patient_id: string;
  answers: Record<string, unknown>;
  evaluation: unknown;
  decision: string | null;
  decision_modality: string | null;
  decision_reason_code: string | null;
  decision_reason_text: string | null;
  clinical_note: string | null;
  decided_by_id: string | null;
  decided_at: Date | null;
}

const BATCH = 1000;
const FIRST_ID = "00000000-0000-0000-0000-000000000000";

export async function upgradeRuleset(client: pg.ClientBase, log: (line: string) => void = () => {}): Promise<TRulesetUpgradeSummary> {
  await client.query("BEGIN");
  try {
    const summary = await upgradeInTransaction(client);
    await client.query("COMMIT");
    if (summary.reevaluated > 0 || summary.recalls > 0 || !summary.alreadyApplied) {
      log(
        `ruleset ${summary.ruleset}: ${summary.reevaluated} open visits re-evaluated (${summary.changed} changed, ` +
          `${summary.decisionsCleared} decisions cleared), ${summary.signedChecked} signed visits checked, ${summary.recalls} to recall`,
      );
    }
    return summary;
  } catch (err) {
    await client.query("ROLLBACK").catch(() => {});
    throw err;
  }
}

async function upgradeInTransaction(client: pg.ClientBase): Promise<TRulesetUpgradeSummary> {
  const alreadyApplied = (await client.query("SELECT 1 FROM ruleset_upgrades WHERE ruleset = $1", [RULESET_LABEL])).rowCount === 1;
  const summary: TRulesetUpgradeSummary = {
    ruleset: RULESET_LABEL,
    reevaluated: 0,
    changed: 0,
    decisionsCleared: 0,
    signedChecked: 0,
    recalls: 0,
    alreadyApplied,
  };

  // Open visits under another ruleset, a batch at a time in id order (locked: a doctor's decide or sign waits for
  // the upgrade, then sees the new version and gets a 409 for the old one).
  let after = FIRST_ID;
  for (;;) {
    const { rows } = await client.query<TOpenRow>(
      `SELECT id::text, patient_id::text, answers, evaluation, decision::text, decision_modality::text,
              decision_reason_code::text, decision_reason_text, clinical_note, decided_by_id::text, decided_at
         FROM visits
        WHERE status = 'SUBMITTED' AND evaluation IS NOT NULL AND id > $3::uuid
          AND (ruleset_version IS DISTINCT FROM $1 OR evaluation->>'ruleset_hash' IS DISTINCT FROM $2)
        ORDER BY id LIMIT ${BATCH}
          FOR UPDATE`,
      [RULESET_VERSION, RULESET_HASH, after],
    );
    if (rows.length === 0) break;
    after = (rows[rows.length - 1] as TOpenRow).id;
    await reevaluateBatch(client, rows, summary);
  }

  if (!alreadyApplied) {
    await recallSigned(client, summary);
    await client.query(
      `WITH up AS (INSERT INTO ruleset_upgrades (ruleset, summary) VALUES ($1, $2::jsonb) RETURNING ruleset)
       INSERT INTO audit_events (actor_id, action, entity_type, entity_id, details)
       SELECT NULL, 'ruleset.upgrade', 'Ruleset', ruleset, $2::jsonb FROM up`,
      [RULESET_LABEL, JSON.stringify(summary)],
    );
  }
  return summary;
}

async function reevaluateBatch(client: pg.ClientBase, rows: readonly TOpenRow[], summary: TRulesetUpgradeSummary): Promise<void> {
  const c = {
    id: [] as string[], evaluation: [] as string[], ruleset: [] as string[], urgency: [] as string[], imaging: [] as string[],
    rule: [] as (string | null)[], flags: [] as string[], cannot: [] as string[], askNow: [] as boolean[], clear: [] as boolean[],
    patient: [] as string[], fromRuleset: [] as string[], fromUrgency: [] as (string | null)[], fromImaging: [] as (string | null)[],
    gained: [] as string[], lost: [] as string[], previous: [] as string[], previousDecision: [] as (string | null)[],
  };
  for (const row of rows) {
    const before = readStoredEvaluation(row.evaluation) as Evaluation;
    // 0.4 item 14: evaluated as recorded; a question 1.2 newly requires was not asked, so it is blank.
    const after = evaluate(row.answers as TIntake);
    const diff = compareEvaluations(before, after);
    const clear = row.decision !== null && diff.suggestionChanged;
    const cols = evaluationColumns(after);
    c.id.push(row.id);
    c.patient.push(row.patient_id);
    c.evaluation.push(JSON.stringify(after));
    c.ruleset.push(cols.ruleset_version);
    c.urgency.push(cols.urgency);
    c.imaging.push(cols.imaging_modality);
    c.rule.push(cols.imaging_rule);
    c.flags.push(pgArray(cols.red_flags));
    c.cannot.push(pgArray(cols.cannot_exclude));
    c.askNow.push(cols.ask_now);
    c.clear.push(clear);
    c.fromRuleset.push(rulesetLabelOf(before));
    c.fromUrgency.push(before.urgency ?? null);
    c.fromImaging.push(before.imaging?.modality ?? null);
    c.gained.push(pgArray(diff.gained));
    c.lost.push(pgArray(diff.lost));
    c.previous.push(JSON.stringify(row.evaluation));
    c.previousDecision.push(
      clear
        ? JSON.stringify({
            action: row.decision,
            modality: row.decision_modality,
            reasonCode: row.decision_reason_code,
            reasonText: row.decision_reason_text,
            note: row.clinical_note,
            decidedById: row.decided_by_id,
            decidedAt: row.decided_at?.toISOString() ?? null,
          })
        : null,
    );
    summary.reevaluated++;
    if (diff.changed) summary.changed++;
    if (clear) summary.decisionsCleared++;
  }
  await client.query(
    `WITH input AS (
       SELECT * FROM unnest($1::uuid[], $2::jsonb[], $3::text[], $4::"Urgency"[], $5::"ImagingModality"[], $6::text[], $7::text[],
                            $8::text[], $9::boolean[], $10::boolean[], $11::uuid[], $12::text[], $13::"Urgency"[],
                            $14::"ImagingModality"[], $15::text[], $16::text[], $17::jsonb[], $18::jsonb[])
         AS t(id, evaluation, ruleset, urgency, imaging, rule, flags, cannot, ask_now, clear, patient, from_ruleset,
              from_urgency, from_imaging, gained, lost, previous, previous_decision)
     ), updated AS (
       UPDATE visits v
          SET evaluation = i.evaluation, ruleset_version = i.ruleset, urgency = i.urgency, imaging_modality = i.imaging,
              imaging_rule = i.rule, red_flags = i.flags::text[], cannot_exclude = i.cannot::text[], ask_now = i.ask_now,
              decision = CASE WHEN i.clear THEN NULL ELSE v.decision END,
              decision_modality = CASE WHEN i.clear THEN NULL ELSE v.decision_modality END,
              decision_reason_code = CASE WHEN i.clear THEN NULL ELSE v.decision_reason_code END,
              decision_reason_text = CASE WHEN i.clear THEN NULL ELSE v.decision_reason_text END,
              clinical_note = CASE WHEN i.clear THEN NULL ELSE v.clinical_note END,
              decided_by_id = CASE WHEN i.clear THEN NULL ELSE v.decided_by_id END,
              decided_at = CASE WHEN i.clear THEN NULL ELSE v.decided_at END,
              version = v.version + 1, updated_at = now()
         FROM input i
        WHERE v.id = i.id
       RETURNING v.id, v.version
     ), history AS (
       INSERT INTO visit_reevaluations (visit_id, from_ruleset, to_ruleset, from_urgency, to_urgency, from_imaging, to_imaging,
                                        gained, lost, previous_evaluation, previous_decision)
       SELECT i.id, i.from_ruleset, $19, i.from_urgency, i.urgency, i.from_imaging, i.imaging,
              i.gained::text[], i.lost::text[], i.previous, i.previous_decision
         FROM input i
     )
     INSERT INTO audit_events (actor_id, action, entity_type, entity_id, patient_id, details)
     SELECT NULL, 'visit.reevaluate', 'Visit', u.id::text, i.patient,
            jsonb_build_object('version', u.version, 'fromRuleset', i.from_ruleset, 'toRuleset', $19::text)
       FROM updated u JOIN input i ON i.id = u.id`,
    [
      c.id, c.evaluation, c.ruleset, c.urgency, c.imaging, c.rule, c.flags, c.cannot, c.askNow, c.clear, c.patient,
      c.fromRuleset, c.fromUrgency, c.fromImaging, c.gained, c.lost, c.previous, c.previousDecision, RULESET_LABEL,
    ],
  );
}

/** Signed visits the current rules would place in a higher tier: the recall list (never a rewrite). */
async function recallSigned(client: pg.ClientBase, summary: TRulesetUpgradeSummary): Promise<void> {
  let after = FIRST_ID;
  for (;;) {
    const { rows } = await client.query<{ id: string; answers: Record<string, unknown>; evaluation: unknown }>(
      `SELECT id::text, answers, evaluation FROM visits
        WHERE status = 'SIGNED' AND evaluation IS NOT NULL AND id > $1::uuid
          AND (ruleset_version IS DISTINCT FROM $2 OR evaluation->>'ruleset_hash' IS DISTINCT FROM $3)
        ORDER BY id LIMIT ${BATCH}`,
      [after, RULESET_VERSION, RULESET_HASH],
    );
    if (rows.length === 0) return;
    after = (rows[rows.length - 1] as { id: string }).id;
    const r = { id: [] as string[], signedRuleset: [] as string[], signedUrgency: [] as (string | null)[], urgency: [] as string[], gained: [] as string[] };
    for (const row of rows) {
      summary.signedChecked++;
      const signed = readStoredEvaluation(row.evaluation) as Evaluation;
      const now = evaluate(row.answers as TIntake);
      if (RANK[now.urgency] <= RANK[signed.urgency ?? "none"]) continue;
      const was = new Set(firedRules(signed));
      r.id.push(row.id);
      r.signedRuleset.push(rulesetLabelOf(signed));
      r.signedUrgency.push(signed.urgency ?? null);
      r.urgency.push(now.urgency);
      r.gained.push(pgArray([...now.red_flags, ...now.data_flags].filter((x) => !was.has(x))));
    }
    if (r.id.length === 0) continue;
    const inserted = await client.query(
      `INSERT INTO ruleset_recalls (visit_id, signed_ruleset, current_ruleset, signed_urgency, current_urgency, gained, red_flag_gained)
       SELECT id, signed_ruleset, $6, signed_urgency, urgency, gained::text[], EXISTS (SELECT 1 FROM unnest(gained::text[]) g WHERE g LIKE 'RF-%')
         FROM unnest($1::uuid[], $2::text[], $3::"Urgency"[], $4::"Urgency"[], $5::text[])
           AS t(id, signed_ruleset, signed_urgency, urgency, gained)
       ON CONFLICT (visit_id, current_ruleset) DO NOTHING`,
      [r.id, r.signedRuleset, r.signedUrgency, r.urgency, r.gained, RULESET_LABEL],
    );
    summary.recalls += inserted.rowCount ?? 0;
  }
}

/** A text[] literal for unnest of arrays of arrays (rule ids are [A-Z0-9-] only). */
function pgArray(items: readonly string[]): string {
  return `{${items.join(",")}}`;
}
