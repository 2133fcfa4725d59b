// The pain score (0-10) across a patient's visits as a small inline SVG line chart. The SVG is one
// image with a spoken summary; the numbers are also in a table below, so nothing depends on seeing it.
import { STATUS_LABELS, type TVisitStatus } from "@/lib/contracts/labels";
import { formatDay } from "@/lib/contracts/format";

export interface TPainPoint {
  visitId: string;
  /** YYYY-MM-DD */
  date: string;
  score: number;
  status: TVisitStatus;
}

const WIDTH = 640;
const HEIGHT = 260;
const M = { top: 24, right: 24, bottom: 44, left: 48 };
const PLOT_W = WIDTH - M.left - M.right;
const PLOT_H = HEIGHT - M.top - M.bottom;
const TICKS = [0, 2, 4, 6, 8, 10];
const MAX_X_LABELS = 8;
const MAX_VALUE_LABELS = 20;

const y = (score: number) => M.top + PLOT_H * (1 - score / 10);
const x = (i: number, n: number) => (n === 1 ? M.left + PLOT_W / 2 : M.left + (PLOT_W * i) / (n - 1));

/** Edge labels are anchored inwards so long dates are not cut off by the SVG's edge. */
const tickAnchor = (i: number, n: number) => (n === 1 ? "middle" : i === 0 ? "start" : i === n - 1 ? "end" : "middle");

export function describePainScores(points: readonly TPainPoint[]): string {
  const n = points.length;
  const first = points[0];
  const last = points[n - 1];
  if (!first || !last) return "No pain scores recorded.";
  if (n === 1) return `Pain score chart: one visit, on ${formatDay(first.date)}, pain ${first.score} out of 10.`;
  const high = points.reduce((a, b) => (b.score > a.score ? b : a));
  const low = points.reduce((a, b) => (b.score < a.score ? b : a));
  const trend = last.score > first.score ? "rising" : last.score < first.score ? "falling" : "unchanged";
  return (
    `Pain score chart, 0 to 10, across ${n} visits from ${formatDay(first.date)} to ${formatDay(last.date)}: ` +
    `${first.score} at the first visit and ${last.score} at the latest (${trend}); ` +
    `highest ${high.score} on ${formatDay(high.date)}, lowest ${low.score} on ${formatDay(low.date)}.`
  );
}

/** `points` oldest first. */
export function PainChart({ points }: { points: readonly TPainPoint[] }) {
  const n = points.length;
  if (n === 0) return <p className="muted">No pain scores have been recorded for this patient yet.</p>;
  const labelStep = Math.ceil(n / MAX_X_LABELS);
  const path = points.map((p, i) => `${i === 0 ? "M" : "L"}${x(i, n).toFixed(1)},${y(p.score).toFixed(1)}`).join(" ");
  const hasDraft = points.some((p) => p.status === "DRAFT");
  return (
    <figure className="pain-chart">
      <svg role="img" aria-label={describePainScores(points)} viewBox={`0 0 ${WIDTH} ${HEIGHT}`} preserveAspectRatio="xMidYMid meet">
        {TICKS.map((t) => (
          <g key={t}>
            <line className="pain-chart-grid" x1={M.left} x2={WIDTH - M.right} y1={y(t)} y2={y(t)} />
            <text className="pain-chart-tick" x={M.left - 8} y={y(t)} textAnchor="end" dominantBaseline="middle">
              {t}
            </text>
          </g>
        ))}
        <text className="pain-chart-tick" x={14} y={M.top + PLOT_H / 2} textAnchor="middle" transform={`rotate(-90 14 ${M.top + PLOT_H / 2})`}>
          Pain (0–10)
        </text>
        {n > 1 && <path className="pain-chart-line" d={path} />}
        {points.map((p, i) => (
          <g key={p.visitId}>
            <circle
              className={p.status === "DRAFT" ? "pain-chart-point pain-chart-point-draft" : "pain-chart-point"}
              cx={x(i, n)}
              cy={y(p.score)}
              r={5}
            />
            {n <= MAX_VALUE_LABELS && (
              <text className="pain-chart-value" x={x(i, n)} y={y(p.score) - 10} textAnchor="middle">
                {p.score}
              </text>
            )}
            {(i % labelStep === 0 || i === n - 1) && (
              <text className="pain-chart-tick" x={x(i, n)} y={HEIGHT - M.bottom + 20} textAnchor={tickAnchor(i, n)}>
                {formatDay(p.date)}
              </text>
            )}
          </g>
        ))}
      </svg>
      <figcaption className="muted">
        Pain now, as recorded at each visit, oldest on the left.
        {hasDraft && " Hollow points are visits whose intake is still a draft."}
      </figcaption>
      <details>
        <summary>Show the pain scores as a table</summary>
        <table>
          <caption className="visually-hidden">Pain score at each visit, oldest first</caption>
          <thead>
            <tr>
              <th scope="col">Visit date</th>
              <th scope="col">Pain score (0–10)</th>
              <th scope="col">Status</th>
            </tr>
          </thead>
          <tbody>
            {points.map((p) => (
              <tr key={p.visitId}>
                <th scope="row">{formatDay(p.date)}</th>
                <td>{p.score}</td>
                <td>{STATUS_LABELS[p.status]}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
