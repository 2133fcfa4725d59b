// Derived variables (knowledge.md a.7) at their boundaries, including how blanks behave (0.3 item 2).
import { describe, expect, it } from "vitest";
import { DERIVED } from "./derive";
import { onsetDaysAgo, run } from "./test-support/builders";

const d = (overrides: Record<string, unknown>) => run(overrides).derived;

describe("a.7 derived variables", () => {
  it("lists every variable of a.7 in the evaluation output", () => {
    expect(DERIVED.map((x) => x.id)).toEqual([
      "duration_days",
      "phase",
      "fever_present",
      "radicular",
      "bilateral_leg_symptoms",
      "recent_or_worsening",
      "any_neuro_symptom",
      "prolonged_steroids",
      "immunosuppressed_any",
      "iv_drug_recent",
      "infection_risk",
      "fracture_risk",
      "minor_precipitant",
      "unrelenting_night_pain",
      "failed_trial",
      "n_cancer_weak",
      "onset_age",
      "nice_spa_count",
      "aerobic_equiv",
      "peg_score",
    ]);
    expect(Object.keys(d({}))).toEqual(DERIVED.map((x) => x.id));
  });

  describe("duration_days and phase", () => {
    it("counts whole days from onset to visit, across month and leap-year ends", () => {
      expect(d({ onset_date: "2025-03-10" }).duration_days).toBe(0);
      expect(d({ onset_date: "2025-02-28" }).duration_days).toBe(10);
      expect(d({ onset_date: "2024-02-29", visit_date: "2025-03-01" }).duration_days).toBe(366);
      expect(d({ onset_date: "2024-03-10" }).duration_days).toBe(365);
    });
    it("is blank when either date is blank (0.3 item 3)", () => {
      expect(d({ onset_date: undefined }).duration_days).toBeNull();
      expect(d({ visit_date: undefined }).duration_days).toBeNull();
      expect(d({ onset_date: undefined }).phase).toBeNull();
    });
    it.each([
      [0, "acute"],
      [27, "acute"],
      [28, "subacute"],
      [83, "subacute"],
      [84, "chronic"],
      [400, "chronic"],
    ])("%i days is %s", (days, phase) => {
      expect(d({ onset_date: onsetDaysAgo(days) }).phase).toBe(phase);
    });
  });

  describe("fever_present", () => {
    it.each([
      [{ fever: true }, true],
      [{ fever: false, temperature_c: 37.9 }, false],
      [{ fever: false, temperature_c: 38.0 }, true],
      [{ fever: false, temperature_c: 38.6 }, true],
      [{ fever: undefined }, false],
      [{ fever: undefined, temperature_c: 38 }, true],
      // 0.4 item 4: chills count as fever.
      [{ fever: false, chills_or_night_sweats: true }, true],
      [{ fever: false, chills_or_night_sweats: false, temperature_c: 37.9 }, false],
      [{ fever: false, temperature_c: 30 }, false],
    ])("%o -> %s", (o, want) => {
      expect(d(o).fever_present).toBe(want);
    });
  });

  describe("recent_or_worsening (0.4 item 3)", () => {
    it.each([
      [{ onset_date: onsetDaysAgo(0) }, true],
      [{ onset_date: onsetDaysAgo(13) }, true],
      [{ onset_date: onsetDaysAgo(14) }, false],
      [{ onset_date: onsetDaysAgo(27) }, false],
      [{ onset_date: onsetDaysAgo(28) }, false],
      [{ onset_date: onsetDaysAgo(14), neuro_deficit_progressing: true }, true],
      [{ onset_date: undefined }, true],
      [{ visit_date: undefined }, true],
    ])("%o -> %s", (o, want) => {
      expect(d(o).recent_or_worsening).toBe(want);
    });
  });

  describe("radicular, bilateral_leg_symptoms, any_neuro_symptom", () => {
    it.each([
      [{}, false, false],
      [{ pain_radiation: "buttock_or_thigh_only" }, false, false],
      [{ pain_radiation: "below_knee_one_leg" }, true, false],
      [{ pain_radiation: "below_knee_both_legs" }, true, true],
      [{ leg_numbness_tingling: "one_leg" }, true, false],
      [{ leg_numbness_tingling: "both_legs" }, true, true],
      [{ pain_radiation: undefined, leg_numbness_tingling: undefined }, false, false],
    ])("%o -> radicular %s, bilateral %s", (o, radicular, bilateral) => {
      const v = d(o);
      expect(v.radicular).toBe(radicular);
      expect(v.bilateral_leg_symptoms).toBe(bilateral);
    });
    it.each([
      [{}, false],
      [{ leg_numbness_tingling: "one_leg" }, true],
      [{ leg_weakness: "one_leg_mild" }, true],
      [{ gait_disturbance: true }, true],
      [{ neuro_deficit_progressing: true }, true],
      [{ leg_weakness: undefined }, false],
    ])("any_neuro_symptom %o -> %s", (o, want) => {
      expect(d(o).any_neuro_symptom).toBe(want);
    });
  });

  describe("prolonged_steroids", () => {
    const steroids = { medications: ["systemic_corticosteroid"] };
    it.each([
      [{ ...steroids, corticosteroid_months: 2.9 }, false],
      [{ ...steroids, corticosteroid_months: 3 }, true],
      [{ ...steroids, corticosteroid_months: 24 }, true],
      [{ ...steroids, corticosteroid_months: undefined }, false],
      [{ medications: ["nsaid"], corticosteroid_months: 12 }, false],
    ])("%o -> %s", (o, want) => {
      expect(d(o).prolonged_steroids).toBe(want);
    });
  });

  describe("immunosuppressed_any, iv_drug_recent, infection_risk", () => {
    it.each([
      [{}, false, false, false],
      [{ immunosuppressed: true }, true, false, true],
      [{ medications: ["immunosuppressant_or_biologic"] }, true, false, true],
      [{ iv_drug_use: "current_or_within_12_months" }, false, true, true],
      [{ iv_drug_use: "past_over_12_months" }, false, false, false],
      [{ iv_drug_use: undefined }, false, false, false],
      [{ recent_bacterial_infection: true }, false, false, true],
      [{ recent_spinal_procedure: true }, false, false, true],
      [{ medications: ["systemic_corticosteroid"], corticosteroid_months: 3 }, false, false, true],
      // 0.4 item 4
      [{ conditions: ["diabetes"] }, false, false, true],
      [{ conditions: ["kidney_stones"] }, false, false, false],
    ])("%o -> immunosuppressed_any %s, iv_drug_recent %s, infection_risk %s", (o, imm, ivdu, risk) => {
      const v = d(o);
      expect(v.immunosuppressed_any).toBe(imm);
      expect(v.iv_drug_recent).toBe(ivdu);
      expect(v.infection_risk).toBe(risk);
    });
  });

  describe("fracture_risk and minor_precipitant", () => {
    it.each([
      [{ age_years: 70 }, false],
      [{ age_years: 71 }, true],
      // 0.4 item 7: men from 66, everyone from 71.
      [{ sex: "male", age_years: 65 }, false],
      [{ sex: "male", age_years: 66 }, true],
      [{ sex: "female", age_years: 66 }, false],
      [{ sex: "female", age_years: 70 }, false],
      [{ sex: "female", age_years: 71 }, true],
      [{ sex: undefined, age_years: 66 }, false],
      [{ conditions: ["osteoporosis"] }, true],
      [{ conditions: ["prior_vertebral_fracture"] }, true],
      [{ medications: ["systemic_corticosteroid"], corticosteroid_months: 3 }, true],
      [{ age_years: undefined }, false],
    ])("fracture_risk %o -> %s", (o, want) => {
      expect(d(o).fracture_risk).toBe(want);
    });
    it.each([
      [{}, false],
      [{ trauma_energy: "minor" }, true],
      [{ trauma_energy: "major" }, false],
      [{ mechanism: "lifting_or_bending" }, true],
      [{ mechanism: "twisting" }, true],
      [{ mechanism: "fall" }, true],
      [{ mechanism: "direct_blow" }, true],
      [{ mechanism: "sports_activity" }, false],
      [{ mechanism: "motor_vehicle_collision" }, false],
      [{ onset_type: "sudden" }, true],
      [{ mechanism: undefined, onset_type: undefined, trauma_energy: undefined }, false],
    ])("minor_precipitant %o -> %s", (o, want) => {
      expect(d(o).minor_precipitant).toBe(want);
    });
  });

  describe("failed_trial and n_cancer_weak", () => {
    it.each([
      [3, "no_change", false],
      [4, "no_change", true],
      [4, "worsening", true],
      [4, "improving", false],
      [10, "not_tried", false],
    ])("%i weeks, %s -> %s", (weeks, response, want) => {
      expect(d({ conservative_care_weeks: weeks, response_to_care: response }).failed_trial).toBe(want);
    });
    it("counts age > 50, weight loss, unrelenting night pain, a failed trial and thoracic pain (0.4 item 8)", () => {
      expect(d({}).n_cancer_weak).toBe(0);
      expect(d({ age_years: 50 }).n_cancer_weak).toBe(0);
      expect(d({ age_years: 51 }).n_cancer_weak).toBe(1);
      expect(
        d({
          age_years: 51,
          unexplained_weight_loss: true,
          night_pain: "unrelenting_at_rest",
          conservative_care_weeks: 4,
          response_to_care: "no_change",
        }).n_cancer_weak,
      ).toBe(4);
      expect(d({ pain_location: ["thoracic"] }).n_cancer_weak).toBe(1);
      expect(d({ pain_location: ["lumbar_central", "thoracic"], age_years: 51 }).n_cancer_weak).toBe(2);
      expect(d({ night_pain: "unrelenting_at_rest" }).unrelenting_night_pain).toBe(true);
      expect(d({ night_pain: "only_when_turning" }).unrelenting_night_pain).toBe(false);
    });
  });

  describe("onset_age and nice_spa_count", () => {
    it("subtracts whole years of duration (365.25-day years)", () => {
      expect(d({ age_years: 30, onset_date: onsetDaysAgo(365) }).onset_age).toBe(30);
      expect(d({ age_years: 30, onset_date: onsetDaysAgo(366) }).onset_age).toBe(29);
      expect(d({ age_years: 30, onset_date: onsetDaysAgo(730) }).onset_age).toBe(29);
      expect(d({ age_years: 30, onset_date: onsetDaysAgo(731) }).onset_age).toBe(28);
      expect(d({ age_years: 30, onset_date: undefined }).onset_age).toBeNull();
      expect(d({ age_years: undefined }).onset_age).toBeNull();
    });
    it("counts each NICE NG65 criterion once", () => {
      const none = { age_years: 40 };
      expect(d(none).nice_spa_count).toBe(0);
      const each: Record<string, unknown>[] = [
        { age_years: 34 },
        { night_pain: "wakes_late_night_eases_on_rising" },
        { pain_location: ["lumbar_central", "buttock"] },
        { improves_with_exercise: true },
        { nsaid_response: "good_within_48h" },
        { family_history_spondyloarthritis: true },
        { conditions: ["inflammatory_arthritis"] },
        { conditions: ["enthesitis"] },
        { conditions: ["psoriasis"] },
      ];
      for (const o of each) expect(d({ ...none, ...o }).nice_spa_count).toBe(1);
      expect(d({ age_years: 35 }).nice_spa_count).toBe(0);
      expect(
        d({ age_years: 25, conditions: ["inflammatory_arthritis", "enthesitis", "psoriasis"] }).nice_spa_count,
      ).toBe(4);
    });
  });

  describe("aerobic_equiv and peg_score", () => {
    it("counts a blank aerobic item as 0 and is blank only when both are", () => {
      expect(d({}).aerobic_equiv).toBeNull();
      expect(d({ aerobic_moderate_min_week: 60 }).aerobic_equiv).toBe(60);
      expect(d({ aerobic_vigorous_min_week: 40 }).aerobic_equiv).toBe(80);
      expect(d({ aerobic_moderate_min_week: 70, aerobic_vigorous_min_week: 40 }).aerobic_equiv).toBe(150);
    });
    it("is the mean of the three PEG items, only when all three are answered", () => {
      expect(d({ peg_pain_avg_week: 6, peg_enjoyment_interference: 3 }).peg_score).toBeNull();
      expect(
        d({ peg_pain_avg_week: 6, peg_enjoyment_interference: 3, peg_activity_interference: 6 }).peg_score,
      ).toBe(5);
    });
  });
});
