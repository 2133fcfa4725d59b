// Seeded generator of schema-valid intakes, built from the catalogue: the synthetic visits' answers (./visits.ts),
// and the benchmarks, the load test and the tests that want many varied cases without fast-check. Deterministic for
// a given seed. Pure (the clinical core only), like the data it makes: dev, e2e and benchmark data, not production.
import { QUESTION_LIST, type QuestionDef, type TIntake } from "@/lib/clinical";
import { addDays } from "@/lib/clinical/dates";

/** mulberry32: tiny deterministic PRNG. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface GenerateOptions {
  readonly visitDate?: string;
  /** chance that any one required answer is left blank (drives DATA-01 cases) */
  readonly blankRate?: number;
  /** chance that a required yes/no warning sign is answered yes */
  readonly yesRate?: number;
  /** chance that a single choice with a neutral option ("none", "never"...) takes it */
  readonly neutralRate?: number;
  /** chance that an optional yes/no question is answered yes */
  readonly optionalYesRate?: number;
  /** chance that each option of a multi-select is ticked */
  readonly pickRate?: number;
  /** range of measured temperatures, deg C */
  readonly temperature?: readonly [number, number];
  /** ages 18-80 peaking near 49 instead of uniform 16-95 (plus 3% under 16 either way) */
  readonly adultAges?: boolean;
}

interface Rates {
  readonly yes: number;
  readonly optionalYes: number;
  readonly neutral: number;
  readonly pick: number;
}

function pick<T>(rand: () => number, items: readonly T[]): T {
  return items[Math.floor(rand() * items.length)] as T;
}

function answer(q: QuestionDef, rand: () => number, rates: Rates): unknown {
  switch (q.type) {
    case "boolean":
      return rand() < (q.required ? rates.yes : rates.optionalYes);
    case "enum":
      if (q.neutral !== undefined && rand() < rates.neutral) return q.neutral;
      return pick(rand, q.options).value;
    case "multi-enum": {
      const others = q.options.map((o) => o.value).filter((v) => v !== q.exclusive);
      if (q.exclusive && rand() < 0.5) return [q.exclusive];
      const chosen = others.filter(() => rand() < rates.pick);
      return chosen.length > 0 ? chosen : [pick(rand, others)];
    }
    case "integer":
      return q.min + Math.floor(rand() * (q.max - q.min + 1));
    case "number":
      return Math.round((q.min + rand() * (q.max - q.min)) * 10) / 10;
    case "date":
      return null; // dates are set together below
    case "text":
      return "free text";
  }
}

export function generateIntake(rand: () => number, options: GenerateOptions = {}): TIntake {
  const visit = options.visitDate ?? "2025-03-10";
  const blankRate = options.blankRate ?? 0.03;
  const rates: Rates = {
    yes: options.yesRate ?? 0.06,
    optionalYes: options.optionalYesRate ?? 0.3,
    neutral: options.neutralRate ?? 0,
    pick: options.pickRate ?? 0.2,
  };
  const out: Record<string, unknown> = {};
  for (const q of QUESTION_LIST) {
    if (rand() < (q.required ? blankRate : 0.35)) continue;
    const value = answer(q, rand, rates);
    if (value !== null) out[q.id] = value;
  }
  // Realistic shapes for the fields rules lean on most.
  out.age_years =
    rand() < 0.03
      ? Math.floor(rand() * 16)
      : options.adultAges
        ? 18 + Math.floor(31 * (rand() + rand()))
        : 16 + Math.floor(rand() * 80);
  // Conditionally required answers are blank as rarely as the required ones, and answered only when asked.
  const age = out.age_years as number;
  if (age >= 50) {
    if (rand() < blankRate) delete out.known_aaa;
    else out.known_aaa = rand() < rates.yes;
  } else {
    delete out.known_aaa;
  }
  if (out.sex !== "male" && age >= 12 && age <= 55) {
    if (rand() < blankRate) delete out.pregnancy_status;
    else out.pregnancy_status = rand() < rates.yes ? pick(rand, ["pregnant", "postpartum_under_12_weeks", "unsure"]) : "not_pregnant";
  } else {
    delete out.pregnancy_status;
  }
  if (rand() >= blankRate) out.visit_date = visit;
  const durationDays = Math.floor(rand() * rand() * 800);
  if (rand() >= blankRate) out.onset_date = addDays(visit, -durationDays);
  // 0.4 item 11: no more weeks of care than the episode allows.
  if (typeof out.conservative_care_weeks === "number" && out.conservative_care_weeks * 7 > durationDays + 7) {
    out.conservative_care_weeks = Math.floor((durationDays + 7) / 7);
  }
  if (rand() < 0.7) out.trauma_energy = "none";
  if (rand() < 0.6) out.conditions = ["none"];
  if (rand() < 0.6) out.medications = ["none"];
  if (options.temperature && "temperature_c" in out) {
    const [lo, hi] = options.temperature;
    out.temperature_c = Math.round((lo + rand() * (hi - lo)) * 10) / 10;
  }
  const meds = out.medications;
  if (!(Array.isArray(meds) && meds.includes("systemic_corticosteroid")) || rand() < blankRate) {
    delete out.corticosteroid_months;
  } else if (!("corticosteroid_months" in out)) {
    out.corticosteroid_months = Math.floor(rand() * 24);
  }
  return out as TIntake;
}

/**
 * Roughly a clinic's mix: adults, most answers negative, few warning signs, few blanks. Age over 50 alone is
 * a routine_soon flag (RF-CA-04), so routine_soon is common; see scripts/bench-engine.ts for the tiers seen.
 */
export const CLINIC_MIX: GenerateOptions = {
  yesRate: 0.01,
  optionalYesRate: 0.05,
  neutralRate: 0.9,
  blankRate: 0.004,
  pickRate: 0.03,
  temperature: [36, 38.2],
  adultAges: true,
};

/** Many warning signs and blanks at once: a worst case for the engine (most cases fire 5-10 rules). */
export const STRESS_MIX: GenerateOptions = { yesRate: 0.06, neutralRate: 0, blankRate: 0.03 };

export function generateIntakes(count: number, seed = 1, options: GenerateOptions = {}): TIntake[] {
  const rand = seededRandom(seed);
  return Array.from({ length: count }, () => generateIntake(rand, options));
}
