// Benchmark (issue 20): evaluations per second on one core over a mixed set of intakes: the worked vignettes,
// generated intakes with a clinic-like mix, and generated worst cases (many warning signs and blanks at once). Under
// 1.2 a blank safety answer costs a re-run of the red-flag rules (DATA-02), so the clinic mix is measured as a clinic
// sees it (10% of intakes with 1 to 3 blank safety answers), and its complete and incomplete intakes apart, against
// the targets of issue 20: at least 150,000/s on one core for complete intakes (the rules compiled once), at least
// 20,000/s for incomplete ones.
// It measures the engine as the app runs it: bundled (the app runs it bundled by Next), not through tsx, whose
// transform wraps every function in esbuild's keepNames helper (`__name(...)`, about a third of the time here).
// So this script, run by tsx, first bundles itself with esbuild's JS API (no keepNames, not minified, so a
// profile stays readable) into a temporary directory and runs the bundle with node; the bundle does the measuring.
//   npm run bench:engine [-- --seconds 3 --generated 2500] [-- --cpu-prof]   (--cpu-prof: a V8 profile in the cwd)
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { TIntake, Tier } from "../lib/clinical";

/** Set (by esbuild's `define`) only in the bundle. */
const BUNDLED = process.env.BACKLINE_BENCH_BUNDLED === "1";

async function bundleAndRun(): Promise<number> {
  const { build } = await import("esbuild");
  const dir = mkdtempSync(join(tmpdir(), "backline-bench-engine-"));
  try {
    const outfile = join(dir, "bench-engine.mjs");
    const script = fileURLToPath(import.meta.url);
    await build({
      entryPoints: [script],
      outfile,
      bundle: true,
      platform: "node",
      format: "esm",
      target: "node20",
      external: ["esbuild"],
      logLevel: "warning",
      define: {
        "process.env.BACKLINE_BENCH_BUNDLED": JSON.stringify("1"),
        // Files are found relative to this script, wherever the bundle is written.
        "import.meta.url": JSON.stringify(import.meta.url),
      },
    });
    const args = process.argv.slice(2);
    const profile = args.includes("--cpu-prof") ? ["--cpu-prof", `--cpu-prof-dir=${process.cwd()}`] : [];
    const run = spawnSync(process.execPath, [...profile, outfile, ...args.filter((a) => a !== "--cpu-prof")], { stdio: "inherit" });
    return run.status ?? 1;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function bench(): Promise<void> {
  const { evaluate, missingRequiredFields, QUESTION_LIST, validateIntake } = await import("../lib/clinical");
  const { CLINIC_MIX, generateIntakes, seededRandom, STRESS_MIX } = await import("../lib/db/seed/generate");

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

  /** Safety answers a clinic leaves blank: the required questions, without the visit's own dates. */
  const SAFETY = QUESTION_LIST.filter((q) => q.required && q.type !== "date").map((q) => q.id);

  /**
   * A clinic's week: complete intakes (the clinic mix with nothing required left blank), one in ten with 1 to 3
   * safety answers blanked at random.
   */
  function clinicWeek(count: number, seed: number): { all: TIntake[]; complete: TIntake[]; incomplete: TIntake[] } {
    const rand = seededRandom(seed);
    const complete = validated(generateIntakes(count, seed, { ...CLINIC_MIX, blankRate: 0 })).filter((i) => missingRequiredFields(i).length === 0);
    const all = complete.map((intake, n) => {
      if (n % 10 !== 0) return intake;
      const out: Record<string, unknown> = { ...intake };
      const blanks = 1 + Math.floor(rand() * 3);
      for (let k = 0; k < blanks; k++) out[SAFETY[Math.floor(rand() * SAFETY.length)] as string] = null;
      return out as TIntake;
    });
    return { all, complete: all.filter((_, n) => n % 10 !== 0), incomplete: all.filter((_, n) => n % 10 === 0) };
  }

  const week = clinicWeek(generated, 42);
  const sets: Record<string, TIntake[]> = {
    vignettes: validated(vignettes.map((v) => v.intake)),
    clinic: week.all,
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

  console.log(`engine bundled by esbuild as the app runs it (no keepNames), run with node ${process.version}`);
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

  // The targets, on the clinic mix: complete intakes, and the tenth with 1 to 3 blank safety answers.
  const targets: [string, TIntake[], number][] = [
    ["complete intakes", week.complete, 150_000],
    ["incomplete intakes (1-3 blank safety answers)", week.incomplete, 20_000],
  ];
  for (const [name, intakes, target] of targets) {
    const r = measure(intakes, Math.max(1000, seconds * 1000));
    const dataTwo = intakes.filter((i) => evaluate(i).data_flags.includes("DATA-02")).length;
    console.log(
      `target ${name}: ${fmt(r.perCpuSecond)}/s on one core, target ${fmt(target)}/s: ${r.perCpuSecond >= target ? "met" : "NOT met"}` +
        ` (${intakes.length} intakes, ${Math.round((dataTwo / intakes.length) * 100)}% with DATA-02)`,
    );
  }
}

if (BUNDLED) await bench();
else process.exitCode = await bundleAndRun();
