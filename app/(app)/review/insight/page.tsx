import type { Metadata } from "next";
import { MODALITY_LABELS } from "@/lib/contracts/labels";
import { formatDay } from "@/lib/contracts/format";
import Link from "next/link";
import { requirePermission } from "@/lib/auth/guard";
import { can } from "@/lib/auth/permissions";
import { OVERRIDE_REASONS } from "@/lib/contracts/visit";
import { clinicToday } from "@/lib/server/clock";
import { alertInsight } from "@/lib/server/safety/alert-insight";
import { overrideInsight } from "@/lib/server/visits/override-insight";

export const metadata: Metadata = { title: "Override insight" };

const PERIODS = [
  { value: "90", label: "Last 90 days", days: 90 },
  { value: "365", label: "Last 12 months", days: 365 },
  { value: "all", label: "All time", days: null },
] as const;

const percent = (x: number) => `${Math.round(x * 100)}%`;

/** 75 -> "1 min 15 s", 30 -> "30 s". */
function duration(seconds: number | null): string {
  if (seconds === null) return "—";
  if (seconds < 60) return `${seconds} s`;
  const m = Math.floor(seconds / 60);
  const s = seconds % 60;
  return s === 0 ? `${m} min` : `${m} min ${s} s`;
}

function sinceDay(today: string, days: number | null): string | null {
  if (days === null) return null;
  const d = new Date(`${today}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - days);
  return d.toISOString().slice(0, 10);
}

/** Per rule: how often its imaging suggestion was accepted or overridden, and the coded reasons. Counts only. */
export default async function OverrideInsightPage({ searchParams }: { searchParams: Promise<{ period?: string | string[] }> }) {
  const user = await requirePermission("insight:read");
  const requested = (await searchParams).period;
  const period = PERIODS.find((p) => p.value === requested) ?? PERIODS[1];
  const insight = await overrideInsight(user, sinceDay(clinicToday(), period.days));
  const alertWeeks = await alertInsight(user);
  return (
    <>
      <h1>Override insight</h1>
      <p className="muted">
        How often doctors accepted or overrode each rule&apos;s imaging suggestion, and the reasons they gave. Rules
        overridden most often come first: they are the ones worth reviewing. Counts only; no patient is shown.
      </p>
      {can(user.role, "review:read") && (
        <p>
          <Link href="/review/ruleset-changes">Ruleset change review</Link>: signed visits the current rules would place in a
          higher tier.
        </p>
      )}
      <form method="get" className="card filters" aria-labelledby="period-title">
        <h2 id="period-title" className="visually-hidden">
          Period
        </h2>
        <label htmlFor="period">Decisions made in</label>
        <select id="period" name="period" defaultValue={period.value}>
          {PERIODS.map((p) => (
            <option key={p.value} value={p.value}>
              {p.label}
            </option>
          ))}
        </select>{" "}
        <button type="submit">Show</button>
      </form>
      <p>
        {insight.decided} {insight.decided === 1 ? "decision" : "decisions"} ({period.label.toLowerCase()}).
      </p>
      {insight.rules.length === 0 ? (
        <p className="notice">No decisions in this period yet.</p>
      ) : (
        <div className="table-scroll" role="region" aria-labelledby="insight-caption" tabIndex={0}>
          <table className="insight">
            <caption id="insight-caption" className="visually-hidden">
              Decisions per rule that supplied the imaging suggestion
            </caption>
            <thead>
              <tr>
                <th scope="col">Rule</th>
                <th scope="col">Decisions</th>
                <th scope="col">Accepted</th>
                <th scope="col">Overridden</th>
                <th scope="col">Override rate</th>
                <th scope="col">Reasons given</th>
                <th scope="col">Chosen instead</th>
              </tr>
            </thead>
            <tbody>
              {insight.rules.map((r) => (
                <tr key={r.rule ?? "none"}>
                  <th scope="row">
                    {r.title}
                    {r.rule && <span className="rule-id" data-secondary-id> ({r.rule})</span>}
                  </th>
                  <td>{r.decided}</td>
                  <td>{r.accepted}</td>
                  <td>{r.overridden}</td>
                  <td>{percent(r.overrideRate)}</td>
                  <td>
                    {r.overridden === 0 ? (
                      "—"
                    ) : (
                      <ul className="plain">
                        {OVERRIDE_REASONS.filter((o) => r.reasons[o.value]).map((o) => (
                          <li key={o.value}>
                            {o.label}: {r.reasons[o.value]}
                          </li>
                        ))}
                      </ul>
                    )}
                  </td>
                  <td>
                    {r.overridden === 0 ? (
                      "—"
                    ) : (
                      <ul className="plain">
                        {(Object.keys(MODALITY_LABELS) as (keyof typeof MODALITY_LABELS)[])
                          .filter((m) => r.chosenInstead[m])
                          .map((m) => (
                            <li key={m}>
                              {MODALITY_LABELS[m]}: {r.chosenInstead[m]}
                            </li>
                          ))}
                      </ul>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <section aria-labelledby="alerts-insight-title">
        <h2 id="alerts-insight-title">Time to acknowledge alerts</h2>
        <p className="muted">
          Emergencies and emergencies that blank answers cannot exclude raise an alert a clinician takes with &ldquo;I&apos;m
          on it&rdquo;. Per week (starting Monday), the last 12 weeks, newest first. Counts only.
        </p>
        {alertWeeks.length === 0 ? (
          <p className="notice">No alerts in the last 12 weeks.</p>
        ) : (
          <div className="table-scroll" role="region" aria-labelledby="alerts-insight-caption" tabIndex={0}>
            <table>
              <caption id="alerts-insight-caption" className="visually-hidden">
                Alerts per week: time to acknowledge and escalations
              </caption>
              <thead>
                <tr>
                  <th scope="col">Week of</th>
                  <th scope="col">Alerts</th>
                  <th scope="col">Acknowledged</th>
                  <th scope="col">Median time to acknowledge</th>
                  <th scope="col">95th percentile</th>
                  <th scope="col">Escalated (nobody acknowledged in time)</th>
                  <th scope="col">Still open</th>
                </tr>
              </thead>
              <tbody>
                {alertWeeks.map((w) => (
                  <tr key={w.week}>
                    <th scope="row">{formatDay(w.week)}</th>
                    <td>{w.raised}</td>
                    <td>{w.acknowledged}</td>
                    <td>{duration(w.p50Seconds)}</td>
                    <td>{duration(w.p95Seconds)}</td>
                    <td>{w.escalated}</td>
                    <td>{w.open}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  );
}
