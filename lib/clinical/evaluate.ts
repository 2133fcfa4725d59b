// The evaluation pipeline, knowledge.md f.1: derived variables, RF rules, PW rules (only when no urgent or
// emergency RF fired), ADV rules, DATA-01; then imaging by precedence (c.3), merged panels (c.4), urgency,
// status. Pure and deterministic: the same intake always gives the same evaluation.
import type { TIntake } from "./catalogue";
import { BLOOD_PANELS, mergePanels } from "./blood";
import { conservativeCareFor, SAFETY_NET, type Phase } from "./content";
import {
  COMPILED_RULES,
  createState,
  derivedValues,
  MISSING_CHECKS,
  PRECEDENCE_INDICES,
  type CompiledRule,
} from "./engine";
import { RULE_KIND_STAGE, type EvalState } from "./evaluator";
import { DEFAULT_NO_IMAGING_DETAIL } from "./imaging";
import { OUT_OF_SCOPE_MESSAGE } from "./rules";
import { conditionsForRule } from "./seed-tables";
import { RULESET_VERSION } from "./version";
import type {
  AlsoConsider,
  Evaluation,
  Explanation,
  ImagingSuggestion,
  Modality,
  Tier,
} from "./types";

/** Seed conditions (d.1 mapping) per rule index. */
const RELATED_CONDITIONS: readonly (readonly string[])[] = COMPILED_RULES.map((r) =>
  Object.freeze(conditionsForRule(r.def.id).map((c) => c.id)),
);

const TIER_RANK: Readonly<Record<Tier, number>> = { none: 0, routine_soon: 1, urgent: 2, emergency: 3 };
const RANK_TIER: readonly Tier[] = ["none", "routine_soon", "urgent", "emergency"];

const byStage = (stage: number): readonly CompiledRule[] => COMPILED_RULES.filter((r) => r.stage === stage);
const OUT_OF_SCOPE_RULES = byStage(RULE_KIND_STAGE.out_of_scope);
const RED_FLAG_RULES = byStage(RULE_KIND_STAGE.red_flag);
const PATHWAY_RULES = byStage(RULE_KIND_STAGE.pathway);
const LATER_RULES = COMPILED_RULES.filter((r) => r.stage > RULE_KIND_STAGE.pathway); // ADV, then DATA-01

function run(rules: readonly CompiledRule[], s: EvalState, fired: CompiledRule[]): void {
  for (const r of rules) {
    if (r.when(s)) {
      s.fired[r.index] = 1;
      s.firedByStage[r.stage]! += 1;
      fired.push(r);
    }
  }
}

/** Evaluate a validated intake (see schema.ts). Never reads the clock. */
export function evaluate(intake: TIntake): Evaluation {
  const s = createState(intake as Readonly<Record<string, unknown>>);
  const fired: CompiledRule[] = [];

  // 0.3 item 6: under 16 nothing else fires.
  run(OUT_OF_SCOPE_RULES, s, fired);
  if (fired.length > 0) return outOfScope(s, fired);

  run(RED_FLAG_RULES, s, fired);
  let rank = 0;
  for (const r of fired) rank = Math.max(rank, TIER_RANK[r.def.tier ?? "none"]);
  // c.2: pathway rules only when no urgent or emergency RF rule fired.
  if (rank < TIER_RANK.urgent) run(PATHWAY_RULES, s, fired);
  run(LATER_RULES, s, fired);

  const redFlags: string[] = [];
  const pathways: string[] = [];
  const advisories: string[] = [];
  const dataFlags: string[] = [];
  let doctorQueue = false;
  for (const r of fired) {
    const id = r.def.id;
    switch (r.def.kind) {
      case "red_flag":
        redFlags.push(id);
        doctorQueue = true;
        rank = Math.max(rank, TIER_RANK[r.def.tier ?? "none"]);
        break;
      case "pathway":
        pathways.push(id);
        rank = Math.max(rank, TIER_RANK[r.def.tier ?? "none"]);
        if (id === "PW-MRI-01") doctorQueue = true;
        break;
      case "advisory":
        advisories.push(id);
        break;
      default:
        dataFlags.push(id);
        doctorQueue = true;
    }
  }
  const urgency = RANK_TIER[rank] as Tier;

  const notes = fired.map((r) => ruleImaging(r, s));
  const imaging = chooseImaging(fired, notes);

  const panelKeys: string[] = [];
  const panels: { key: string; rule: string; tests: readonly string[] }[] = [];
  const explanations: Explanation[] = [];
  for (let i = 0; i < fired.length; i++) {
    const r = fired[i] as CompiledRule;
    const keys = appliedPanels(r, s);
    for (const key of keys) {
      if (!panelKeys.includes(key)) panelKeys.push(key);
      panels.push({ key, rule: r.def.id, tests: BLOOD_PANELS[key]?.tests ?? [] });
    }
    explanations.push(explain(r, s, keys, notes[i] ?? null));
  }
  const merged = mergePanels(panelKeys);

  const missing: string[] = [];
  if (dataFlags.length > 0) for (const c of MISSING_CHECKS) if (c.missing(s)) missing.push(c.field);
  const derived = derivedValues(s);
  const phase = derived.phase as Phase | null;

  return {
    ruleset_version: RULESET_VERSION,
    status: dataFlags.length > 0 ? "provisional" : "final",
    urgency,
    red_flags: redFlags,
    pathway_rules: pathways,
    advisories,
    data_flags: dataFlags,
    imaging,
    blood_tests: {
      required: merged.panel.length > 0,
      panel: merged.panel,
      panels,
      at_doctors_choice: merged.at_doctors_choice,
    },
    doctor_queue: doctorQueue,
    missing_fields: missing,
    out_of_scope: null,
    safety_net: SAFETY_NET,
    conservative_care: rank <= TIER_RANK.routine_soon ? conservativeCareFor(phase) : null,
    derived,
    explanations,
  };
}

const NO_PANELS: readonly string[] = Object.freeze([]);

function appliedPanels(r: CompiledRule, s: EvalState): readonly string[] {
  if (r.panels.length === 0) return NO_PANELS;
  const keys: string[] = [];
  for (const p of r.panels) if (p.when === null || p.when(s)) keys.push(p.key);
  return keys;
}

type RuleImagingNote = Readonly<{ modality: Modality; detail: string }>;

/** Per rule, the imaging notes it can give, built once (frozen: evaluations share them). */
const IMAGING_NOTES: readonly { applied: RuleImagingNote | null; otherwise: RuleImagingNote | null }[] =
  COMPILED_RULES.map((r) => {
    const imaging = r.def.imaging;
    const none = r.def.no_imaging_detail ? Object.freeze({ modality: "none" as const, detail: r.def.no_imaging_detail }) : null;
    return {
      applied: imaging ? Object.freeze({ modality: imaging.modality, detail: imaging.detail }) : none,
      otherwise: imaging?.otherwise ? Object.freeze({ modality: "none" as const, detail: imaging.otherwise }) : none,
    };
  });

/** What one fired rule says about imaging: its modality, or its own "no imaging" wording, or nothing. */
function ruleImaging(r: CompiledRule, s: EvalState): RuleImagingNote | null {
  const notes = IMAGING_NOTES[r.index];
  if (!notes) return null;
  return r.imagingWhen === null || r.imagingWhen(s) ? notes.applied : notes.otherwise;
}

/** 1-based position of each rule in the c.3 precedence list, by rule index (0 = not in the list). */
const PRECEDENCE_RANK: readonly number[] = COMPILED_RULES.map((r) => PRECEDENCE_INDICES.indexOf(r.index) + 1);

function chooseImaging(fired: readonly CompiledRule[], notes: readonly (RuleImagingNote | null)[]): ImagingSuggestion {
  // The first rule of the precedence list that fired and whose modality applies.
  let chosen = -1;
  let best = Infinity;
  for (let i = 0; i < fired.length; i++) {
    const rank = PRECEDENCE_RANK[(fired[i] as CompiledRule).index] ?? 0;
    if (rank > 0 && rank < best && notes[i] && notes[i]?.modality !== "none") {
      best = rank;
      chosen = i;
    }
  }

  const also: AlsoConsider[] = [];
  let noImagingDetail: string | null = null;
  for (let i = 0; i < fired.length; i++) {
    const r = fired[i] as CompiledRule;
    if (i === chosen || (r.def.kind !== "red_flag" && r.def.kind !== "pathway")) continue;
    const own = notes[i] ?? null;
    if (noImagingDetail === null && r.def.no_imaging_detail) noImagingDetail = r.def.no_imaging_detail;
    also.push({ rule: r.def.id, title: r.def.title, modality: own?.modality ?? "none", detail: own?.detail ?? null });
  }

  const rule = chosen >= 0 ? (fired[chosen] as CompiledRule) : null;
  const note = chosen >= 0 ? notes[chosen] : null;
  if (rule && note) {
    return {
      modality: note.modality,
      detail: note.detail,
      rule: rule.def.id,
      tier: rule.def.tier,
      precedence: best,
      also_consider: also,
    };
  }
  return {
    modality: "none",
    detail: noImagingDetail ?? DEFAULT_NO_IMAGING_DETAIL,
    rule: null,
    tier: null,
    precedence: null,
    also_consider: also,
  };
}

function explain(
  r: CompiledRule,
  s: EvalState,
  panelKeys: readonly string[],
  imaging: RuleImagingNote | null,
): Explanation {
  const d = r.def;
  return {
    rule: d.id,
    kind: d.kind,
    title: d.title,
    tier: d.tier,
    conditions: explainFacts(r, s),
    suspected_condition: d.suspected_condition ?? null,
    action: d.action,
    message: d.message ?? null,
    imaging,
    blood_panels: panelKeys,
    sources: d.sources,
    related_conditions: RELATED_CONDITIONS[r.index] ?? [],
  };
}

function explainFacts(r: CompiledRule, s: EvalState): string[] {
  const out: string[] = [];
  r.explain(s, true, out);
  return out;
}

function outOfScope(s: EvalState, fired: readonly CompiledRule[]): Evaluation {
  const rule = fired[0] as CompiledRule;
  return {
    ruleset_version: RULESET_VERSION,
    status: "provisional",
    urgency: "none",
    red_flags: [],
    pathway_rules: [],
    advisories: [],
    data_flags: [rule.def.id],
    imaging: {
      modality: "none",
      detail: "no imaging suggestion: out of scope (under 16); refer to a doctor",
      rule: null,
      tier: null,
      precedence: null,
      also_consider: [],
    },
    blood_tests: { required: false, panel: [], panels: [], at_doctors_choice: [] },
    doctor_queue: true,
    missing_fields: [],
    out_of_scope: { rule: rule.def.id, message: OUT_OF_SCOPE_MESSAGE },
    safety_net: SAFETY_NET,
    // The conservative-care content is adult guidance (NICE NG59 covers over-16s), so none is given here.
    conservative_care: null,
    derived: derivedValues(s),
    explanations: [explain(rule, s, [], null)],
  };
}
