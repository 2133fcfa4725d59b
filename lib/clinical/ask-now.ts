// What DATA-02 cannot exclude (knowledge.md 0.4 item 1), in plain words for staff and doctors: the concern of each
// rule and the unanswered questions to ask, with the catalogue's own wording. Screens say "Ask now: cannot exclude
// ...", never "emergency": the case is urgent, and the question is asked before the patient leaves.
import { QUESTION_LIST, questionById } from "./catalogue";
import { ruleById } from "./rules";
import type { CannotExclude } from "./types";
import { joinWords } from "./words";

export { joinWords };

export interface TAskNowLine {
  readonly rule: string;
  /** "cauda equina syndrome" */
  readonly concern: string;
  /** the rule is an emergency-tier rule */
  readonly emergency: boolean;
  readonly questions: readonly { readonly id: string; readonly label: string; readonly short: string }[];
}

const FORM_ORDER: ReadonlyMap<string, number> = new Map(QUESTION_LIST.map((q, i) => [q.id, i]));

/**
 * One line per rule that cannot be excluded, in the evaluation's order (by rule id); its questions in the form's
 * order, the order staff ask them in.
 */
export function askNowLines(cannotExclude: readonly CannotExclude[]): TAskNowLine[] {
  return cannotExclude.map((c) => {
    const rule = ruleById(c.rule);
    return {
      rule: c.rule,
      concern: rule?.concern ?? rule?.title ?? c.rule,
      emergency: rule?.tier === "emergency",
      questions: [...c.fields].sort((a, b) => (FORM_ORDER.get(a) ?? 0) - (FORM_ORDER.get(b) ?? 0)).map((id) => {
        const q = questionById(id);
        return { id, label: q?.label ?? id, short: q?.short ?? id };
      }),
    };
  });
}

/** "Cannot exclude cauda equina syndrome: ask about numbness in the saddle area" */
export function askNowSentence(line: TAskNowLine): string {
  return `Cannot exclude ${line.concern}: ask about ${joinWords(line.questions.map((q) => q.short))}`;
}

/** "Ask now: cannot exclude cauda equina syndrome and spinal epidural abscess" (the queue's and review page's line) */
export function askNowHeadline(lines: readonly TAskNowLine[]): string {
  return lines.length === 0 ? "" : `Ask now: cannot exclude ${joinWords(lines.map((l) => l.concern))}`;
}
