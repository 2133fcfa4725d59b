// DATA-01 (b.4) and OUT-OF-SCOPE-01 (0.3 item 6).
import { describe, expect, it } from "vitest";
import { QUESTION_LIST } from "../catalogue";
import { run } from "../test-support/builders";

const REQUIRED = [
  "visit_date",
  "age_years",
  "sex",
  "pain_score_now",
  "pain_location",
  "pain_radiation",
  "onset_date",
  "onset_type",
  "mechanism",
  "trauma_energy",
  "night_pain",
  "leg_numbness_tingling",
  "leg_weakness",
  "neuro_deficit_progressing",
  "gait_disturbance",
  "saddle_anesthesia",
  "new_urinary_retention",
  "new_urinary_incontinence",
  "new_bowel_incontinence",
  "fever",
  "unexplained_weight_loss",
  "history_of_cancer",
  "iv_drug_use",
  "immunosuppressed",
  "conditions",
  "medications",
  "conservative_care_weeks",
  "response_to_care",
];

describe("DATA-01 red-flag screen incomplete", () => {
  it("the catalogue's required set is exactly the R fields of a.1-a.5", () => {
    expect(QUESTION_LIST.filter((q) => q.required).map((q) => q.id)).toEqual(REQUIRED);
  });

  it("a complete intake is final", () => {
    const e = run({});
    expect(e.data_flags).toEqual([]);
    expect(e.status).toBe("final");
    expect(e.missing_fields).toEqual([]);
  });

  it.each(REQUIRED)("blank %s -> DATA-01, provisional, listed as missing, doctor queue", (field) => {
    for (const blank of [undefined, null, ""]) {
      const e = run({ [field]: blank });
      expect(e.data_flags).toEqual(["DATA-01"]);
      expect(e.status).toBe("provisional");
      expect(e.missing_fields).toEqual([field]);
      expect(e.doctor_queue).toBe(true);
    }
  });

  it("an empty list is blank for the required multi-selects", () => {
    for (const field of ["pain_location", "conditions", "medications"]) {
      expect(run({ [field]: [] }).missing_fields).toEqual([field]);
    }
  });

  it("corticosteroid_months is required when systemic_corticosteroid is ticked", () => {
    expect(run({ medications: ["systemic_corticosteroid"] }).missing_fields).toEqual(["corticosteroid_months"]);
    expect(run({ medications: ["systemic_corticosteroid"], corticosteroid_months: 0 }).data_flags).toEqual([]);
    expect(run({ medications: ["nsaid"] }).data_flags).toEqual([]);
  });

  it("faint_or_collapse and known_aaa are required from age 50, not at 49", () => {
    expect(run({ age_years: 50, faint_or_collapse: undefined }).missing_fields).toEqual(["faint_or_collapse"]);
    expect(run({ age_years: 50, known_aaa: undefined }).missing_fields).toEqual(["known_aaa"]);
    expect(run({ age_years: 50, faint_or_collapse: undefined, known_aaa: undefined }).missing_fields).toEqual([
      "faint_or_collapse",
      "known_aaa",
    ]);
    expect(run({ age_years: 49 }).data_flags).toEqual([]);
  });

  it("optional answers never raise it", () => {
    const e = run({ temperature_c: undefined, stress_level: undefined, pseudoclaudication: undefined });
    expect(e.status).toBe("final");
  });

  it("still evaluates the other rules, reading blanks as 0.3 says", () => {
    const e = run({ saddle_anesthesia: undefined, new_urinary_retention: true });
    expect(e.red_flags).toEqual(["RF-CES-01"]);
    expect(e.status).toBe("provisional");
    const blankAge = run({ age_years: undefined });
    expect(blankAge.data_flags).toEqual(["DATA-01"]);
    expect(blankAge.pathway_rules).toEqual(["PW-NSLBP-01"]);
  });

  it("explains which answers are blank", () => {
    const e = run({ age_years: 62, known_aaa: undefined, sex: undefined });
    const x = e.explanations.find((r) => r.rule === "DATA-01");
    expect(x?.conditions).toEqual(["sex is blank", "age_years = 62 >= 50", "known_aaa is blank"]);
  });
});

describe("OUT-OF-SCOPE-01 (under 16)", () => {
  it("age 15 fires nothing else and is provisional with urgency none", () => {
    const e = run({ age_years: 15, saddle_anesthesia: true, fever: true, pain_score_now: 9, sex: undefined });
    expect(e.data_flags).toEqual(["OUT-OF-SCOPE-01"]);
    expect(e.red_flags).toEqual([]);
    expect(e.pathway_rules).toEqual([]);
    expect(e.advisories).toEqual([]);
    expect(e.urgency).toBe("none");
    expect(e.imaging).toMatchObject({ modality: "none", rule: null });
    expect(e.blood_tests.required).toBe(false);
    expect(e.status).toBe("provisional");
    expect(e.out_of_scope?.message).toBe("not for use under 16; refer to a doctor");
    expect(e.doctor_queue).toBe(true);
    expect(e.safety_net.text).toMatch(/both legs/);
    expect(e.explanations.map((x) => x.rule)).toEqual(["OUT-OF-SCOPE-01"]);
    expect(e.explanations[0]?.conditions).toEqual(["age_years = 15 < 16"]);
  });
  it("age 16 is in scope; a blank age is DATA-01, not out of scope", () => {
    expect(run({ age_years: 16 }).data_flags).toEqual([]);
    expect(run({ age_years: 0 }).data_flags).toEqual(["OUT-OF-SCOPE-01"]);
    expect(run({ age_years: undefined }).data_flags).toEqual(["DATA-01"]);
  });
});
