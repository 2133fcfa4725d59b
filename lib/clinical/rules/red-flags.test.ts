// Every RF rule of knowledge.md b.2, as 0.4 (1.2) changes them, at its boundaries: each trigger alone, the near
// misses, the NOT clauses, and the tier, imaging and panel each rule carries.
import { describe, expect, it } from "vitest";
import { explanationOf, fires, onsetDaysAgo, run } from "../test-support/builders";

describe("RF-CES-01 possible cauda equina syndrome (emergency)", () => {
  it.each([
    ["saddle_anesthesia", { saddle_anesthesia: true }],
    ["new_urinary_retention", { new_urinary_retention: true }],
    ["new_urinary_incontinence", { new_urinary_incontinence: true }],
    ["new_bowel_incontinence", { new_bowel_incontinence: true }],
    ["leg_weakness both_legs", { leg_weakness: "both_legs" }],
    // 0.4 item 3: sexual dysfunction alone, and recent (under 14 days) or worsening symptoms in both legs.
    ["new_sexual_dysfunction", { new_sexual_dysfunction: true }],
    ["pain below both knees for 13 days", { pain_radiation: "below_knee_both_legs", onset_date: onsetDaysAgo(13) }],
    ["numbness in both legs for 0 days", { leg_numbness_tingling: "both_legs", onset_date: onsetDaysAgo(0) }],
    ["both legs, onset unknown", { leg_numbness_tingling: "both_legs", onset_date: undefined }],
    ["both legs for months, worsening", { pain_radiation: "below_knee_both_legs", onset_date: onsetDaysAgo(200), neuro_deficit_progressing: true }],
  ])("fires on %s alone", (_name, o) => {
    const e = run(o);
    expect(e.red_flags).toEqual(["RF-CES-01"]);
    expect(e.urgency).toBe("emergency");
    expect(e.imaging).toMatchObject({ modality: "mri", rule: "RF-CES-01", tier: "emergency" });
    expect(e.blood_tests.required).toBe(false);
    expect(e.pathway_rules).toEqual([]);
  });
  it("does not fire on one-leg weakness, or on stable bilateral symptoms of 14 days or more", () => {
    expect(fires("RF-CES-01", { leg_weakness: "one_leg_marked" })).toBe(false);
    expect(fires("RF-CES-01", {})).toBe(false);
    expect(fires("RF-CES-01", { pain_radiation: "below_knee_both_legs", onset_date: onsetDaysAgo(14) })).toBe(false);
    expect(fires("RF-CES-01", { leg_numbness_tingling: "both_legs", onset_date: onsetDaysAgo(14) })).toBe(false);
    expect(fires("RF-CES-01", { pain_radiation: "below_knee_one_leg", onset_date: onsetDaysAgo(3) })).toBe(false);
  });
  it("explains recent bilateral symptoms with the duration", () => {
    const facts = explanationOf(run({ pain_radiation: "below_knee_both_legs", onset_date: onsetDaysAgo(13) }), "RF-CES-01");
    expect(facts.join(" | ")).toMatch(/Symptoms in both legs: yes \(.*: below the knee, both legs\)/);
    expect(facts.join(" | ")).toMatch(/Days since onset: 13, under 14/);
  });
  it("explains the sign that fired it", () => {
    expect(explanationOf(run({ new_urinary_retention: true }), "RF-CES-01")).toEqual([expect.stringMatching(/^New difficulty passing urine: yes$/i)]);
  });
});

describe("RF-CES-02 bilateral leg symptoms (urgent): long-standing and stable (0.4 item 3)", () => {
  it.each([
    [{ pain_radiation: "below_knee_both_legs", onset_date: onsetDaysAgo(14) }],
    [{ leg_numbness_tingling: "both_legs", onset_date: onsetDaysAgo(400) }],
  ])("fires on %o", (o) => {
    const e = run(o);
    expect(e.red_flags).toEqual(["RF-CES-02"]);
    expect(e.urgency).toBe("urgent");
    expect(e.imaging).toMatchObject({ modality: "mri", rule: "RF-CES-02" });
  });
  it("does not fire with one-leg symptoms, or when RF-CES-01 fired", () => {
    expect(fires("RF-CES-02", { pain_radiation: "below_knee_one_leg", leg_numbness_tingling: "one_leg" })).toBe(false);
    const e = run({ leg_numbness_tingling: "both_legs", onset_date: onsetDaysAgo(30), saddle_anesthesia: true });
    expect(e.red_flags).toEqual(["RF-CES-01"]);
    expect(run({ leg_numbness_tingling: "both_legs", onset_date: onsetDaysAgo(13) }).red_flags).toEqual(["RF-CES-01"]);
  });
});

describe("RF-NEURO-01 severe or progressive deficit (urgent)", () => {
  it.each([[{ neuro_deficit_progressing: true }], [{ leg_weakness: "one_leg_marked" }], [{ gait_disturbance: true }]])(
    "fires on %o alone",
    (o) => {
      const e = run(o);
      expect(e.red_flags).toEqual(["RF-NEURO-01"]);
      expect(e.urgency).toBe("urgent");
      expect(e.imaging).toMatchObject({ modality: "mri", rule: "RF-NEURO-01" });
    },
  );
  it("does not fire on mild one-leg weakness (c.8 item 7) or when RF-CES-01 fired", () => {
    expect(fires("RF-NEURO-01", { leg_weakness: "one_leg_mild" })).toBe(false);
    expect(run({ gait_disturbance: true, new_bowel_incontinence: true }).red_flags).toEqual(["RF-CES-01"]);
  });
});

describe("malignancy rules", () => {
  it.each([
    [{ leg_numbness_tingling: "one_leg" }],
    [{ pain_radiation: "below_knee_one_leg" }],
    [{ leg_weakness: "one_leg_mild" }],
    [{ gait_disturbance: true }],
    [{ neuro_deficit_progressing: true }],
  ])("RF-CA-02 (emergency): cancer history with %o", (o) => {
    const e = run({ history_of_cancer: true, ...o });
    expect(e.red_flags).toContain("RF-CA-02");
    expect(e.red_flags).not.toContain("RF-CA-01");
    expect(e.urgency).toBe("emergency");
    expect(e.blood_tests.panel).toEqual(["CBC", "ESR", "CRP"]);
  });
  it("RF-CA-02 supplies whole-spine MRI when nothing earlier in the precedence list fired", () => {
    expect(run({ history_of_cancer: true, leg_weakness: "one_leg_mild" }).imaging).toMatchObject({
      modality: "mri",
      rule: "RF-CA-02",
      tier: "emergency",
    });
  });
  it("RF-CA-01 (urgent): cancer history without neurological symptoms; CA-03/04 stay silent", () => {
    const e = run({ history_of_cancer: true, age_years: 64, unexplained_weight_loss: true, night_pain: "unrelenting_at_rest" });
    expect(e.red_flags).toEqual(["RF-CA-01"]);
    expect(e.urgency).toBe("urgent");
    expect(e.imaging).toMatchObject({ modality: "mri", rule: "RF-CA-01" });
    expect(e.blood_tests).toMatchObject({ required: true, panel: ["CBC", "ESR", "CRP"] });
    expect(e.blood_tests.at_doctors_choice).toEqual(["calcium", "ALP"]);
  });

  const failed = { conservative_care_weeks: 4, response_to_care: "no_change", onset_date: onsetDaysAgo(60) };
  it.each([
    ["weight loss + age 51", { unexplained_weight_loss: true, age_years: 51 }, "RF-CA-03"],
    ["weight loss + age 50", { unexplained_weight_loss: true, age_years: 50 }, "RF-CA-04"],
    ["weight loss + night pain", { unexplained_weight_loss: true, night_pain: "unrelenting_at_rest" }, "RF-CA-03"],
    ["night pain + failed trial", { night_pain: "unrelenting_at_rest", ...failed }, "RF-CA-03"],
    ["night pain + 3 weeks of care", { night_pain: "unrelenting_at_rest", conservative_care_weeks: 3, response_to_care: "no_change", onset_date: onsetDaysAgo(60) }, "RF-CA-04"],
    // 0.4 item 8: thoracic pain is a weak factor, but RF-CA-03 still needs weight loss or night pain.
    ["weight loss + thoracic pain", { unexplained_weight_loss: true, pain_location: ["thoracic"] }, "RF-CA-03"],
    ["night pain + thoracic pain", { night_pain: "unrelenting_at_rest", pain_location: ["lumbar_central", "thoracic"] }, "RF-CA-03"],
    ["thoracic pain + age 51", { pain_location: ["thoracic"], age_years: 51 }, "RF-CA-04"],
    ["thoracic pain alone", { pain_location: ["thoracic"] }, "RF-CA-04"],
    ["age 51 + failed trial (no weight loss or night pain)", { age_years: 51, ...failed }, "RF-CA-04"],
    ["weight loss alone", { unexplained_weight_loss: true }, "RF-CA-04"],
    ["night pain alone", { night_pain: "unrelenting_at_rest" }, "RF-CA-04"],
    ["age 51 alone", { age_years: 51 }, "RF-CA-04"],
  ])("%s -> %s", (_name, o, id) => {
    const e = run(o);
    const cancer = e.red_flags.filter((x) => x.startsWith("RF-CA"));
    expect(cancer).toEqual([id]);
    expect(e.urgency).toBe(id === "RF-CA-03" ? "urgent" : "routine_soon");
  });
  it("RF-CA-04 does not fire at 49 or 50 without other factors", () => {
    expect(fires("RF-CA-04", { age_years: 49 })).toBe(false);
    expect(fires("RF-CA-04", { age_years: 50 })).toBe(false);
  });
  it("RF-CA-03 needs at least 2 weak factors: MRI plus the cancer panel", () => {
    const e = run({ unexplained_weight_loss: true, age_years: 51 });
    expect(e.imaging).toMatchObject({ modality: "mri", rule: "RF-CA-03" });
    expect(e.blood_tests.panel).toEqual(["CBC", "ESR", "CRP"]);
    expect(explanationOf(e, "RF-CA-03")).toContainEqual(expect.stringMatching(/: 2, at least 2 \(Age: 51 years, over 50; .*: yes\)$/));
  });
  it("RF-CA-04 defers imaging and bloods unless the trial failed", () => {
    const deferred = run({ age_years: 55 });
    expect(deferred.imaging).toMatchObject({ modality: "none", rule: null });
    expect(deferred.blood_tests.required).toBe(false);
    const afterTrial = run({ age_years: 55, conservative_care_weeks: 6, response_to_care: "worsening", onset_date: onsetDaysAgo(60) });
    expect(afterTrial.red_flags).toEqual(["RF-CA-04"]);
    expect(afterTrial.imaging).toMatchObject({ modality: "xray", rule: "RF-CA-04", tier: "routine_soon" });
    expect(afterTrial.blood_tests).toMatchObject({ required: true, panel: ["ESR", "CRP"] });
  });
  it("explains the age threshold with the actual value", () => {
    expect(explanationOf(run({ age_years: 71, onset_type: "gradual" }), "RF-CA-04")).toContain("Age: 71 years, over 50");
  });
});

describe("infection rules", () => {
  const weak = { leg_weakness: "one_leg_mild" };
  it.each([
    [{ fever: true, ...weak }],
    [{ fever: true, neuro_deficit_progressing: true }],
    [{ fever: true, gait_disturbance: true }],
    [{ fever: false, temperature_c: 38.0, leg_weakness: "one_leg_marked" }],
  ])("RF-INF-02 (emergency) fires on %o", (o) => {
    const e = run(o);
    expect(e.red_flags).toContain("RF-INF-02");
    expect(e.red_flags).not.toContain("RF-INF-01");
    expect(e.red_flags).not.toContain("RF-INF-03");
    expect(e.urgency).toBe("emergency");
    expect(e.blood_tests.panel).toEqual(["CBC", "ESR", "CRP", "blood cultures"]);
  });
  it("RF-INF-02: 37.9 C without reported fever is not fever", () => {
    expect(fires("RF-INF-02", { temperature_c: 37.9, ...weak })).toBe(false);
    expect(fires("RF-INF-02", { fever: true })).toBe(false);
  });
  it("RF-INF-02: chills or night sweats count as fever (0.4 item 4)", () => {
    expect(fires("RF-INF-02", { chills_or_night_sweats: true, ...weak })).toBe(true);
    expect(run({ chills_or_night_sweats: true }).red_flags).toEqual(["RF-INF-03"]);
  });
  it.each([
    [{ iv_drug_use: "current_or_within_12_months" }],
    [{ immunosuppressed: true }],
    [{ medications: ["immunosuppressant_or_biologic"] }],
    [{ recent_spinal_procedure: true }],
  ])("RF-INF-02 (emergency) fires without fever for the high-risk group %o with a motor or gait deficit (0.4 item 4)", (risk) => {
    for (const deficit of [weak, { neuro_deficit_progressing: true }, { gait_disturbance: true }]) {
      const e = run({ ...risk, ...deficit });
      expect(e.red_flags).toContain("RF-INF-02");
      expect(e.red_flags).not.toContain("RF-INF-04");
      expect(e.urgency).toBe("emergency");
      expect(e.imaging).toMatchObject({ modality: "mri", rule: "RF-INF-02" });
    }
  });
  it("RF-INF-02 without fever: diabetes, prolonged steroids, a recent infection elsewhere or remote drug use do not count", () => {
    for (const o of [
      { conditions: ["diabetes"] },
      { medications: ["systemic_corticosteroid"], corticosteroid_months: 12 },
      { recent_bacterial_infection: true },
      { iv_drug_use: "past_over_12_months" },
    ]) {
      expect(fires("RF-INF-02", { ...o, ...weak })).toBe(false);
    }
  });
  it("RF-INF-02 supplies emergency MRI", () => {
    expect(run({ fever: true, ...weak }).imaging).toMatchObject({ modality: "mri", rule: "RF-INF-02" });
  });

  it.each([
    [{ iv_drug_use: "current_or_within_12_months" }],
    [{ immunosuppressed: true }],
    [{ medications: ["immunosuppressant_or_biologic"] }],
    [{ recent_bacterial_infection: true }],
    [{ recent_spinal_procedure: true }],
    [{ medications: ["systemic_corticosteroid"], corticosteroid_months: 3 }],
    // 0.4 item 4: diabetes is an infection risk factor.
    [{ conditions: ["diabetes"] }],
  ])("RF-INF-01 (urgent): fever with %o", (o) => {
    const e = run({ fever: true, ...o });
    // Prolonged steroids are also a fracture risk factor, so RF-FX-03 may fire beside it.
    expect(e.red_flags.filter((x) => x.startsWith("RF-INF"))).toEqual(["RF-INF-01"]);
    expect(e.urgency).toBe("urgent");
    expect(e.imaging).toMatchObject({ modality: "mri", rule: "RF-INF-01" });
    expect(e.blood_tests.panel).toEqual(["CBC", "ESR", "CRP", "blood cultures"]);
  });
  it("RF-INF-01 vs RF-INF-03 at the steroid boundary (2.9 vs 3 months) and for remote drug use", () => {
    const steroids = { fever: true, medications: ["systemic_corticosteroid"] };
    expect(run({ ...steroids, corticosteroid_months: 2.9 }).red_flags).toEqual(["RF-INF-03"]);
    expect(run({ ...steroids, corticosteroid_months: 3 }).red_flags).toEqual(["RF-INF-01", "RF-FX-03"]);
    expect(run({ fever: true, iv_drug_use: "past_over_12_months" }).red_flags).toEqual(["RF-INF-03"]);
  });
  it("RF-INF-03 (urgent): fever alone, by report or by temperature; no imaging; fever screen with urinalysis", () => {
    for (const o of [{ fever: true }, { temperature_c: 38.0 }]) {
      const e = run(o);
      expect(e.red_flags).toEqual(["RF-INF-03"]);
      expect(e.urgency).toBe("urgent");
      expect(e.imaging).toMatchObject({ modality: "none", rule: null, detail: "no imaging suggested by the app" });
      expect(e.imaging.also_consider).toEqual([
        expect.objectContaining({ rule: "RF-INF-03", modality: "none", detail: "no imaging at intake; MRI only if markers raised or examination concerning" }),
      ]);
      expect(e.blood_tests).toMatchObject({ required: true, panel: ["CBC", "ESR", "CRP", "urinalysis"] });
    }
    expect(fires("RF-INF-03", { temperature_c: 37.9 })).toBe(false);
  });

  it.each([
    [{ iv_drug_use: "current_or_within_12_months" }],
    [{ immunosuppressed: true }],
    [{ medications: ["immunosuppressant_or_biologic"] }],
    [{ recent_spinal_procedure: true }],
  ])("RF-INF-04 (urgent): %o without fever", (o) => {
    const e = run(o);
    expect(e.red_flags).toEqual(["RF-INF-04"]);
    expect(e.urgency).toBe("urgent");
    expect(e.imaging).toMatchObject({ modality: "mri", rule: "RF-INF-04" });
    expect(e.blood_tests.panel).toEqual(["CBC", "ESR", "CRP"]);
  });
  it("RF-INF-04 is narrower than infection_risk: steroids or a recent infection alone do not fire it", () => {
    expect(fires("RF-INF-04", { medications: ["systemic_corticosteroid"], corticosteroid_months: 12 })).toBe(false);
    expect(fires("RF-INF-04", { recent_bacterial_infection: true })).toBe(false);
    expect(fires("RF-INF-04", { iv_drug_use: "past_over_12_months" })).toBe(false);
    expect(fires("RF-INF-04", { immunosuppressed: true, fever: true })).toBe(false);
    expect(fires("RF-INF-04", { immunosuppressed: true, temperature_c: 38 })).toBe(false);
    expect(fires("RF-INF-04", { immunosuppressed: true, temperature_c: 37.9 })).toBe(true);
    expect(fires("RF-INF-04", { conditions: ["diabetes"] })).toBe(false);
  });
  it("RF-INF-04 gives way to RF-INF-02 when there is a motor or gait deficit (0.4 item 4)", () => {
    expect(run({ immunosuppressed: true, gait_disturbance: true }).red_flags).toEqual(["RF-NEURO-01", "RF-INF-02"]);
  });
});

describe("fracture rules", () => {
  it("RF-FX-01 (emergency): major trauma, CT", () => {
    const e = run({ trauma_energy: "major", mechanism: "motor_vehicle_collision" });
    expect(e.red_flags).toEqual(["RF-FX-01"]);
    expect(e.urgency).toBe("emergency");
    expect(e.imaging).toMatchObject({ modality: "ct", rule: "RF-FX-01" });
    expect(fires("RF-FX-01", { trauma_energy: "minor" })).toBe(false);
  });
  it.each([
    ["age 71, sudden onset", { age_years: 71, onset_type: "sudden" }],
    ["osteoporosis, minor fall", { conditions: ["osteoporosis"], trauma_energy: "minor", mechanism: "fall" }],
    ["prior fracture, lifting", { conditions: ["prior_vertebral_fracture"], mechanism: "lifting_or_bending" }],
    ["3 months of steroids, twisting", { medications: ["systemic_corticosteroid"], corticosteroid_months: 3, mechanism: "twisting" }],
  ])("RF-FX-02 (urgent): %s", (_name, o) => {
    const e = run(o);
    expect(e.red_flags).toContain("RF-FX-02");
    expect(e.red_flags).not.toContain("RF-FX-03");
    expect(e.urgency).toBe("urgent");
    expect(e.imaging).toMatchObject({ modality: "xray", rule: "RF-FX-02" });
  });
  it("RF-FX-02 boundaries: age 70 vs 71, steroids 2.9 vs 3 months, no precipitant", () => {
    expect(fires("RF-FX-02", { age_years: 70, onset_type: "sudden" })).toBe(false);
    expect(fires("RF-FX-02", { age_years: 71, onset_type: "sudden" })).toBe(true);
    const steroid = { medications: ["systemic_corticosteroid"], mechanism: "twisting" };
    expect(fires("RF-FX-02", { ...steroid, corticosteroid_months: 2.9 })).toBe(false);
    expect(fires("RF-FX-02", { ...steroid, corticosteroid_months: 3 })).toBe(true);
    expect(fires("RF-FX-02", { age_years: 71 })).toBe(false);
  });
  it.each([
    // 0.4 item 7: age > 70, or a man over 65 (the ACP thresholds, keeping the lower one for everyone else).
    ["male", 65, false],
    ["male", 66, true],
    ["male", 70, true],
    ["male", 71, true],
    ["female", 65, false],
    ["female", 66, false],
    ["female", 70, false],
    ["female", 71, true],
    ["other", 66, false],
    ["other", 71, true],
    ["not_stated", 70, false],
  ])("fracture age: %s at %i -> fracture risk %s", (sex, age, risk) => {
    expect(fires("RF-FX-02", { sex, age_years: age, onset_type: "sudden" })).toBe(risk);
    expect(fires("RF-FX-03", { sex, age_years: age })).toBe(risk);
  });
  it("a blank sex is not male for the fracture age", () => {
    expect(fires("RF-FX-03", { sex: undefined, age_years: 68 })).toBe(false);
  });
  it("RF-FX-01 suppresses RF-FX-02 and RF-FX-03", () => {
    const e = run({ conditions: ["osteoporosis"], trauma_energy: "major", mechanism: "fall" });
    expect(e.red_flags).toEqual(["RF-FX-01"]);
  });
  it("RF-FX-03 (routine_soon): fracture risk without a precipitant; X-ray only after a failed trial", () => {
    const e = run({ conditions: ["osteoporosis"] });
    expect(e.red_flags).toEqual(["RF-FX-03"]);
    expect(e.urgency).toBe("routine_soon");
    expect(e.imaging.modality).toBe("none");
    const failed = run({ conditions: ["osteoporosis"], conservative_care_weeks: 4, response_to_care: "worsening", onset_date: onsetDaysAgo(60) });
    expect(failed.imaging).toMatchObject({ modality: "xray", rule: "RF-FX-03", tier: "routine_soon" });
    expect(failed.blood_tests.required).toBe(false);
  });
});

describe("vascular rules", () => {
  const over50 = { age_years: 50 };
  it.each([
    ["collapse alone at 50", { ...over50, faint_or_collapse: true }],
    ["sudden abdominal/flank pain at 50", { ...over50, onset_type: "sudden", pain_location: ["abdomen_or_flank"] }],
    ["collapse at 60 after minor trauma (1.1 fix)", { age_years: 60, faint_or_collapse: true, trauma_energy: "minor" }],
    // 0.4 item 6: major trauma no longer hides a collapse.
    ["collapse at 60 after major trauma", { age_years: 60, faint_or_collapse: true, trauma_energy: "major" }],
    ["known aneurysm + sudden onset, age 40", { known_aaa: true, onset_type: "sudden", onset_date: onsetDaysAgo(60) }],
    ["known aneurysm + flank pain", { known_aaa: true, pain_location: ["lumbar_left", "abdomen_or_flank"], onset_date: onsetDaysAgo(60) }],
    ["known aneurysm + collapse", { known_aaa: true, faint_or_collapse: true, onset_date: onsetDaysAgo(60) }],
    ["known aneurysm + collapse even after major trauma", { known_aaa: true, faint_or_collapse: true, trauma_energy: "major" }],
    // 0.4 item 6: a new (under 4 weeks, or of unknown duration) episode with a known aneurysm is symptomatic.
    ["known aneurysm, gradual pain for 27 days", { known_aaa: true, onset_date: onsetDaysAgo(27) }],
    ["known aneurysm, gradual pain, onset unknown", { known_aaa: true, onset_date: undefined }],
  ])("RF-AAA-01 (emergency): %s", (_name, o) => {
    const e = run(o);
    expect(e.red_flags).toContain("RF-AAA-01");
    expect(e.red_flags).not.toContain("RF-AAA-02");
    expect(e.urgency).toBe("emergency");
    expect(e.imaging).toMatchObject({ modality: "ct", rule: "RF-AAA-01", precedence: 1 });
  });
  it.each([
    ["collapse at 49", { age_years: 49, faint_or_collapse: true }],
    ["sudden pain at 50 without abdominal/flank pain", { ...over50, onset_type: "sudden" }],
    ["abdominal pain at 50 with gradual onset", { ...over50, pain_location: ["abdomen_or_flank"] }],
    ["sudden flank pain at 60 after major trauma", { age_years: 60, onset_type: "sudden", pain_location: ["abdomen_or_flank"], trauma_energy: "major" }],
  ])("RF-AAA-01 stays silent: %s", (_name, o) => {
    expect(fires("RF-AAA-01", o)).toBe(false);
  });
  it("RF-AAA-02 (urgent): known aneurysm with a long-standing (28 days or more), gradual episode; no lumbar imaging", () => {
    const e = run({ known_aaa: true, onset_date: onsetDaysAgo(28) });
    expect(e.red_flags).toEqual(["RF-AAA-02"]);
    expect(e.urgency).toBe("urgent");
    expect(e.imaging).toMatchObject({ modality: "none", rule: null });
    expect(e.imaging.also_consider[0]?.detail).toMatch(/no lumbar imaging/);
    expect(e.blood_tests.required).toBe(false);
    expect(e.pathway_rules).toEqual([]);
  });
  it("RF-AAA-02 applies at any age and not when RF-AAA-01 fired", () => {
    expect(run({ age_years: 72, known_aaa: true, onset_type: "gradual", onset_date: onsetDaysAgo(90) }).red_flags).toContain("RF-AAA-02");
    expect(fires("RF-AAA-02", { known_aaa: true, onset_type: "sudden", onset_date: onsetDaysAgo(90) })).toBe(false);
    expect(fires("RF-AAA-02", { known_aaa: true, onset_date: onsetDaysAgo(27) })).toBe(false);
  });

  it.each([
    ["collapse at 30", { age_years: 30, faint_or_collapse: true }],
    ["collapse at 49", { age_years: 49, faint_or_collapse: true }],
    ["collapse at 16 after major trauma", { age_years: 16, faint_or_collapse: true, trauma_energy: "major" }],
    ["sudden flank pain on an anticoagulant at 40", { medications: ["anticoagulant"], onset_type: "sudden", pain_location: ["abdomen_or_flank"] }],
  ])("RF-VASC-02 (emergency, no imaging from the app): %s (0.4 item 6)", (_name, o) => {
    const e = run(o);
    expect(e.red_flags).toContain("RF-VASC-02");
    expect(e.red_flags).not.toContain("RF-AAA-01");
    expect(e.urgency).toBe("emergency");
    if (!e.red_flags.includes("RF-FX-01")) expect(e.imaging).toMatchObject({ modality: "none", rule: null });
    expect(e.doctor_queue).toBe(true);
  });
  it("RF-VASC-02 stays silent when RF-AAA-01 fired, and without its triggers", () => {
    expect(run({ age_years: 50, faint_or_collapse: true }).red_flags).toEqual(["RF-AAA-01"]);
    expect(fires("RF-VASC-02", { medications: ["anticoagulant"], onset_type: "sudden" })).toBe(false);
    expect(fires("RF-VASC-02", { medications: ["anticoagulant"], pain_location: ["abdomen_or_flank"] })).toBe(false);
    expect(fires("RF-VASC-02", { onset_type: "sudden", pain_location: ["abdomen_or_flank"] })).toBe(false);
  });
});

describe("RF-IBP-01 / RF-IBP-02 inflammatory back pain (routine_soon)", () => {
  // Age 40 keeps "onset before 35" out of the count, so each case sets the count exactly.
  const criteria: Record<string, unknown>[] = [
    { night_pain: "wakes_late_night_eases_on_rising" },
    { pain_location: ["lumbar_central", "buttock"] },
    { improves_with_exercise: true },
    { nsaid_response: "good_within_48h" },
    { family_history_spondyloarthritis: true },
  ];
  const withCount = (n: number, extra: Record<string, unknown> = {}): Record<string, unknown> =>
    Object.assign({ age_years: 40, onset_date: onsetDaysAgo(92) }, ...criteria.slice(0, n), extra);

  it("count 2: nothing; 3: RF-IBP-02; 4 and 5: RF-IBP-01", () => {
    expect(run(withCount(2)).red_flags).toEqual([]);
    const borderline = run(withCount(3));
    expect(borderline.red_flags).toEqual(["RF-IBP-02"]);
    expect(borderline.urgency).toBe("routine_soon");
    expect(borderline.imaging.modality).toBe("none");
    expect(borderline.blood_tests.panel).toEqual(["CRP", "ESR", "HLA-B27"]);
    for (const n of [4, 5]) {
      const refer = run(withCount(n));
      expect(refer.red_flags).toEqual(["RF-IBP-01"]);
      expect(refer.blood_tests.panel).toEqual(["CRP", "ESR"]);
      expect(refer.imaging.also_consider.find((a) => a.rule === "RF-IBP-01")?.detail).toMatch(/rheumatology/);
    }
  });
  it("needs more than 91 days of pain", () => {
    expect(run(withCount(4, { onset_date: onsetDaysAgo(91) })).red_flags).toEqual([]);
    expect(run(withCount(4, { onset_date: onsetDaysAgo(92) })).red_flags).toEqual(["RF-IBP-01"]);
    expect(run(withCount(3, { onset_date: onsetDaysAgo(91) })).red_flags).toEqual([]);
    expect(run(withCount(4, { onset_date: undefined })).red_flags).toEqual([]);
  });
  it("needs onset before 45 (onset age 44 fires, 45 does not)", () => {
    expect(run(withCount(4, { age_years: 44 })).red_flags).toEqual(["RF-IBP-01"]);
    expect(run(withCount(4, { age_years: 45 })).red_flags).toEqual([]);
    expect(run(withCount(3, { age_years: 44 })).red_flags).toEqual(["RF-IBP-02"]);
    expect(run(withCount(3, { age_years: 45 })).red_flags).toEqual([]);
    // Age 46 with 2 years of pain: onset age 44.
    expect(run(withCount(4, { age_years: 46, onset_date: onsetDaysAgo(731) })).red_flags).toEqual(["RF-IBP-01"]);
  });
  it("counts onset before 35 as a criterion", () => {
    expect(run(withCount(2, { age_years: 34 })).red_flags).toEqual(["RF-IBP-02"]);
    expect(run(withCount(2, { age_years: 35 })).red_flags).toEqual([]);
    expect(explanationOf(run(withCount(3)), "RF-IBP-02")).toContain("Days since onset: 92, over 91");
  });
});

describe("RF-POSTOP-01 symptoms after lumbar surgery (routine_soon)", () => {
  it.each([
    [{ leg_numbness_tingling: "one_leg" }],
    [{ pain_radiation: "below_knee_one_leg" }],
    [{ leg_weakness: "one_leg_mild" }],
    [{ response_to_care: "worsening", conservative_care_weeks: 1 }],
  ])("fires with prior surgery and %o", (o) => {
    const e = run({ prior_lumbar_surgery: true, ...o });
    expect(e.red_flags).toEqual(["RF-POSTOP-01"]);
    expect(e.urgency).toBe("routine_soon");
    expect(e.imaging).toMatchObject({ modality: "mri", rule: "RF-POSTOP-01", tier: "routine_soon" });
  });
  it("does not fire on prior surgery alone or on symptoms without surgery", () => {
    expect(fires("RF-POSTOP-01", { prior_lumbar_surgery: true })).toBe(false);
    expect(fires("RF-POSTOP-01", { prior_lumbar_surgery: true, response_to_care: "no_change" })).toBe(false);
    expect(fires("RF-POSTOP-01", { leg_weakness: "one_leg_mild" })).toBe(false);
  });
  it("is raised by RF-NEURO-01 when that also fires", () => {
    const e = run({ prior_lumbar_surgery: true, leg_weakness: "one_leg_marked" });
    expect(e.red_flags).toEqual(["RF-NEURO-01", "RF-POSTOP-01"]);
    expect(e.urgency).toBe("urgent");
    expect(e.imaging.rule).toBe("RF-NEURO-01");
  });
});

describe("RF-BLEED-01 anticoagulated with a new neurological deficit (emergency, 0.4 item 5)", () => {
  const anticoagulated = { medications: ["anticoagulant"] };
  it.each([
    ["progressing deficit", { neuro_deficit_progressing: true }],
    ["marked weakness of one leg", { leg_weakness: "one_leg_marked" }],
    ["weakness of both legs", { leg_weakness: "both_legs" }],
    ["gait disturbance", { gait_disturbance: true }],
    ["sudden onset with mild weakness", { onset_type: "sudden", leg_weakness: "one_leg_mild" }],
    ["a recent spinal procedure with leg numbness", { recent_spinal_procedure: true, leg_numbness_tingling: "one_leg" }],
  ])("fires on an anticoagulant with %s", (_name, o) => {
    const e = run({ ...anticoagulated, ...o });
    expect(e.red_flags).toContain("RF-BLEED-01");
    expect(e.urgency).toBe("emergency");
    expect(e.blood_tests.panel).toEqual(expect.arrayContaining(["CBC", "PT/INR", "APTT"]));
    expect(e.advisories).toContain("ADV-NSAID-CAUTION");
  });
  it("does not fire on stable mild weakness of gradual onset, or without an anticoagulant", () => {
    expect(fires("RF-BLEED-01", { ...anticoagulated, leg_weakness: "one_leg_mild" })).toBe(false);
    expect(fires("RF-BLEED-01", { ...anticoagulated, onset_type: "sudden" })).toBe(false);
    expect(fires("RF-BLEED-01", { ...anticoagulated, recent_spinal_procedure: true })).toBe(false);
    expect(fires("RF-BLEED-01", { neuro_deficit_progressing: true })).toBe(false);
  });
  it("supplies emergency MRI, after RF-CES-01 in the precedence (order 3a)", () => {
    const e = run({ ...anticoagulated, neuro_deficit_progressing: true });
    expect(e.red_flags).toEqual(["RF-BLEED-01", "RF-NEURO-01"]);
    expect(e.imaging).toMatchObject({
      modality: "mri",
      rule: "RF-BLEED-01",
      tier: "emergency",
      detail: "emergency MRI (possible spinal epidural haematoma); ED reviews anticoagulation",
    });
    const ces = run({ ...anticoagulated, leg_weakness: "both_legs" });
    expect(ces.red_flags).toEqual(["RF-CES-01", "RF-BLEED-01"]);
    expect(ces.imaging.rule).toBe("RF-CES-01");
  });
  it("suppresses no other rule: RF-INF-02 fires beside it", () => {
    const e = run({ ...anticoagulated, fever: true, gait_disturbance: true });
    expect(e.red_flags).toEqual(["RF-BLEED-01", "RF-NEURO-01", "RF-INF-02"]);
    expect(e.imaging.rule).toBe("RF-BLEED-01");
    expect(e.blood_tests.panel).toEqual(["CBC", "PT/INR", "APTT", "ESR", "CRP", "blood cultures"]);
  });
});
