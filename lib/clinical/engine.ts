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
import { RULES } from "./rules";
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

/** Build the evaluation state of an intake: normalised answers plus derived variables. */
export function createState(raw: Readonly<Record<string, unknown>>): EvalState {
  const blanks = ALL_FIELDS_BLANK.slice();
  const vals = normalise(raw, blanks);
  const state: EvalState = { vals, blanks, fired: NONE_FIRED.slice(), firedByStage: [0, 0, 0, 0, 0] };
  for (let i = 0; i < derivedFns.length; i++) vals[FIELD_COUNT + i] = (derivedFns[i] as (s: EvalState) => unknown)(state);
  return state;
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

export const COMPILED_RULES: readonly CompiledRule[] = RULES.map((def, index) => {
  const env = { vars, ruleIndex, because, current: { index, stage: RULE_KIND_STAGE[def.kind], id: def.id } };
  const isTiered = def.kind === "red_flag" || def.kind === "pathway";
  if (isTiered !== (def.tier !== null)) throw new RuleCompileError(`${def.id}: only RF and PW rules carry a tier`);
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
