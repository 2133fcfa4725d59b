import "server-only";
import type { TCurrentUser } from "@/lib/auth/current-user";
import type { Tier } from "@/lib/clinical/types";
import { db } from "@/lib/db/client";
import { Prisma } from "@/lib/db/generated/client";
import type { TQueueQuery } from "@/lib/contracts/queue";
import { audit, type TDbOrTx } from "../audit";
import { ageOn, clinicToday } from "../clock";
import { assertCan } from "../guard";
import { escapeLike } from "../like-pattern";
import type { TQueuePage, TQueueRow, TUrgencyCounts } from "@/lib/contracts/wire/queue";

/**
 * WHERE clause over `visits v` shared by the page, the counts and the CSV export; `withUrgency` false for the
 * per-urgency counts.
 */
export function whereOf(query: TQueueQuery, withUrgency: boolean): Prisma.Sql {
  const parts: Prisma.Sql[] = [];
  parts.push(query.status === "ALL" ? Prisma.sql`v.status IN ('SUBMITTED', 'SIGNED')` : Prisma.sql`v.status = ${query.status}::"VisitStatus"`);
  if (withUrgency && query.urgency) parts.push(Prisma.sql`v.urgency = ${query.urgency}::"Urgency"`);
  if (query.flag) parts.push(Prisma.sql`v.red_flags @> ARRAY[${query.flag}]::text[]`);
  if (query.imaging) parts.push(Prisma.sql`v.imaging_modality = ${query.imaging}::"ImagingModality"`);
  if (query.from) parts.push(Prisma.sql`v.submitted_at >= ${query.from}::date`);
  if (query.to) parts.push(Prisma.sql`v.submitted_at < (${query.to}::date + 1)`);
  for (const term of (query.q ?? "").split(/[\s,]+/).filter(Boolean).slice(0, 5)) {
    const like = `%${escapeLike(term)}%`;
    parts.push(Prisma.sql`v.patient_id IN (SELECT p2.id FROM patients p2 WHERE p2.family_name ILIKE ${like} OR p2.given_name ILIKE ${like} OR p2.mrn ILIKE ${like})`);
  }
  return Prisma.join(parts, " AND ");
}

/** ORDER BY of the queue view (aliases `v` visits, `p` patients), shared by the page and the CSV export. */
export function orderOf(query: TQueueQuery): Prisma.Sql {
  const dir = (fallback: "asc" | "desc") => ((query.dir ?? fallback) === "asc" ? Prisma.sql`ASC` : Prisma.sql`DESC`);
  switch (query.sort) {
    case "urgency":
      // Default: most urgent first, "Ask now" first within the urgent tier (0.4 item 1), then oldest waiting
      // (matches visits_queue_idx, read backwards for asc).
      return query.dir === "asc"
        ? Prisma.sql`v.urgency ASC, v.ask_now ASC, v.submitted_at DESC, v.id DESC`
        : Prisma.sql`v.urgency DESC, v.ask_now DESC, v.submitted_at ASC, v.id ASC`;
    case "submittedAt":
      return Prisma.sql`v.submitted_at ${dir("asc")}, v.id ASC`;
    case "patient":
      return Prisma.sql`p.family_name ${dir("asc")}, p.given_name ${dir("asc")}, v.id ASC`;
    case "mrn":
      return Prisma.sql`p.mrn ${dir("asc")}, v.id ASC`;
    case "age":
      return Prisma.sql`p.birth_date ${query.dir === "desc" ? Prisma.sql`ASC` : Prisma.sql`DESC`}, v.id ASC`;
  }
}

/**
 * The queue's two statements: the page (its ids chosen first, cheap and index-ordered, then only those rows
 * joined, so deep pages stay fast) and the per-urgency counts of the view. Exported for the benchmark, which
 * times exactly these statements on a bare connection against the API.
 */
export function queueStatements(query: TQueueQuery): { page: Prisma.Sql; counts: Prisma.Sql } {
  const offset = (query.page - 1) * query.pageSize;
  const page = Prisma.sql`
      SELECT v.id::text AS id, p.id::text AS patient_id, p.given_name, p.family_name, p.mrn, p.birth_date,
             v.submitted_at, v.urgency::text AS urgency, v.red_flags, v.cannot_exclude, v.ask_now,
             v.imaging_modality::text AS imaging_modality,
             v.status::text AS status, s.name AS signed_by, v.version
        FROM visits v
        JOIN patients p ON p.id = v.patient_id
        LEFT JOIN users s ON s.id = v.signed_by_id
       WHERE v.id IN (
               SELECT v.id FROM visits v JOIN patients p ON p.id = v.patient_id
                WHERE ${whereOf(query, true)} ORDER BY ${orderOf(query)} LIMIT ${query.pageSize} OFFSET ${offset})
       ORDER BY ${orderOf(query)}`;
  const counts = Prisma.sql`
    SELECT v.urgency::text AS urgency, count(*) AS n FROM visits v WHERE ${whereOf(query, false)} GROUP BY v.urgency`;
  return { page, counts };
}

interface TRawRow {
  id: string;
  patient_id: string;
  given_name: string;
  family_name: string;
  mrn: string;
  birth_date: Date;
  submitted_at: Date | null;
  urgency: TQueueRow["urgency"];
  red_flags: string[];
  cannot_exclude: string[];
  ask_now: boolean;
  imaging_modality: TQueueRow["imagingModality"];
  status: TQueueRow["status"];
  signed_by: string | null;
  version: number;
}

const day = (d: Date) => d.toISOString().slice(0, 10);

/** Visits of the query's view per urgency, whatever its urgency filter: the badges above the queue. */
export async function countByUrgency(tx: TDbOrTx, query: TQueueQuery): Promise<TUrgencyCounts> {
  const grouped = await tx.$queryRaw<{ urgency: string | null; n: bigint }[]>(queueStatements(query).counts);
  const counts: TUrgencyCounts = { emergency: 0, urgent: 0, routine_soon: 0, none: 0 };
  for (const g of grouped) counts[(g.urgency ?? "none") as Tier] += Number(g.n);
  return counts;
}

/** Visits in the view: its urgency's count when it filters by urgency, else all the counts together. */
export function viewTotal(query: TQueueQuery, counts: TUrgencyCounts): number {
  return query.urgency ? counts[query.urgency as Tier] : Object.values(counts).reduce((a, b) => a + b, 0);
}

/** The doctors' queue: filtered, sorted and paged in PostgreSQL; never selects answers or evaluations. */
export async function listQueue(user: TCurrentUser, query: TQueueQuery): Promise<TQueuePage> {
  assertCan(user, "review:read");
  return db().$transaction(async (tx) => {
    // Page ids first (cheap, index-ordered), then join only those rows: deep pages stay fast.
    const rows = await tx.$queryRaw<TRawRow[]>(queueStatements(query).page);
    const counts = await countByUrgency(tx, query);
    const total = viewTotal(query, counts);
    await audit(tx, {
      actorId: user.id,
      action: "visit.queue",
      entityType: "Visit",
      entityId: "*",
      patientIds: rows.map((r) => r.patient_id),
      details: { total, page: query.page, visitIds: rows.map((r) => r.id) },
    });
    return {
      rows: rows.map((r) => ({
        id: r.id,
        patient: { id: r.patient_id, givenName: r.given_name, familyName: r.family_name, mrn: r.mrn, birthDate: day(r.birth_date) },
        ageYears: r.submitted_at ? ageOn(day(r.birth_date), day(r.submitted_at)) : null,
        submittedAt: r.submitted_at?.toISOString() ?? null,
        urgency: r.urgency,
        redFlags: r.red_flags,
        cannotExclude: r.cannot_exclude,
        askNow: r.ask_now,
        imagingModality: r.imaging_modality,
        status: r.status,
        signedBy: r.signed_by,
        version: r.version,
      })),
      total,
      counts,
      page: query.page,
      pageSize: query.pageSize,
    };
  });
}

/**
 * The queue page's clock: the server's time (for the Waiting column's first render, which the browser then keeps
 * counting) and the clinic's day (for the "Urgent today" view).
 */
export function queueClock(): { now: number; today: string } {
  const now = new Date();
  return { now: now.getTime(), today: clinicToday(now) };
}
