// The one interpreter of the condition language (types.ts `Cond` / `NumExpr`). Conditions are compiled once
// into closures over value slots, so evaluating an intake costs a few array reads per clause. Compilation also
// checks every reference (unknown variable, wrong type, unknown option, rule used before it is evaluated), so a
// typo in a rule fails at load time and in the tests rather than silently never firing.
import { isoDayNumber } from "./dates";
import type { AnswerType, Cond, NumExpr, RuleKind, Scalar } from "./types";

export type VarType = AnswerType | "band";

export interface VarInfo {
  readonly id: string;
  readonly source: "field" | "derived";
  readonly type: VarType;
  /** allowed values of an enum, multi-enum or band */
  readonly options?: readonly string[];
  /** the option a blank single-choice answer counts as (0.3 item 2) */
  readonly neutral?: string;
  /** index into EvalState.vals */
  readonly slot: number;
}

export const RULE_KIND_STAGE: Readonly<Record<RuleKind, number>> = {
  out_of_scope: 0,
  red_flag: 1,
  pathway: 2,
  advisory: 3,
  data: 4,
};

export interface CompileEnv {
  readonly vars: ReadonlyMap<string, VarInfo>;
  /** rule id -> evaluation index; absent when rule references are not allowed (catalogue conditions) */
  readonly ruleIndex?: ReadonlyMap<string, number>;
  /** index and stage of the rule being compiled, to check references point backwards */
  readonly current?: { readonly index: number; readonly stage: number; readonly id: string };
}

/**
 * Mutable per-evaluation state the compiled closures read. Plain arrays copied from templates: allocating
 * typed arrays cost more than the whole rule pass.
 */
export interface EvalState {
  /** normalised answers and derived values by slot (blank booleans false, neutral options filled in) */
  readonly vals: unknown[];
  /** 1 where the intake's answer is blank in the sense of 0.3 item 1 (by field slot), for `blank` */
  readonly blanks: number[];
  /** 1 when the rule at that evaluation index fired */
  readonly fired: number[];
  /** fired rules per stage (RULE_KIND_STAGE) */
  readonly firedByStage: number[];
}

export type Pred = (s: EvalState) => boolean;
export type NumFn = (s: EvalState) => number | null;

/** 0.3 item 1: absent, null, an empty string or an empty list. */
export function isBlank(value: unknown): boolean {
  return value === undefined || value === null || value === "" || (Array.isArray(value) && value.length === 0);
}

export class RuleCompileError extends Error {
  override name = "RuleCompileError";
}

function fail(where: CompileEnv, message: string): never {
  const ctx = where.current ? ` (in ${where.current.id})` : "";
  throw new RuleCompileError(`${message}${ctx}`);
}

function lookup(env: CompileEnv, id: string): VarInfo {
  const info = env.vars.get(id);
  if (!info) fail(env, `unknown variable "${id}"`);
  return info;
}

const NUMERIC: ReadonlySet<VarType> = new Set(["integer", "number"]);
const CHOICE: ReadonlySet<VarType> = new Set(["enum", "band"]);

function checkOption(env: CompileEnv, info: VarInfo, value: Scalar): void {
  if (CHOICE.has(info.type)) {
    if (typeof value !== "string" || !info.options?.includes(value)) {
      fail(env, `"${String(value)}" is not an option of ${info.id} (${(info.options ?? []).join(", ")})`);
    }
  } else if (NUMERIC.has(info.type)) {
    if (typeof value !== "number") fail(env, `${info.id} is numeric; cannot compare with "${String(value)}"`);
  } else {
    fail(env, `${info.id} (${info.type}) cannot be compared with eq/ne/in`);
  }
}

export function compileCond(c: Cond, env: CompileEnv): Pred {
  switch (c.op) {
    case "is": {
      const info = lookup(env, c.var);
      if (info.type !== "boolean") fail(env, `"is" needs a boolean; ${c.var} is ${info.type}`);
      const slot = info.slot;
      return (s) => s.vals[slot] === true;
    }
    case "eq":
    case "ne": {
      const info = lookup(env, c.var);
      checkOption(env, info, c.value);
      const slot = info.slot;
      const value = c.value;
      return c.op === "eq" ? (s) => s.vals[slot] === value : (s) => s.vals[slot] !== value;
    }
    case "in": {
      const info = lookup(env, c.var);
      for (const v of c.values) checkOption(env, info, v);
      const slot = info.slot;
      const values = c.values;
      return (s) => values.includes(s.vals[slot] as Scalar);
    }
    case "has": {
      const info = lookup(env, c.var);
      if (info.type !== "multi-enum") fail(env, `"has" needs a multi-select; ${c.var} is ${info.type}`);
      if (!info.options?.includes(c.value)) fail(env, `"${c.value}" is not an option of ${c.var}`);
      const slot = info.slot;
      const value = c.value;
      return (s) => (s.vals[slot] as readonly string[]).includes(value);
    }
    case "gt":
    case "ge":
    case "lt":
    case "le": {
      const info = lookup(env, c.var);
      if (!NUMERIC.has(info.type)) fail(env, `"${c.op}" needs a number; ${c.var} is ${info.type}`);
      const slot = info.slot;
      const t = c.value;
      // A blank number is null, and every comparison with it is false (0.3 item 2).
      switch (c.op) {
        case "gt":
          return (s) => {
            const x = s.vals[slot];
            return typeof x === "number" && x > t;
          };
        case "ge":
          return (s) => {
            const x = s.vals[slot];
            return typeof x === "number" && x >= t;
          };
        case "lt":
          return (s) => {
            const x = s.vals[slot];
            return typeof x === "number" && x < t;
          };
        case "le":
          return (s) => {
            const x = s.vals[slot];
            return typeof x === "number" && x <= t;
          };
      }
      break;
    }
    case "blank": {
      const info = lookup(env, c.var);
      const slot = info.slot;
      // An intake field is blank in the sense of 0.3 item 1 (its raw answer, not the neutral default); a derived
      // variable is blank when an input it needs is (0.3 item 2: "a derived number that needs it is blank too").
      if (info.source === "field") return (s) => s.blanks[slot] === 1;
      return (s) => s.vals[slot] === null;
    }
    case "all": {
      const parts = c.of.map((x) => compileCond(x, env));
      if (parts.length === 2) {
        const [a, b] = parts as [Pred, Pred];
        return (s) => a(s) && b(s);
      }
      return (s) => {
        for (const p of parts) if (!p(s)) return false;
        return true;
      };
    }
    case "any": {
      const parts = c.of.map((x) => compileCond(x, env));
      return (s) => {
        for (const p of parts) if (p(s)) return true;
        return false;
      };
    }
    case "not": {
      const inner = compileCond(c.of, env);
      return (s) => !inner(s);
    }
    case "count_at_least": {
      const parts = c.of.map((x) => compileCond(x, env));
      const n = c.n;
      return (s) => {
        let k = 0;
        for (const p of parts) if (p(s) && ++k >= n) return true;
        return false;
      };
    }
    case "fired": {
      const index = env.ruleIndex?.get(c.rule);
      if (index === undefined) fail(env, `unknown rule "${c.rule}" (or rule references not allowed here)`);
      if (env.current && index >= env.current.index) {
        fail(env, `"${c.rule}" must be evaluated before the rule that refers to it`);
      }
      return (s) => s.fired[index] === 1;
    }
    case "none_fired": {
      const stage = RULE_KIND_STAGE[c.kind];
      if (!env.current || stage >= env.current.stage) {
        fail(env, `"none_fired ${c.kind}" can only be used by a rule of a later stage`);
      }
      return (s) => s.firedByStage[stage] === 0;
    }
  }
  return fail(env, `unknown operator ${JSON.stringify(c)}`);
}

export function compileNum(e: NumExpr, env: CompileEnv): NumFn {
  switch (e.num) {
    case "var": {
      const info = lookup(env, e.var);
      if (!NUMERIC.has(info.type)) fail(env, `${e.var} is not numeric`);
      const slot = info.slot;
      return (s) => {
        const x = s.vals[slot];
        return typeof x === "number" ? x : null;
      };
    }
    case "days_between": {
      const from = lookup(env, e.from);
      const to = lookup(env, e.to);
      if (from.type !== "date" || to.type !== "date") fail(env, "days_between needs two dates");
      return (s) => {
        const a = s.vals[from.slot];
        const b = s.vals[to.slot];
        if (typeof a !== "string" || typeof b !== "string") return null;
        const da = isoDayNumber(a);
        const db = isoDayNumber(b);
        return da === null || db === null ? null : db - da;
      };
    }
    case "sub": {
      const a = compileNum(e.a, env);
      const b = compileNum(e.b, env);
      return (s) => {
        const x = a(s);
        if (x === null) return null;
        const y = b(s);
        return y === null ? null : x - y;
      };
    }
    case "floor_div": {
      const a = compileNum(e.a, env);
      const by = e.by;
      if (by === 0) fail(env, "floor_div by 0");
      return (s) => {
        const x = a(s);
        return x === null ? null : Math.floor(x / by);
      };
    }
    case "weighted_sum": {
      const terms = e.terms.map((t) => {
        const info = lookup(env, t.var);
        if (!NUMERIC.has(info.type)) fail(env, `${t.var} is not numeric`);
        return { slot: info.slot, times: t.times };
      });
      return (s) => {
        let total = 0;
        let answered = false;
        for (const t of terms) {
          const x = s.vals[t.slot];
          if (typeof x === "number") {
            total += x * t.times;
            answered = true;
          }
        }
        return answered ? total : null;
      };
    }
    case "mean": {
      const slots = e.of.map((id) => {
        const info = lookup(env, id);
        if (!NUMERIC.has(info.type)) fail(env, `${id} is not numeric`);
        return info.slot;
      });
      return (s) => {
        let total = 0;
        for (const slot of slots) {
          const x = s.vals[slot];
          if (typeof x !== "number") return null;
          total += x;
        }
        return total / slots.length;
      };
    }
    case "count": {
      const parts = e.of.map((x) => compileCond(x, env));
      return (s) => {
        let k = 0;
        for (const p of parts) if (p(s)) k++;
        return k;
      };
    }
  }
  return fail(env, `unknown numeric expression ${JSON.stringify(e)}`);
}

/** Every variable a condition reads (used for dependency checks and by the UI). */
export function condVars(c: Cond, out: Set<string> = new Set()): Set<string> {
  switch (c.op) {
    case "all":
    case "any":
    case "count_at_least":
      for (const x of c.of) condVars(x, out);
      break;
    case "not":
      condVars(c.of, out);
      break;
    case "fired":
    case "none_fired":
      break;
    default:
      out.add(c.var);
  }
  return out;
}

/** Every rule a condition refers to with `fired`. */
export function condRules(c: Cond, out: Set<string> = new Set()): Set<string> {
  switch (c.op) {
    case "all":
    case "any":
    case "count_at_least":
      for (const x of c.of) condRules(x, out);
      break;
    case "not":
      condRules(c.of, out);
      break;
    case "fired":
      out.add(c.rule);
      break;
  }
  return out;
}

export function numVars(e: NumExpr, out: Set<string> = new Set()): Set<string> {
  switch (e.num) {
    case "var":
      out.add(e.var);
      break;
    case "days_between":
      out.add(e.from).add(e.to);
      break;
    case "sub":
      numVars(e.a, out);
      numVars(e.b, out);
      break;
    case "floor_div":
      numVars(e.a, out);
      break;
    case "weighted_sum":
      for (const t of e.terms) out.add(t.var);
      break;
    case "mean":
      for (const v of e.of) out.add(v);
      break;
    case "count":
      for (const c of e.of) condVars(c, out);
      break;
  }
  return out;
}
