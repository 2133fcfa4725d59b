// DATA-01 (b.4), DATA-02 (0.4 item 1) and OUT-OF-SCOPE-01 (0.4 item 2). DATA-01's trigger is generated from the
// catalogue's required / requiredWhen flags, so adding a required question automatically extends the completeness
// check; a new required question needs a worst answer in WORST_ANSWERS (booleans are `true` by default).
import { all, any, blank, lt } from "../conditions";
import { QUESTION_LIST } from "../catalogue";
import type { Cond, RuleDef } from "../types";

/** One `blank(field)` clause per required answer, guarded by its condition when conditionally required. */
export function requiredAnswerChecks(): { field: string; clause: Cond }[] {
  const checks: { field: string; clause: Cond }[] = [];
  for (const q of QUESTION_LIST) {
    if (q.required) checks.push({ field: q.id, clause: blank(q.id) });
    else if (q.requiredWhen) checks.push({ field: q.id, clause: all(q.requiredWhen, blank(q.id)) });
  }
  return checks;
}

export const OUT_OF_SCOPE_MESSAGE = "Not for use under 16: a doctor reviews today.";

/** 0.4 item 2: the note an emergency rule's imaging carries under 16. */
export const UNDER_16_IMAGING_NOTE =
  "under 16: agree imaging with paediatrics; prefer MRI where it answers the question";

// 0.4 item 2 (replaces 0.3 item 6): under 16 only the emergency RF rules (and ADV-PREGNANCY) are evaluated, and
// a doctor reviews every case the same day.
export const OUT_OF_SCOPE_RULE: RuleDef = {
  id: "OUT-OF-SCOPE-01",
  kind: "out_of_scope",
  title: "Under 16: a doctor reviews today",
  tier: "urgent",
  when: lt("age_years", 16),
  action:
    "Not for use under 16: a doctor reviews the case today (serious causes of back pain are commoner in children " +
    "and adolescents). The emergency checks still run; agree any imaging with paediatrics.",
  message: OUT_OF_SCOPE_MESSAGE,
  imaging_note: UNDER_16_IMAGING_NOTE,
  sources: ["[NICE-NG59]", "[clinical-knowledge]"],
};

export const DATA_RULES: readonly RuleDef[] = [
  {
    id: "DATA-01",
    kind: "data",
    title: "Red-flag screen incomplete",
    tier: null,
    when: any(...requiredAnswerChecks().map((c) => c.clause)),
    action:
      "The plan is provisional: complete the missing answers listed. A submission with blank required answers " +
      "is accepted once staff confirm, stays provisional until the answers are completed, and goes to the doctor queue.",
    sources: ["[design]", "[CW-AAPMR]"],
  },
];

/**
 * DATA-02 (0.4 item 1). Its trigger is not a condition over the answers: the engine re-evaluates the RF rules
 * once per blank required answer, set to its worst answer (evaluate.ts), and DATA-02 fires when some RF rule
 * fires only in such a re-run. Its tier is the highest tier of those rules, capped at urgent. `when` is never
 * evaluated (it is here for the rule's shape and the ruleset hash).
 */
export const DATA_02_RULE: RuleDef = {
  id: "DATA-02",
  kind: "data",
  title: "Safety screen incomplete: cannot exclude a red flag",
  tier: null,
  when: any(...requiredAnswerChecks().map((c) => c.clause)),
  action:
    "Ask the unanswered safety questions now, before the patient leaves: a doctor reviews the case today. The " +
    "result stays provisional until they are answered.",
  sources: ["[BMJBP-CES]", "[CW-AAPMR]", "[clinical-knowledge]"],
};

/** DATA-02's tier is the highest tier among what it cannot exclude, never above this (0.4 item 1). */
export const DATA_02_TIER_CAP = "urgent";

/**
 * w(f) of 0.4 item 1: the worst answer of each required field, as the answers to set for the re-run (the
 * medications' worst answer comes with 12 months of steroids). `visit_date` and `onset_date` have none and are
 * not re-run.
 */
export const WORST_ANSWERS: Readonly<Record<string, Readonly<Record<string, unknown>>>> = {
  age_years: { age_years: 71 },
  sex: { sex: "male" },
  pain_score_now: { pain_score_now: 10 },
  pain_location: { pain_location: ["lumbar_central", "abdomen_or_flank", "thoracic"] },
  pain_radiation: { pain_radiation: "below_knee_both_legs" },
  onset_type: { onset_type: "sudden" },
  mechanism: { mechanism: "fall" },
  trauma_energy: { trauma_energy: "major" },
  night_pain: { night_pain: "unrelenting_at_rest" },
  leg_numbness_tingling: { leg_numbness_tingling: "both_legs" },
  leg_weakness: { leg_weakness: "both_legs" },
  iv_drug_use: { iv_drug_use: "current_or_within_12_months" },
  medications: {
    medications: ["anticoagulant", "systemic_corticosteroid", "immunosuppressant_or_biologic"],
    corticosteroid_months: 12,
  },
  corticosteroid_months: { corticosteroid_months: 12 },
  conditions: { conditions: ["osteoporosis", "diabetes"] },
  conservative_care_weeks: { conservative_care_weeks: 52 },
  response_to_care: { response_to_care: "worsening" },
  pregnancy_status: { pregnancy_status: "pregnant" },
};
