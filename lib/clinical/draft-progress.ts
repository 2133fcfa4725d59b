// How far a draft intake has got, section by section: what the intake's step list shows (done, has blank answers,
// not started) and the step a resumed draft opens at when this device does not remember one. Reads the catalogue
// and its display conditions only (no rule base): it runs in the browser on every change.
import { QUESTION_LIST, SECTIONS } from "./catalogue";
import { compactAnswers, isQuestionRequired, isQuestionVisible } from "./display";

export type TSectionState = "done" | "blank" | "not-started";

export interface TSectionProgress {
  section: string;
  state: TSectionState;
  /** shown questions of the section that have an answer */
  answered: number;
  /** shown questions that are required for these answers and blank */
  blank: number;
}

/**
 * Each section's state. A section with no answer is "not started" until the user has moved on from it (`left`: the
 * sections they have been on and left); after that, or as soon as it has an answer, it is "blank" while a shown,
 * required question is unanswered and "done" otherwise. Blank means absent, null, "" or an empty list.
 */
export function sectionProgress(answers: unknown, left: ReadonlySet<string> = new Set()): TSectionProgress[] {
  const given = compactAnswers(answers);
  return SECTIONS.map((s) => {
    let answered = 0;
    let blank = 0;
    for (const q of QUESTION_LIST) {
      if (q.section !== s.id || !isQuestionVisible(q, given)) continue;
      if (q.id in given) answered++;
      else if (isQuestionRequired(q, given)) blank++;
    }
    const state: TSectionState = answered === 0 && !left.has(s.id) ? "not-started" : blank > 0 ? "blank" : "done";
    return { section: s.id, state, answered, blank };
  });
}

/**
 * Where a draft opened without a remembered step resumes (begun on another device, or this browser's storage was
 * cleared): the first section that is not done, judged by the saved answers alone, or the last section when every
 * one is done. A draft with answers in the first section only opens there: starting a visit fills that section in
 * from the patient's record (visit date, age, sex), and checking it is where the intake begins.
 */
export function resumeSectionIndex(answers: unknown): number {
  const progress = sectionProgress(answers);
  if (progress.slice(1).every((p) => p.answered === 0)) return 0;
  const open = progress.findIndex((p) => p.state !== "done");
  return open === -1 ? progress.length - 1 : open;
}
