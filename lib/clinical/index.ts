// Public API of the clinical core (pure TypeScript; imports only zod). See CONTRIBUTING.md for how to add a
// question or a rule.

// Catalogue (knowledge.md a.1-a.6)
export { HASHED_QUESTIONS, QUESTIONS, QUESTION_LIST, SECTIONS, isFieldId, painScoreQuestion, questionById, questionsInSection } from "./catalogue";
export type { AnswerOf, FieldId, ObservedQuestion, QuestionOf, TIntake } from "./catalogue";
export {
  answeredBySection,
  compactAnswers,
  formatAnswer,
  isQuestionRequired,
  isQuestionVisible,
  isScaleQuestion,
  missingRequiredFields,
  unansweredSafetyQuestions,
  usesDropdown,
  visibleQuestions,
} from "./display";
export type { TAnsweredSection } from "./display";

// Validation
export {
  FORM_LEVEL,
  allowedText,
  describeCondition,
  fieldSchema,
  makeDraftSchema,
  makeIntakeSchema,
  toFieldErrors,
  validateIntake,
} from "./schema";
export type { FieldError, IntakeSchemaOptions, TIntakeDraft, TIntakeInput, ValidationResult } from "./schema";
export { previewDraft, sanitizeDraft } from "./draft";

// Evaluation
export { evaluate } from "./evaluate";
export { readStoredEvaluation } from "./stored";
export { askNowHeadline, askNowLines, askNowSentence, joinWords } from "./ask-now";
export type { TAskNowLine } from "./ask-now";
export { DERIVED } from "./derive";
export type { DerivedId } from "./derive";
export {
  ADVISORY_RULES,
  ALL_RULES,
  DATA_02_RULE,
  DATA_RULES,
  OUT_OF_SCOPE_RULE,
  PATHWAY_RULES,
  PREGNANCY_IMAGING_NOTE,
  RED_FLAG_RULES,
  RULES,
  UNDER_16_IMAGING_NOTE,
  ruleById,
} from "./rules";
export { DEFAULT_NO_IMAGING_DETAIL, IMAGING_PRECEDENCE } from "./imaging";
export { BLOOD_PANELS, mergePanels } from "./blood";
export type { BloodPanel } from "./blood";
export { CONSERVATIVE_CARE, NSAID_CAUTION, SAFETY_NET, conservativeCareFor } from "./content";
export { RULESET_HASH, RULESET_LABEL, RULESET_SEMVER, RULESET_VERSION } from "./version";

// Reference data for the UI
export * from "./seed-tables";
export { SOURCES, sourceByTag } from "./sources";
export type { SourceRef } from "./sources";

// Types
export { MODALITIES, SECTION_IDS, TIERS } from "./types";
export type * from "./types";
