// Intake fields as evaluation variables: their slots, and the normalisation of raw answers (0.3 item 2).
// Kept apart from the rules so the intake form (conditional display, missing answers) can use the same
// interpreter without bundling the whole rule base into the browser.
import { QUESTION_LIST } from "./catalogue";
import { compileCond, RuleCompileError, type EvalState, type Pred, type VarInfo } from "./evaluator";
import { requiredAnswerChecks } from "./rules/data";
import type { QuestionDef } from "./types";

function fieldVar(q: QuestionDef, slot: number): VarInfo {
  switch (q.type) {
    case "enum":
      return { id: q.id, source: "field", type: q.type, options: q.options.map((o) => o.value), neutral: q.neutral, slot };
    case "multi-enum":
      return { id: q.id, source: "field", type: q.type, options: q.options.map((o) => o.value), slot };
    default:
      return { id: q.id, source: "field", type: q.type, slot };
  }
}

const fieldVars = new Map<string, VarInfo>();
QUESTION_LIST.forEach((q, i) => {
  if (fieldVars.has(q.id)) throw new RuleCompileError(`duplicate field id ${q.id}`);
  fieldVars.set(q.id, fieldVar(q, i));
});

/** Variables visible to catalogue conditions (showWhen / requiredWhen): intake fields only, slots 0..N-1. */
export const FIELD_VARS: ReadonlyMap<string, VarInfo> = fieldVars;
export const FIELD_COUNT = QUESTION_LIST.length;

// --- normalisation of answers (0.3 item 2) ------------------------------------------------------------------

const T_BOOL = 0;
const T_ENUM = 1;
const T_MULTI = 2;
const T_NUM = 3;
const T_STR = 4;
const EMPTY: readonly string[] = Object.freeze([]);

const slotOf = new Map<string, number>(QUESTION_LIST.map((q, slot) => [q.id, slot]));
const codeOf: readonly number[] = QUESTION_LIST.map((q) =>
  q.type === "boolean"
    ? T_BOOL
    : q.type === "enum"
      ? T_ENUM
      : q.type === "multi-enum"
        ? T_MULTI
        : q.type === "integer" || q.type === "number"
          ? T_NUM
          : T_STR,
);

/** Slot values of an intake with every answer blank (0.3 item 2), with room for `slotCount` slots. */
function blankTemplate(slotCount: number): readonly unknown[] {
  const vals: unknown[] = new Array(slotCount).fill(null);
  QUESTION_LIST.forEach((q, slot) => {
    vals[slot] =
      q.type === "boolean" ? false : q.type === "enum" ? (q.neutral ?? null) : q.type === "multi-enum" ? EMPTY : null;
  });
  return vals;
}

/**
 * Fill the field slots: start from the all-blank template and overwrite it with the answers given, clearing
 * their blank flag. A value of the wrong type counts as blank (0.3 item 1: only validated intakes should get
 * here, but a draft preview must never throw). Iterating the intake's own keys (`for...in`, served from V8's
 * enum cache) measured several times faster than looking up all catalogue ids, whatever the intake's shape.
 */
function normaliseInto(template: readonly unknown[], raw: Readonly<Record<string, unknown>>, blanks: number[]): unknown[] {
  const vals = template.slice();
  for (const key in raw) {
    const slot = slotOf.get(key);
    if (slot === undefined) continue;
    const v = raw[key];
    switch (codeOf[slot]) {
      case T_BOOL:
        if (typeof v !== "boolean") continue;
        vals[slot] = v;
        break;
      case T_ENUM:
      case T_STR:
        if (typeof v !== "string" || v === "") continue;
        vals[slot] = v;
        break;
      case T_MULTI:
        if (!Array.isArray(v) || v.length === 0) continue;
        vals[slot] = v;
        break;
      default:
        if (typeof v !== "number" || !Number.isFinite(v)) continue;
        vals[slot] = v;
    }
    blanks[slot] = 0;
  }
  return vals;
}

/**
 * A normaliser for states with `slotCount` slots (fields first): the engine adds derived slots after the
 * fields, the form needs fields only.
 */
export function makeNormaliser(slotCount: number): (raw: Readonly<Record<string, unknown>>, blanks: number[]) => unknown[] {
  const template = blankTemplate(slotCount);
  return (raw, blanks) => normaliseInto(template, raw, blanks);
}

export const ALL_FIELDS_BLANK: readonly number[] = new Array<number>(FIELD_COUNT).fill(1);

const normaliseFields = makeNormaliser(FIELD_COUNT);

/** Evaluation state over intake fields only (no derived variables, no rules): for catalogue conditions. */
export function createFieldState(raw: Readonly<Record<string, unknown>>): EvalState {
  const blanks = ALL_FIELDS_BLANK.slice();
  return { vals: normaliseFields(raw, blanks), blanks, fired: [], firedByStage: [0, 0, 0, 0, 0] };
}

/** One check per required answer; a field is missing when its clause holds. Same clauses as DATA-01. */
export const MISSING_CHECKS: readonly { readonly field: string; readonly missing: Pred }[] = requiredAnswerChecks().map(
  (c) => ({ field: c.field, missing: compileCond(c.clause, { vars: FIELD_VARS }) }),
);
