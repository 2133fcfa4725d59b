// Compiles the knowledge base (catalogue, derived variables, rules) once at module load into closures over
// value slots, together with their explainers. `evaluate.ts` runs the compiled form. Every reference in the
// data is checked here, so a broken rule fails when the module loads (and in every test), not at a patient.
import { DERIVED } from "./derive";
import { ALL_FIELDS_BLANK, FIELD_COUNT, FIELD_VARS, makeNormaliser, MISSING_CHECKS } from "./fields";
import {
  compileCond,
  compileNum,
  RULE_KIND_STAGE,
  RuleCompileError,
  type EvalState,
  type NumFn,
  type Pred,
  type VarInfo,
} from "./evaluator";
import { BLOOD_PANELS } from "./blood";
import { compileBecauseBoolean, compileBecauseCount, compileExplainer, type Because, type Explainer } from "./explain";
import { IMAGING_PRECEDENCE } from "./imaging";
import { RULES, WORST_ANSWERS } from "./rules";
import { QUESTION_LIST } from "./catalogue";
import type { DerivedDef, RuleDef } from "./types";

// --- variables ------------------------------------------------------------------------------------------

function derivedVar(d: DerivedDef, slot: number): VarInfo {
  switch (d.type) {
    case "boolean":
      return { id: d.id, source: "derived", type: "boolean", slot };
    case "number":
      return { id: d.id, source: "derived", type: "number", slot };
    case "band":
      return {
        id: d.id,
        source: "derived",
        type: "band",
        options: [...d.bands.map((b) => b.value), d.otherwise],
        slot,
      };
  }
}

const vars = new Map<string, VarInfo>(FIELD_VARS);
DERIVED.forEach((d: DerivedDef, i) => {
  if (vars.has(d.id)) throw new RuleCompileError(`derived variable ${d.id} clashes with another variable`);
  vars.set(d.id, derivedVar(d, FIELD_COUNT + i));
});
const SLOT_COUNT = FIELD_COUNT + DERIVED.length;

/** Every variable rules may read: intake fields and derived variables. */
export const VARS: ReadonlyMap<string, VarInfo> = vars;

export { FIELD_VARS, MISSING_CHECKS };

const normalise = makeNormaliser(SLOT_COUNT);

// --- derived variables ------------------------------------------------------------------------------------

/** A derived variable may read the intake and the derived variables defined before it. */
function envBefore(id: string): { vars: ReadonlyMap<string, VarInfo> } {
  const ownSlot = vars.get(id)?.slot ?? 0;
  return { vars: new Map([...vars].filter(([, v]) => v.slot < ownSlot)) };
}

function compileDerived(d: DerivedDef): (s: EvalState) => unknown {
  const env = envBefore(d.id);
  switch (d.type) {
    case "boolean":
      return compileCond(d.when, env);
    case "number":
      return compileNum(d.expr, env);
    case "band": {
      const read: NumFn = compileNum({ num: "var", var: d.var }, env);
      const bands = d.bands;
      const otherwise = d.otherwise;
      return (s) => {
        const x = read(s);
        if (x === null) return null;
        for (const b of bands) if (x < b.below) return b.value;
        return otherwise;
      };
    }
  }
}

const derivedFns = DERIVED.map((d: DerivedDef) => compileDerived(d));

/** Facts behind each derived boolean or count, for explanations. */
const because = new Map<string, Because>();
for (const d of DERIVED as readonly DerivedDef[]) {
  const env = envBefore(d.id);
  if (d.type === "boolean") because.set(d.id, compileBecauseBoolean(d.when, env));
  else if (d.type === "number" && d.expr.num === "count") because.set(d.id, compileBecauseCount(d.expr.of, env));
}

const NONE_FIRED: readonly number[] = new Array<number>(RULES.length).fill(0);

function derive(state: EvalState): EvalState {
  const vals = state.vals;
  for (let i = 0; i < derivedFns.length; i++) vals[FIELD_COUNT + i] = (derivedFns[i] as (s: EvalState) => unknown)(state);
  return state;
}

/** Build the evaluation state of an intake: normalised answers plus derived variables. */
export function createState(raw: Readonly<Record<string, unknown>>): EvalState {
  const blanks = ALL_FIELDS_BLANK.slice();
  const vals = normalise(raw, blanks);
  return derive({ vals, blanks, fired: NONE_FIRED.slice(), firedByStage: [0, 0, 0, 0, 0] });
}

/** Answers to set, as (field slot, normalised value) pairs. */
export type SlotOverrides = readonly (readonly [number, unknown])[];

/**
 * A fresh state with some answers replaced (0.4 item 1's worst-answer re-runs): the base state's answers with the
 * overrides set, derived variables recomputed, no rule fired yet. The overrides are valid values already.
 */
export function stateWith(base: EvalState, overrides: SlotOverrides): EvalState {
  const vals = base.vals.slice();
  const blanks = base.blanks.slice();
  for (const [slot, value] of overrides) {
    vals[slot] = value;
    blanks[slot] = 0;
  }
  return derive({ vals, blanks, fired: NONE_FIRED.slice(), firedByStage: [0, 0, 0, 0, 0] });
}

/** Derived values of a state as a plain object (for the evaluation output). */
const DERIVED_IDS: readonly string[] = DERIVED.map((d: DerivedDef) => d.id);

export function derivedValues(state: EvalState): Record<string, string | number | boolean | null> {
  const out: Record<string, string | number | boolean | null> = {};
  for (let i = 0; i < DERIVED_IDS.length; i++) {
    out[DERIVED_IDS[i] as string] = state.vals[FIELD_COUNT + i] as string | number | boolean | null;
  }
  return out;
}

// --- rules ------------------------------------------------------------------------------------------------

export interface CompiledRule {
  readonly def: RuleDef;
  readonly index: number;
  readonly stage: number;
  readonly when: Pred;
  /** null when the rule has no imaging; otherwise whether its modality applies */
  readonly imagingWhen: Pred | null;
  readonly panels: readonly { readonly key: string; readonly when: Pred | null }[];
  /** lists the facts behind the trigger (see explain.ts) */
  readonly explain: Explainer;
}

const ruleIndex = new Map<string, number>();
RULES.forEach((r, i) => {
  if (ruleIndex.has(r.id)) throw new RuleCompileError(`duplicate rule id ${r.id}`);
  ruleIndex.set(r.id, i);
});

const ALWAYS: Pred = () => true;

const TIERED_KINDS: ReadonlySet<RuleDef["kind"]> = new Set(["red_flag", "pathway", "out_of_scope"]);

export const COMPILED_RULES: readonly CompiledRule[] = RULES.map((def, index) => {
  const env = { vars, ruleIndex, because, current: { index, stage: RULE_KIND_STAGE[def.kind], id: def.id } };
  const isTiered = TIERED_KINDS.has(def.kind);
  if (isTiered !== (def.tier !== null)) {
    throw new RuleCompileError(`${def.id}: RF, PW and OUT-OF-SCOPE rules carry a tier, no other rule does`);
  }
  for (const p of def.panels ?? []) {
    if (!(p.panel in BLOOD_PANELS)) throw new RuleCompileError(`${def.id}: unknown blood panel ${p.panel}`);
  }
  if (def.imaging && !IMAGING_PRECEDENCE.includes(def.id)) {
    throw new RuleCompileError(`${def.id} carries imaging but is missing from the precedence list (c.3)`);
  }
  return {
    def,
    index,
    stage: RULE_KIND_STAGE[def.kind],
    when: compileCond(def.when, env),
    imagingWhen: def.imaging ? (def.imaging.when ? compileCond(def.imaging.when, env) : ALWAYS) : null,
    panels: (def.panels ?? []).map((p) => ({ key: p.panel, when: p.when ? compileCond(p.when, env) : null })),
    explain: compileExplainer(def.when, env),
  };
});

for (const id of IMAGING_PRECEDENCE) {
  const r = COMPILED_RULES[ruleIndex.get(id) ?? -1];
  if (!r?.def.imaging) throw new RuleCompileError(`precedence entry ${id} is not a rule with imaging`);
}

/** Evaluation indices of the precedence list (c.3), in order. */
export const PRECEDENCE_INDICES: readonly number[] = IMAGING_PRECEDENCE.map((id) => ruleIndex.get(id) as number);

// --- worst answers (0.4 item 1) -------------------------------------------------------------------------------

/** A value the catalogue accepts for the field (checked once, so a typo in WORST_ANSWERS fails at load). */
function checkWorst(field: string, value: unknown): void {
  const q = QUESTION_LIST.find((x) => x.id === field);
  const ok =
    q !== undefined &&
    (q.type === "boolean"
      ? typeof value === "boolean"
      : q.type === "enum"
        ? q.options.some((o) => o.value === value)
        : q.type === "multi-enum"
          ? Array.isArray(value) && value.length > 0 && value.every((v) => q.options.some((o) => o.value === v && v !== q.exclusive))
          : q.type === "integer" || q.type === "number"
            ? typeof value === "number" && value >= q.min && value <= q.max
            : false);
  if (!ok) throw new RuleCompileError(`worst answer for ${field}: ${JSON.stringify(value)} is not a valid answer`);
}

/**
 * Per field slot, the answers its worst-answer re-run sets (null: the field is not re-run). Booleans default to
 * `true`; dates have none (0.4 item 1). Every field DATA-01 can name must have one, or be a date.
 */
export const WORST_OVERRIDES: readonly (SlotOverrides | null)[] = QUESTION_LIST.map((q) => {
  const given = WORST_ANSWERS[q.id] ?? (q.type === "boolean" ? { [q.id]: true } : undefined);
  const requiredAtAll = q.required || q.requiredWhen !== undefined;
  if (!given) {
    if (requiredAtAll && q.type !== "date") throw new RuleCompileError(`required field ${q.id} has no worst answer (WORST_ANSWERS)`);
    return null;
  }
  return Object.entries(given).map(([field, value]): readonly [number, unknown] => {
    checkWorst(field, value);
    const slot = FIELD_VARS.get(field)?.slot;
    if (slot === undefined) throw new RuleCompileError(`worst answer names unknown field ${field}`);
    return [slot, value];
  });
});
for (const id of Object.keys(WORST_ANSWERS)) {
  if (!FIELD_VARS.has(id)) throw new RuleCompileError(`WORST_ANSWERS names unknown field ${id}`);
}

/** Field slot of a field id (for the re-runs of the fields DATA-01 names). */
export function fieldSlot(id: string): number {
  const slot = FIELD_VARS.get(id)?.slot;
  if (slot === undefined) throw new RuleCompileError(`unknown field ${id}`);
  return slot;
}
