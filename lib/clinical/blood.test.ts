// Blood-test panels (knowledge.md c.4): which rules name them and how they merge.
import { describe, expect, it } from "vitest";
import { BLOOD_PANELS, mergePanels } from "./blood";
import { RULES } from "./rules";
import { run } from "./test-support/builders";

describe("c.4 panels", () => {
  it("have the spec's tests", () => {
    expect(Object.fromEntries(Object.values(BLOOD_PANELS).map((p) => [p.key, p.tests]))).toEqual({
      infection: ["CBC", "ESR", "CRP", "blood cultures"],
      infection_afebrile: ["CBC", "ESR", "CRP"],
      fever_screen: ["CBC", "ESR", "CRP", "urinalysis"],
      cancer: ["CBC", "ESR", "CRP"],
      cancer_weak: ["ESR", "CRP"],
      ibp: ["CRP", "ESR"],
      ibp_b27: ["CRP", "ESR", "HLA-B27"],
      coagulation: ["CBC", "PT/INR", "APTT"],
      renal: ["urinalysis"],
      electrolytes: ["Na", "K", "Mg", "Ca", "renal function"],
    });
  });

  it("are named by the spec's rules", () => {
    const named = Object.fromEntries(
      RULES.filter((r) => r.panels).map((r) => [r.id, (r.panels ?? []).map((p) => p.panel)]),
    );
    expect(named).toEqual({
      "RF-BLEED-01": ["coagulation"],
      "RF-CA-02": ["cancer"],
      "RF-CA-01": ["cancer"],
      "RF-CA-03": ["cancer"],
      "RF-CA-04": ["cancer_weak"],
      "RF-INF-02": ["infection"],
      "RF-INF-01": ["infection"],
      "RF-INF-03": ["fever_screen"],
      "RF-INF-04": ["infection_afebrile"],
      "RF-IBP-01": ["ibp"],
      "RF-IBP-02": ["ibp_b27"],
      "ADV-DIURETIC": ["electrolytes"],
      "ADV-RENAL": ["renal"],
    });
  });

  it("merge without duplicates and keep doctor's-choice tests out of the list", () => {
    expect(mergePanels(["infection", "cancer", "ibp_b27"])).toEqual({
      panel: ["CBC", "ESR", "CRP", "blood cultures", "HLA-B27"],
      at_doctors_choice: ["calcium", "ALP"],
    });
    expect(mergePanels([])).toEqual({ panel: [], at_doctors_choice: [] });
  });

  it("merge across fired rules and advisories in an evaluation", () => {
    const e = run({
      fever: true,
      immunosuppressed: true,
      history_of_cancer: true,
      medications: ["diuretic"],
      spasm_frequency: "constant",
    });
    expect(e.red_flags).toEqual(["RF-CA-01", "RF-INF-01"]);
    expect(e.blood_tests.required).toBe(true);
    expect(e.blood_tests.panel).toEqual(["CBC", "ESR", "CRP", "blood cultures", "Na", "K", "Mg", "Ca", "renal function"]);
    expect(e.blood_tests.panels.map((p) => [p.key, p.rule])).toEqual([
      ["cancer", "RF-CA-01"],
      ["infection", "RF-INF-01"],
      ["electrolytes", "ADV-DIURETIC"],
    ]);
  });

  it("are not required when no rule names one", () => {
    for (const o of [{}, { trauma_energy: "major" }, { saddle_anesthesia: true }, { known_aaa: true }, { faint_or_collapse: true }]) {
      expect(run(o).blood_tests).toMatchObject({ required: false, panel: [] });
    }
  });
});
