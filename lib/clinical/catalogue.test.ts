// The question catalogue against knowledge.md a.1-a.6: ids, sections, types, options, ranges and required
// flags are a contract with the rules and with the stored data.
import { describe, expect, it } from "vitest";
import { HASHED_QUESTIONS, painScoreQuestion, QUESTION_LIST, QUESTIONS, SECTIONS, questionById, questionsInSection } from "./catalogue";
import { DERIVED } from "./derive";
import { isQuestionRequired, isQuestionVisible, missingRequiredFields, visibleQuestions } from "./display";
import { condVars, numVars } from "./evaluator";
import { RULES } from "./rules";
import { sourceByTag } from "./sources";
import { baseIntake } from "./test-support/builders";
import type { DerivedDef, QuestionDef } from "./types";

type Row = [id: string, section: string, type: QuestionDef["type"], required: boolean, options?: string[]];

// Transcribed from knowledge.md a.1-a.6 with the 1.2 revision (0.4 items 3, 4, 6, 10); R* and "R if age >= 50" are
// conditionally required: false here.
const SPEC: Row[] = [
  ["visit_date", "a.1", "date", true],
  ["age_years", "a.1", "integer", true],
  ["sex", "a.1", "enum", true, ["female", "male", "other", "not_stated"]],
  ["pain_score_now", "a.2", "integer", true],
  ["peg_pain_avg_week", "a.2", "integer", false],
  ["peg_enjoyment_interference", "a.2", "integer", false],
  ["peg_activity_interference", "a.2", "integer", false],
  ["pain_location", "a.2", "multi-enum", true, ["lumbar_central", "lumbar_left", "lumbar_right", "buttock", "thoracic", "abdomen_or_flank", "neck", "widespread"]],
  ["pain_radiation", "a.2", "enum", true, ["none", "buttock_or_thigh_only", "below_knee_one_leg", "below_knee_both_legs"]],
  ["onset_date", "a.2", "date", true],
  ["onset_type", "a.2", "enum", true, ["sudden", "gradual"]],
  ["mechanism", "a.2", "enum", true, ["no_clear_cause", "lifting_or_bending", "twisting", "sports_activity", "fall", "motor_vehicle_collision", "assault_or_violence", "direct_blow", "other"]],
  ["trauma_energy", "a.2", "enum", true, ["none", "minor", "major"]],
  ["trauma_details", "a.2", "text", false],
  ["spasm_frequency", "a.2", "enum", false, ["none", "less_than_weekly", "weekly", "daily", "several_times_daily", "constant"]],
  ["relieving_factors", "a.2", "multi-enum", false, ["rest_or_lying", "movement_or_exercise", "heat_or_ice", "position_change", "pressure_or_massage", "medication", "nothing"]],
  ["aggravating_factors", "a.2", "multi-enum", false, ["bending", "twisting", "lifting", "sitting", "standing", "walking", "cough_or_sneeze", "lying_flat", "after_rest_or_morning", "none"]],
  ["night_pain", "a.2", "enum", true, ["none", "only_when_turning", "wakes_late_night_eases_on_rising", "unrelenting_at_rest"]],
  ["morning_stiffness_minutes", "a.2", "integer", false],
  ["improves_with_exercise", "a.2", "boolean", false],
  ["improves_with_rest", "a.2", "boolean", false],
  ["nsaid_response", "a.2", "enum", false, ["not_tried", "good_within_48h", "partial", "none"]],
  ["leg_numbness_tingling", "a.3", "enum", true, ["none", "one_leg", "both_legs"]],
  ["leg_weakness", "a.3", "enum", true, ["none", "one_leg_mild", "one_leg_marked", "both_legs"]],
  ["neuro_deficit_progressing", "a.3", "boolean", true],
  ["gait_disturbance", "a.3", "boolean", true],
  ["pseudoclaudication", "a.3", "boolean", false],
  ["saddle_anesthesia", "a.3", "boolean", true],
  ["new_urinary_retention", "a.3", "boolean", true],
  ["new_urinary_incontinence", "a.3", "boolean", true],
  ["new_bowel_incontinence", "a.3", "boolean", true],
  ["new_sexual_dysfunction", "a.3", "boolean", true],
  ["fever", "a.4", "boolean", true],
  ["temperature_c", "a.4", "number", false],
  ["chills_or_night_sweats", "a.4", "boolean", false],
  ["unexplained_weight_loss", "a.4", "boolean", true],
  ["faint_or_collapse", "a.4", "boolean", true],
  ["history_of_cancer", "a.4", "boolean", true],
  ["cancer_details", "a.4", "text", false],
  ["iv_drug_use", "a.4", "enum", true, ["never", "past_over_12_months", "current_or_within_12_months"]],
  ["immunosuppressed", "a.4", "boolean", true],
  ["recent_bacterial_infection", "a.4", "boolean", true],
  ["recent_spinal_procedure", "a.4", "boolean", true],
  ["prior_lumbar_surgery", "a.4", "boolean", false],
  ["known_aaa", "a.4", "boolean", false],
  ["pregnancy_status", "a.4", "enum", false, ["not_pregnant", "pregnant", "postpartum_under_12_weeks", "unsure"]],
  ["smoking_status", "a.4", "enum", false, ["never", "former", "current"]],
  ["conditions", "a.5", "multi-enum", true, ["none", "osteoarthritis_spine", "disc_herniation", "spinal_stenosis", "osteoporosis", "prior_vertebral_fracture", "multiple_sclerosis", "fibromyalgia", "inflammatory_arthritis", "enthesitis", "psoriasis", "inflammatory_bowel_disease", "uveitis", "diabetes", "kidney_stones"]],
  ["family_history_spondyloarthritis", "a.5", "boolean", false],
  ["medications", "a.5", "multi-enum", true, ["none", "diuretic", "systemic_corticosteroid", "muscle_relaxant", "nsaid", "acetaminophen", "opioid", "anticoagulant", "immunosuppressant_or_biologic", "other"]],
  ["corticosteroid_months", "a.5", "number", false],
  ["medication_details", "a.5", "text", false],
  ["recent_activity", "a.5", "multi-enum", false, ["none", "heavy_lifting", "manual_labour", "new_or_intense_exercise", "weightlifting", "contact_sport", "twisting_sport", "prolonged_driving", "household_tasks"]],
  ["conservative_care_weeks", "a.5", "integer", true],
  ["response_to_care", "a.5", "enum", true, ["not_tried", "improving", "no_change", "worsening"]],
  ["intervention_candidate", "a.5", "boolean", false],
  ["risk_stratification_category", "a.5", "enum", false, ["not_done", "low", "medium", "high"]],
  ["stress_level", "a.6", "enum", false, ["low", "moderate", "high"]],
  ["sleep_hours", "a.6", "number", false],
  ["sitting_hours_per_day", "a.6", "number", false],
  ["hourly_breaks_when_sitting", "a.6", "boolean", false],
  ["aerobic_moderate_min_week", "a.6", "integer", false],
  ["aerobic_vigorous_min_week", "a.6", "integer", false],
  ["strength_days_per_week", "a.6", "integer", false],
  ["posture_self_rating", "a.6", "enum", false, ["good", "sometimes_poor", "mostly_poor"]],
  ["occupation_type", "a.6", "enum", false, ["sedentary_desk", "standing", "manual_heavy", "driving", "not_working", "other"]],
  ["low_mood_or_anxiety", "a.6", "boolean", false],
  ["fear_movement_harmful", "a.6", "boolean", false],
  ["work_or_compensation_issue", "a.6", "boolean", false],
  ["daily_fluid_litres", "a.6", "number", false],
  ["dehydration_signs", "a.6", "boolean", false],
  ["heavy_sweating_or_heat", "a.6", "boolean", false],
  ["diet_pattern", "a.6", "enum", false, ["balanced", "low_calcium_or_dairy", "mostly_processed", "restrictive_or_dieting"]],
  ["calcium_or_vitamin_d_supplement", "a.6", "boolean", false],
];

const RANGES: Record<string, [number, number]> = {
  age_years: [0, 110],
  pain_score_now: [0, 10],
  peg_pain_avg_week: [0, 10],
  peg_enjoyment_interference: [0, 10],
  peg_activity_interference: [0, 10],
  morning_stiffness_minutes: [0, 720],
  temperature_c: [30, 43],
  corticosteroid_months: [0, 600],
  conservative_care_weeks: [0, 520],
  sleep_hours: [0, 16],
  sitting_hours_per_day: [0, 20],
  aerobic_moderate_min_week: [0, 3000],
  aerobic_vigorous_min_week: [0, 2000],
  strength_days_per_week: [0, 7],
  daily_fluid_litres: [0, 10],
};

describe("question catalogue", () => {
  it("has every field of a.1-a.6, in order, with the spec's section, type and required flag", () => {
    expect(QUESTION_LIST.map((q) => [q.id, q.section, q.type, q.required])).toEqual(
      SPEC.map(([id, section, type, required]) => [id, section, type, required]),
    );
    expect(QUESTIONS).toHaveLength(SPEC.length);
  });

  it("has the spec's options, in the spec's order, each with a label", () => {
    for (const [id, , , , options] of SPEC) {
      const q = questionById(id);
      if (options === undefined) continue;
      expect(q?.type === "enum" || q?.type === "multi-enum").toBe(true);
      if (q?.type === "enum" || q?.type === "multi-enum") {
        expect(q.options.map((o) => o.value), id).toEqual(options);
        for (const o of q.options) expect(o.label.length, `${id}.${o.value}`).toBeGreaterThan(0);
      }
    }
  });

  it("has the spec's units and ranges", () => {
    for (const q of QUESTION_LIST) {
      if (q.type !== "integer" && q.type !== "number") continue;
      expect([q.min, q.max], q.id).toEqual(RANGES[q.id]);
      expect(q.unit.length, q.id).toBeGreaterThan(0);
    }
  });

  it("marks the neutral options of 0.3 item 2", () => {
    const neutral = Object.fromEntries(
      QUESTION_LIST.flatMap((q) => (q.type === "enum" && q.neutral ? [[q.id, q.neutral]] : [])),
    );
    expect(neutral).toEqual({
      pain_radiation: "none",
      night_pain: "none",
      leg_numbness_tingling: "none",
      leg_weakness: "none",
      trauma_energy: "none",
      spasm_frequency: "none",
      iv_drug_use: "never",
      response_to_care: "not_tried",
      nsaid_response: "not_tried",
      mechanism: "no_clear_cause",
      risk_stratification_category: "not_done",
    });
  });

  it("marks none as exclusive in every multi-select that offers it", () => {
    for (const q of QUESTION_LIST) {
      if (q.type !== "multi-enum") continue;
      const offersNone = q.options.some((o) => o.value === "none");
      expect(q.exclusive, q.id).toBe(offersNone ? "none" : undefined);
    }
  });

  it("has sections a.1-a.6 in order, each with questions", () => {
    expect(SECTIONS.map((s) => s.id)).toEqual(["a.1", "a.2", "a.3", "a.4", "a.5", "a.6"]);
    for (const s of SECTIONS) expect(questionsInSection(s.id).length).toBeGreaterThan(0);
  });

  it("gives every question a label and known source tags", () => {
    for (const q of QUESTION_LIST) {
      expect(q.label.length, q.id).toBeGreaterThan(5);
      expect(q.sources.length, q.id).toBeGreaterThan(0);
      for (const tag of q.sources) expect(sourceByTag(tag), `${q.id} ${tag}`).toBeDefined();
    }
    for (const r of RULES) for (const tag of r.sources) expect(sourceByTag(tag), `${r.id} ${tag}`).toBeDefined();
  });

  it("flags as informational exactly the answers no rule or derived variable reads", () => {
    const read = new Set<string>();
    for (const r of RULES) {
      condVars(r.when, read);
      for (const p of r.panels ?? []) if (p.when) condVars(p.when, read);
      if (r.imaging?.when) condVars(r.imaging.when, read);
    }
    for (const d of DERIVED as readonly DerivedDef[]) {
      if (d.type === "boolean") condVars(d.when, read);
      else if (d.type === "number") numVars(d.expr, read);
      else read.add(d.var);
    }
    for (const q of QUESTION_LIST) {
      // PEG items feed peg_score, which is for tracking only (a.7).
      const consideredRead = read.has(q.id) && !q.id.startsWith("peg_");
      expect(q.informational ?? false, q.id).toBe(!consideredRead);
    }
  });

  it("gives every question a short name in plain words, unique, without field ids", () => {
    const shorts = QUESTION_LIST.map((q) => q.short);
    expect(new Set(shorts).size).toBe(shorts.length);
    for (const q of QUESTION_LIST) {
      expect(q.short, q.id).toMatch(/^[a-z0-9][A-Za-z0-9 ,()'-]*$/);
      expect(q.short, q.id).not.toContain("_");
    }
  });

  it("marks the pain score now as the one pain-score observation, LOINC 72514-3", () => {
    const q = painScoreQuestion();
    expect(q).toBe(questionById("pain_score_now"));
    expect(q.observation).toEqual({
      kind: "pain_score",
      loinc: { code: "72514-3", display: "Pain severity - 0-10 verbal numeric rating [Score] - Reported" },
      text: "Pain score now (0-10)",
    });
    expect(QUESTION_LIST.filter((x) => "observation" in x && x.observation).map((x) => x.id)).toEqual(["pain_score_now"]);
  });

  it("hashes the questions without their observation coding, and otherwise whole", () => {
    expect(HASHED_QUESTIONS.some((q) => "observation" in q)).toBe(false);
    const { observation, ...rest } = painScoreQuestion();
    expect(observation).toBeDefined();
    expect(HASHED_QUESTIONS).toEqual(QUESTION_LIST.map((q) => (q === painScoreQuestion() ? rest : q)));
  });

  it("questionById finds questions and returns undefined for unknown ids", () => {
    expect(questionById("fever")?.type).toBe("boolean");
    expect(questionById("nope")).toBeUndefined();
  });
});

describe("conditional display and requirement", () => {
  const q = (id: string): QuestionDef => {
    const found = questionById(id);
    if (!found) throw new Error(id);
    return found;
  };

  it("corticosteroid_months shows and is required only when steroids are ticked", () => {
    const ticked = { medications: ["nsaid", "systemic_corticosteroid"] };
    expect(isQuestionVisible(q("corticosteroid_months"), ticked)).toBe(true);
    expect(isQuestionVisible(q("corticosteroid_months"), { medications: ["nsaid"] })).toBe(false);
    expect(isQuestionVisible(q("corticosteroid_months"), {})).toBe(false);
    expect(isQuestionRequired(q("corticosteroid_months"), ticked)).toBe(true);
    expect(isQuestionRequired(q("corticosteroid_months"), {})).toBe(false);
  });

  it("temperature_c shows when fever is reported; cancer_details with a cancer history; trauma_details after an injury", () => {
    expect(isQuestionVisible(q("temperature_c"), { fever: true })).toBe(true);
    expect(isQuestionVisible(q("temperature_c"), { fever: false })).toBe(false);
    expect(isQuestionVisible(q("cancer_details"), { history_of_cancer: true })).toBe(true);
    expect(isQuestionVisible(q("cancer_details"), {})).toBe(false);
    expect(isQuestionVisible(q("trauma_details"), { trauma_energy: "minor" })).toBe(true);
    expect(isQuestionVisible(q("trauma_details"), { trauma_energy: "none" })).toBe(false);
  });

  it("known_aaa is required from age 50; faint_or_collapse at every age (0.4 item 6)", () => {
    expect(isQuestionVisible(q("known_aaa"), {})).toBe(true);
    expect(isQuestionRequired(q("known_aaa"), { age_years: 49 })).toBe(false);
    expect(isQuestionRequired(q("known_aaa"), { age_years: 50 })).toBe(true);
    expect(isQuestionRequired(q("known_aaa"), {})).toBe(false);
    for (const age of [0, 20, 49, 50, 90]) expect(isQuestionRequired(q("faint_or_collapse"), { age_years: age })).toBe(true);
  });

  it.each([
    [{ sex: "female", age_years: 11 }, false],
    [{ sex: "female", age_years: 12 }, true],
    [{ sex: "female", age_years: 55 }, true],
    [{ sex: "female", age_years: 56 }, false],
    [{ sex: "other", age_years: 30 }, true],
    [{ sex: "not_stated", age_years: 30 }, true],
    [{ age_years: 30 }, true],
    [{ sex: "male", age_years: 30 }, false],
    [{ sex: "female" }, false],
  ])("pregnancy_status with %o: asked and required %s (0.4 items 10 and 14)", (answers, asked) => {
    expect(isQuestionVisible(q("pregnancy_status"), answers)).toBe(asked);
    expect(isQuestionRequired(q("pregnancy_status"), answers)).toBe(asked);
  });

  it("visibleQuestions and missingRequiredFields work on odd drafts without throwing", () => {
    expect(visibleQuestions({ fever: "maybe", medications: "x" }).map((x) => x.id)).not.toContain("temperature_c");
    expect(missingRequiredFields(baseIntake())).toEqual([]);
    expect(missingRequiredFields({ ...baseIntake(), age_years: 70 })).toEqual(["known_aaa"]);
    expect(missingRequiredFields({}).length).toBe(32);
  });
});
