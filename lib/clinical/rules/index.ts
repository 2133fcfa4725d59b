// Every rule of the knowledge base, as data. The evaluator compiles them once (see ../engine.ts).
import type { RuleDef } from "../types";
import { ADVISORY_RULES } from "./advisories";
import { DATA_02_RULE, DATA_RULES, OUT_OF_SCOPE_RULE } from "./data";
import { PATHWAY_RULES } from "./pathways";
import { RED_FLAG_RULES } from "./red-flags";

export { ADVISORY_RULES, PREGNANCY_IMAGING_NOTE } from "./advisories";
export {
  DATA_02_RULE,
  DATA_02_TIER_CAP,
  DATA_RULES,
  OUT_OF_SCOPE_MESSAGE,
  OUT_OF_SCOPE_RULE,
  UNDER_16_IMAGING_NOTE,
  WORST_ANSWERS,
} from "./data";
export { PATHWAY_RULES } from "./pathways";
export { RED_FLAG_RULES } from "./red-flags";

/**
 * All rules the evaluator compiles, in evaluation order: out of scope, RF (b.2), PW (c.2), ADV (e), DATA-01 (b.4);
 * see f.1. DATA-02 is computed from re-runs of the RF rules after them (evaluate.ts), so it is not in this list.
 */
export const RULES: readonly RuleDef[] = [
  OUT_OF_SCOPE_RULE,
  ...RED_FLAG_RULES,
  ...PATHWAY_RULES,
  ...ADVISORY_RULES,
  ...DATA_RULES,
];

/** Every rule an evaluation can name, DATA-02 included. */
export const ALL_RULES: readonly RuleDef[] = [...RULES, DATA_02_RULE];

const BY_ID: ReadonlyMap<string, RuleDef> = new Map(ALL_RULES.map((r) => [r.id, r]));

export function ruleById(id: string): RuleDef | undefined {
  return BY_ID.get(id);
}
