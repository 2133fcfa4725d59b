// Shared types of the clinical core. Everything here is plain data so that rules, catalogue and evaluations
// can be hashed, stored as JSON and shown in the UI without any class instances.

/** Urgency tiers of knowledge.md b.1, lowest first. */
export const TIERS = ["none", "routine_soon", "urgent", "emergency"] as const;
export type Tier = (typeof TIERS)[number];

export const MODALITIES = ["none", "xray", "ct", "mri"] as const;
export type Modality = (typeof MODALITIES)[number];

export type AnswerType = "boolean" | "enum" | "multi-enum" | "integer" | "number" | "date" | "text";

/** A primitive value a condition compares against. */
export type Scalar = string | number | boolean;

// ---------------------------------------------------------------------------------------------------------
// The condition language. Every trigger (rules, derived booleans, conditional display, conditional
// requirement) is one of these nodes; `evaluator.ts` is the only interpreter. `var` names an intake field
// (a.1-a.6) or a derived variable (a.7). Blank answers follow knowledge.md 0.3.
// ---------------------------------------------------------------------------------------------------------
export type Cond =
  /** boolean variable is true (blank boolean = false) */
  | { readonly op: "is"; readonly var: string }
  /** single-choice == value, or number == value */
  | { readonly op: "eq"; readonly var: string; readonly value: Scalar }
  /** single-choice != value (a blank field without a neutral option is != everything) */
  | { readonly op: "ne"; readonly var: string; readonly value: Scalar }
  /** single-choice in {values} */
  | { readonly op: "in"; readonly var: string; readonly values: readonly Scalar[] }
  /** multi-select contains value */
  | { readonly op: "has"; readonly var: string; readonly value: string }
  /** numeric comparison; a blank number makes it false */
  | { readonly op: "gt" | "ge" | "lt" | "le"; readonly var: string; readonly value: number }
  /** a field's answer is blank in the sense of 0.3 item 1 (the raw answer, not the neutral default); a derived
   * variable is blank when an input it needs is */
  | { readonly op: "blank"; readonly var: string }
  | { readonly op: "all"; readonly of: readonly Cond[] }
  | { readonly op: "any"; readonly of: readonly Cond[] }
  | { readonly op: "not"; readonly of: Cond }
  | { readonly op: "count_at_least"; readonly n: number; readonly of: readonly Cond[] }
  /** another rule fired (rules referenced must be evaluated earlier; checked when rules are compiled) */
  | { readonly op: "fired"; readonly rule: string }
  /** no rule of this kind has fired (e.g. "no RF-* rule of any tier fired") */
  | { readonly op: "none_fired"; readonly kind: RuleKind };

/** Numeric expressions for derived numbers (a.7). A blank input makes the result blank unless stated. */
export type NumExpr =
  | { readonly num: "var"; readonly var: string }
  /** whole days from `from` to `to` (both ISO dates) */
  | { readonly num: "days_between"; readonly from: string; readonly to: string }
  | { readonly num: "sub"; readonly a: NumExpr; readonly b: NumExpr }
  /** floor(a / by) */
  | { readonly num: "floor_div"; readonly a: NumExpr; readonly by: number }
  /** sum of terms x weight; blank terms count as 0, the result is blank only if every term is blank */
  | { readonly num: "weighted_sum"; readonly terms: readonly { readonly var: string; readonly times: number }[] }
  /** mean of the variables, blank unless every one is answered */
  | { readonly num: "mean"; readonly of: readonly string[] }
  /** number of conditions that hold */
  | { readonly num: "count"; readonly of: readonly Cond[] };

// ---------------------------------------------------------------------------------------------------------
// Question catalogue (knowledge.md a.1-a.6)
// ---------------------------------------------------------------------------------------------------------
export const SECTION_IDS = ["a.1", "a.2", "a.3", "a.4", "a.5", "a.6"] as const;
export type SectionId = (typeof SECTION_IDS)[number];

export interface Section {
  readonly id: SectionId;
  readonly title: string;
  readonly help?: string;
}

export interface OptionDef {
  readonly value: string;
  readonly label: string;
}

interface QuestionCommon {
  readonly id: string;
  readonly section: SectionId;
  /** the question as staff ask it (knowledge base wording) */
  readonly label: string;
  /** what the question is about, in a few plain words ("numbness in the saddle area"), for short lines on screens,
   * summaries and "ask about ..." prompts */
  readonly short: string;
  readonly help?: string;
  /** R in the knowledge base: a blank answer raises DATA-01 (b.4); it never blocks submission */
  readonly required: boolean;
  /** conditionally required (R* / "R if age >= 50"): a blank answer raises DATA-01 when this holds */
  readonly requiredWhen?: Cond;
  /** display condition over other answers; display only, never used to reject or ignore an answer */
  readonly showWhen?: Cond;
  readonly sources: readonly string[];
  /** the answer is recorded for the doctor but no rule or derived variable reads it */
  readonly informational?: boolean;
  /** filled in by the app rather than asked (visit_date) */
  readonly auto?: boolean;
}

export interface BooleanQuestion extends QuestionCommon {
  readonly type: "boolean";
}
export interface EnumQuestion extends QuestionCommon {
  readonly type: "enum";
  readonly options: readonly OptionDef[];
  /** 0.3 item 2: the option a blank answer counts as inside rules */
  readonly neutral?: string;
}
export interface MultiEnumQuestion extends QuestionCommon {
  readonly type: "multi-enum";
  readonly options: readonly OptionDef[];
  /** the option that cannot be combined with others ("none") */
  readonly exclusive?: string;
}
export interface NumericQuestion extends QuestionCommon {
  readonly type: "integer" | "number";
  readonly unit: string;
  readonly min: number;
  readonly max: number;
  /** the answer is also a coded clinical observation (the pain score: the chart's line, the FHIR Observation) */
  readonly observation?: QuestionObservation;
}

/**
 * What a numeric answer is as a clinical observation, and its LOINC coding. Coding only: no rule reads it and the
 * Questionnaire does not carry it, so the ruleset hash and the Questionnaire version leave it out
 * (`hashedQuestions` in catalogue/index.ts).
 */
export interface QuestionObservation {
  /** which observation it is; one question at most has each kind (`painScoreQuestion()`) */
  readonly kind: "pain_score";
  readonly loinc: { readonly code: string; readonly display: string };
  /** the observation's own name (FHIR `code.text`) */
  readonly text: string;
}
export interface DateQuestion extends QuestionCommon {
  readonly type: "date";
}
export interface TextQuestion extends QuestionCommon {
  readonly type: "text";
  readonly maxLength: number;
}

export type QuestionDef =
  | BooleanQuestion
  | EnumQuestion
  | MultiEnumQuestion
  | NumericQuestion
  | DateQuestion
  | TextQuestion;

// ---------------------------------------------------------------------------------------------------------
// Derived variables (a.7)
// ---------------------------------------------------------------------------------------------------------
export type DerivedDef =
  | {
      readonly id: string;
      readonly type: "boolean";
      readonly label: string;
      readonly when: Cond;
      readonly sources: readonly string[];
    }
  | {
      readonly id: string;
      readonly type: "number";
      readonly label: string;
      readonly expr: NumExpr;
      readonly sources: readonly string[];
    }
  | {
      readonly id: string;
      readonly type: "band";
      readonly label: string;
      readonly var: string;
      /** first band whose `below` exceeds the value wins; otherwise `otherwise` */
      readonly bands: readonly { readonly below: number; readonly value: string }[];
      readonly otherwise: string;
      readonly sources: readonly string[];
    };

// ---------------------------------------------------------------------------------------------------------
// Rules (b.2, b.4, c.2, e, 0.3 item 6)
// ---------------------------------------------------------------------------------------------------------
export type RuleKind = "out_of_scope" | "red_flag" | "pathway" | "advisory" | "data";

export interface RuleImaging {
  readonly modality: Exclude<Modality, "none">;
  readonly detail: string;
  /** the modality applies only when this holds (RF-CA-04 and RF-FX-03: only after a failed trial) */
  readonly when?: Cond;
  /** shown for this rule when `when` does not hold (it never replaces the overall "no imaging" wording) */
  readonly otherwise?: string;
}

export interface RulePanel {
  readonly panel: string;
  readonly when?: Cond;
}

export interface RuleDef {
  readonly id: string;
  readonly kind: RuleKind;
  readonly title: string;
  /** what an RF rule looks for, in a few plain words, for "Ask now: cannot exclude <concern>" (0.4 item 1) */
  readonly concern?: string;
  /** tier for RF/PW rules and OUT-OF-SCOPE-01 (urgent, 0.4 item 2); advisories and DATA-01 have none; DATA-02's
   * tier depends on what it cannot exclude */
  readonly tier: Tier | null;
  readonly when: Cond;
  readonly suspected_condition?: string;
  readonly action: string;
  /** patient-education summary (advisories) */
  readonly message?: string;
  readonly imaging?: RuleImaging;
  /** what to show when this rule fires without a modality (c.3 "see each rule") */
  readonly no_imaging_detail?: string;
  readonly panels?: readonly RulePanel[];
  /** the case goes to the doctor queue when this rule fires (0.3 item 7, 0.4 item 12); every RF, DATA and
   * OUT-OF-SCOPE rule does by its kind */
  readonly doctor_queue?: boolean;
  /** a note every imaging suggestion carries while this rule fires (ADV-PREGNANCY, OUT-OF-SCOPE-01) */
  readonly imaging_note?: string;
  readonly sources: readonly string[];
}

// ---------------------------------------------------------------------------------------------------------
// Evaluation output (JSON-serialisable, snake_case as in the CLI contract of issue 3)
// ---------------------------------------------------------------------------------------------------------
export type EvaluationStatus = "final" | "provisional";

export interface ImagingSuggestion {
  readonly modality: Modality;
  readonly detail: string;
  /** id of the rule that supplied the modality, null when the modality is none (0.3 item 5) */
  readonly rule: string | null;
  /** timing follows this tier, which may be lower than the overall urgency (c.3) */
  readonly tier: Tier | null;
  /** 1-based position of `rule` in the c.3 precedence list */
  readonly precedence: number | null;
  /** under-16 and pregnancy notes (0.4 items 2 and 10); only when a modality is suggested */
  readonly notes: readonly string[];
  /** every other fired RF/PW rule, with its own imaging suggestion if it carries one */
  readonly also_consider: readonly AlsoConsider[];
}

export interface AlsoConsider {
  readonly rule: string;
  readonly title: string;
  readonly modality: Modality;
  readonly detail: string | null;
}

export interface BloodTests {
  readonly required: boolean;
  /** union of test names of every fired panel, each once (0.3 item 5) */
  readonly panel: readonly string[];
  readonly panels: readonly { readonly key: string; readonly rule: string; readonly tests: readonly string[] }[];
  /** tests the panels leave to the doctor's choice; never part of `panel` */
  readonly at_doctors_choice: readonly string[];
}

export interface Explanation {
  readonly rule: string;
  readonly kind: RuleKind;
  readonly title: string;
  readonly tier: Tier | null;
  /** the facts that made the trigger hold, with the actual values, e.g. "age_years = 71 > 70" */
  readonly conditions: readonly string[];
  readonly suspected_condition: string | null;
  readonly action: string;
  readonly message: string | null;
  readonly imaging: { readonly modality: Modality; readonly detail: string } | null;
  readonly blood_panels: readonly string[];
  readonly sources: readonly string[];
  /** seed conditions (d.1 rule mapping) the doctor may want to see next to this rule */
  readonly related_conditions: readonly string[];
}

export interface ContentItem {
  readonly id: string;
  readonly text: string;
  readonly sources: readonly string[];
}

export type DerivedValues = Readonly<Record<string, string | number | boolean | null>>;

/** 0.4 item 1: an RF rule that does not fire but would with the worst answer to one of these blank answers. */
export interface CannotExclude {
  readonly rule: string;
  /** sorted */
  readonly fields: readonly string[];
}

export interface Evaluation {
  /** the knowledge base's semantic version, e.g. "1.2.0" (1.1 stored "1.1.0+<hash>" here) */
  readonly ruleset_version: string;
  /** 12 hex characters of the content hash of the ruleset (absent in evaluations stored by 1.1) */
  readonly ruleset_hash?: string;
  readonly status: EvaluationStatus;
  readonly urgency: Tier;
  readonly red_flags: readonly string[];
  readonly pathway_rules: readonly string[];
  readonly advisories: readonly string[];
  /** DATA-01, DATA-02 (always with DATA-01) and/or OUT-OF-SCOPE-01 */
  readonly data_flags: readonly string[];
  readonly imaging: ImagingSuggestion;
  readonly blood_tests: BloodTests;
  /** 0.3 item 7 and 0.4 item 12: any RF rule, PW-MRI-01, DATA-01, DATA-02, OUT-OF-SCOPE-01, ADV-PREGNANCY or
   * ADV-STRATIFIED-HIGH */
  readonly doctor_queue: boolean;
  /** the blank required answers DATA-01 names (empty when it does not fire) */
  readonly missing: readonly string[];
  /** DATA-02 (0.4 item 1): sorted by rule id; empty when DATA-02 does not fire */
  readonly cannot_exclude: readonly CannotExclude[];
  /** an emergency-tier rule is in cannot_exclude: screens say "Ask now", never "emergency" */
  readonly cannot_exclude_emergency: boolean;
  readonly out_of_scope: { readonly rule: string; readonly message: string } | null;
  /** cauda equina safety-net message, given to every patient (b.1) */
  readonly safety_net: ContentItem;
  /** whether the conservative-care content is given: overall urgency none or routine_soon, adults (0.3 item 8) */
  readonly conservative_care: boolean;
  /** that content (empty when not given); NSAID items carry the caution while ADV-NSAID-CAUTION fires */
  readonly conservative_care_content: readonly ContentItem[];
  readonly derived: DerivedValues;
  readonly explanations: readonly Explanation[];
}
