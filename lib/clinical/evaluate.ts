// The evaluation pipeline, knowledge.md f.1 with the 1.2 safety revision (0.4): derived variables, RF rules, PW
// rules (only when no urgent or emergency RF fired), ADV rules, DATA-01, then DATA-02 (one re-run of the RF rules
// per blank required answer, set to its worst answer); imaging by precedence (c.3), merged panels (c.4), urgency,
// status, doctor queue. Under 16 only the emergency RF rules and ADV-PREGNANCY run (0.4 item 2). Pure and
// deterministic: the same intake always gives the same evaluation, whatever the order of its keys.
import type { TIntake } from "./catalogue";
import { BLOOD_PANELS, mergePanels } from "./blood";
import { conservativeCareFor, SAFETY_NET, type Phase } from "./content";
import {
  COMPILED_RULES,
  createState,
  derivedValues,
  fieldSlot,
  MISSING_CHECKS,
  PRECEDENCE_INDICES,
  stateWith,
  WORST_OVERRIDES,
  type CompiledRule,
} from "./engine";
import { condRules, RULE_KIND_STAGE, RuleCompileError, type EvalState } from "./evaluator";
import { DEFAULT_NO_IMAGING_DETAIL } from "./imaging";
import { DATA_02_RULE, DATA_02_TIER_CAP, OUT_OF_SCOPE_MESSAGE } from "./rules";
import { conditionsForRule } from "./seed-tables";
import { RULESET_HASH, RULESET_VERSION } from "./version";
import type {
  AlsoConsider,
  CannotExclude,
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
const rankOf = (r: CompiledRule): number => TIER_RANK[r.def.tier ?? "none"];

const byStage = (stage: number): readonly CompiledRule[] => COMPILED_RULES.filter((r) => r.stage === stage);
const OUT_OF_SCOPE_RULES = byStage(RULE_KIND_STAGE.out_of_scope);
const RED_FLAG_RULES = byStage(RULE_KIND_STAGE.red_flag);
const PATHWAY_RULES = byStage(RULE_KIND_STAGE.pathway);
const ADVISORY_RULES = byStage(RULE_KIND_STAGE.advisory);
const DATA_RULES = byStage(RULE_KIND_STAGE.data);

// 0.4 item 2: under 16, the emergency RF rules as for adults, no other RF, PW or ADV rule but ADV-PREGNANCY.
const EMERGENCY_RED_FLAG_RULES = RED_FLAG_RULES.filter((r) => r.def.tier === "emergency");
const UNDER_16_ADVISORIES = ADVISORY_RULES.filter((r) => r.def.id === "ADV-PREGNANCY");
for (const r of EMERGENCY_RED_FLAG_RULES) {
  // An emergency rule that referred to a non-emergency one could not be evaluated alone under 16.
  for (const other of condRules(r.def.when)) {
    if (!EMERGENCY_RED_FLAG_RULES.some((e) => e.def.id === other)) {
      throw new RuleCompileError(`${r.def.id} is an emergency rule that depends on the non-emergency rule ${other}`);
    }
  }
}
const NSAID_CAUTION_INDEX = COMPILED_RULES.findIndex((r) => r.def.id === "ADV-NSAID-CAUTION");

function run(rules: readonly CompiledRule[], s: EvalState, fired: CompiledRule[] | null): void {
  for (const r of rules) {
    if (r.when(s)) {
      s.fired[r.index] = 1;
      s.firedByStage[r.stage]! += 1;
      fired?.push(r);
    }
  }
}

/** Evaluate a validated intake (see schema.ts). Never reads the clock. */
export function evaluate(intake: TIntake): Evaluation {
  const s = createState(intake as Readonly<Record<string, unknown>>);
  const fired: CompiledRule[] = [];

  run(OUT_OF_SCOPE_RULES, s, fired);
  const under16 = fired.length > 0;
  const redFlagRules = under16 ? EMERGENCY_RED_FLAG_RULES : RED_FLAG_RULES;
  run(redFlagRules, s, fired);
  let redFlagRank = 0;
  for (const r of fired) if (r.def.kind === "red_flag") redFlagRank = Math.max(redFlagRank, rankOf(r));
  if (under16) {
    run(UNDER_16_ADVISORIES, s, fired);
  } else {
    // c.2: pathway rules only when no urgent or emergency RF rule fired (DATA-02 is not an RF rule, 0.4 item 14).
    if (redFlagRank < TIER_RANK.urgent) run(PATHWAY_RULES, s, fired);
    run(ADVISORY_RULES, s, fired);
  }
  run(DATA_RULES, s, fired);

  const missing: string[] = [];
  if (s.firedByStage[RULE_KIND_STAGE.data]! > 0) for (const c of MISSING_CHECKS) if (c.missing(s)) missing.push(c.field);
  const cannotExclude = missing.length > 0 ? cannotExcludeFor(s, redFlagRules, missing) : [];
  const data02Rank = Math.min(
    TIER_RANK[DATA_02_TIER_CAP],
    cannotExclude.reduce((rank, c) => Math.max(rank, TIER_RANK[c.tier]), 0),
  );

  const redFlags: string[] = [];
  const pathways: string[] = [];
  const advisories: string[] = [];
  const dataFlags: string[] = [];
  let doctorQueue = cannotExclude.length > 0;
  let rank = cannotExclude.length > 0 ? data02Rank : 0;
  for (const r of fired) {
    const id = r.def.id;
    if (r.def.kind === "red_flag" || r.def.kind === "pathway" || r.def.kind === "out_of_scope") rank = Math.max(rank, rankOf(r));
    if (r.def.kind === "red_flag" || r.def.kind === "data" || r.def.kind === "out_of_scope" || r.def.doctor_queue) doctorQueue = true;
    switch (r.def.kind) {
      case "red_flag":
        redFlags.push(id);
        break;
      case "pathway":
        pathways.push(id);
        break;
      case "advisory":
        advisories.push(id);
        break;
      default:
        dataFlags.push(id);
    }
  }
  if (cannotExclude.length > 0) dataFlags.push(DATA_02_RULE.id);
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
  if (cannotExclude.length > 0) explanations.push(explainData02(cannotExclude, RANK_TIER[data02Rank] as Tier));
  const merged = mergePanels(panelKeys);

  const derived = derivedValues(s);
  const phase = derived.phase as Phase | null;
  const givesConservativeCare = !under16 && rank <= TIER_RANK.routine_soon;
  const outOfScope = under16 ? (fired[0] as CompiledRule) : null;

  return {
    ruleset_version: RULESET_VERSION,
    ruleset_hash: RULESET_HASH,
    // DATA-01 or OUT-OF-SCOPE-01 (DATA-02 never comes without DATA-01).
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
    missing,
    cannot_exclude: cannotExclude.map(({ rule, fields }) => ({ rule, fields })),
    cannot_exclude_emergency: cannotExclude.some((c) => c.tier === "emergency"),
    out_of_scope: outOfScope ? { rule: outOfScope.def.id, message: OUT_OF_SCOPE_MESSAGE } : null,
    safety_net: SAFETY_NET,
    conservative_care: givesConservativeCare,
    conservative_care_content: givesConservativeCare
      ? conservativeCareFor(phase, NSAID_CAUTION_INDEX >= 0 && s.fired[NSAID_CAUTION_INDEX] === 1)
      : [],
    derived,
    explanations,
  };
}

// --- DATA-02 (0.4 item 1) -------------------------------------------------------------------------------------

type CannotExcludeWithTier = CannotExclude & { readonly tier: Tier };

/**
 * For each blank required answer, the RF rules evaluated again with only that answer set to its worst answer.
 * The rules that fire in some re-run and not in the real evaluation, each with the blank fields that could fire
 * it, sorted by rule id (fields sorted). One field at a time, never combinations: at most |missing| re-runs.
 */
function cannotExcludeFor(s: EvalState, rules: readonly CompiledRule[], missing: readonly string[]): CannotExcludeWithTier[] {
  const found = new Map<CompiledRule, string[]>();
  for (const field of missing) {
    const overrides = WORST_OVERRIDES[fieldSlot(field)];
    if (!overrides) continue; // visit_date, onset_date: no worst answer, not re-run
    const again = stateWith(s, overrides);
    run(rules, again, null);
    for (const r of rules) {
      if (again.fired[r.index] === 1 && s.fired[r.index] !== 1) {
        const fields = found.get(r);
        if (fields) fields.push(field);
        else found.set(r, [field]);
      }
    }
  }
  return [...found]
    .map(([r, fields]) => ({ rule: r.def.id, fields: [...fields].sort(), tier: r.def.tier ?? "none" }))
    .sort((a, b) => (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0));
}

const CONCERN: ReadonlyMap<string, string> = new Map(
  COMPILED_RULES.map((r) => [r.def.id, r.def.concern ?? r.def.title.toLowerCase()]),
);

function explainData02(cannotExclude: readonly CannotExcludeWithTier[], tier: Tier): Explanation {
  const d = DATA_02_RULE;
  return {
    rule: d.id,
    kind: d.kind,
    title: `Safety screen incomplete: cannot exclude ${cannotExclude.map((c) => CONCERN.get(c.rule)).join("; ")}`,
    tier,
    conditions: cannotExclude.map((c) => `${c.fields.join(", ")} blank: ${c.rule} fires with the worst answer`),
    suspected_condition: null,
    action: d.action,
    message: null,
    imaging: null,
    blood_panels: [],
    sources: d.sources,
    related_conditions: [],
  };
}

// --- panels, imaging, explanations --------------------------------------------------------------------------

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

const NO_NOTES: readonly string[] = Object.freeze([]);

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
  // The notes every suggestion carries while a rule fires (under 16, pregnancy: 0.4 items 2 and 10).
  let imagingNotes: string[] | null = null;
  for (let i = 0; i < fired.length; i++) {
    const r = fired[i] as CompiledRule;
    if (r.def.imaging_note) (imagingNotes ??= []).push(r.def.imaging_note);
    if (i === chosen || (r.def.kind !== "red_flag" && r.def.kind !== "pathway")) continue;
    const own = notes[i] ?? null;
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
      // Notes only with a suggested modality (the vignettes' convention for imaging.notes).
      notes: imagingNotes ?? NO_NOTES,
      also_consider: also,
    };
  }
  return {
    modality: "none",
    detail: DEFAULT_NO_IMAGING_DETAIL,
    rule: null,
    tier: null,
    precedence: null,
    notes: NO_NOTES,
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
