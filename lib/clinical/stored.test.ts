// Stored evaluations of older rulesets are read as today's type, so an old signed record shows as it was decided.
import { describe, expect, it } from "vitest";
import { readStoredEvaluation } from "./stored";
import { run } from "./test-support/builders";

/** An evaluation as ruleset 1.1 stored it. */
const OLD = {
  ruleset_version: "1.1.0+0123456789ab",
  status: "provisional",
  urgency: "routine_soon",
  red_flags: ["RF-CA-04"],
  pathway_rules: [],
  advisories: [],
  data_flags: ["DATA-01"],
  imaging: { modality: "none", detail: "no imaging", rule: null, tier: null, precedence: null, also_consider: [] },
  blood_tests: { required: false, panel: [], panels: [], at_doctors_choice: [] },
  doctor_queue: true,
  missing_fields: ["fever"],
  out_of_scope: null,
  safety_net: { id: "SAFETY-NET-CES", text: "Come back.", sources: [] },
  conservative_care: [{ id: "CC-REASSURE", text: "Reassure.", sources: [] }],
  derived: {},
  explanations: [],
};

describe("readStoredEvaluation", () => {
  it("reads a 1.1 evaluation: missing from missing_fields, the content list, no cannot_exclude, no notes", () => {
    const e = readStoredEvaluation(OLD)!;
    expect(e.ruleset_version).toBe("1.1.0+0123456789ab");
    expect(e.missing).toEqual(["fever"]);
    expect(e.conservative_care).toBe(true);
    expect(e.conservative_care_content).toEqual([{ id: "CC-REASSURE", text: "Reassure.", sources: [] }]);
    expect(e.cannot_exclude).toEqual([]);
    expect(e.cannot_exclude_emergency).toBe(false);
    expect(e.imaging.notes).toEqual([]);
    expect(e.urgency).toBe("routine_soon");
    expect(readStoredEvaluation({ ...OLD, conservative_care: null })!.conservative_care).toBe(false);
  });

  it("reads today's evaluation unchanged", () => {
    const now = run({ saddle_anesthesia: undefined, pregnancy_status: "pregnant", trauma_energy: "major" });
    expect(readStoredEvaluation(JSON.parse(JSON.stringify(now)))).toEqual(JSON.parse(JSON.stringify(now)));
  });

  it("is null when nothing was stored", () => {
    for (const x of [null, undefined, "text", [1]]) expect(readStoredEvaluation(x)).toBeNull();
  });
});
