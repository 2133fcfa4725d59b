// Imaging precedence (knowledge.md c.3): one suggestion, taken from the first fired rule in the list that
// carries a modality; the others appear under "also consider".
import { describe, expect, it } from "vitest";
import { IMAGING_PRECEDENCE } from "./imaging";
import { RULES } from "./rules";
import { generateIntakes } from "@/lib/db/seed/generate";
import { run } from "./test-support/builders";
import { evaluate } from "./evaluate";

describe("c.3 precedence list", () => {
  it("is the spec's list, in order", () => {
    expect(IMAGING_PRECEDENCE).toEqual([
      "RF-AAA-01",
      "RF-FX-01",
      "RF-CES-01",
      "RF-BLEED-01", // 0.4 item 12: order 3a
      "RF-INF-02",
      "RF-CA-02",
      "RF-NEURO-01",
      "RF-CES-02",
      "RF-INF-01",
      "RF-INF-04",
      "RF-CA-01",
      "RF-CA-03",
      "RF-FX-02",
      "RF-POSTOP-01",
      "PW-MRI-01",
      "RF-CA-04",
      "RF-FX-03",
    ]);
  });

  it("every rule with a modality is in the list with the spec's modality and tier; the rest carry none", () => {
    const modality: Record<string, [string, string]> = {
      "RF-AAA-01": ["ct", "emergency"],
      "RF-FX-01": ["ct", "emergency"],
      "RF-CES-01": ["mri", "emergency"],
      "RF-BLEED-01": ["mri", "emergency"],
      "RF-INF-02": ["mri", "emergency"],
      "RF-CA-02": ["mri", "emergency"],
      "RF-NEURO-01": ["mri", "urgent"],
      "RF-CES-02": ["mri", "urgent"],
      "RF-INF-01": ["mri", "urgent"],
      "RF-INF-04": ["mri", "urgent"],
      "RF-CA-01": ["mri", "urgent"],
      "RF-CA-03": ["mri", "urgent"],
      "RF-FX-02": ["xray", "urgent"],
      "RF-POSTOP-01": ["mri", "routine_soon"],
      "PW-MRI-01": ["mri", "routine_soon"],
      "RF-CA-04": ["xray", "routine_soon"],
      "RF-FX-03": ["xray", "routine_soon"],
    };
    for (const r of RULES) {
      const expected = modality[r.id];
      if (expected) {
        expect([r.imaging?.modality, r.tier], r.id).toEqual(expected);
      } else {
        expect(r.imaging, r.id).toBeUndefined();
      }
    }
    // Only the two "after a failed trial" rows are conditional.
    expect(RULES.filter((r) => r.imaging?.when).map((r) => r.id)).toEqual(["RF-CA-04", "RF-FX-03"]);
  });

  it.each([
    ["RF-AAA-01 over RF-FX-01", { known_aaa: true, faint_or_collapse: true, trauma_energy: "major" }, "RF-AAA-01", "ct"],
    ["RF-FX-01 over RF-CES-01", { trauma_energy: "major", saddle_anesthesia: true }, "RF-FX-01", "ct"],
    ["RF-CES-01 over RF-INF-02", { saddle_anesthesia: true, fever: true, gait_disturbance: true }, "RF-CES-01", "mri"],
    ["RF-INF-02 over RF-CA-02", { fever: true, history_of_cancer: true, leg_weakness: "one_leg_mild" }, "RF-INF-02", "mri"],
    ["RF-CES-01 over RF-BLEED-01", { medications: ["anticoagulant"], leg_weakness: "both_legs" }, "RF-CES-01", "mri"],
    ["RF-BLEED-01 over RF-INF-02", { medications: ["anticoagulant"], fever: true, gait_disturbance: true }, "RF-BLEED-01", "mri"],
    ["RF-NEURO-01 over RF-CES-02", { leg_weakness: "one_leg_marked", leg_numbness_tingling: "both_legs", onset_date: "2025-01-01" }, "RF-NEURO-01", "mri"],
    ["RF-INF-01 over RF-CA-01", { fever: true, immunosuppressed: true, history_of_cancer: true }, "RF-INF-01", "mri"],
    ["RF-INF-04 over RF-CA-01", { immunosuppressed: true, history_of_cancer: true }, "RF-INF-04", "mri"],
    ["RF-CA-01 over RF-FX-02", { history_of_cancer: true, age_years: 75, onset_type: "sudden" }, "RF-CA-01", "mri"],
    ["RF-CA-03 over RF-FX-02", { unexplained_weight_loss: true, age_years: 75, onset_type: "sudden" }, "RF-CA-03", "mri"],
    ["RF-POSTOP-01 over PW-MRI-01", { prior_lumbar_surgery: true, response_to_care: "worsening", conservative_care_weeks: 8, onset_date: "2024-12-01", intervention_candidate: true }, "RF-POSTOP-01", "mri"],
    ["RF-CA-04 over RF-FX-03 after a failed trial", { age_years: 75, conservative_care_weeks: 4, response_to_care: "no_change", onset_date: "2025-01-01" }, "RF-CA-04", "xray"],
  ])("%s", (_name, o, rule, modality) => {
    const e = run(o);
    expect(e.imaging.rule).toBe(rule);
    expect(e.imaging.modality).toBe(modality);
    expect(e.imaging.precedence).toBe(IMAGING_PRECEDENCE.indexOf(rule) + 1);
    // Every other fired RF/PW rule is listed under "also consider".
    const others = [...e.red_flags, ...e.pathway_rules].filter((id) => id !== rule);
    expect(e.imaging.also_consider.map((a) => a.rule)).toEqual(others);
  });

  it("lists the other rules' own imaging under also consider", () => {
    const e = run({ trauma_energy: "major", saddle_anesthesia: true });
    expect(e.imaging.also_consider).toEqual([
      expect.objectContaining({ rule: "RF-CES-01", modality: "mri", detail: expect.stringMatching(/lumbosacral MRI/) }),
    ]);
  });

  it("is none with the default wording when nothing supplies a modality; a rule's own wording stays with it", () => {
    expect(run({}).imaging).toMatchObject({ modality: "none", rule: null, tier: null, precedence: null, notes: [] });
    expect(run({}).imaging.detail).toBe("no imaging suggested by the app");
    const collapse = run({ faint_or_collapse: true });
    expect(collapse.imaging).toMatchObject({ modality: "none", detail: "no imaging suggested by the app" });
    expect(collapse.imaging.also_consider).toEqual([
      expect.objectContaining({ rule: "RF-VASC-02", modality: "none", detail: expect.stringMatching(/emergency department/) }),
    ]);
  });

  it("carries the pregnancy note on every suggestion while ADV-PREGNANCY fires, and only with a modality (0.4 item 10)", () => {
    const note =
      "pregnant or possibly pregnant: prefer MRI without gadolinium where it answers the question; do not withhold CT in an emergency";
    for (const status of ["pregnant", "postpartum_under_12_weeks", "unsure"]) {
      const trauma = run({ pregnancy_status: status, trauma_energy: "major" });
      expect(trauma.imaging).toMatchObject({ modality: "ct", rule: "RF-FX-01", notes: [note] });
      expect(run({ pregnancy_status: status }).imaging.notes).toEqual([]);
    }
    expect(run({ pregnancy_status: "not_pregnant", trauma_energy: "major" }).imaging.notes).toEqual([]);
  });

  it("always follows the list on generated intakes", () => {
    for (const intake of generateIntakes(800, 7, { yesRate: 0.15 })) {
      const e = evaluate(intake);
      const withModality = e.explanations
        .filter((x) => (x.kind === "red_flag" || x.kind === "pathway") && x.imaging && x.imaging.modality !== "none")
        .map((x) => x.rule);
      const first = IMAGING_PRECEDENCE.find((id) => withModality.includes(id)) ?? null;
      expect(e.imaging.rule).toBe(first);
      if (first === null) expect(e.imaging.modality).toBe("none");
      else expect(e.imaging.tier).toBe(RULES.find((r) => r.id === first)?.tier);
    }
  });
});
