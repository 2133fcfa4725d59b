// A V8 CPU profile (node --cpu-prof) summed up: self time by where the code lives (Backline's own files by folder,
// node_modules by package, Node's internals, GC, idle), for the performance notes. Run it on a profile:
//   npx tsx scripts/support/cpu-profile.ts <file.cpuprofile> [--top 25] [--functions | --inclusive] [--last SECONDS]
// --functions: self time per function; --inclusive: time per function with what it calls (each function once per
// sample, so recursion is not counted twice); --last: only the last SECONDS of busy samples (e.g. the measured
// window of a load run, after its untimed preparation).
import { readFileSync } from "node:fs";

interface TNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface TProfile {
  nodes: TNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

/** Where a frame's code lives: "(gc)", "node:internal", "next", "@prisma/client", "app: lib/server", ... */
export function placeOf(frame: TNode["callFrame"]): string {
  const { url, functionName } = frame;
  if (!url) return functionName.startsWith("(") ? functionName : `(native) ${functionName || "anonymous"}`;
  if (url.startsWith("node:")) return "node internals";
  const modules = url.lastIndexOf("node_modules/");
  if (modules >= 0) {
    const rest = url.slice(modules + "node_modules/".length).split("/");
    const pkg = rest[0]!.startsWith("@") ? `${rest[0]}/${rest[1]}` : rest[0]!;
    // Next's compiled copies of other packages (next/dist/compiled/<pkg>) are named by what they are.
    if (pkg === "next" && rest[2] === "compiled") return `next (compiled ${rest[3]})`;
    if (pkg === "next" && rest[1] === "dist") return `next (${rest[2]})`;
    return pkg;
  }
  // The app's own server bundle: .next/server/chunks/... name the source only in their function names.
  if (/\.next[^/]*\/server\//.test(url)) return "app bundle (.next/server)";
  return url.replace(/^file:\/\//, "").replace(process.cwd() + "/", "");
}

/** The profile with only its samples from `seconds` before its last busy sample onwards. */
export function lastSeconds(profile: TProfile, seconds: number): TProfile {
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const at: number[] = [];
  let t = 0;
  for (const dt of profile.timeDeltas) at.push((t += dt));
  let end = 0;
  profile.samples.forEach((id, i) => {
    if (nodes.get(id)?.callFrame.functionName !== "(idle)") end = at[i]!;
  });
  const keep = profile.samples.map((_, i) => at[i]! >= end - seconds * 1e6 && at[i]! <= end);
  return { ...profile, samples: profile.samples.filter((_, i) => keep[i]), timeDeltas: profile.timeDeltas.filter((_, i) => keep[i]), startTime: end - seconds * 1e6, endTime: end };
}

export function summarize(
  profile: TProfile,
  by: (frame: TNode["callFrame"]) => string = placeOf,
  inclusive = false,
): { place: string; ms: number; share: number }[] {
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const self = new Map<string, number>();
  let total = 0;
  profile.samples.forEach((id, i) => {
    const dt = (profile.timeDeltas[i] ?? 0) / 1000;
    const node = nodes.get(id)!;
    total += dt;
    if (!inclusive) {
      const place = by(node.callFrame);
      self.set(place, (self.get(place) ?? 0) + dt);
      return;
    }
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const place = by(nodes.get(at)!.callFrame);
      if (seen.has(place)) continue;
      seen.add(place);
      self.set(place, (self.get(place) ?? 0) + dt);
    }
  });
  return [...self].map(([place, ms]) => ({ place, ms, share: ms / total })).sort((a, b) => b.ms - a.ms);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const file = process.argv[2];
  if (!file) throw new Error("usage: tsx scripts/support/cpu-profile.ts <file.cpuprofile> [--top N] [--functions]");
  const top = Number(process.argv[process.argv.indexOf("--top") + 1]) || 25;
  const last = Number(process.argv[process.argv.indexOf("--last") + 1]);
  const whole = JSON.parse(readFileSync(file, "utf8")) as TProfile;
  const profile = process.argv.includes("--last") && last > 0 ? lastSeconds(whole, last) : whole;
  const inclusive = process.argv.includes("--inclusive");
  const byFunction = inclusive || process.argv.includes("--functions");
  const rows = summarize(profile, byFunction ? (f) => `${f.functionName || "(anonymous)"} ${placeOf(f)}:${f.lineNumber}` : placeOf, inclusive);
  const idle = (place: string) => place.startsWith("(idle)") || place.startsWith("(program)") || place.startsWith("(root)");
  const busy = summarize(profile).filter((r) => !idle(r.place)).reduce((a, r) => a + r.ms, 0);
  console.log(`${file}: ${((profile.endTime - profile.startTime) / 1e6).toFixed(1)} s profiled, ${(busy / 1000).toFixed(2)} s busy (idle and "(program)" left out of the shares)`);
  for (const r of rows.filter((r) => !idle(r.place)).slice(0, top)) console.log(`${(r.ms).toFixed(0).padStart(8)} ms ${((r.ms / busy) * 100).toFixed(1).padStart(5)}%  ${r.place}`);
}
