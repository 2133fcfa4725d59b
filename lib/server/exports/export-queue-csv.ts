import "server-only";
import type { TCurrentUser } from "@/lib/auth/current-user";
import type { Modality, Tier } from "@/lib/clinical";
import { db } from "@/lib/db/client";
import { Prisma } from "@/lib/db/generated/client";
import { queueCsvHeader, queueCsvLine } from "@/lib/export/queue-csv";
import { env } from "@/lib/env";
import { dayIn } from "@/lib/contracts/format";
import type { TQueueQuery } from "@/lib/contracts/queue";
import { ageOn } from "../clock";
import { assertCan } from "../guard";
import { countByUrgency, orderOf, viewTotal, whereOf } from "../visits/list-queue";
import { csvTransactionStream } from "./csv-stream";

/** Rows per FETCH: big enough to amortise the round trip, small enough to keep memory flat. */
const BATCH = 2000;

interface TRawRow {
  id: string;
  given_name: string;
  family_name: string;
  mrn: string;
  birth_date: Date;
  submitted_at: Date | null;
  urgency: Tier | null;
  red_flags: string[];
  cannot_exclude: string[];
  imaging_modality: Modality | null;
  status: "SUBMITTED" | "SIGNED";
  decision: "accept" | "override" | null;
  decision_modality: Modality | null;
  signed_by: string | null;
  signed_at: Date | null;
}

const day = (d: Date) => d.toISOString().slice(0, 10);

function line(r: TRawRow, timeZone: string): string {
  return queueCsvLine({
    id: r.id,
    familyName: r.family_name,
    givenName: r.given_name,
    mrn: r.mrn,
    birthDate: day(r.birth_date),
    ageYears: r.submitted_at ? ageOn(day(r.birth_date), day(r.submitted_at)) : null,
    submittedAt: r.submitted_at?.toISOString() ?? null,
    urgency: r.urgency,
    redFlags: r.red_flags,
    cannotExclude: r.cannot_exclude,
    imagingModality: r.imaging_modality,
    status: r.status,
    decision: r.decision,
    decisionModality: r.decision_modality,
    signedBy: r.signed_by,
    signedAt: r.signed_at?.toISOString() ?? null,
  }, timeZone);
}

export interface TQueueExport {
  stream: ReadableStream<Uint8Array>;
  filename: string;
  /** rows the view held when the export was recorded */
  rows: number;
}

/**
 * The whole queue view (the table's filters and sort, every page) as CSV. The export is audited, with its
 * filters and row count, in a transaction that commits before any row leaves; the rows then stream from a
 * server-side cursor in one REPEATABLE READ snapshot, BATCH rows at a time and only as fast as the client
 * reads, so memory stays flat whatever the size of the view.
 */
export async function exportQueueCsv(user: TCurrentUser, query: TQueueQuery): Promise<TQueueExport> {
  assertCan(user, "export:read");
  const { rows, auditId } = await db().$transaction(async (tx) => {
    const counts = await countByUrgency(tx, query);
    const total = viewTotal(query, counts);
    // The row records every patient in the view (patient_ids), for "who saw patient X". The filters are left
    // out: beside the patients' ids, "urgency: emergency" would be a clinical result.
    const [recorded] = await tx.$queryRaw<{ id: bigint }[]>`
      INSERT INTO audit_events (actor_id, action, entity_type, entity_id, details, patient_ids)
      SELECT ${user.id}::uuid, 'visit.export', 'Visit', '*', ${JSON.stringify({ format: "csv", rows: total })}::jsonb,
             coalesce(array_agg(DISTINCT v.patient_id), '{}')
        FROM visits v
       WHERE ${whereOf(query, true)}
      RETURNING id`;
    return { rows: total, auditId: recorded!.id };
  });
  return { stream: cursorStream(query, auditId), filename: `backline-queue-${dayIn(new Date().toISOString(), env().BACKLINE_TIMEZONE)}.csv`, rows };
}

/**
 * The rows stream in a later snapshot than the audit row's: a visit that entered the view in between is left
 * out unless its patient is on the audit row, so no patient leaves in the file without being recorded.
 */
function cursorStream(query: TQueueQuery, auditId: bigint): ReadableStream<Uint8Array> {
  const timeZone = env().BACKLINE_TIMEZONE;
  return csvTransactionStream(queueCsvHeader(timeZone), "queue", async (tx, send) => {
    await tx.$executeRaw`
      DECLARE queue_export NO SCROLL CURSOR FOR
      SELECT v.id::text AS id, p.given_name, p.family_name, p.mrn, p.birth_date, v.submitted_at,
             v.urgency::text AS urgency, v.red_flags, v.cannot_exclude, v.imaging_modality::text AS imaging_modality,
             v.status::text AS status, v.decision::text AS decision, v.decision_modality::text AS decision_modality,
             s.name AS signed_by, v.signed_at
        FROM visits v
        JOIN patients p ON p.id = v.patient_id
        LEFT JOIN users s ON s.id = v.signed_by_id
       WHERE ${whereOf(query, true)}
         AND v.patient_id = ANY ((SELECT patient_ids FROM audit_events WHERE id = ${auditId})::uuid[])
       ORDER BY ${orderOf(query)}`;
    const fetch = Prisma.sql`FETCH ${Prisma.raw(String(BATCH))} FROM queue_export`;
    for (;;) {
      const rows = await tx.$queryRaw<TRawRow[]>(fetch);
      if (rows.length === 0) break;
      let chunk = "";
      for (const r of rows) chunk += line(r, timeZone);
      if (!(await send(chunk))) break;
      if (rows.length < BATCH) break;
    }
    await tx.$executeRaw`CLOSE queue_export`;
  });
}
