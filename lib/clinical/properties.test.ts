// Property tests (fast-check) over intakes generated from the catalogue.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { QUESTION_LIST } from "./catalogue";
import { evaluate } from "./evaluate";
import { validateIntake } from "./schema";
import { intakeInputArb } from "./test-support/arbitraries";
import { TODAY } from "./test-support/builders";
import { MODALITIES, TIERS, type Evaluation, type Tier } from "./types";
import type { TIntake } from "./catalogue";

const RANK: Record<Tier, number> = { none: 0, routine_soon: 1, urgent: 2, emergency: 3 };

const WARNING_SIGNS = [
  "saddle_anesthesia",
  "new_urinary_retention",
  "new_urinary_incontinence",
  "new_bowel_incontinence",
  "fever",
  "history_of_cancer",
  "unexplained_weight_loss",
  "neuro_deficit_progressing",
  "gait_disturbance",
  "immunosuppressed",
] as const;

const REQUIRED = QUESTION_LIST.filter((q) => q.required).map((q) => q.id);

function validated(input: Record<string, unknown>): TIntake {
  const r = validateIntake(input, { today: TODAY });
  if (!r.ok) throw new Error(`generated intake rejected: ${JSON.stringify(r.errors)}`);
  return r.intake;
}

const validIntake = intakeInputArb(TODAY).map(validated);

function expectWellFormed(e: Evaluation): void {
  expect(TIERS).toContain(e.urgency);
  expect(MODALITIES).toContain(e.imaging.modality);
  expect(e.imaging.rule === null).toBe(e.imaging.modality === "none");
  expect(e.status).toBe(e.data_flags.length > 0 ? "provisional" : "final");
  expect(e.blood_tests.required).toBe(e.blood_tests.panel.length > 0);
  expect(e.safety_net.text.length).toBeGreaterThan(0);
  expect(JSON.parse(JSON.stringify(e))).toEqual(e);
}

describe("properties", () => {
  it("every generated intake passes the submit schema, and evaluate never throws on it", () => {
    fc.assert(
      fc.property(validIntake, (intake) => {
        expectWellFormed(evaluate(intake));
      }),
      { numRuns: 600 },
    );
  });

  it.each(WARNING_SIGNS)("setting %s to true never lowers urgency", (sign) => {
    fc.assert(
      fc.property(validIntake, (intake) => {
        const before = evaluate({ ...intake, [sign]: false });
        const after = evaluate({ ...intake, [sign]: true });
        expect(RANK[after.urgency]).toBeGreaterThanOrEqual(RANK[before.urgency]);
        // From a blank answer too.
        const blank: Record<string, unknown> = { ...intake };
        delete blank[sign];
        expect(RANK[after.urgency]).toBeGreaterThanOrEqual(RANK[evaluate(blank as TIntake).urgency]);
      }),
      { numRuns: 250 },
    );
  });

  it("blanking a required safety answer always yields provisional and DATA-01 (in scope)", () => {
    fc.assert(
      fc.property(
        validIntake,
        fc.constantFrom(...REQUIRED),
        fc.constantFrom(undefined, null, ""),
        fc.integer({ min: 16, max: 110 }),
        (intake, field, blank, age) => {
          const input: Record<string, unknown> = { ...intake, age_years: age, [field]: blank };
          if (blank === undefined) delete input[field];
          const e = evaluate(validated(input));
          expect(e.status).toBe("provisional");
          expect(e.data_flags).toContain("DATA-01");
          expect(e.missing_fields).toContain(field);
        },
      ),
      { numRuns: 600 },
    );
  });

  it("blanking a conditionally required answer when it applies also yields DATA-01", () => {
    fc.assert(
      fc.property(
        validIntake,
        fc.integer({ min: 50, max: 110 }),
        fc.constantFrom("faint_or_collapse", "known_aaa", "corticosteroid_months"),
        (intake, age, field) => {
          const input: Record<string, unknown> = { ...intake, age_years: age };
          delete input[field];
          if (field === "corticosteroid_months") input.medications = ["systemic_corticosteroid"];
          const e = evaluate(validated(input));
          expect(e.status).toBe("provisional");
          expect(e.missing_fields).toContain(field);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("under 16, nothing but OUT-OF-SCOPE-01 fires", () => {
    fc.assert(
      fc.property(validIntake, fc.integer({ min: 0, max: 15 }), (intake, age) => {
        const e = evaluate({ ...intake, age_years: age });
        expect(e.data_flags).toEqual(["OUT-OF-SCOPE-01"]);
        expect([...e.red_flags, ...e.pathway_rules, ...e.advisories]).toEqual([]);
        expect(e.urgency).toBe("none");
        expect(e.status).toBe("provisional");
      }),
      { numRuns: 200 },
    );
  });

  it("PW rules never fire beside an urgent or emergency RF rule", () => {
    fc.assert(
      fc.property(validIntake, (intake) => {
        const e = evaluate(intake);
        if (e.red_flags.length > 0 && e.explanations.some((x) => x.kind === "red_flag" && RANK[x.tier ?? "none"] >= 2)) {
          expect(e.pathway_rules).toEqual([]);
        }
      }),
      { numRuns: 400 },
    );
  });
});
