import { describe, expect, it } from "vitest";
import { QUESTION_LIST, questionById } from "./catalogue";
import { answeredBySection, compactAnswers, formatAnswer, isScaleQuestion, questionName, unansweredSafetyQuestions, usesDropdown } from "./display";

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

describe("answers in words", () => {
  it("uses the catalogue's option labels and units", () => {
    expect(formatAnswer(questionById("temperature_c")!, 38.4)).toBe("38.4 deg C");
    expect(formatAnswer(questionById("sex")!, "female")).toBe("Female");
    const multi = QUESTION_LIST.find((q) => q.type === "multi-enum")!;
    if (multi.type !== "multi-enum") throw new Error("catalogue has no multi-select");
    const [a, b] = multi.options;
    expect(formatAnswer(multi, [a!.value, b!.value])).toBe(`${a!.label}; ${b!.label}`);
    const yesNo = QUESTION_LIST.find((q) => q.type === "boolean")!;
    expect([formatAnswer(yesNo, true), formatAnswer(yesNo, false)]).toEqual(["Yes", "No"]);
  });

  it("groups answered questions by section in catalogue order and leaves blanks out", () => {
    const sections = answeredBySection({ temperature_c: 37.2, sex: "male", age_years: 40, conditions: [], weight_loss: null });
    expect(sections.map((s) => s.id)).toEqual(["a.1", "a.4"]);
    expect(sections[0]!.answers.map((a) => a.id)).toEqual(["age_years", "sex"]);
    expect(sections[0]!.answers[0]).toEqual({ id: "age_years", label: questionById("age_years")!.label, value: "40 years" });
    expect(sections[1]!.answers).toEqual([{ id: "temperature_c", label: questionById("temperature_c")!.label, value: "37.2 deg C" }]);
  });
});

describe("unanswered safety questions (what a doctor acknowledges when signing a provisional result)", () => {
  it("lists the missing answers of a provisional result with their catalogue labels", () => {
    expect(unansweredSafetyQuestions({ status: "provisional", missing: ["fever", "age_years"] })).toEqual([
      { id: "fever", label: questionById("fever")!.label },
      { id: "age_years", label: "How old is the patient?" },
    ]);
  });

  it("is empty for a final result and for an out-of-scope one, where nothing is missing", () => {
    expect(unansweredSafetyQuestions({ status: "final", missing: [] })).toEqual([]);
    expect(unansweredSafetyQuestions({ status: "provisional", missing: [] })).toEqual([]);
  });
});

describe("questionName", () => {
  it("is the catalogue's short words, capitalised, without a leading article", () => {
    expect(questionName(questionById("age_years")!)).toBe("Age");
    expect(questionName(questionById("history_of_cancer")!)).toBe("History of cancer");
    expect(questionName(questionById("visit_date")!)).toBe("Visit date");
    expect(questionName(questionById("saddle_anesthesia")!)).toBe("Numbness in the saddle area");
    for (const q of QUESTION_LIST) expect(questionName(q), q.id).toMatch(/^[A-Z0-9]/);
  });
});
