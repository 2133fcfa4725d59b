// Percentiles and the one-line latency summary of the HTTP benchmarks.

/** The p-th percentile of ascending `sorted` (nearest rank, floor), NaN when empty. */
export function pct(sorted: ArrayLike<number>, p: number): number {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]! : NaN;
}

/** Ascending copy (numeric, fast for the hundreds of thousands of samples of bench:events). */
export function sorted(xs: ArrayLike<number>): Float64Array {
  return Float64Array.from(xs).sort();
}

/** `label n=… p50 … p95 … p99 … max …` in ms. */
export function line(label: string, xs: ArrayLike<number>): string {
  const s = sorted(xs);
  return `${label.padEnd(8)} n=${String(s.length).padStart(7)}  p50 ${pct(s, 50).toFixed(1).padStart(7)} ms  p95 ${pct(s, 95).toFixed(1).padStart(7)} ms  p99 ${pct(s, 99).toFixed(1).padStart(7)} ms  max ${(s.at(-1) ?? NaN).toFixed(1).padStart(8)} ms`;
}
