// The review page's "answers that fired rules" and red-flag answers, in the catalogue's words (issue 18 item 2).
import { describe, expect, it } from "vitest";
import { evaluate } from "./evaluate";
import { firingAnswers, redFlagAnswerFields, variableName } from "./explain";
import { vignetteIntake } from "./test-support/vignettes";

const V17 = vignetteIntake("LBP-V17"); // cauda equina: saddle numbness and difficulty passing urine
const V01 = vignetteIntake("LBP-V01"); // uncomplicated

describe("firingAnswers", () => {
  it("lists the answers that made the fired rules hold, in catalogue words and order, with their rules", () => {
    const e = evaluate(V17);
    expect(e.red_flags).toEqual(["RF-CES-01"]);
    const answers = firingAnswers(e.red_flags, V17);
    expect(answers.map((a) => a.text)).toEqual(expect.arrayContaining(["Numbness in the saddle area: yes", "New difficulty passing urine: yes"]));
    for (const a of answers) {
      expect(a.rules).toEqual(["RF-CES-01"]);
      expect(a.text).not.toMatch(/_|=|RF-/);
    }
    // A "no" that the rule reads is not a reason it fired.
    expect(answers.map((a) => a.field)).not.toContain("new_bowel_incontinence");
  });

  it("expands derived variables into the answers behind them", () => {
    const answers = firingAnswers(["RF-FX-03"], { age_years: 71 });
    expect(answers).toEqual([{ field: "age_years", text: "Age: 71 years", rules: ["RF-FX-03"] }]);
  });

  it("is empty for a rule that fires on the absence of findings, and for unknown rules", () => {
    expect(firingAnswers(evaluate(V01).pathway_rules, V01)).toEqual([]);
    expect(firingAnswers(["NO-SUCH-RULE"], V17)).toEqual([]);
  });
});

describe("redFlagAnswerFields", () => {
  it("marks answers a red-flag rule counts, whether or not the rule fired", () => {
    expect([...redFlagAnswerFields(V17)]).toEqual(expect.arrayContaining(["saddle_anesthesia", "new_urinary_retention"]));
    expect(redFlagAnswerFields(V17).has("new_bowel_incontinence")).toBe(false);
    expect([...redFlagAnswerFields(V01)]).toEqual([]);
  });
});

describe("variableName", () => {
  it("is the question's short, or a derived label without its formula", () => {
    expect(variableName("saddle_anesthesia")).toBe("Numbness in the saddle area");
    expect(variableName("duration_days")).toBe("Days since onset");
  });
});
