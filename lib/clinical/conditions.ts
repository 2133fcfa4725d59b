// Small builders so rule files read like the knowledge base formulas while producing plain data (Cond).
// They do no evaluation: `evaluator.ts` interprets the result.
import type { Cond, NumExpr, RuleKind, Scalar } from "./types";

export const is = (v: string): Cond => ({ op: "is", var: v });
export const eq = (v: string, value: Scalar): Cond => ({ op: "eq", var: v, value });
export const ne = (v: string, value: Scalar): Cond => ({ op: "ne", var: v, value });
export const oneOf = (v: string, values: readonly Scalar[]): Cond => ({ op: "in", var: v, values });
export const has = (v: string, value: string): Cond => ({ op: "has", var: v, value });
export const gt = (v: string, value: number): Cond => ({ op: "gt", var: v, value });
export const ge = (v: string, value: number): Cond => ({ op: "ge", var: v, value });
export const lt = (v: string, value: number): Cond => ({ op: "lt", var: v, value });
export const le = (v: string, value: number): Cond => ({ op: "le", var: v, value });
export const blank = (v: string): Cond => ({ op: "blank", var: v });
export const all = (...of: Cond[]): Cond => ({ op: "all", of });
export const any = (...of: Cond[]): Cond => ({ op: "any", of });
export const not = (of: Cond): Cond => ({ op: "not", of });
export const countAtLeast = (n: number, ...of: Cond[]): Cond => ({ op: "count_at_least", n, of });
export const fired = (rule: string): Cond => ({ op: "fired", rule });
export const noneFired = (kind: RuleKind): Cond => ({ op: "none_fired", kind });

export const num = {
  v: (v: string): NumExpr => ({ num: "var", var: v }),
  daysBetween: (from: string, to: string): NumExpr => ({ num: "days_between", from, to }),
  sub: (a: NumExpr, b: NumExpr): NumExpr => ({ num: "sub", a, b }),
  floorDiv: (a: NumExpr, by: number): NumExpr => ({ num: "floor_div", a, by }),
  weightedSum: (...terms: { var: string; times: number }[]): NumExpr => ({ num: "weighted_sum", terms }),
  mean: (...of: string[]): NumExpr => ({ num: "mean", of }),
  count: (...of: Cond[]): NumExpr => ({ num: "count", of }),
};
