import { describe, expect, it } from "vitest";
import { QUESTION_LIST, questionById } from "./catalogue";
import { compactAnswers, isScaleQuestion, usesDropdown } from "./display";

describe("form presentation derived from the catalogue", () => {
  it("puts exactly the 0-10 pain questions on a scale", () => {
    expect(QUESTION_LIST.filter(isScaleQuestion).map((q) => q.id)).toEqual([
      "pain_score_now",
      "peg_pain_avg_week",
      "peg_enjoyment_interference",
      "peg_activity_interference",
    ]);
    expect(isScaleQuestion(questionById("age_years")!)).toBe(false);
  });

  it("uses a drop-down only for single choices with more than seven options", () => {
    for (const q of QUESTION_LIST) {
      expect(usesDropdown(q)).toBe(q.type === "enum" && q.options.length > 7);
    }
  });
});

describe("compactAnswers", () => {
  it("drops blank answers (null, empty text, empty list) and keeps false and 0", () => {
    expect(compactAnswers({ a: null, b: "", c: [], d: undefined, e: false, f: 0, g: ["x"], h: "t" })).toEqual({
      e: false,
      f: 0,
      g: ["x"],
      h: "t",
    });
  });

  it("returns an empty object for anything that is not an object of answers", () => {
    for (const input of [null, undefined, "x", 3, ["a"]]) expect(compactAnswers(input)).toEqual({});
  });
});
