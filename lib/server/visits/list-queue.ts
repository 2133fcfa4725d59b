import "server-only";
import type { TCurrentUser } from "@/lib/auth/current-user";
import type { Tier } from "@/lib/clinical/types";
import { db } from "@/lib/db/client";
import { Prisma } from "@/lib/db/generated/client";
import type { TQueueQuery } from "@/lib/contracts/queue";
import type { TDbOrTx } from "../audit";
import { ageOn, clinicToday } from "../clock";
import { assertCan } from "../guard";
import { escapeLike } from "../like-pattern";
import type { TQueuePage, TQueueRow, TUrgencyCounts } from "@/lib/contracts/wire/queue";

/** The search's words (at most 5): each must match the patient's name or MRN. */
function searchTerms(query: TQueueQuery): string[] {
  return (query.q ?? "").split(/[\s,]+/).filter(Boolean).slice(0, 5);
}

/**
 * WHERE clause over `visits v` shared by the page, the counts and the CSV export; `withUrgency` false for the
 * per-urgency counts.
 */
export function whereOf(query: TQueueQuery, withUrgency: boolean): Prisma.Sql {
  return Prisma.join(whereParts(query, withUrgency), " AND ");
}

/** The conditions of whereOf, the status first; any other filter adds one. */
function whereParts(query: TQueueQuery, withUrgency: boolean): Prisma.Sql[] {
  const parts: Prisma.Sql[] = [];
  parts.push(query.status === "ALL" ? Prisma.sql`v.status IN ('SUBMITTED', 'SIGNED')` : Prisma.sql`v.status = ${query.status}::"VisitStatus"`);
  if (withUrgency && query.urgency) parts.push(Prisma.sql`v.urgency = ${query.urgency}::"Urgency"`);
  if (query.flag) parts.push(Prisma.sql`v.red_flags @> ARRAY[${query.flag}]::text[]`);
  if (query.imaging) parts.push(Prisma.sql`v.imaging_modality = ${query.imaging}::"ImagingModality"`);
  if (query.from) parts.push(Prisma.sql`v.submitted_at >= ${query.from}::date`);
  if (query.to) parts.push(Prisma.sql`v.submitted_at < (${query.to}::date + 1)`);
  for (const term of searchTerms(query)) {
    const like = `%${escapeLike(term)}%`;
    parts.push(Prisma.sql`v.patient_id IN (SELECT p2.id FROM patients p2 WHERE p2.family_name ILIKE ${like} OR p2.given_name ILIKE ${like} OR p2.mrn ILIKE ${like})`);
  }
  return parts;
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

/** Sorts that order by a patient column: only these need `patients` while the page's ids are chosen. */
const SORTS_BY_PATIENT: ReadonlySet<TQueueQuery["sort"]> = new Set(["patient", "mrn", "age"]);

/**
 * The queue's two reads: the page (its ids chosen first, cheap and index-ordered, then only those rows joined,
 * so deep pages stay fast) and the per-urgency counts of the view. Choosing the ids joins `patients` only when
 * the order needs a patient column (the text search has its own subquery), so a deep page of a visit-ordered
 * view skips its rows in the index alone. Exported for the benchmark, which times exactly these statements on a
 * bare connection against the API.
 */
export function queueStatements(query: TQueueQuery): { page: Prisma.Sql; counts: Prisma.Sql } {
  const offset = (query.page - 1) * query.pageSize;
  const idsFrom = SORTS_BY_PATIENT.has(query.sort) ? Prisma.sql`visits v JOIN patients p ON p.id = v.patient_id` : Prisma.sql`visits v`;
  const page = Prisma.sql`
      SELECT v.id::text AS id, p.id::text AS patient_id, p.given_name, p.family_name, p.mrn, p.birth_date,
             v.submitted_at, v.urgency::text AS urgency, v.red_flags, v.cannot_exclude, v.ask_now,
             v.imaging_modality::text AS imaging_modality,
             v.status::text AS status, s.name AS signed_by, v.version,
             row_number() OVER (ORDER BY ${orderOf(query)}) AS ord
        FROM visits v
        JOIN patients p ON p.id = v.patient_id
        LEFT JOIN users s ON s.id = v.signed_by_id
       WHERE v.id IN (
               SELECT v.id FROM ${idsFrom}
                WHERE ${whereOf(query, true)} ORDER BY ${orderOf(query)} LIMIT ${query.pageSize} OFFSET ${offset})
       ORDER BY ord`;
  return { page, counts: countsStatement(query) };
}

/**
 * Whether the view's counts are the queue_counts rows: its counts' conditions are the status alone (the counts
 * never filter by urgency). Decided from the conditions themselves, so a filter added to whereParts is counted.
 */
export function countedByStatusOnly(query: TQueueQuery): boolean {
  return whereParts(query, false).length === 1;
}

/**
 * The per-urgency counts of the view, whatever its urgency filter. A view filtered by status alone reads the
 * counters the visits' triggers keep (queue_counts: exact in any snapshot, 4 or 8 rows); any other filter counts
 * its visits.
 */
function countsStatement(query: TQueueQuery): Prisma.Sql {
  if (countedByStatusOnly(query)) {
    const status = query.status === "ALL" ? Prisma.sql`c.status IN ('SUBMITTED', 'SIGNED')` : Prisma.sql`c.status = ${query.status}::"VisitStatus"`;
    return Prisma.sql`
    SELECT c.urgency::text AS urgency, sum(c.n)::bigint AS n FROM queue_counts c WHERE ${status} GROUP BY c.urgency`;
  }
  return Prisma.sql`
    SELECT v.urgency::text AS urgency, count(*) AS n FROM visits v WHERE ${whereOf(query, false)} GROUP BY v.urgency`;
}

/**
 * The queue's read and its audit row as one statement: the page and the counts as above, and the audit row
 * (the patients and visits disclosed, the view's total) inserted by a data-modifying CTE from the same
 * snapshot. One round trip, no transaction to open and commit, and the row cannot be written without the read
 * or the read returned without the row. The result is one row per page row, each carrying the counts; an
 * empty page is one row with the counts and no visit.
 */
function queueReadStatement(query: TQueueQuery, actorId: string): Prisma.Sql {
  const { page, counts } = queueStatements(query);
  const total = query.urgency
    ? Prisma.sql`coalesce(sum(n) FILTER (WHERE coalesce(urgency, 'none') = ${query.urgency}), 0)`
    : Prisma.sql`coalesce(sum(n), 0)`;
  return Prisma.sql`
    WITH page AS (${page}),
         counts AS (${counts}),
         view AS (SELECT coalesce(jsonb_object_agg(coalesce(urgency, 'none'), n), '{}'::jsonb) AS counts, ${total}::int AS total
                    FROM counts),
         logged AS (
           INSERT INTO audit_events (actor_id, action, entity_type, entity_id, patient_ids, details)
           SELECT ${actorId}::uuid, 'visit.queue', 'Visit', '*',
                  ARRAY(SELECT DISTINCT patient_id::uuid FROM page),
                  jsonb_build_object('total', view.total, 'page', ${query.page}::int,
                                     'visitIds', to_jsonb(ARRAY(SELECT id FROM page ORDER BY ord)))
             FROM view
           RETURNING 1)
    SELECT view.counts AS view_counts, view.total AS view_total, page.*
      FROM view LEFT JOIN page ON true
     ORDER BY page.ord`;
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

/** A row of the read statement: the view's counts and total, and a page row (all null on an empty page). */
type TReadRow = { view_counts: Record<string, number>; view_total: number } & (TRawRow | { [K in keyof TRawRow]: null });

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
  const read = await db().$queryRaw<TReadRow[]>(queueReadStatement(query, user.id));
  const first = read[0];
  if (!first) throw new Error("the queue read returned no row"); // the statement always returns the view's row
  const counts: TUrgencyCounts = { emergency: 0, urgent: 0, routine_soon: 0, none: 0 };
  for (const [urgency, n] of Object.entries(first.view_counts)) counts[urgency as Tier] += Number(n);
  const rows = read.filter((r): r is TReadRow & TRawRow => r.id !== null);
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
    total: first.view_total,
    counts,
    page: query.page,
    pageSize: query.pageSize,
  };
}

/**
 * The queue page's clock: the server's time (for the Waiting column's first render, which the browser then keeps
 * counting) and the clinic's day (for the "Urgent today" view).
 */
export function queueClock(): { now: number; today: string } {
  const now = new Date();
  return { now: now.getTime(), today: clinicToday(now) };
}
