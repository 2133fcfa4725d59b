// Validation derived from the catalogue: strict about values, accepting about blanks (b.4), messages that name
// the field and say what is allowed.
import { describe, expect, it } from "vitest";
import { QUESTION_LIST } from "./catalogue";
import { previewDraft, sanitizeDraft } from "./draft";
import { questionName } from "./display";
import { fieldSchema, makeDraftSchema, makeIntakeSchema, validateIntake, type FieldError } from "./schema";
import { baseIntake, onsetDaysAgo, TODAY } from "./test-support/builders";
import { VIGNETTES } from "./test-support/vignettes";

const check = (input: unknown, options: { today?: string; requireComplete?: boolean } = {}) =>
  validateIntake(input, { today: options.today ?? TODAY, requireComplete: options.requireComplete });

function errorsOf(input: unknown, options: { today?: string; requireComplete?: boolean } = {}): FieldError[] {
  const r = check(input, options);
  if (r.ok) throw new Error("expected validation to fail");
  return r.errors;
}

const withField = (field: string, value: unknown) => ({ ...baseIntake(), [field]: value });

describe("makeIntakeSchema / validateIntake", () => {
  it("accepts every worked case and a complete intake", () => {
    for (const v of VIGNETTES) expect(check(v.intake).ok, v.id).toBe(true);
    expect(check(baseIntake()).ok).toBe(true);
  });

  it("accepts blank answers, required ones included (b.4): absent, null or empty string", () => {
    expect(check({}).ok).toBe(true);
    const r = check({ ...baseIntake(), sex: null, onset_type: "", pain_location: [] });
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.intake.sex).toBeNull();
      expect(r.intake.onset_type).toBeNull();
      expect(r.intake.pain_location).toEqual([]);
    }
  });

  it("rejects unknown fields, one error per field", () => {
    expect(errorsOf({ ...baseIntake(), colour: "blue", shoe_size: 9 })).toEqual([
      { field: "colour", message: '"colour" is not a question of this intake' },
      { field: "shoe_size", message: '"shoe_size" is not a question of this intake' },
    ]);
  });

  it("rejects something that is not an object", () => {
    for (const input of [null, 42, "intake", [baseIntake()]]) {
      expect(errorsOf(input)[0]?.field).toBe("(form)");
    }
  });

  it.each([
    ["sex", "unknown", "Sex: choose one of the options (Female; Male; Other; Not stated), or leave it blank"],
    ["fever", "yes", "Fever: choose yes or no, or leave it blank"],
    ["age_years", 111, "Age: enter a whole number from 0 to 110 (years), or leave it blank"],
    ["age_years", -1, "Age: enter a whole number from 0 to 110 (years), or leave it blank"],
    ["age_years", 40.5, "Age: enter a whole number from 0 to 110 (years), or leave it blank"],
    ["age_years", "40", "Age: enter a whole number from 0 to 110 (years), or leave it blank"],
    ["pain_score_now", 11, "Pain score now: enter a whole number from 0 to 10 (points (0-10)), or leave it blank"],
    ["temperature_c", 29.9, "Temperature: enter a number from 30 to 43 (deg C), or leave it blank"],
    ["temperature_c", 43.1, "Temperature: enter a number from 30 to 43 (deg C), or leave it blank"],
    ["age_years", 111, "Age: enter a whole number from 0 to 110 (years), or leave it blank"],
    ["age_years", -1, "Age: enter a whole number from 0 to 110 (years), or leave it blank"],
    ["corticosteroid_months", 601, "How long on steroids: enter a number from 0 to 600 (months), or leave it blank"],
    ["strength_days_per_week", 8, "Strength exercise days: enter a whole number from 0 to 7 (days per week), or leave it blank"],
    ["onset_date", "2025-02-30", "When this episode started: enter a valid date (YYYY-MM-DD), or leave it blank"],
    ["onset_date", "10/03/2025", "When this episode started: enter a valid date (YYYY-MM-DD), or leave it blank"],
    ["visit_date", "2025-3-1", "Visit date: enter a valid date (YYYY-MM-DD), or leave it blank"],
    ["trauma_details", "x".repeat(2001), "Details of the injury: write at most 2000 characters, or leave it blank"],
  ])("rejects %s = %j", (field, value, message) => {
    expect(errorsOf(withField(field, value))).toEqual([{ field, message }]);
  });

  it("accepts the range ends and decimal numbers where the type is number", () => {
    for (const [field, value] of [
      ["age_years", 0],
      ["age_years", 110],
      ["temperature_c", 30],
      ["temperature_c", 33.9],
      ["temperature_c", 43],
      ["age_years", 0],
      ["age_years", 110],
      ["temperature_c", 37.95],
      ["corticosteroid_months", 2.5],
      ["onset_date", "2024-02-29"],
    ] as const) {
      expect(check(withField(field, value)).ok, `${field}=${value}`).toBe(true);
    }
  });

  describe("care weeks against the episode (0.4 item 11: weeks x 7 > duration + 7 is refused)", () => {
    it.each([
      // [days since onset, weeks, accepted]
      [0, 1, true],
      [0, 2, false],
      [7, 2, true],
      [7, 3, false],
      [10, 2, true],
      [10, 3, false],
      [42, 7, true],
      [42, 8, false],
      [365, 53, true],
      [365, 54, false],
    ])("%i days, %i weeks: accepted %s", (days, weeks, accepted) => {
      const input = { ...baseIntake(), onset_date: onsetDaysAgo(days), conservative_care_weeks: weeks };
      if (accepted) {
        expect(check(input).ok).toBe(true);
      } else {
        expect(errorsOf(input)).toEqual([
          {
            field: "conservative_care_weeks",
            message: `Weeks of treatment so far: longer than this episode: ${weeks} weeks of care, but the pain started ${days} day${days === 1 ? "" : "s"} before the visit`,
          },
        ]);
      }
    });
    it("is skipped when the duration is unknown", () => {
      expect(check({ ...baseIntake(), onset_date: undefined, conservative_care_weeks: 520 }).ok).toBe(true);
      expect(check({ ...baseIntake(), visit_date: undefined, conservative_care_weeks: 520 }).ok).toBe(true);
    });
  });

  it("rejects unknown options and duplicates in multi-selects", () => {
    expect(errorsOf(withField("pain_location", ["lumbar_central", "knee"]))[0]?.field).toBe("pain_location");
    expect(errorsOf(withField("pain_location", ["buttock", "buttock"]))).toEqual([
      { field: "pain_location", message: "Where the pain is: tick each option only once" },
    ]);
    expect(errorsOf(withField("conditions", "osteoporosis"))[0]?.message).toMatch(/^Conditions already diagnosed: tick options from the list/);
  });

  it.each(["conditions", "medications", "aggravating_factors", "recent_activity"])(
    "rejects none combined with another option in %s",
    (field) => {
      const q = QUESTION_LIST.find((x) => x.id === field);
      const other = q?.type === "multi-enum" ? q.options.find((o) => o.value !== "none")?.value : undefined;
      expect(errorsOf(withField(field, ["none", other]))).toEqual([
        { field, message: `${questionName(q!)}: "${q?.type === "multi-enum" ? q.options.find((o) => o.value === "none")?.label : ""}" cannot be combined with other options; untick one or the other` },
      ]);
      expect(check(withField(field, ["none"])).ok).toBe(true);
    },
  );

  it("dates: onset not after visit, visit not in the future, onset not in the future when visit is blank", () => {
    expect(check(withField("onset_date", TODAY)).ok).toBe(true);
    expect(errorsOf(withField("onset_date", "2025-03-11"))).toEqual([
      { field: "onset_date", message: "When this episode started: must not be after the visit date (2025-03-10)" },
    ]);
    expect(errorsOf(baseIntake(), { today: "2025-03-09" })).toEqual([
      { field: "visit_date", message: "Visit date: must not be in the future (today is 2025-03-09)" },
    ]);
    expect(errorsOf({ onset_date: "2025-03-11" })).toEqual([
      { field: "onset_date", message: "When this episode started: must not be in the future (today is 2025-03-10)" },
    ]);
    expect(() => makeIntakeSchema({ today: "soon" })).toThrow(/today/);
  });

  it("reports every problem at once, cross-field ones included", () => {
    const errors = errorsOf({ ...baseIntake(), age_years: 300, onset_date: "2025-04-01", colour: 1 });
    expect(errors.map((e) => e.field).sort()).toEqual(["age_years", "colour", "onset_date"]);
  });

  describe("requireComplete", () => {
    it("rejects blank required answers, naming each", () => {
      const errors = errorsOf({ ...baseIntake(), sex: undefined, fever: null }, { requireComplete: true });
      expect(errors).toEqual([
        { field: "sex", message: "Sex: required; choose one of the options (Female; Male; Other; Not stated)" },
        { field: "fever", message: "Fever: required; choose yes or no" },
      ]);
    });
    it("requires corticosteroid_months when systemic_corticosteroid is ticked", () => {
      const steroids = { ...baseIntake(), medications: ["systemic_corticosteroid"] };
      expect(errorsOf(steroids, { requireComplete: true })).toEqual([
        {
          field: "corticosteroid_months",
          message:
            'How long on steroids: required when "Steroid tablets or injections (e.g. prednisolone)" is ticked for current ' +
            "medicines; enter a number from 0 to 600 (months)",
        },
      ]);
      expect(check({ ...steroids, corticosteroid_months: 4 }, { requireComplete: true }).ok).toBe(true);
      // The default (submission with blanks accepted) lets it through: DATA-01 makes the result provisional.
      expect(check(steroids).ok).toBe(true);
    });
    it("requires known_aaa from age 50", () => {
      const errors = errorsOf({ ...baseIntake(), age_years: 50 }, { requireComplete: true });
      expect(errors.map((e) => e.field)).toEqual(["known_aaa"]);
      expect(check({ ...baseIntake(), age_years: 49 }, { requireComplete: true }).ok).toBe(true);
    });
  });

  it("every message starts with the question's name in words and names no field id or option value", () => {
    const ids = new RegExp(`\\b(${QUESTION_LIST.filter((x) => x.id.includes("_")).map((x) => x.id).join("|")})\\b`);
    for (const q of QUESTION_LIST) {
      const bad = q.type === "boolean" ? "maybe" : q.type === "text" ? 5 : true;
      const r = fieldSchema(q).safeParse(bad);
      expect(r.success, q.id).toBe(false);
      if (!r.success) {
        const message = r.error.issues[0]!.message;
        expect(message.startsWith(`${questionName(q)}: `), q.id).toBe(true);
        expect(message, q.id).not.toMatch(ids);
        if ("options" in q) for (const o of q.options.filter((x) => x.value.includes("_"))) expect(message, q.id).not.toContain(o.value);
      }
    }
  });

  it("reads conditions in words: \"required when ...\" names questions and option labels", () => {
    const errors = errorsOf({ ...baseIntake(), sex: "female", age_years: 30, pregnancy_status: null }, { requireComplete: true });
    expect(errors).toEqual([
      {
        field: "pregnancy_status",
        message:
          "Pregnancy or a recent birth: required when sex is not Male and age is 12 or more and age is 55 or less; " +
          "choose one of the options (No; Yes, pregnant; Gave birth in the last 12 weeks; Not sure)",
      },
    ]);
    expect(errorsOf({ ...baseIntake(), age_years: 50 }, { requireComplete: true })[0]?.message).toBe(
      "Known aortic aneurysm: required when age is 50 or more; choose yes or no",
    );
  });
});

describe("drafts", () => {
  it("the draft schema accepts partial, unfinished answers and drops unknown fields", () => {
    const schema = makeDraftSchema();
    const r = schema.safeParse({ age_years: 300, sex: "somebody", onset_date: "2025-13", extra: 1 });
    expect(r.success).toBe(true);
    if (r.success) expect(r.data).toEqual({ age_years: 300, sex: "somebody", onset_date: "2025-13" });
    expect(schema.safeParse({ age_years: "old" }).success).toBe(false);
    expect(schema.safeParse({}).success).toBe(true);
  });

  it("sanitizeDraft treats invalid answers as blank (0.3 item 1)", () => {
    const draft = {
      ...baseIntake(),
      age_years: 300,
      sex: "somebody",
      conditions: ["none", "osteoporosis"],
      onset_date: "2025-03-20",
      colour: "blue",
    };
    const clean = sanitizeDraft(draft, { today: TODAY });
    expect(clean).not.toHaveProperty("age_years");
    expect(clean).not.toHaveProperty("sex");
    expect(clean).not.toHaveProperty("conditions");
    expect(clean).not.toHaveProperty("onset_date");
    expect(clean).not.toHaveProperty("colour");
    expect(clean.visit_date).toBe(TODAY);
    const preview = previewDraft(draft, { today: TODAY });
    expect(preview.status).toBe("provisional");
    expect(preview.missing).toEqual(["age_years", "sex", "onset_date", "conditions"]);
  });

  it("sanitizeDraft treats care weeks longer than the episode as blank (0.4 item 14)", () => {
    const draft = { ...baseIntake(), onset_date: "2025-03-03", conservative_care_weeks: 3 };
    expect(sanitizeDraft(draft, { today: TODAY })).not.toHaveProperty("conservative_care_weeks");
    expect(previewDraft(draft, { today: TODAY }).missing).toEqual(["conservative_care_weeks"]);
    expect(sanitizeDraft({ ...draft, conservative_care_weeks: 2 }, { today: TODAY }).conservative_care_weeks).toBe(2);
  });

  it("a future visit date in a draft is blank, and the onset is then checked against today", () => {
    const clean = sanitizeDraft({ visit_date: "2025-04-01", onset_date: "2025-03-20" }, { today: TODAY });
    expect(clean).toEqual({});
    expect(sanitizeDraft("not an object", { today: TODAY })).toEqual({});
  });
});
