// The PEG items of the catalogue (average pain, pain getting in the way of enjoying life and of usual activities,
// each 0-10): the questions whose source is the PEG scale. Tracked across visits beside the pain score (the
// patient's pain chart); no rule reads them.
import { QUESTION_LIST } from "./catalogue";

export const PEG_QUESTIONS = QUESTION_LIST.filter((q) => q.sources.includes("[PEG]"));

if (PEG_QUESTIONS.length !== 3 || PEG_QUESTIONS.some((q) => q.type !== "integer")) {
  throw new Error("the catalogue should hold the three PEG items as 0-10 integers");
}

export const PEG_IDS = PEG_QUESTIONS.map((q) => q.id);
