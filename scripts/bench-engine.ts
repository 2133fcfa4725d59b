// Benchmark: evaluations per second on one core over a mixed set of intakes: the worked vignettes, generated
// intakes with a clinic-like mix, and generated worst cases (many warning signs and blanks at once).
//   npm run bench:engine [-- --seconds 3 --generated 2500]
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { evaluate, validateIntake, type TIntake, type Tier } from "../lib/clinical";
import { CLINIC_MIX, generateIntakes, STRESS_MIX } from "../lib/clinical/test-support/generate";

const args = process.argv.slice(2);
const option = (name: string, fallback: number): number => {
  const i = args.indexOf(`--${name}`);
  const value = i >= 0 ? Number(args[i + 1]) : fallback;
  return Number.isFinite(value) && value > 0 ? value : fallback;
};
const seconds = option("seconds", 3);
const generated = option("generated", 2500);
const today = "2025-03-10";

const vignettesPath = fileURLToPath(new URL("../lib/clinical/test-support/vignettes.dev.json", import.meta.url));
const vignettes = (JSON.parse(readFileSync(vignettesPath, "utf8")) as { vignettes: { intake: unknown }[] }).vignettes;

/** Validate first, as the app and the CLI do: evaluate() receives canonical, validated intakes. */
function validated(raw: readonly unknown[]): TIntake[] {
  return raw.map((input) => {
    const result = validateIntake(input, { today });
    if (!result.ok) throw new Error(`benchmark intake failed validation: ${JSON.stringify(result.errors)}`);
    return result.intake;
  });
}

const sets: Record<string, TIntake[]> = {
  vignettes: validated(vignettes.map((v) => v.intake)),
  clinic: validated(generateIntakes(generated, 42, CLINIC_MIX)),
  stress: validated(generateIntakes(generated, 43, STRESS_MIX)),
};
const mixed = [...(sets.vignettes ?? []), ...(sets.clinic ?? []), ...(sets.stress ?? [])];

function measure(intakes: readonly TIntake[], ms: number): { perCpuSecond: number; perWallSecond: number; n: number } {
  let n = 0;
  let sink = 0;
  const cpu0 = process.cpuUsage();
  const start = performance.now();
  let now = start;
  while (now - start < ms) {
    for (const intake of intakes) sink += evaluate(intake).red_flags.length;
    n += intakes.length;
    now = performance.now();
  }
  const cpu = process.cpuUsage(cpu0);
  if (sink < 0) console.log(sink); // keep the result alive
  // evaluate() is synchronous and single-threaded, so CPU time is time on one core; unlike the wall clock
  // (printed too) it stays meaningful when other work shares the machine.
  const cpuMs = (cpu.user + cpu.system) / 1000;
  return { perCpuSecond: (n / cpuMs) * 1000, perWallSecond: (n / (now - start)) * 1000, n };
}

function tiers(intakes: readonly TIntake[]): string {
  const counts: Record<Tier, number> = { none: 0, routine_soon: 0, urgent: 0, emergency: 0 };
  let rules = 0;
  for (const intake of intakes) {
    const e = evaluate(intake);
    counts[e.urgency]++;
    rules += e.red_flags.length + e.pathway_rules.length + e.advisories.length + e.data_flags.length;
  }
  const pct = (k: Tier): string => `${Math.round((counts[k] / intakes.length) * 100)}%`;
  const avg = (rules / intakes.length).toFixed(1);
  return `urgency none/routine_soon/urgent/emergency ${pct("none")}/${pct("routine_soon")}/${pct("urgent")}/${pct("emergency")}, ${avg} rules fired per case`;
}

const fmt = (x: number): string => Math.round(x).toLocaleString("en-US");

measure(mixed, 1500); // warm-up: let the JIT settle
const all = measure(mixed, seconds * 1000);
console.log(
  `evaluate(): ${fmt(all.perCpuSecond)} evaluations/s on one core over ${mixed.length} intakes ` +
    `(${sets.vignettes?.length} vignettes + ${generated} clinic-mix + ${generated} stress-mix generated; ` +
    `wall clock ${fmt(all.perWallSecond)}/s)`,
);
for (const [name, intakes] of Object.entries(sets)) {
  const r = measure(intakes, Math.max(500, (seconds * 1000) / 3));
  console.log(`  ${name.padEnd(9)} ${fmt(r.perCpuSecond).padStart(9)}/s  (${tiers(intakes)})`);
}
