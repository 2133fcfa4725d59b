// Every worked case in vignettes.dev.json reproduces exactly through the function (the CLI path is in
// cli.test.ts). Rule-id lists are compared as sets (0.3 item 5); every field the file's conventions name is
// checked.
import { describe, expect, it } from "vitest";
import { previewDraft } from "./draft";
import { evaluate } from "./evaluate";
import { validateIntake } from "./schema";
import { TODAY } from "./test-support/builders";
import { VIGNETTES, type VignetteExpectation } from "./test-support/vignettes";
import type { Evaluation } from "./types";

const sorted = (xs: readonly string[]): string[] => [...xs].sort();

export function expectMatchesVignette(e: Evaluation, x: VignetteExpectation): void {
  expect(sorted(e.red_flags), "red_flags").toEqual(sorted(x.red_flags));
  expect(sorted(e.pathway_rules), "pathway_rules").toEqual(sorted(x.pathway_rules));
  expect(sorted(e.advisories), "advisories").toEqual(sorted(x.advisories));
  expect(sorted(e.data_flags), "data_flags").toEqual(sorted(x.data_flags));
  for (const id of x.red_flags_must_not_fire ?? []) expect(e.red_flags, `${id} must not fire`).not.toContain(id);
  expect(e.urgency, "urgency").toBe(x.urgency);
  expect(e.imaging.modality, "imaging.modality").toBe(x.imaging.modality);
  if (x.imaging.rule !== undefined) expect(e.imaging.rule, "imaging.rule").toBe(x.imaging.rule);
  if (x.imaging.notes !== undefined) expect(sorted(e.imaging.notes), "imaging.notes").toEqual(sorted(x.imaging.notes));
  if (x.imaging.detail !== undefined) expect(e.imaging.detail, "imaging.detail").toBe(x.imaging.detail);
  expect(e.blood_tests.required, "blood_tests.required").toBe(x.blood_tests.required);
  expect(sorted(e.blood_tests.panel), "blood_tests.panel").toEqual(sorted(x.blood_tests.panel));
  expect(e.status, "status").toBe(x.status);
  if (x.cannot_exclude !== undefined) {
    expect(e.cannot_exclude.map((c) => ({ rule: c.rule, fields: sorted(c.fields) })), "cannot_exclude").toEqual(
      [...x.cannot_exclude].map((c) => ({ rule: c.rule, fields: sorted(c.fields) })).sort((a, b) => a.rule.localeCompare(b.rule)),
    );
  }
  if (x.cannot_exclude_emergency !== undefined) expect(e.cannot_exclude_emergency, "cannot_exclude_emergency").toBe(x.cannot_exclude_emergency);
  if (x.doctor_queue !== undefined) expect(e.doctor_queue, "doctor_queue").toBe(x.doctor_queue);
  if (x.missing !== undefined) expect(sorted(e.missing), "missing").toEqual(sorted(x.missing));
  if (x.conservative_care !== undefined) expect(e.conservative_care, "conservative_care").toBe(x.conservative_care);
}

describe("worked cases (vignettes.dev.json) through evaluate()", () => {
  it("has the 1.2 cases to check", () => {
    expect(VIGNETTES.length).toBeGreaterThanOrEqual(24);
    expect(VIGNETTES.some((v) => v.id.startsWith("N12-"))).toBe(true);
  });

  for (const v of VIGNETTES) {
    it(`${v.id} (${v.category})`, () => {
      const validated = validateIntake(v.intake, { today: TODAY });
      if (v.expected.rejected) {
        expect(validated.ok, "rejected at submit").toBe(false);
        if (!validated.ok) expect(sorted([...new Set(validated.errors.map((e) => e.field))])).toEqual(sorted(v.expected.fields ?? []));
        if (v.expected_preview) expectMatchesVignette(previewDraft(v.intake, { today: TODAY }), v.expected_preview);
        return;
      }
      if (!validated.ok) throw new Error(JSON.stringify(validated.errors));
      const e = evaluate(validated.intake);
      expectMatchesVignette(e, v.expected);
      // imaging.rule is null exactly when the modality is none (0.3 item 5).
      expect(e.imaging.rule === null).toBe(e.imaging.modality === "none");
    });
  }
});
