// Test helpers: a complete, negative intake to vary one answer at a time, and shortcuts around evaluate().
import type { TIntake } from "../catalogue";
import { addDays } from "../dates";
import { evaluate } from "../evaluate";
import type { Evaluation } from "../types";

export const VISIT = "2025-03-10";
export const TODAY = "2025-03-10";

/** A 35-year-old woman with 10 days of uncomplicated back pain: every required answer given, every warning sign no. */
export function baseIntake(): TIntake {
  return {
    visit_date: VISIT,
    age_years: 35,
    sex: "female",
    pain_score_now: 4,
    pain_location: ["lumbar_central"],
    pain_radiation: "none",
    onset_date: "2025-02-28",
    onset_type: "gradual",
    mechanism: "no_clear_cause",
    trauma_energy: "none",
    night_pain: "none",
    leg_numbness_tingling: "none",
    leg_weakness: "none",
    neuro_deficit_progressing: false,
    gait_disturbance: false,
    saddle_anesthesia: false,
    new_urinary_retention: false,
    new_urinary_incontinence: false,
    new_bowel_incontinence: false,
    new_sexual_dysfunction: false,
    fever: false,
    unexplained_weight_loss: false,
    faint_or_collapse: false,
    history_of_cancer: false,
    iv_drug_use: "never",
    immunosuppressed: false,
    recent_bacterial_infection: false,
    recent_spinal_procedure: false,
    pregnancy_status: "not_pregnant",
    conditions: ["none"],
    medications: ["none"],
    conservative_care_weeks: 0,
    response_to_care: "not_tried",
  };
}

/** baseIntake with overrides; an override of `undefined` removes the answer (blank). */
export function intake(overrides: Record<string, unknown> = {}): TIntake {
  const out: Record<string, unknown> = { ...baseIntake() };
  for (const [k, v] of Object.entries(overrides)) {
    if (v === undefined) delete out[k];
    else out[k] = v;
  }
  // Keep the conditionally required answers answered exactly when they apply, unless a test says otherwise:
  // known_aaa from age 50, pregnancy_status for patients not male aged 12-55 (0.4 item 10).
  const age = typeof out.age_years === "number" ? out.age_years : null;
  if (!("known_aaa" in overrides)) {
    if (age !== null && age >= 50) out.known_aaa = false;
    else delete out.known_aaa;
  }
  if (!("pregnancy_status" in overrides)) {
    if (out.sex !== "male" && age !== null && age >= 12 && age <= 55) out.pregnancy_status = "not_pregnant";
    else delete out.pregnancy_status;
  }
  return out as TIntake;
}

export function run(overrides: Record<string, unknown> = {}): Evaluation {
  return evaluate(intake(overrides));
}

/** All rule ids that fired (RF, PW, ADV, data flags). */
export function firedIds(e: Evaluation): string[] {
  return [...e.red_flags, ...e.pathway_rules, ...e.advisories, ...e.data_flags];
}

export function fires(ruleId: string, overrides: Record<string, unknown> = {}): boolean {
  return firedIds(run(overrides)).includes(ruleId);
}

/** The onset date `days` before the visit. */
export function onsetDaysAgo(days: number): string {
  return addDays(VISIT, -days);
}

export function explanationOf(e: Evaluation, ruleId: string): readonly string[] {
  const found = e.explanations.find((x) => x.rule === ruleId);
  if (!found) throw new Error(`${ruleId} did not fire`);
  return found.conditions;
}
