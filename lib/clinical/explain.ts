// Explanations: for a fired rule, the facts that made its trigger hold, with the actual values
// ("age_years = 71 > 70"). Like the evaluator, explainers are compiled once from the rule data, so explaining
// costs little more than building the strings. Derived variables are expanded one level so the doctor sees the
// answers behind them ("radicular = true (pain_radiation = below_knee_one_leg)").
import { compileCond, type CompileEnv, type EvalState, type Pred, type VarInfo } from "./evaluator";
import type { Cond, RuleKind } from "./types";

/** Appends to `out` the facts that make the condition evaluate to `want`. */
export type Explainer = (s: EvalState, want: boolean, out: string[]) => void;

/** For a derived variable: " (facts behind its value)" or "". */
export type Because = (s: EvalState, value: unknown) => string;

export interface ExplainEnv extends CompileEnv {
  readonly because?: ReadonlyMap<string, Because>;
}

const OP_SYMBOL = { gt: ">", ge: ">=", lt: "<", le: "<=" } as const;

const KIND_LABEL: Readonly<Record<RuleKind, string>> = {
  out_of_scope: "out-of-scope",
  red_flag: "RF-*",
  pathway: "PW-*",
  advisory: "ADV-*",
  data: "DATA-*",
};

function fmt(value: unknown): string {
  return Array.isArray(value) ? `[${value.join(", ")}]` : String(value);
}

function info(env: CompileEnv, id: string): VarInfo {
  const v = env.vars.get(id);
  if (!v) throw new Error(`unknown variable "${id}"`);
  return v;
}

/** "x = value", or for a blank answer "x blank (counts as <neutral>)" as 0.3 item 2 reads it. */
function shownFn(v: VarInfo): (s: EvalState) => string {
  const id = v.id;
  const slot = v.slot;
  const blankText =
    v.type === "boolean"
      ? `${id} blank (counts as false)`
      : v.neutral !== undefined
        ? `${id} blank (counts as ${v.neutral})`
        : v.type === "multi-enum"
          ? `${id} blank (counts as none ticked)`
          : `${id} blank`;
  if (v.source !== "field") return (s) => `${id} = ${fmt(s.vals[slot])}`;
  return (s) => (s.blanks[slot] === 1 ? blankText : `${id} = ${fmt(s.vals[slot])}`);
}

export function compileExplainer(c: Cond, env: ExplainEnv, expand = true): Explainer {
  const because = (id: string): Because | undefined => (expand ? env.because?.get(id) : undefined);
  switch (c.op) {
    case "is": {
      const v = info(env, c.var);
      const shown = shownFn(v);
      const why = because(c.var);
      return (s, _want, out) => {
        out.push(why ? shown(s) + why(s, s.vals[v.slot]) : shown(s));
      };
    }
    case "eq":
    case "ne":
    case "in": {
      const v = info(env, c.var);
      const shown = shownFn(v);
      const why = because(c.var);
      const holds = compileCond(c, env);
      const base = why ? (s: EvalState) => shown(s) + why(s, s.vals[v.slot]) : shown;
      if (c.op === "in") {
        const yes = ` (in {${c.values.join(", ")}})`;
        const no = ` (not in {${c.values.join(", ")}})`;
        return (s, _want, out) => {
          out.push(base(s) + (holds(s) ? yes : no));
        };
      }
      // "x = a" when eq holds; "(not a)" after the value when it does not, or when ne holds.
      const not = ` (not ${fmt(c.value)})`;
      const notWhenHolds = c.op === "ne";
      return (s, _want, out) => {
        out.push(holds(s) === notWhenHolds ? base(s) + not : base(s));
      };
    }
    case "has": {
      const holds = compileCond(c, env);
      const slot = info(env, c.var).slot;
      const id = c.var;
      const yes = `${id} includes ${c.value}`;
      const no = `${id} does not include ${c.value}`;
      const blank = `${id} blank (does not include ${c.value})`;
      return (s, _want, out) => {
        out.push(holds(s) ? yes : s.blanks[slot] === 1 ? blank : no);
      };
    }
    case "gt":
    case "ge":
    case "lt":
    case "le": {
      const v = info(env, c.var);
      const holds = compileCond(c, env);
      const why = because(c.var);
      const symbol = OP_SYMBOL[c.op];
      const id = c.var;
      const t = c.value;
      const blank = `${id} blank (no comparison with ${t} holds)`;
      return (s, _want, out) => {
        const x = s.vals[v.slot];
        if (typeof x !== "number") {
          out.push(blank);
          return;
        }
        const tail = why ? why(s, x) : "";
        out.push(holds(s) ? `${id} = ${x} ${symbol} ${t}${tail}` : `${id} = ${x} (not ${symbol} ${t})${tail}`);
      };
    }
    case "blank": {
      const id = c.var;
      const holds = compileCond(c, env);
      return (s, _want, out) => {
        out.push(holds(s) ? `${id} is blank` : `${id} is answered`);
      };
    }
    case "all":
    case "any": {
      const parts = c.of.map((x) => ({ holds: compileCond(x, env), explain: compileExplainer(x, env, expand) }));
      const isAll = c.op === "all";
      return (s, want, out) => {
        if (isAll === want) {
          // all + true: every part holds; any + false: every part fails. List them all.
          for (const p of parts) p.explain(s, want, out);
        } else {
          // all + false: one failing part is enough; any + true: the parts that held.
          for (const p of parts) {
            if (p.holds(s) === want) {
              p.explain(s, want, out);
              if (isAll) return;
            }
          }
        }
      };
    }
    case "not": {
      const inner = compileExplainer(c.of, env, expand);
      return (s, want, out) => inner(s, !want, out);
    }
    case "count_at_least": {
      const parts = c.of.map((x) => ({ holds: compileCond(x, env), explain: compileExplainer(x, env, expand) }));
      const total = c.of.length;
      const n = c.n;
      return (s, _want, out) => {
        let held = 0;
        for (const p of parts) {
          if (p.holds(s)) {
            held++;
            p.explain(s, true, out);
          }
        }
        out.push(`${held} of ${total} held (at least ${n} needed)`);
      };
    }
    case "fired": {
      const holds = compileCond(c, env);
      const yes = `${c.rule} fired`;
      const no = `${c.rule} did not fire`;
      return (s, _want, out) => {
        out.push(holds(s) ? yes : no);
      };
    }
    case "none_fired": {
      const holds = compileCond(c, env);
      const yes = `no ${KIND_LABEL[c.kind]} rule fired`;
      const no = `a ${KIND_LABEL[c.kind]} rule fired`;
      return (s, _want, out) => {
        out.push(holds(s) ? yes : no);
      };
    }
  }
}

// Scratch list for the one-level expansions below. Safe to share: explaining is synchronous, and an expansion
// never expands again (compiled with expand = false), so it is never in use twice at once.
const scratch: string[] = [];

function joined(): string {
  const text = scratch.length > 0 ? ` (${scratch.join("; ")})` : "";
  scratch.length = 0;
  return text;
}

/** "(facts)" behind a derived boolean's value, one level deep. */
export function compileBecauseBoolean(when: Cond, env: CompileEnv): Because {
  const explain = compileExplainer(when, env, false);
  return (s, value) => {
    explain(s, value === true, scratch);
    return joined();
  };
}

/** "(the conditions that were counted)" behind a derived count. */
export function compileBecauseCount(of: readonly Cond[], env: CompileEnv): Because {
  const parts: { holds: Pred; explain: Explainer }[] = of.map((x) => ({
    holds: compileCond(x, env),
    explain: compileExplainer(x, env, false),
  }));
  return (s) => {
    for (const p of parts) if (p.holds(s)) p.explain(s, true, scratch);
    return joined();
  };
}
