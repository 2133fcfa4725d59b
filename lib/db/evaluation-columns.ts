// The visit columns an evaluation decides, denormalised for the queue (its filters, counts and order never read
// the evaluation JSON). One mapping for every writer: submit, the synthetic seed and the ruleset upgrade.
import type { Evaluation, Modality, Tier } from "@/lib/clinical/types";

export interface TEvaluationColumns {
  ruleset_version: string;
  urgency: Tier;
  imaging_modality: Modality;
  imaging_rule: string | null;
  red_flags: string[];
  /** the RF rules DATA-02 cannot exclude (knowledge.md 0.4 item 1) */
  cannot_exclude: string[];
  /** urgent with an emergency rule in cannot_exclude: "Ask now", first within the urgent tier (0.4 item 1) */
  ask_now: boolean;
}

export function evaluationColumns(e: Evaluation): TEvaluationColumns {
  return {
    ruleset_version: e.ruleset_version,
    urgency: e.urgency,
    imaging_modality: e.imaging.modality,
    imaging_rule: e.imaging.rule,
    red_flags: [...e.red_flags],
    cannot_exclude: e.cannot_exclude.map((c) => c.rule),
    ask_now: e.cannot_exclude_emergency && e.urgency === "urgent",
  };
}

/** The same columns as Prisma's Visit fields, for writers that update through Prisma (the locked submit, amend). */
export function evaluationFields(e: Evaluation) {
  const c = evaluationColumns(e);
  return {
    rulesetVersion: c.ruleset_version,
    urgency: c.urgency,
    imagingModality: c.imaging_modality,
    imagingRule: c.imaging_rule,
    redFlags: c.red_flags,
    cannotExclude: c.cannot_exclude,
    askNow: c.ask_now,
  };
}

/** "1.2.0+<hash>": the exact ruleset an evaluation was made under (1.1 stored that form as ruleset_version). */
export function rulesetLabelOf(e: Pick<Evaluation, "ruleset_version" | "ruleset_hash">): string {
  return e.ruleset_hash ? `${e.ruleset_version}+${e.ruleset_hash}` : e.ruleset_version;
}
