// The evaluation as a whole: urgency, status, doctor queue, safety net, conservative care, explanations,
// purity and JSON shape.
import { describe, expect, it } from "vitest";
import { evaluate } from "./evaluate";
import { NSAID_CAUTION } from "./content";
import { ALL_RULES } from "./rules";
import { baseIntake, intake, onsetDaysAgo, run } from "./test-support/builders";
import { generateIntakes } from "@/lib/db/seed/generate";
import { RULESET_VERSION } from "./version";

describe("evaluate()", () => {
  it("is deterministic, does not modify its input, and round-trips through JSON", () => {
    const input = intake({ age_years: 72, onset_type: "sudden", fever: true });
    const copy = JSON.parse(JSON.stringify(input)) as unknown;
    const a = evaluate(input);
    const b = evaluate(input);
    expect(b).toEqual(a);
    expect(input).toEqual(copy);
    expect(JSON.parse(JSON.stringify(a))).toEqual(a);
    expect(a.ruleset_version).toBe(RULESET_VERSION);
  });

  it("sets urgency to the highest tier among fired RF and PW rules, DATA-02 and OUT-OF-SCOPE-01 (0.4 item 14)", () => {
    expect(run({}).urgency).toBe("none");
    expect(run({ age_years: 55 }).urgency).toBe("routine_soon");
    expect(run({ age_years: 55, fever: true }).urgency).toBe("urgent");
    expect(run({ age_years: 55, fever: true, saddle_anesthesia: true }).urgency).toBe("emergency");
    expect(run({ saddle_anesthesia: undefined }).urgency).toBe("urgent");
    expect(run({ age_years: 15 }).urgency).toBe("urgent");
  });

  it("puts RF rules, PW-MRI-01, DATA-01/02, OUT-OF-SCOPE-01, ADV-PREGNANCY and ADV-STRATIFIED-HIGH in the doctor queue, and nothing else", () => {
    expect(run({}).doctor_queue).toBe(false);
    expect(run({ pain_radiation: "below_knee_one_leg" }).doctor_queue).toBe(false);
    expect(run({ pseudoclaudication: true, pain_score_now: 9 }).doctor_queue).toBe(false);
    expect(run({ medications: ["anticoagulant"], kidney_stones: undefined }).doctor_queue).toBe(false);
    expect(run({ risk_stratification_category: "medium" }).doctor_queue).toBe(false);
    expect(run({ age_years: 51 }).doctor_queue).toBe(true);
    expect(run({ sex: undefined }).doctor_queue).toBe(true);
    expect(run({ age_years: 15 }).doctor_queue).toBe(true);
    expect(run({ pregnancy_status: "unsure" }).doctor_queue).toBe(true);
    expect(run({ risk_stratification_category: "high" }).doctor_queue).toBe(true);
    expect(
      run({ onset_date: onsetDaysAgo(60), conservative_care_weeks: 6, response_to_care: "no_change", intervention_candidate: true })
        .doctor_queue,
    ).toBe(true);
  });

  it("gives every patient the cauda equina safety-net message", () => {
    for (const e of [run({}), run({ saddle_anesthesia: true }), run({ age_years: 12 }), evaluate({})]) {
      expect(e.safety_net.text).toMatch(/bladder|urine/);
      expect(e.safety_net.text).toMatch(/both legs/);
      expect(e.safety_net.sources).toEqual(["[GLOS-RF]", "[BMJBP-CES]"]);
    }
  });

  it("gives conservative care whenever urgency is none or routine_soon, matched to the phase", () => {
    const acute = run({});
    expect(acute.conservative_care).toBe(true);
    expect(acute.conservative_care_content.map((c) => c.id)).toEqual(["CC-REASSURE", "CC-ACUTE", "CC-NICE-DRUGS", "CC-EXERCISE"]);
    const chronicRoutine = run({ age_years: 60, onset_date: onsetDaysAgo(200) });
    expect(chronicRoutine.urgency).toBe("routine_soon");
    expect(chronicRoutine.conservative_care_content.map((c) => c.id)).toEqual([
      "CC-REASSURE",
      "CC-CHRONIC",
      "CC-NICE-DRUGS",
      "CC-EXERCISE",
    ]);
    expect(run({ onset_date: undefined }).conservative_care_content).toHaveLength(5);
    for (const e of [run({ fever: true }), run({ trauma_energy: "major" })]) {
      expect(e.conservative_care).toBe(false);
      expect(e.conservative_care_content).toEqual([]);
    }
  });

  it("never recommends an NSAID without the caution while ADV-NSAID-CAUTION fires (0.4 item 5)", () => {
    for (const o of [{ medications: ["anticoagulant"] }, { age_years: 66 }, { age_years: 80, onset_date: onsetDaysAgo(200) }]) {
      const e = run(o);
      expect(e.advisories).toContain("ADV-NSAID-CAUTION");
      expect(e.conservative_care).toBe(true);
      for (const item of e.conservative_care_content) {
        if (/NSAID/.test(item.text)) expect(item.text, item.id).toContain(NSAID_CAUTION);
      }
      expect(e.conservative_care_content.filter((c) => c.text.includes(NSAID_CAUTION)).length).toBeGreaterThan(0);
    }
    for (const item of run({ age_years: 65 }).conservative_care_content) expect(item.text).not.toContain(NSAID_CAUTION);
  });

  it("explains every fired rule with the actual values, action and sources", () => {
    const e = run({ age_years: 71, onset_type: "sudden", temperature_c: 38.4, immunosuppressed: true });
    const fired = [...e.red_flags, ...e.pathway_rules, ...e.advisories, ...e.data_flags];
    expect(e.explanations.map((x) => x.rule)).toEqual(fired);
    for (const x of e.explanations) {
      const rule = ALL_RULES.find((r) => r.id === x.rule);
      expect(x.title).toBe(rule?.title);
      expect(x.action).toBe(rule?.action);
      expect(x.sources).toEqual(rule?.sources);
      expect(x.conditions.length).toBeGreaterThan(0);
    }
    const inf = e.explanations.find((x) => x.rule === "RF-INF-01");
    // In the catalogue's words, never field or rule ids.
    expect(inf?.conditions).toHaveLength(3);
    expect(inf?.conditions[0]).toMatch(/: yes \(Temperature: 38\.4 deg C, at least 38\)$/);
    expect(inf?.conditions[1]).toMatch(/^Infection risk factor: yes \(Immunosuppressed.*: yes\)$/);
    expect(inf?.conditions[2]).toMatch(/\(possible spinal epidural abscess\): does not apply$/);
    for (const c of inf?.conditions ?? []) expect(c).not.toMatch(/[a-z]+_[a-z]+|RF-/);
    expect(inf?.suspected_condition).toMatch(/osteomyelitis/);
    expect(inf?.blood_panels).toEqual(["infection"]);
    expect(inf?.related_conditions).toEqual(["C-OSTEOMYEL"]);
    const fx = e.explanations.find((x) => x.rule === "RF-FX-02");
    expect(fx?.conditions).toContain("Fragility-fracture risk factor: yes (Age: 71 years, over 70)");
    expect(e.imaging.notes).toEqual([]);
  });

  it("reports derived variables and, when provisional, the missing answers", () => {
    const e = run({ onset_date: undefined, conditions: [] });
    expect(e.derived.duration_days).toBeNull();
    expect(e.missing).toEqual(["onset_date", "conditions"]);
    expect(run({}).derived).toMatchObject({ duration_days: 10, phase: "acute", radicular: false });
  });

  it("evaluates an empty intake without throwing: provisional, every required answer missing, urgent", () => {
    const e = evaluate({});
    expect(e.status).toBe("provisional");
    expect(e.missing).toHaveLength(32);
    expect(e.data_flags).toEqual(["DATA-01", "DATA-02"]);
    expect(e.cannot_exclude_emergency).toBe(true);
    expect(e.urgency).toBe("urgent");
  });

  it("keeps rule-id lists in rule order and free of duplicates", () => {
    const order = ALL_RULES.map((r) => r.id);
    for (const input of generateIntakes(300, 3, { yesRate: 0.2 })) {
      const e = evaluate(input);
      for (const list of [e.red_flags, e.pathway_rules, e.advisories, e.data_flags]) {
        expect(new Set(list).size).toBe(list.length);
        const idx = list.map((id) => order.indexOf(id));
        expect([...idx].sort((a, b) => a - b)).toEqual(idx);
      }
    }
  });

  it("does not need the optional answers", () => {
    expect(evaluate(baseIntake()).status).toBe("final");
  });
});
