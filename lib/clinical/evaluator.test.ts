// The condition language: semantics of blanks (0.3 item 2) and the load-time checks that catch typos.
import { describe, expect, it } from "vitest";
import { all, any, blank, countAtLeast, eq, fired, ge, gt, has, is, lt, ne, noneFired, not, oneOf } from "./conditions";
import { conditionHoldsOnAnswers } from "./display";
import { FIELD_VARS, VARS } from "./engine";
import { compileCond, RuleCompileError } from "./evaluator";
import type { Cond } from "./types";

const holds = (c: Cond, answers: Record<string, unknown>) => conditionHoldsOnAnswers(c, answers);

describe("condition semantics on blanks (0.3 item 2)", () => {
  it("a blank boolean is false, so NOT on it is true", () => {
    expect(holds(is("fever"), {})).toBe(false);
    expect(holds(not(is("fever")), {})).toBe(true);
  });
  it("a blank single choice with a neutral option takes it", () => {
    expect(holds(eq("leg_weakness", "none"), {})).toBe(true);
    expect(holds(ne("trauma_energy", "major"), {})).toBe(true);
    expect(holds(eq("iv_drug_use", "never"), {})).toBe(true);
    expect(holds(eq("response_to_care", "not_tried"), {})).toBe(true);
    expect(holds(eq("mechanism", "no_clear_cause"), {})).toBe(true);
  });
  it("any other blank single choice matches no option: == and in are false, != is true", () => {
    expect(holds(eq("onset_type", "sudden"), {})).toBe(false);
    expect(holds(eq("onset_type", "gradual"), {})).toBe(false);
    expect(holds(oneOf("sex", ["female", "male"]), {})).toBe(false);
    expect(holds(ne("sex", "male"), {})).toBe(true);
  });
  it("a blank multi-select is the empty set", () => {
    expect(holds(has("medications", "opioid"), {})).toBe(false);
    expect(holds(has("medications", "opioid"), { medications: [] })).toBe(false);
  });
  it("a blank number makes every comparison false", () => {
    for (const c of [gt("age_years", 0), ge("age_years", 0), lt("age_years", 200), eq("age_years", 0)]) {
      expect(holds(c, {})).toBe(false);
      expect(holds(not(c), {})).toBe(true);
    }
  });
  it("blank reads the raw answer: absent, null, empty string and empty list", () => {
    for (const v of [undefined, null, "", []]) expect(holds(blank("pain_location"), { pain_location: v })).toBe(true);
    expect(holds(blank("pain_location"), { pain_location: ["neck"] })).toBe(false);
    expect(holds(blank("fever"), { fever: false })).toBe(false);
  });
  it("all / any / count_at_least", () => {
    const a = { fever: true, gait_disturbance: true };
    expect(holds(all(is("fever"), is("gait_disturbance")), a)).toBe(true);
    expect(holds(all(is("fever"), is("saddle_anesthesia")), a)).toBe(false);
    expect(holds(any(is("saddle_anesthesia"), is("fever")), a)).toBe(true);
    expect(holds(countAtLeast(2, is("fever"), is("gait_disturbance"), is("saddle_anesthesia")), a)).toBe(true);
    expect(holds(countAtLeast(3, is("fever"), is("gait_disturbance"), is("saddle_anesthesia")), a)).toBe(false);
  });
});

describe("load-time checks", () => {
  const env = { vars: VARS };
  it.each([
    ["unknown variable", is("feverish")],
    ["is on a non-boolean", is("age_years")],
    ["unknown option", eq("leg_weakness", "both")],
    ["eq on a multi-select", eq("medications", "opioid")],
    ["has on a single choice", has("sex", "female")],
    ["unknown multi-select option", has("medications", "aspirin")],
    ["numeric comparison on an enum", gt("sex", 1)],
    ["number compared with text", eq("age_years", "old")],
    ["rule reference without rules", fired("RF-CES-01")],
  ])("rejects %s", (_name, c) => {
    expect(() => compileCond(c, env)).toThrow(RuleCompileError);
  });

  it("reads blank on a derived variable as its value being unknown", () => {
    expect(() => compileCond(blank("radicular"), env)).not.toThrow();
  });

  it("rejects a reference to a rule evaluated later, or none_fired within the same stage", () => {
    const ruleIndex = new Map([
      ["A", 0],
      ["B", 1],
    ]);
    expect(() => compileCond(fired("B"), { vars: VARS, ruleIndex, current: { index: 1, stage: 1, id: "B" } })).toThrow(
      /before/,
    );
    expect(() => compileCond(fired("A"), { vars: VARS, ruleIndex, current: { index: 1, stage: 1, id: "B" } })).not.toThrow();
    expect(() =>
      compileCond(noneFired("red_flag"), { vars: VARS, ruleIndex, current: { index: 1, stage: 1, id: "B" } }),
    ).toThrow(/later stage/);
  });

  it("catalogue conditions may read intake fields only", () => {
    expect(() => compileCond(is("radicular"), { vars: FIELD_VARS })).toThrow(/unknown variable/);
    expect(() => compileCond(is("fever"), { vars: FIELD_VARS })).not.toThrow();
  });
});
