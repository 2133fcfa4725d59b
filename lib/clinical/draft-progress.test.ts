import { describe, expect, it } from "vitest";
import { QUESTION_LIST, SECTIONS } from "./catalogue";
import { resumeSectionIndex, sectionProgress } from "./draft-progress";

const stateOf = (answers: Record<string, unknown>, section: string, left: string[] = []) =>
  sectionProgress(answers, new Set(left)).find((p) => p.section === section)!;

/** Every required question of a section answered with a valid value, the way the form would store it. */
function answersFor(section: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const q of QUESTION_LIST.filter((x) => x.section === section && x.required)) {
    if (q.type === "boolean") out[q.id] = false;
    else if (q.type === "enum") out[q.id] = q.options[0]!.value;
    else if (q.type === "multi-enum") out[q.id] = [q.options[0]!.value];
    else if (q.type === "date") out[q.id] = "2026-01-05";
    else if (q.type === "integer" || q.type === "number") out[q.id] = q.min ?? 0;
    else out[q.id] = "x";
  }
  return out;
}

describe("sectionProgress", () => {
  it("has one entry per section, in order", () => {
    expect(sectionProgress({}).map((p) => p.section)).toEqual(SECTIONS.map((s) => s.id));
  });

  it("an untouched section is not started; once left blank it has blank answers", () => {
    expect(stateOf({}, "a.1")).toMatchObject({ state: "not-started", answered: 0, blank: 3 });
    expect(stateOf({}, "a.1", ["a.1"])).toMatchObject({ state: "blank", blank: 3 });
  });

  it("one answer starts a section; it is done when no required question is blank", () => {
    expect(stateOf({ age_years: 40 }, "a.1")).toMatchObject({ state: "blank", answered: 1, blank: 2 });
    expect(stateOf({ visit_date: "2026-01-05", age_years: 40, sex: "female" }, "a.1")).toMatchObject({ state: "done", answered: 3, blank: 0 });
  });

  it("blank values (null, empty text, empty list) count as unanswered", () => {
    expect(stateOf({ visit_date: "", age_years: null, sex: "female" }, "a.1")).toMatchObject({ state: "blank", answered: 1, blank: 2 });
  });

  it("a section of optional questions is done once answered or left", () => {
    expect(stateOf({}, "a.6")).toMatchObject({ state: "not-started", blank: 0 });
    expect(stateOf({}, "a.6", ["a.6"]).state).toBe("done");
    expect(stateOf({ stress_level: 3 }, "a.6").state).toBe("done");
  });

  it("follows conditional requirement: the aneurysm question is required from age 50", () => {
    const a4 = answersFor("a.4");
    expect(stateOf({ ...a4, age_years: 40, sex: "male" }, "a.4").state).toBe("done");
    expect(stateOf({ ...a4, age_years: 60, sex: "male" }, "a.4")).toMatchObject({ state: "blank", blank: 1 });
    expect(stateOf({ ...a4, age_years: 60, sex: "male", known_aaa: false }, "a.4").state).toBe("done");
  });

  it("does not count hidden questions, answered or not", () => {
    // The pregnancy question is shown (and required) only for patients who may be pregnant.
    const a4 = answersFor("a.4");
    expect(stateOf({ ...a4, age_years: 30, sex: "female" }, "a.4")).toMatchObject({ state: "blank", blank: 1 });
    const male = stateOf({ ...a4, age_years: 30, sex: "male", pregnancy_status: "pregnant" }, "a.4");
    expect(male.state).toBe("done");
    expect(male.answered).toBe(Object.keys(a4).length);
  });
});

describe("resumeSectionIndex", () => {
  it("opens a new draft at the first step", () => {
    expect(resumeSectionIndex({})).toBe(0);
    expect(resumeSectionIndex(null)).toBe(0);
  });

  it("opens a draft with answers in the first step only (filled in at the start of a visit) at the first step", () => {
    expect(resumeSectionIndex({ age_years: 40 })).toBe(0);
    expect(resumeSectionIndex(answersFor("a.1"))).toBe(0);
  });

  it("otherwise opens the first step that is not done", () => {
    expect(resumeSectionIndex({ ...answersFor("a.1"), stress_level: 3 })).toBe(1);
    expect(resumeSectionIndex({ ...answersFor("a.1"), ...answersFor("a.2"), ...answersFor("a.3") })).toBe(3);
    expect(resumeSectionIndex({ age_years: 40, ...answersFor("a.2") })).toBe(0);
  });

  it("opens the last step when every step is done", () => {
    const all = Object.assign({ stress_level: 3 }, ...SECTIONS.map((s) => answersFor(s.id))) as Record<string, unknown>;
    // Adults under 50 who are male: no conditional question is required.
    expect(resumeSectionIndex({ ...all, age_years: 40, sex: "male" })).toBe(SECTIONS.length - 1);
  });
});
