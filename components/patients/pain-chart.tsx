// The pain score (0-10) across a patient's visits as a small inline SVG line chart on a time scale: a visit's x
// position follows its date (pain-chart-scale.ts), with date ticks. The PEG items (average pain over the week, pain
// getting in the way of enjoying life and of usual activities; lib/clinical/peg.ts) can be shown as dashed lines
// with the checkbox above the chart (CSS only: the page needs no script for it). The SVG is one image with a spoken
// summary; every number is also in the table below, so nothing depends on seeing it.
import { PEG_QUESTIONS } from "@/lib/clinical/peg";
import { STATUS_LABELS, type TVisitStatus } from "@/lib/contracts/labels";
import { formatDay } from "@/lib/contracts/format";
import { timeScale } from "./pain-chart-scale";

export interface TPainPoint {
  visitId: string;
  /** YYYY-MM-DD */
  date: string;
  score: number;
  status: TVisitStatus;
  /** the PEG items answered at this visit (catalogue id -> 0-10) */
  peg?: Readonly<Record<string, number>>;
}

const WIDTH = 640;
const HEIGHT = 260;
const M = { top: 24, right: 40, bottom: 44, left: 48 };
const PLOT_H = HEIGHT - M.top - M.bottom;
const TICKS = [0, 2, 4, 6, 8, 10];
const MAX_VALUE_LABELS = 20;

const y = (score: number) => M.top + PLOT_H * (1 - score / 10);

/** Edge labels are anchored inwards so long dates are not cut off by the SVG's edge. */
const tickAnchor = (i: number, n: number) => (n === 1 ? "middle" : i === 0 ? "start" : i === n - 1 ? "end" : "middle");

/** "Average pain over the past week" from the catalogue's short wording. */
const pegLabel = (short: string) => short.charAt(0).toUpperCase() + short.slice(1);

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
    `Pain score chart, 0 to 10, across ${n} visits from ${formatDay(first.date)} to ${formatDay(last.date)}, spaced by date: ` +
    `${first.score} at the first visit and ${last.score} at the latest (${trend}); ` +
    `highest ${high.score} on ${formatDay(high.date)}, lowest ${low.score} on ${formatDay(low.date)}.`
  );
}

function pathOf(pts: readonly { x: number; y: number }[]): string {
  return pts.map((p, i) => `${i === 0 ? "M" : "L"}${p.x.toFixed(1)},${p.y.toFixed(1)}`).join(" ");
}

/** `points` oldest first. */
export function PainChart({ points }: { points: readonly TPainPoint[] }) {
  const n = points.length;
  if (n === 0) return <p className="muted">No pain scores have been recorded for this patient yet.</p>;
  const scale = timeScale(
    points.map((p) => p.date),
    M.left,
    WIDTH - M.right,
  );
  const hasDraft = points.some((p) => p.status === "DRAFT");
  const peg = PEG_QUESTIONS.map((q) => ({
    id: q.id,
    label: pegLabel(q.short),
    pts: points.flatMap((p) => (typeof p.peg?.[q.id] === "number" ? [{ x: scale.x(p.date), y: y(p.peg[q.id]!), visitId: p.visitId }] : [])),
  }));
  const hasPeg = peg.some((s) => s.pts.length > 0);
  return (
    <figure className="pain-chart">
      {hasPeg && (
        <p className="pain-chart-toggle no-print">
          <input type="checkbox" id="pain-chart-peg" className="pain-chart-peg-toggle" />
          <label htmlFor="pain-chart-peg">Show the PEG scores (average pain, enjoyment of life, usual activities)</label>
        </p>
      )}
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
          Score (0–10)
        </text>
        {scale.ticks.map((t, i) => (
          <g key={t} className="pain-chart-date-tick" data-date={t}>
            <line className="pain-chart-grid" x1={scale.x(t)} x2={scale.x(t)} y1={HEIGHT - M.bottom} y2={HEIGHT - M.bottom + 5} />
            <text className="pain-chart-tick" x={scale.x(t)} y={HEIGHT - M.bottom + 20} textAnchor={tickAnchor(i, scale.ticks.length)}>
              {formatDay(t)}
            </text>
          </g>
        ))}
        {peg.map(
          (s) =>
            s.pts.length > 1 && <path key={s.id} className={`pain-chart-line-peg pain-chart-line-${s.id}`} d={pathOf(s.pts)} data-series={s.id} />,
        )}
        {n > 1 && <path className="pain-chart-line" d={pathOf(points.map((p) => ({ x: scale.x(p.date), y: y(p.score) })))} />}
        {points.map((p) => (
          <g key={p.visitId}>
            <circle
              className={p.status === "DRAFT" ? "pain-chart-point pain-chart-point-draft" : "pain-chart-point"}
              cx={scale.x(p.date)}
              cy={y(p.score)}
              r={5}
              data-date={p.date}
            />
            {n <= MAX_VALUE_LABELS && (
              <text className="pain-chart-value" x={scale.x(p.date)} y={y(p.score) - 10} textAnchor="middle">
                {p.score}
              </text>
            )}
          </g>
        ))}
      </svg>
      <figcaption className="muted">
        Pain now, as recorded at each visit, oldest on the left; visits are spaced by their dates.
        {hasDraft && " Hollow points are visits whose intake is still a draft."}
      </figcaption>
      {hasPeg && (
        <ul className="pain-chart-legend pain-chart-peg-legend" aria-label="PEG lines">
          {peg.map((s) => (
            <li key={s.id}>
              <svg width="28" height="10" aria-hidden="true" focusable="false">
                <line className={`pain-chart-line-peg pain-chart-line-${s.id}`} x1="0" x2="28" y1="5" y2="5" />
              </svg>{" "}
              {s.label}
            </li>
          ))}
        </ul>
      )}
      <details>
        <summary>Show the pain scores as a table</summary>
        <table>
          <caption className="visually-hidden">Pain score{hasPeg ? " and PEG items" : ""} at each visit, oldest first</caption>
          <thead>
            <tr>
              <th scope="col">Visit date</th>
              <th scope="col">Pain now (0–10)</th>
              {hasPeg &&
                peg.map((s) => (
                  <th scope="col" key={s.id}>
                    {s.label} (0–10)
                  </th>
                ))}
              <th scope="col">Status</th>
            </tr>
          </thead>
          <tbody>
            {points.map((p) => (
              <tr key={p.visitId}>
                <th scope="row">{formatDay(p.date)}</th>
                <td>{p.score}</td>
                {hasPeg &&
                  peg.map((s) => (
                    <td key={s.id}>{typeof p.peg?.[s.id] === "number" ? p.peg[s.id] : <span className="muted">Not asked</span>}</td>
                  ))}
                <td>{STATUS_LABELS[p.status]}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
