// "Ask now" in words: the concern of each rule DATA-02 cannot exclude and the questions to ask, in the catalogue's
// own wording.
import { describe, expect, it } from "vitest";
import { askNowHeadline, askNowLines, askNowSentence, joinWords } from "./ask-now";
import { RED_FLAG_RULES } from "./rules";
import { run } from "./test-support/builders";

describe("ask now", () => {
  it("names the concern and the questions of each rule that cannot be excluded", () => {
    const e = run({ saddle_anesthesia: undefined, new_urinary_retention: undefined, history_of_cancer: undefined });
    const lines = askNowLines(e.cannot_exclude);
    expect(lines.map(askNowSentence)).toEqual([
      "Cannot exclude spinal metastasis: ask about a history of cancer",
      "Cannot exclude cauda equina syndrome: ask about numbness in the saddle area and new difficulty passing urine",
    ]);
    expect(lines.map((l) => l.emergency)).toEqual([false, true]);
    expect(askNowHeadline(lines)).toBe("Ask now: cannot exclude spinal metastasis and cauda equina syndrome");
    expect(askNowHeadline([])).toBe("");
  });

  it("every red-flag rule has a concern in plain words (no rule ids)", () => {
    for (const r of RED_FLAG_RULES) {
      expect(r.concern, r.id).toMatch(/^[a-z][a-z ,()'-]+$/);
      expect(r.concern, r.id).not.toMatch(/RF-|DATA-|_/);
    }
  });

  it("joins words as a sentence", () => {
    expect(joinWords([])).toBe("");
    expect(joinWords(["a"])).toBe("a");
    expect(joinWords(["a", "b"])).toBe("a and b");
    expect(joinWords(["a", "b", "c"])).toBe("a, b and c");
  });
});
