import "server-only";
import type { TCurrentUser } from "@/lib/auth/current-user";
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { assertCan } from "../guard";

export interface TAlertWeek {
  /** the Monday the week starts on, in the clinic's time zone (YYYY-MM-DD) */
  week: string;
  raised: number;
  acknowledged: number;
  /** seconds from raised to acknowledged; null when none was acknowledged that week */
  p50Seconds: number | null;
  p95Seconds: number | null;
  escalated: number;
  /** still open (not acknowledged) */
  open: number;
}

/** Time to acknowledge alerts (p50, p95) and escalations per week, newest first: counts only, no patient. */
export async function alertInsight(user: TCurrentUser, weeks = 12): Promise<TAlertWeek[]> {
  assertCan(user, "insight:read");
  const tz = env().BACKLINE_TIMEZONE;
  const rows = await db().$queryRaw<
    { week: Date; raised: bigint; acknowledged: bigint; p50: number | null; p95: number | null; escalated: bigint; open: bigint }[]
  >`
    SELECT date_trunc('week', raised_at AT TIME ZONE ${tz})::date AS week,
           count(*) AS raised,
           count(acknowledged_at) AS acknowledged,
           percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM acknowledged_at - raised_at))
             FILTER (WHERE acknowledged_at IS NOT NULL) AS p50,
           percentile_cont(0.95) WITHIN GROUP (ORDER BY extract(epoch FROM acknowledged_at - raised_at))
             FILTER (WHERE acknowledged_at IS NOT NULL) AS p95,
           count(escalated_at) AS escalated,
           count(*) FILTER (WHERE acknowledged_at IS NULL) AS open
      FROM alerts
     WHERE raised_at >= now() - make_interval(weeks => ${weeks})
     GROUP BY 1 ORDER BY 1 DESC`;
  return rows.map((r) => ({
    week: r.week.toISOString().slice(0, 10),
    raised: Number(r.raised),
    acknowledged: Number(r.acknowledged),
    p50Seconds: r.p50 === null ? null : Math.round(r.p50),
    p95Seconds: r.p95 === null ? null : Math.round(r.p95),
    escalated: Number(r.escalated),
    open: Number(r.open),
  }));
}
