// Advisory rules (knowledge.md e, 0.4 items 5, 8-10): thresholds, blanks, and that advisories never change urgency
// or imaging.
import { describe, expect, it } from "vitest";
import { ADVISORY_RULES } from "./advisories";
import { fires, run } from "../test-support/builders";

describe("ADV rules", () => {
  it.each([
    ["ADV-STRESS", { stress_level: "high" }, { stress_level: "moderate" }],
    ["ADV-SLEEP", { sleep_hours: 6.9 }, { sleep_hours: 7 }],
    ["ADV-SITTING", { sitting_hours_per_day: 6, hourly_breaks_when_sitting: false }, { sitting_hours_per_day: 5.9, hourly_breaks_when_sitting: false }],
    ["ADV-ACTIVITY", { aerobic_moderate_min_week: 149, strength_days_per_week: 2 }, { aerobic_moderate_min_week: 150, strength_days_per_week: 2 }],
    ["ADV-ACTIVITY", { aerobic_moderate_min_week: 150, strength_days_per_week: 1 }, { aerobic_vigorous_min_week: 75, strength_days_per_week: 2 }],
    ["ADV-POSTURE", { posture_self_rating: "sometimes_poor" }, { posture_self_rating: "good" }],
    ["ADV-POSTURE", { posture_self_rating: "mostly_poor" }, {}],
    ["ADV-HYDRATION", { daily_fluid_litres: 1.4 }, { daily_fluid_litres: 1.5 }],
    ["ADV-HYDRATION", { dehydration_signs: true }, { dehydration_signs: false }],
    ["ADV-HYDRATION", { heavy_sweating_or_heat: true }, { heavy_sweating_or_heat: false }],
    ["ADV-NUTRITION", { diet_pattern: "low_calcium_or_dairy" }, { diet_pattern: "balanced" }],
    ["ADV-NUTRITION", { diet_pattern: "mostly_processed" }, {}],
    ["ADV-NUTRITION", { diet_pattern: "restrictive_or_dieting" }, {}],
    ["ADV-DIURETIC", { medications: ["diuretic"] }, { medications: ["nsaid"] }],
    ["ADV-RELAXANT", { medications: ["muscle_relaxant"] }, { medications: ["none"] }],
    ["ADV-OPIOID", { medications: ["opioid", "nsaid"] }, { medications: ["acetaminophen"] }],
    ["ADV-STRAIN", { mechanism: "lifting_or_bending" }, { mechanism: "fall" }],
    ["ADV-STRAIN", { mechanism: "twisting", trauma_energy: "minor" }, { mechanism: "sports_activity", trauma_energy: "major" }],
    ["ADV-STRAIN", { mechanism: "sports_activity" }, { mechanism: "no_clear_cause" }],
    ["ADV-PSYCHOSOCIAL", { low_mood_or_anxiety: true }, { low_mood_or_anxiety: false }],
    ["ADV-PSYCHOSOCIAL", { fear_movement_harmful: true }, {}],
    ["ADV-PSYCHOSOCIAL", { work_or_compensation_issue: true }, {}],
    ["ADV-PAIN", { pain_score_now: 8 }, { pain_score_now: 7 }],
    // 0.4 items 5, 8, 9, 10
    ["ADV-NSAID-CAUTION", { medications: ["anticoagulant"] }, { medications: ["nsaid"] }],
    ["ADV-NSAID-CAUTION", { age_years: 66 }, { age_years: 65 }],
    ["ADV-NSAID-CAUTION", { age_years: 90, medications: ["anticoagulant", "nsaid"] }, { age_years: undefined }],
    ["ADV-RENAL", { conditions: ["kidney_stones"], pain_location: ["abdomen_or_flank"] }, { conditions: ["kidney_stones"] }],
    ["ADV-RENAL", { conditions: ["kidney_stones", "diabetes"], onset_type: "sudden" }, { pain_location: ["abdomen_or_flank"], onset_type: "sudden" }],
    ["ADV-STRATIFIED-HIGH", { risk_stratification_category: "high" }, { risk_stratification_category: "medium" }],
    ["ADV-STRATIFIED-HIGH", { risk_stratification_category: "high" }, { risk_stratification_category: undefined }],
    ["ADV-PREGNANCY", { pregnancy_status: "pregnant" }, { pregnancy_status: "not_pregnant" }],
    ["ADV-PREGNANCY", { pregnancy_status: "postpartum_under_12_weeks" }, { pregnancy_status: undefined }],
    ["ADV-PREGNANCY", { pregnancy_status: "unsure" }, {}],
  ])("%s fires on %o, not on %o", (id, yes, no) => {
    expect(fires(id, yes)).toBe(true);
    expect(fires(id, no)).toBe(false);
  });

  it("ADV-SITTING fires when hourly breaks are blank (no breaks recorded), not when breaks are taken", () => {
    expect(fires("ADV-SITTING", { sitting_hours_per_day: 8 })).toBe(true);
    expect(fires("ADV-SITTING", { sitting_hours_per_day: 8, hourly_breaks_when_sitting: true })).toBe(false);
  });

  it("ADV-ACTIVITY counts one blank aerobic item as 0, and stays silent when everything is blank", () => {
    expect(fires("ADV-ACTIVITY", { aerobic_vigorous_min_week: 74 })).toBe(true);
    expect(fires("ADV-ACTIVITY", { aerobic_vigorous_min_week: 75 })).toBe(false);
    expect(fires("ADV-ACTIVITY", {})).toBe(false);
  });

  it("ADV-DIURETIC adds electrolytes only with daily or more frequent spasms", () => {
    for (const freq of ["daily", "several_times_daily", "constant"]) {
      const e = run({ medications: ["diuretic"], spasm_frequency: freq });
      expect(e.blood_tests).toMatchObject({ required: true, panel: ["Na", "K", "Mg", "Ca", "renal function"] });
    }
    for (const freq of ["none", "less_than_weekly", "weekly", undefined]) {
      expect(run({ medications: ["diuretic"], spasm_frequency: freq }).blood_tests.required).toBe(false);
    }
  });

  it("ADV-RENAL adds urinalysis", () => {
    expect(run({ conditions: ["kidney_stones"], onset_type: "sudden" }).blood_tests).toMatchObject({ required: true, panel: ["urinalysis"] });
  });

  it("ADV-NSAID-CAUTION fires at any tier (0.4 item 14)", () => {
    for (const o of [{ medications: ["anticoagulant"], saddle_anesthesia: true }, { age_years: 70, fever: true }]) {
      expect(run(o).advisories).toContain("ADV-NSAID-CAUTION");
    }
  });

  it("ADV-PREGNANCY reads the recorded answer only, and routes to the doctor queue", () => {
    expect(fires("ADV-PREGNANCY", { sex: "male", age_years: 60, pregnancy_status: "unsure" })).toBe(true);
    expect(run({ pregnancy_status: "pregnant" }).doctor_queue).toBe(true);
    expect(run({ pregnancy_status: "pregnant" }).urgency).toBe("none");
    const staff = run({ pregnancy_status: "pregnant" }).explanations.find((x) => x.rule === "ADV-PREGNANCY");
    expect(staff?.message).toBe("In later pregnancy, regular tightening, bleeding or fluid loss means maternity assessment now.");
  });

  it("never change the urgency or the imaging; only ADV-PREGNANCY and ADV-STRATIFIED-HIGH route to a doctor", () => {
    const quiet = run({});
    const loud = run({
      stress_level: "high",
      sleep_hours: 4,
      sitting_hours_per_day: 10,
      posture_self_rating: "mostly_poor",
      daily_fluid_litres: 0.5,
      diet_pattern: "mostly_processed",
      medications: ["diuretic", "muscle_relaxant", "opioid", "anticoagulant"],
      conditions: ["kidney_stones"],
      onset_type: "sudden",
      mechanism: "lifting_or_bending",
      low_mood_or_anxiety: true,
      pain_score_now: 10,
      aerobic_moderate_min_week: 0,
      risk_stratification_category: "high",
      pregnancy_status: "pregnant",
    });
    expect(loud.advisories).toHaveLength(ADVISORY_RULES.length);
    expect(loud.red_flags).toEqual([]);
    expect(loud.urgency).toBe(quiet.urgency);
    expect(loud.imaging.modality).toBe(quiet.imaging.modality);
    expect(loud.doctor_queue).toBe(true);
    const routed = ADVISORY_RULES.filter((r) => r.doctor_queue).map((r) => r.id);
    expect(routed).toEqual(["ADV-STRATIFIED-HIGH", "ADV-PREGNANCY"]);
  });

  it("carry a patient message and sources", () => {
    const e = run({ pain_score_now: 9 });
    const x = e.explanations.find((r) => r.rule === "ADV-PAIN");
    expect(x?.message).toMatch(/analgesia/);
    expect(x?.conditions).toEqual([expect.stringMatching(/: 9 points \(0-10\), at least 8$/)]);
    expect(x?.sources.length).toBeGreaterThan(0);
  });
});
