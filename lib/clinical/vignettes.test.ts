// Every worked case in vignettes.dev.json reproduces exactly through the function (the CLI path is in
// cli.test.ts). Rule-id lists are compared as sets (0.3 item 5).
import { describe, expect, it } from "vitest";
import { evaluate } from "./evaluate";
import { validateIntake } from "./schema";
import { TODAY } from "./test-support/builders";
import { VIGNETTES, type Vignette } from "./test-support/vignettes";
import type { Evaluation } from "./types";

const sorted = (xs: readonly string[]): string[] => [...xs].sort();

export function expectMatchesVignette(e: Evaluation, v: Vignette): void {
  const x = v.expected;
  expect(sorted(e.red_flags), "red_flags").toEqual(sorted(x.red_flags));
  expect(sorted(e.pathway_rules), "pathway_rules").toEqual(sorted(x.pathway_rules));
  expect(sorted(e.advisories), "advisories").toEqual(sorted(x.advisories));
  expect(sorted(e.data_flags), "data_flags").toEqual(sorted(x.data_flags));
  for (const id of x.red_flags_must_not_fire ?? []) expect(e.red_flags, `${id} must not fire`).not.toContain(id);
  expect(e.urgency, "urgency").toBe(x.urgency);
  expect(e.imaging.modality, "imaging.modality").toBe(x.imaging.modality);
  expect(e.blood_tests.required, "blood_tests.required").toBe(x.blood_tests.required);
  expect(sorted(e.blood_tests.panel), "blood_tests.panel").toEqual(sorted(x.blood_tests.panel));
  expect(e.status, "status").toBe(x.status);
}

describe("worked cases (vignettes.dev.json) through evaluate()", () => {
  it("has cases to check", () => {
    expect(VIGNETTES.length).toBeGreaterThanOrEqual(16);
  });

  for (const v of VIGNETTES) {
    it(`${v.id} (${v.category})`, () => {
      const validated = validateIntake(v.intake, { today: TODAY });
      if (!validated.ok) throw new Error(JSON.stringify(validated.errors));
      const e = evaluate(validated.intake);
      expectMatchesVignette(e, v);
      // The wording of the imaging suggestion follows the worked cases too.
      if (v.expected.imaging.detail) expect(e.imaging.detail).toBe(v.expected.imaging.detail);
      // imaging.rule is null exactly when the modality is none (0.3 item 5).
      expect(e.imaging.rule === null).toBe(e.imaging.modality === "none");
    });
  }
});
