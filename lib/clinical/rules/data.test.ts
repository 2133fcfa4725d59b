// DATA-01 (b.4), DATA-02 (0.4 item 1) and OUT-OF-SCOPE-01 (0.4 item 2).
import { describe, expect, it } from "vitest";
import { QUESTION_LIST } from "../catalogue";
import { onsetDaysAgo, run } from "../test-support/builders";

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
  // 0.4 item 3
  "new_sexual_dysfunction",
  "fever",
  "unexplained_weight_loss",
  // 0.4 item 6: at every age
  "faint_or_collapse",
  "history_of_cancer",
  "iv_drug_use",
  "immunosuppressed",
  // 0.4 item 4
  "recent_bacterial_infection",
  "recent_spinal_procedure",
  "conditions",
  "medications",
  "conservative_care_weeks",
  "response_to_care",
];

/**
 * For the base intake (a 35-year-old woman, 10 days of uncomplicated pain), worked out by hand from 0.4 item 1:
 * the RF rules the worst answer to each blank required field fires that the real evaluation does not.
 */
const CANNOT_EXCLUDE_FOR_BASE: Record<string, readonly string[]> = {
  visit_date: [], // no worst answer: not re-run
  age_years: ["RF-CA-04", "RF-FX-03"], // 71: age > 50, and > 70 fracture risk without a precipitant
  sex: [], // male at 35 changes nothing
  pain_score_now: [], // 10: ADV-PAIN only
  pain_location: ["RF-CA-04"], // thoracic is a weak cancer factor (0.4 item 8)
  pain_radiation: ["RF-CES-01"], // both legs below the knee, 10 days: recent bilateral symptoms (0.4 item 3)
  onset_date: [], // no worst answer
  onset_type: [], // sudden: a precipitant, but no fracture risk, no anticoagulant
  mechanism: [], // fall: likewise
  trauma_energy: ["RF-FX-01"],
  night_pain: ["RF-CA-04"], // one weak factor is not RF-CA-03
  leg_numbness_tingling: ["RF-CES-01"],
  leg_weakness: ["RF-CES-01"],
  neuro_deficit_progressing: ["RF-NEURO-01"],
  gait_disturbance: ["RF-NEURO-01"],
  saddle_anesthesia: ["RF-CES-01"],
  new_urinary_retention: ["RF-CES-01"],
  new_urinary_incontinence: ["RF-CES-01"],
  new_bowel_incontinence: ["RF-CES-01"],
  new_sexual_dysfunction: ["RF-CES-01"],
  fever: ["RF-INF-03"],
  unexplained_weight_loss: ["RF-CA-04"],
  faint_or_collapse: ["RF-VASC-02"], // collapse at 35 (0.4 item 6)
  history_of_cancer: ["RF-CA-01"],
  iv_drug_use: ["RF-INF-04"],
  immunosuppressed: ["RF-INF-04"],
  recent_bacterial_infection: [], // only with fever (RF-INF-01)
  recent_spinal_procedure: ["RF-INF-04"],
  conditions: ["RF-FX-03"], // osteoporosis; diabetes counts only with fever
  medications: ["RF-FX-03", "RF-INF-04"], // 12 months of steroids; immunosuppressant; anticoagulant alone is nothing
  conservative_care_weeks: [], // 52 weeks but not tried: no failed trial
  response_to_care: [], // worsening after 0 weeks: no failed trial
};

const TIER: Record<string, "emergency" | "urgent" | "routine_soon"> = {
  "RF-CA-01": "urgent",
  "RF-CA-04": "routine_soon",
  "RF-CES-01": "emergency",
  "RF-FX-01": "emergency",
  "RF-FX-03": "routine_soon",
  "RF-INF-03": "urgent",
  "RF-INF-04": "urgent",
  "RF-NEURO-01": "urgent",
  "RF-VASC-02": "emergency",
};
const RANK = { none: 0, routine_soon: 1, urgent: 2, emergency: 3 } as const;

describe("DATA-01 red-flag screen incomplete", () => {
  it("the catalogue's required set is exactly the R fields of a.1-a.5 as 1.2 has them", () => {
    expect(QUESTION_LIST.filter((q) => q.required).map((q) => q.id)).toEqual(REQUIRED);
    expect(QUESTION_LIST.filter((q) => !q.required && q.requiredWhen).map((q) => q.id)).toEqual([
      "known_aaa",
      "pregnancy_status",
      "corticosteroid_months",
    ]);
  });

  it("a complete intake is final", () => {
    const e = run({});
    expect(e.data_flags).toEqual([]);
    expect(e.status).toBe("final");
    expect(e.missing).toEqual([]);
    expect(e.cannot_exclude).toEqual([]);
    expect(e.cannot_exclude_emergency).toBe(false);
  });

  it.each(REQUIRED)("blank %s -> DATA-01, provisional, listed as missing, doctor queue", (field) => {
    for (const blank of [undefined, null, ""]) {
      const e = run({ [field]: blank });
      expect(e.data_flags).toContain("DATA-01");
      expect(e.status).toBe("provisional");
      expect(e.missing).toEqual([field]);
      expect(e.doctor_queue).toBe(true);
    }
  });

  it("an empty list is blank for the required multi-selects", () => {
    for (const field of ["pain_location", "conditions", "medications"]) {
      expect(run({ [field]: [] }).missing).toEqual([field]);
    }
  });

  it("corticosteroid_months is required when systemic_corticosteroid is ticked", () => {
    expect(run({ medications: ["systemic_corticosteroid"] }).missing).toEqual(["corticosteroid_months"]);
    expect(run({ medications: ["systemic_corticosteroid"], corticosteroid_months: 0 }).data_flags).toEqual([]);
    expect(run({ medications: ["nsaid"] }).data_flags).toEqual([]);
  });

  it("known_aaa is required from age 50, not at 49, and not when the age is blank (0.4 item 14)", () => {
    expect(run({ age_years: 50, known_aaa: undefined }).missing).toEqual(["known_aaa"]);
    expect(run({ age_years: 49, known_aaa: undefined }).data_flags).toEqual([]);
    expect(run({ age_years: undefined, known_aaa: undefined }).missing).toEqual(["age_years"]);
  });

  it("faint_or_collapse is required at every age (0.4 item 6)", () => {
    for (const age of [16, 30, 49, 50, 80]) expect(run({ age_years: age, faint_or_collapse: undefined }).missing).toEqual(["faint_or_collapse"]);
  });

  it("pregnancy_status is required when not male and aged 12-55 (0.4 item 10), a blank sex counting as not male", () => {
    const missing = (o: Record<string, unknown>) => run({ pregnancy_status: undefined, ...o }).missing;
    expect(missing({ sex: "female", age_years: 55 })).toEqual(["pregnancy_status"]);
    expect(missing({ sex: "female", age_years: 56 })).toEqual([]);
    expect(missing({ sex: "other", age_years: 30 })).toEqual(["pregnancy_status"]);
    expect(missing({ sex: "not_stated", age_years: 30 })).toEqual(["pregnancy_status"]);
    expect(missing({ sex: "male", age_years: 30 })).toEqual([]);
    expect(missing({ sex: undefined, age_years: 30 })).toEqual(["sex", "pregnancy_status"]);
    expect(missing({ sex: "female", age_years: undefined })).toEqual(["age_years"]);
    expect(missing({ sex: "female", age_years: 12 })).toEqual(["pregnancy_status"]);
    expect(missing({ sex: "female", age_years: 11 })).toEqual([]);
  });

  it("optional answers never raise it", () => {
    const e = run({ temperature_c: undefined, stress_level: undefined, pseudoclaudication: undefined });
    expect(e.status).toBe("final");
  });

  it("explains which answers are blank", () => {
    const e = run({ age_years: 62, known_aaa: undefined, sex: undefined });
    const x = e.explanations.find((r) => r.rule === "DATA-01");
    expect(x?.conditions).toEqual(["Sex: not answered", "Age: 62 years, at least 50", expect.stringMatching(/aneurysm: not answered$/)]);
  });
});

describe("DATA-02 cannot exclude (0.4 item 1)", () => {
  it.each(Object.entries(CANNOT_EXCLUDE_FOR_BASE))("blank %s: cannot exclude %j", (field, rules) => {
    const e = run({ [field]: undefined });
    expect(e.cannot_exclude).toEqual(rules.map((rule) => ({ rule, fields: [field] })));
    expect(e.data_flags.includes("DATA-02")).toBe(rules.length > 0);
    expect(e.data_flags).toContain("DATA-01");
    expect(e.cannot_exclude_emergency).toBe(rules.some((r) => TIER[r] === "emergency"));
    // Its tier is the highest among what it cannot exclude, capped at urgent; none of them fires for real.
    const top = Math.min(RANK.urgent, Math.max(0, ...rules.map((r) => RANK[TIER[r] as keyof typeof RANK])));
    expect(RANK[e.urgency]).toBe(top);
    for (const r of rules) expect(e.red_flags).not.toContain(r);
  });

  it("every field name of the table is a required field", () => {
    expect(Object.keys(CANNOT_EXCLUDE_FOR_BASE).sort()).toEqual([...REQUIRED].sort());
  });

  it("an unasked emergency question makes the case urgent, never emergency, and says so", () => {
    const e = run({ saddle_anesthesia: undefined });
    expect(e.urgency).toBe("urgent");
    expect(e.cannot_exclude_emergency).toBe(true);
    expect(e.red_flags).toEqual([]);
    const x = e.explanations.find((r) => r.rule === "DATA-02");
    expect(x?.tier).toBe("urgent");
    expect(x?.title).toBe("Safety screen incomplete: cannot exclude cauda equina syndrome");
    expect(x?.conditions).toEqual(["saddle_anesthesia blank: RF-CES-01 fires with the worst answer"]);
  });

  it("lists every blank field that could fire a rule, sorted, and the rules sorted by id", () => {
    const e = run({ saddle_anesthesia: undefined, new_urinary_retention: undefined, history_of_cancer: undefined, fever: undefined });
    expect(e.cannot_exclude).toEqual([
      { rule: "RF-CA-01", fields: ["history_of_cancer"] },
      { rule: "RF-CES-01", fields: ["new_urinary_retention", "saddle_anesthesia"] },
      { rule: "RF-INF-03", fields: ["fever"] },
    ]);
  });

  it("a DATA-02 at routine_soon keeps routine_soon and the conservative-care content (0.4 item 14)", () => {
    const e = run({ unexplained_weight_loss: undefined });
    expect(e.urgency).toBe("routine_soon");
    expect(e.conservative_care).toBe(true);
    expect(e.conservative_care_content.length).toBeGreaterThan(0);
    const urgent = run({ fever: undefined });
    expect(urgent.urgency).toBe("urgent");
    expect(urgent.conservative_care).toBe(false);
  });

  it("is not an RF rule: the pathway rules still run beside it (0.4 item 14)", () => {
    const e = run({ saddle_anesthesia: undefined });
    expect(e.pathway_rules).toEqual(["PW-NSLBP-01"]);
    expect(e.imaging.modality).toBe("none");
  });

  it("ignores a rule that fires already, and one that stops firing in a re-run", () => {
    // Long-standing stable bilateral sciatica fires RF-CES-02; with the saddle answer at its worst RF-CES-01 fires
    // and RF-CES-02 stops: only RF-CES-01 cannot be excluded.
    const e = run({ pain_radiation: "below_knee_both_legs", onset_date: onsetDaysAgo(30), saddle_anesthesia: undefined });
    expect(e.red_flags).toEqual(["RF-CES-02"]);
    expect(e.cannot_exclude).toEqual([{ rule: "RF-CES-01", fields: ["saddle_anesthesia"] }]);
    // Already firing: nothing to add.
    const firing = run({ new_urinary_retention: true, saddle_anesthesia: undefined });
    expect(firing.red_flags).toEqual(["RF-CES-01"]);
    expect(firing.cannot_exclude).toEqual([]);
    expect(firing.data_flags).toEqual(["DATA-01"]);
    expect(firing.urgency).toBe("emergency");
  });

  it("runs one field at a time, never combinations", () => {
    // RF-CA-03 needs weight loss or unrelenting night pain and two weak factors: each blank alone at its worst
    // gives only one more factor on top of age 40 (not > 50), so RF-CA-03 is never in the list.
    const e = run({ age_years: 40, unexplained_weight_loss: undefined, night_pain: undefined });
    expect(e.cannot_exclude).toEqual([{ rule: "RF-CA-04", fields: ["night_pain", "unexplained_weight_loss"] }]);
  });

  it("re-runs a worst answer that breaks a cross-field check anyway (0.4 item 14)", () => {
    // 52 weeks of care in a 10-day episode would be refused at submit; with response "no change" it is a failed
    // trial, which with age over 50 is RF-CA-04 with X-ray (here already firing) and, with night pain, RF-CA-03.
    const e = run({ age_years: 60, night_pain: "unrelenting_at_rest", response_to_care: "no_change", conservative_care_weeks: undefined });
    expect(e.red_flags).toContain("RF-CA-03");
    const e2 = run({ age_years: 60, response_to_care: "no_change", conservative_care_weeks: undefined, unexplained_weight_loss: true });
    expect(e2.red_flags).toEqual(["RF-CA-03"]);
    const e3 = run({ age_years: 45, response_to_care: "no_change", conservative_care_weeks: undefined, unexplained_weight_loss: true });
    expect(e3.red_flags).toEqual(["RF-CA-04"]);
    expect(e3.cannot_exclude).toEqual([{ rule: "RF-CA-03", fields: ["conservative_care_weeks"] }]);
  });

  it("a blank medications list re-runs with 12 months of steroids", () => {
    const e = run({ age_years: 40, medications: undefined, onset_type: "sudden" });
    // steroids -> fracture risk with a sudden onset -> RF-FX-02; immunosuppressant -> RF-INF-04; anticoagulant with a
    // sudden onset needs weakness for RF-BLEED-01.
    expect(e.cannot_exclude).toEqual([
      { rule: "RF-FX-02", fields: ["medications"] },
      { rule: "RF-INF-04", fields: ["medications"] },
    ]);
    const weak = run({ age_years: 40, medications: undefined, onset_type: "sudden", leg_weakness: "one_leg_mild" });
    expect(weak.cannot_exclude.map((c) => c.rule)).toEqual(["RF-BLEED-01", "RF-FX-02", "RF-INF-02"]);
    expect(weak.cannot_exclude_emergency).toBe(true);
  });

  it("does not fire without a blank required answer, and never for a blank optional one", () => {
    expect(run({ pseudoclaudication: undefined, temperature_c: undefined, chills_or_night_sweats: undefined }).data_flags).toEqual([]);
  });

  it("puts the case in the doctor queue whatever its urgency", () => {
    expect(run({ unexplained_weight_loss: undefined }).doctor_queue).toBe(true);
  });
});

describe("OUT-OF-SCOPE-01 (under 16, 0.4 item 2)", () => {
  it("age 15 with nothing else: urgent, provisional, a doctor reviews today", () => {
    const e = run({ age_years: 15 });
    expect(e.data_flags).toEqual(["OUT-OF-SCOPE-01"]);
    expect(e.red_flags).toEqual([]);
    expect(e.pathway_rules).toEqual([]);
    expect(e.advisories).toEqual([]);
    expect(e.urgency).toBe("urgent");
    expect(e.imaging).toMatchObject({ modality: "none", rule: null, notes: [] });
    expect(e.status).toBe("provisional");
    expect(e.out_of_scope?.message).toBe("Not for use under 16: a doctor reviews today.");
    expect(e.doctor_queue).toBe(true);
    expect(e.conservative_care).toBe(false);
    expect(e.safety_net.text).toMatch(/both legs/);
    expect(e.explanations.map((x) => x.rule)).toEqual(["OUT-OF-SCOPE-01"]);
    expect(e.explanations[0]?.conditions).toEqual(["Age: 15 years, under 16"]);
  });

  it("evaluates the emergency rules as for adults, keeping their imaging (with the note) and bloods", () => {
    const e = run({ age_years: 15, new_urinary_retention: true });
    expect(e.red_flags).toEqual(["RF-CES-01"]);
    expect(e.urgency).toBe("emergency");
    expect(e.imaging).toMatchObject({
      modality: "mri",
      rule: "RF-CES-01",
      notes: ["under 16: agree imaging with paediatrics; prefer MRI where it answers the question"],
    });
    const abscess = run({ age_years: 14, fever: true, gait_disturbance: true });
    expect(abscess.red_flags).toEqual(["RF-INF-02"]);
    expect(abscess.blood_tests.panel).toEqual(["CBC", "ESR", "CRP", "blood cultures"]);
    expect(run({ age_years: 13, trauma_energy: "major" }).red_flags).toEqual(["RF-FX-01"]);
    expect(run({ age_years: 13, faint_or_collapse: true }).red_flags).toEqual(["RF-VASC-02"]);
    // Age gates stay as written: RF-AAA-01 only through a known aneurysm.
    expect(run({ age_years: 15, known_aaa: true }).red_flags).toEqual(["RF-AAA-01"]);
  });

  it("fires no urgent or routine RF rule, no PW and no ADV but ADV-PREGNANCY", () => {
    const e = run({ age_years: 15, fever: true, history_of_cancer: true, pain_score_now: 9, gait_disturbance: false, stress_level: "high" });
    expect(e.red_flags).toEqual([]);
    expect(e.advisories).toEqual([]);
    expect(e.urgency).toBe("urgent");
    const pregnant = run({ age_years: 15, pregnancy_status: "pregnant", trauma_energy: "major" });
    expect(pregnant.advisories).toEqual(["ADV-PREGNANCY"]);
    expect(pregnant.imaging.notes).toEqual([
      "under 16: agree imaging with paediatrics; prefer MRI where it answers the question",
      "pregnant or possibly pregnant: prefer MRI without gadolinium where it answers the question; do not withhold CT in an emergency",
    ]);
  });

  it("still raises DATA-01, and DATA-02 over the emergency rules only", () => {
    const saddle = run({ age_years: 15, saddle_anesthesia: undefined });
    expect(saddle.data_flags).toEqual(["OUT-OF-SCOPE-01", "DATA-01", "DATA-02"]);
    expect(saddle.cannot_exclude).toEqual([{ rule: "RF-CES-01", fields: ["saddle_anesthesia"] }]);
    expect(saddle.cannot_exclude_emergency).toBe(true);
    expect(saddle.urgency).toBe("urgent");
    // A history of cancer alone would be urgent RF-CA-01, which does not run under 16.
    const cancer = run({ age_years: 15, history_of_cancer: undefined });
    expect(cancer.data_flags).toEqual(["OUT-OF-SCOPE-01", "DATA-01"]);
    expect(cancer.missing).toEqual(["history_of_cancer"]);
  });

  it("age 16 is in scope; 0 is not; a blank age is DATA-01, not out of scope", () => {
    expect(run({ age_years: 16 }).data_flags).toEqual([]);
    expect(run({ age_years: 0 }).data_flags).toEqual(["OUT-OF-SCOPE-01"]);
    expect(run({ age_years: undefined }).data_flags).toContain("DATA-01");
    expect(run({ age_years: undefined }).data_flags).not.toContain("OUT-OF-SCOPE-01");
  });
});
