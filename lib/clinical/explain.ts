// Explanations: for a fired rule, the facts that made its trigger hold, with the actual answers, in the
// catalogue's words ("Age: 71 years, over 70", "Numbness in the saddle area: yes"), never field or rule ids:
// the review page and the PDF show these lines as they are. Like the evaluator, explainers are compiled once
// from the rule data, so explaining costs little more than building the strings. Derived variables are expanded
// one level so the doctor sees the answers behind them ("Symptoms going down the leg: yes (Pain going down the
// leg: below the knee, one leg)").
// `firingAnswers` lists, for the review page, the answers that made the fired rules hold.
import { QUESTION_LIST, questionById } from "./catalogue";
import { DERIVED } from "./derive";
import { conditionHoldsOnAnswers, formatAnswer, questionName } from "./display";
import { compileCond, type CompileEnv, type EvalState, type Pred, type VarInfo } from "./evaluator";
import { RULES } from "./rules";
import type { Cond, DerivedDef, QuestionDef, RuleKind } from "./types";

/** Appends to `out` the facts that make the condition evaluate to `want`. */
export type Explainer = (s: EvalState, want: boolean, out: string[]) => void;

/** For a derived variable: " (facts behind its value)" or "". */
export type Because = (s: EvalState, value: unknown) => string;

export interface ExplainEnv extends CompileEnv {
  readonly because?: ReadonlyMap<string, Because>;
}

const OP_WORDS = { gt: "over", ge: "at least", lt: "under", le: "at most" } as const;

const KIND_WORDS: Readonly<Record<RuleKind, string>> = {
  out_of_scope: "out-of-scope",
  red_flag: "red-flag",
  pathway: "pathway",
  advisory: "advisory",
  data: "data-quality",
};

const DERIVED_BY_ID: ReadonlyMap<string, DerivedDef> = new Map((DERIVED as readonly DerivedDef[]).map((d) => [d.id, d]));
const RULE_TITLES: ReadonlyMap<string, string> = new Map(RULES.map((r) => [r.id, r.title]));

/** Lower-case the first letter of an answer ("Yes" -> "yes"), but not of an acronym ("NSAID", "MRI"). */
const lower = (text: string) => (/^[A-Z][a-z]/.test(text) || text.length === 1 ? text.charAt(0).toLowerCase() + text.slice(1) : text);

/** What a variable is about, in words: the question's `short`, or a derived variable's label without its formula. */
export function variableName(id: string): string {
  const q = questionById(id);
  if (q) return questionName(q);
  const d = DERIVED_BY_ID.get(id);
  // "Days since onset (visit_date - onset_date)": the formula is for developers.
  if (d) return d.label.replace(/\s*\([^)]*_[^)]*\)/g, "");
  return id;
}

function optionWords(q: QuestionDef | undefined, value: unknown): string {
  if (q && (q.type === "enum" || q.type === "multi-enum")) return lower(q.options.find((o) => o.value === value)?.label ?? String(value));
  if (value === true) return "yes";
  if (value === false) return "no";
  return String(value);
}

/** A value in words: option labels, units, yes/no. */
function valueWords(id: string, value: unknown): string {
  const q = questionById(id);
  if (q) {
    if (Array.isArray(value)) return value.length === 0 ? "none ticked" : value.map((v) => optionWords(q, v)).join("; ");
    return lower(formatAnswer(q, value));
  }
  if (Array.isArray(value)) return value.map((v) => optionWords(undefined, v)).join("; ");
  return optionWords(undefined, value);
}

function info(env: CompileEnv, id: string): VarInfo {
  const v = env.vars.get(id);
  if (!v) throw new Error(`unknown variable "${id}"`);
  return v;
}

/** "Name: value", or for a blank answer "Name: not answered (counts as <neutral>)" as 0.3 item 2 reads it. */
function shownFn(v: VarInfo): (s: EvalState) => string {
  const id = v.id;
  const name = variableName(id);
  const slot = v.slot;
  const blankText =
    v.type === "boolean"
      ? `${name}: not answered (counts as no)`
      : v.neutral !== undefined
        ? `${name}: not answered (counts as ${optionWords(questionById(id), v.neutral)})`
        : v.type === "multi-enum"
          ? `${name}: not answered (counts as none ticked)`
          : `${name}: not answered`;
  if (v.source !== "field") return (s) => `${name}: ${valueWords(id, s.vals[slot])}`;
  return (s) => (s.blanks[slot] === 1 ? blankText : `${name}: ${valueWords(id, s.vals[slot])}`);
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
        const q = questionById(c.var);
        const no = ` (not ${c.values.map((x) => optionWords(q, x)).join(" or ")})`;
        return (s, _want, out) => {
          out.push(holds(s) ? base(s) : base(s) + no);
        };
      }
      // "Name: a" when eq holds; "(not a)" after the value when it does not, or when ne holds.
      const not = ` (not ${optionWords(questionById(c.var), c.value)})`;
      const notWhenHolds = c.op === "ne";
      return (s, _want, out) => {
        out.push(holds(s) === notWhenHolds ? base(s) + not : base(s));
      };
    }
    case "has": {
      const holds = compileCond(c, env);
      const slot = info(env, c.var).slot;
      const name = variableName(c.var);
      const option = optionWords(questionById(c.var), c.value);
      const yes = `${name}: ${option} ticked`;
      const no = `${name}: ${option} not ticked`;
      const blank = `${name}: not answered (${option} not ticked)`;
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
      const words = OP_WORDS[c.op];
      const name = variableName(c.var);
      const q = questionById(c.var);
      const unit = q && (q.type === "integer" || q.type === "number") && q.unit ? ` ${q.unit}` : "";
      const t = c.value;
      const blank = `${name}: not answered, so not ${words} ${t}`;
      return (s, _want, out) => {
        const x = s.vals[v.slot];
        if (typeof x !== "number") {
          out.push(blank);
          return;
        }
        const tail = why ? why(s, x) : "";
        out.push(holds(s) ? `${name}: ${x}${unit}, ${words} ${t}${tail}` : `${name}: ${x}${unit}, not ${words} ${t}${tail}`);
      };
    }
    case "blank": {
      const name = variableName(c.var);
      const holds = compileCond(c, env);
      return (s, _want, out) => {
        out.push(holds(s) ? `${name}: not answered` : `${name}: answered`);
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
        out.push(`${held} of these ${total} present (at least ${n} needed)`);
      };
    }
    case "fired": {
      const holds = compileCond(c, env);
      const title = RULE_TITLES.get(c.rule) ?? "another rule";
      const yes = `${title}: applies`;
      const no = `${title}: does not apply`;
      return (s, _want, out) => {
        out.push(holds(s) ? yes : no);
      };
    }
    case "none_fired": {
      const holds = compileCond(c, env);
      const yes = `no ${KIND_WORDS[c.kind]} rule applies`;
      const no = `a ${KIND_WORDS[c.kind]} rule applies`;
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

// --- the answers behind the fired rules (the review page's "answers that fired rules") ----------------------

type Answers = Readonly<Record<string, unknown>>;

const QUESTION_ORDER: ReadonlyMap<string, number> = new Map(QUESTION_LIST.map((q, i) => [q.id, i]));

const COMPARISONS: ReadonlySet<Cond["op"]> = new Set(["is", "eq", "ne", "in", "has", "gt", "ge", "lt", "le"]);

/** A "no", the neutral option ("none") or only "none" ticked: never what made a rule fire, even under `ne`/`in`. */
function isPlainAnswer(q: QuestionDef, value: unknown): boolean {
  if (value === undefined || value === null || value === false) return true;
  if (q.type === "enum" && "neutral" in q && q.neutral !== undefined && value === q.neutral) return true;
  return Array.isArray(value) && value.every((v) => v === "none");
}

/**
 * The fields of the condition's positive leaves (under an even number of `not`s) that hold for these answers;
 * derived variables are expanded into the answers they are made of. A blank answer is never one of them.
 */
function heldFields(c: Cond, answers: Answers, positive: boolean, out: Set<string>): void {
  switch (c.op) {
    case "all":
    case "any":
    case "count_at_least":
      for (const x of c.of) heldFields(x, answers, positive, out);
      return;
    case "not":
      heldFields(c.of, answers, !positive, out);
      return;
    case "blank":
    case "fired":
    case "none_fired":
      return;
    default: {
      if (!positive || !COMPARISONS.has(c.op)) return;
      const d = DERIVED_BY_ID.get(c.var);
      if (d) {
        if (d.type === "boolean" && c.op === "is") heldFields(d.when, answers, true, out);
        else if (d.type === "number" && d.expr.num === "count") for (const x of d.expr.of) heldFields(x, answers, true, out);
        return;
      }
      const q = questionById(c.var);
      if (q && !isPlainAnswer(q, answers[c.var]) && conditionHoldsOnAnswers(c, answers)) out.add(c.var);
    }
  }
}

export interface TFiringAnswer {
  readonly field: string;
  /** "Numbness in the saddle area: yes" */
  readonly text: string;
  /** the rules it helped fire, for small secondary text */
  readonly rules: readonly string[];
}

/** The answers that made these (fired) rules hold, in catalogue order, each with the rules it served. */
export function firingAnswers(ruleIds: readonly string[], answers: Answers): TFiringAnswer[] {
  const rulesOf = new Map<string, string[]>();
  for (const id of ruleIds) {
    const rule = RULES.find((r) => r.id === id);
    if (!rule) continue;
    const fields = new Set<string>();
    heldFields(rule.when, answers, true, fields);
    for (const f of fields) rulesOf.set(f, [...(rulesOf.get(f) ?? []), id]);
  }
  return [...rulesOf.keys()]
    .map((field) => ({ field, order: QUESTION_ORDER.get(field) ?? 0 }))
    .toSorted((a, b) => a.order - b.order)
    .map(({ field }) => ({ field, text: `${variableName(field)}: ${valueWords(field, answers[field])}`, rules: rulesOf.get(field) ?? [] }));
}

const RED_FLAG_WHENS: readonly Cond[] = RULES.filter((r) => r.kind === "red_flag").map((r) => r.when);

/** Answers that are red-flag answers (would count towards some red-flag rule), whether or not a rule fired. */
export function redFlagAnswerFields(answers: Answers): ReadonlySet<string> {
  const out = new Set<string>();
  for (const when of RED_FLAG_WHENS) heldFields(when, answers, true, out);
  return out;
}
