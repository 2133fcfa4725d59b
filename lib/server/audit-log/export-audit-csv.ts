import "server-only";
import type { TCurrentUser } from "@/lib/auth/current-user";
import { db } from "@/lib/db/client";
import { Prisma } from "@/lib/db/generated/client";
import { env } from "@/lib/env";
import { CSV_BOM } from "@/lib/export/csv";
import { AUDIT_CSV_HEADER, auditCsvLine } from "@/lib/export/audit-csv";
import type { TAuditFilters } from "@/lib/contracts/audit";
import { assertCan } from "../guard";
import { csvTransactionStream } from "../exports/csv-stream";
import { AUDIT_ROW_SELECT, auditWhere, filtersDetails } from "./search-audit";

/** Rows per read: big enough to amortise the round trip, small enough to keep memory flat. */
const BATCH = 1000;

export interface TAuditExport {
  stream: ReadableStream<Uint8Array>;
  filename: string;
  /** events the export holds */
  rows: number;
}

/**
 * The audit trail under the page's filters (every page), as CSV. The export starts with one transaction that
 * counts the events and writes its own audit row (`audit.export`: the filters as ids, the row count), committed
 * before any line leaves; the events then stream newest first, in batches and only as fast as the client reads,
 * from one REPEATABLE READ snapshot, cut at the export's own row: the file holds what was there when it started.
 */
export async function exportAuditCsv(user: TCurrentUser, filters: TAuditFilters): Promise<TAuditExport> {
  assertCan(user, "admin:audit");
  const { rows, auditId, where, nothing } = await db().$transaction(async (tx) => {
    const found = await auditWhere(tx, filters);
    const total = found.nothing ? 0 : await tx.auditEvent.count({ where: found.where });
    const recorded = await tx.auditEvent.create({
      data: {
        actorId: user.id,
        action: "audit.export",
        entityType: "AuditEvent",
        entityId: "*",
        patientId: found.patientId,
        details: { ...filtersDetails(filters, found), format: "csv", rows: total },
      },
      select: { id: true },
    });
    return { rows: total, auditId: recorded.id, where: found.where, nothing: found.nothing };
  });
  const names = new Map((await db().user.findMany({ select: { id: true, name: true } })).map((u) => [u.id, u.name]));
  const stream = nothing ? emptyStream() : eventStream({ AND: [where, { id: { lt: auditId } }] }, names);
  return { stream, filename: `backline-audit-${new Date().toISOString().slice(0, 10)}.csv`, rows };
}

function emptyStream(): ReadableStream<Uint8Array> {
  const bytes = new TextEncoder().encode(CSV_BOM + AUDIT_CSV_HEADER);
  return new ReadableStream({
    start(controller) {
      controller.enqueue(bytes);
      controller.close();
    },
  });
}

type TBatchRow = Prisma.AuditEventGetPayload<{ select: typeof AUDIT_ROW_SELECT }>;

function eventStream(where: Prisma.AuditEventWhereInput, names: ReadonlyMap<string, string>): ReadableStream<Uint8Array> {
  const timeZone = env().BACKLINE_TIMEZONE;
  return csvTransactionStream(AUDIT_CSV_HEADER, "audit", async (tx, send) => {
    let last: bigint | null = null;
    for (;;) {
      const batch: TBatchRow[] = await tx.auditEvent.findMany({
        where,
        orderBy: [{ at: "desc" }, { id: "desc" }],
        take: BATCH,
        ...(last === null ? {} : { cursor: { id: last }, skip: 1 }),
        select: AUDIT_ROW_SELECT,
      });
      if (batch.length === 0) break;
      let chunk = "";
      for (const r of batch) chunk += auditCsvLine({ ...r, id: r.id.toString(), at: r.at.toISOString() }, timeZone, names);
      if (!(await send(chunk))) break;
      if (batch.length < BATCH) break;
      last = batch.at(-1)!.id;
    }
  });
}
