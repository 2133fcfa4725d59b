// Every rule of the knowledge base, as data. The evaluator compiles them once (see ../engine.ts).
import type { RuleDef } from "../types";
import { ADVISORY_RULES } from "./advisories";
import { DATA_RULES, OUT_OF_SCOPE_RULE } from "./data";
import { PATHWAY_RULES } from "./pathways";
import { RED_FLAG_RULES } from "./red-flags";

export { ADVISORY_RULES } from "./advisories";
export { DATA_RULES, OUT_OF_SCOPE_MESSAGE, OUT_OF_SCOPE_RULE } from "./data";
export { PATHWAY_RULES } from "./pathways";
export { RED_FLAG_RULES } from "./red-flags";

/** All rules in evaluation order: out of scope, RF (b.2), PW (c.2), ADV (e), DATA-01 (b.4); see f.1. */
export const RULES: readonly RuleDef[] = [
  OUT_OF_SCOPE_RULE,
  ...RED_FLAG_RULES,
  ...PATHWAY_RULES,
  ...ADVISORY_RULES,
  ...DATA_RULES,
];

const BY_ID: ReadonlyMap<string, RuleDef> = new Map(RULES.map((r) => [r.id, r]));

export function ruleById(id: string): RuleDef | undefined {
  return BY_ID.get(id);
}
