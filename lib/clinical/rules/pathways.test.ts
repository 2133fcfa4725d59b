// Pathway rules (knowledge.md c.2), including the gate: PW rules run only when no urgent or emergency RF fired.
import { describe, expect, it } from "vitest";
import { explanationOf, fires, onsetDaysAgo, run } from "../test-support/builders";

const candidate = {
  onset_date: onsetDaysAgo(42),
  conservative_care_weeks: 6,
  response_to_care: "no_change",
  intervention_candidate: true,
};

describe("PW-MRI-01 persistent symptoms in an intervention candidate (routine_soon)", () => {
  it("fires at 42 days, 6 weeks of care, no change or worse, candidate", () => {
    for (const response of ["no_change", "worsening"]) {
      const e = run({ ...candidate, response_to_care: response });
      expect(e.pathway_rules).toEqual(["PW-MRI-01"]);
      expect(e.urgency).toBe("routine_soon");
      expect(e.imaging).toMatchObject({ modality: "mri", rule: "PW-MRI-01", tier: "routine_soon" });
      expect(e.doctor_queue).toBe(true);
    }
  });
  it.each([
    ["41 days", { onset_date: onsetDaysAgo(41) }],
    ["5 weeks of care", { conservative_care_weeks: 5 }],
    ["improving", { response_to_care: "improving" }],
    ["not a candidate", { intervention_candidate: false }],
    ["candidacy blank", { intervention_candidate: undefined }],
    ["onset blank", { onset_date: undefined }],
  ])("does not fire with %s", (_name, o) => {
    expect(fires("PW-MRI-01", { ...candidate, ...o })).toBe(false);
  });
  it("explains the day count", () => {
    expect(explanationOf(run(candidate), "PW-MRI-01")).toContain("Days since onset: 42, at least 42");
  });
});

describe("PW-RAD-01 radicular pain without red flags (none)", () => {
  it("fires on below-knee pain or leg numbness", () => {
    for (const o of [{ pain_radiation: "below_knee_one_leg" }, { leg_numbness_tingling: "one_leg" }]) {
      const e = run(o);
      expect(e.pathway_rules).toEqual(["PW-RAD-01"]);
      expect(e.urgency).toBe("none");
      expect(e.imaging.modality).toBe("none");
      expect(e.doctor_queue).toBe(false);
    }
  });
  it("does not fire on buttock or thigh pain only", () => {
    expect(run({ pain_radiation: "buttock_or_thigh_only" }).pathway_rules).toEqual(["PW-NSLBP-01"]);
  });
  it("fires alongside PW-MRI-01 in a persistent radicular candidate", () => {
    expect(run({ ...candidate, pain_radiation: "below_knee_one_leg" }).pathway_rules).toEqual(["PW-MRI-01", "PW-RAD-01"]);
  });
});

describe("PW-STEN-01 possible stenosis (none)", () => {
  it("fires on pseudoclaudication only when answered yes", () => {
    expect(run({ pseudoclaudication: true }).pathway_rules).toEqual(["PW-STEN-01"]);
    expect(run({ pseudoclaudication: false }).pathway_rules).toEqual(["PW-NSLBP-01"]);
    expect(run({ pseudoclaudication: undefined }).pathway_rules).toEqual(["PW-NSLBP-01"]);
  });
});

describe("PW-NSLBP-01 uncomplicated non-specific LBP (none)", () => {
  it("fires with no RF rule, no radicular pain, no pseudoclaudication and no PW-MRI-01", () => {
    const e = run({});
    expect(e.pathway_rules).toEqual(["PW-NSLBP-01"]);
    expect(explanationOf(e, "PW-NSLBP-01")).toEqual([
      "no red-flag rule applies",
      expect.stringMatching(/^Radicular symptoms.*: no \(.*: no, it stays in the back \(not below the knee, one leg or below the knee, both legs\); .*: no\)$/),
      expect.stringMatching(/: not answered \(counts as no\)$/),
      expect.stringMatching(/: does not apply$/),
    ]);
  });
  it("does not fire when any RF rule fired, even a routine_soon one", () => {
    const e = run({ age_years: 51 });
    expect(e.red_flags).toEqual(["RF-CA-04"]);
    expect(e.pathway_rules).toEqual([]);
  });
  it("does not fire with PW-MRI-01 (non-radicular persistent pain)", () => {
    expect(run(candidate).pathway_rules).toEqual(["PW-MRI-01"]);
  });
});

describe("the c.2 gate", () => {
  it("urgent or emergency RF rules stop every PW rule", () => {
    const urgent = run({ ...candidate, pain_radiation: "below_knee_one_leg", leg_weakness: "one_leg_marked" });
    expect(urgent.red_flags).toEqual(["RF-NEURO-01"]);
    expect(urgent.pathway_rules).toEqual([]);
    const emergency = run({ pseudoclaudication: true, trauma_energy: "major" });
    expect(emergency.pathway_rules).toEqual([]);
  });
  it("routine_soon RF rules let PW rules run", () => {
    const e = run({ ...candidate, age_years: 55, pain_radiation: "below_knee_one_leg" });
    expect(e.red_flags).toEqual(["RF-CA-04"]);
    expect(e.pathway_rules).toEqual(["PW-MRI-01", "PW-RAD-01"]);
    // Six weeks without change is also a failed trial, so RF-CA-04 carries an X-ray; PW-MRI-01 comes first in
    // the precedence list (c.3 rows 14 and 15).
    expect(e.imaging.rule).toBe("PW-MRI-01");
  });
});
