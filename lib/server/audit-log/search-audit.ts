import "server-only";
import type { TCurrentUser } from "@/lib/auth/current-user";
import { db } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import { env } from "@/lib/env";
import type { TAuditFilters, TAuditSearch } from "@/lib/contracts/audit";
import { audit, type TDbOrTx } from "../audit";
import { assertCan } from "../guard";
import { escapeLike } from "../like-pattern";
import type { TAuditPage } from "@/lib/contracts/wire/audit";

const NO_PATIENT = "00000000-0000-0000-0000-000000000000";
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface TAuditWhere {
  where: Prisma.AuditEventWhereInput;
  /** the patient filtered by (an MRN looked up as its id), for the search's own audit row */
  patientId: string | null;
  patientBy: "id" | "mrn" | null;
  /** an MRN no patient has: nothing can match */
  nothing: boolean;
}

/**
 * The filters as a Prisma where: actor, action (exact, or a prefix ending in "."), patient (by patient id, or by
 * MRN looked up here) and days in the clinic's time zone. Shared by the search and the CSV export.
 */
export async function auditWhere(tx: TDbOrTx, query: TAuditFilters): Promise<TAuditWhere> {
  const timeZone = env().BACKLINE_TIMEZONE;
  let patientId: string | null = null;
  let patientBy: "id" | "mrn" | null = null;
  if (query.patient) {
    patientBy = UUID.test(query.patient) ? "id" : "mrn";
    patientId =
      patientBy === "id"
        ? query.patient.toLowerCase()
        : ((await tx.patient.findUnique({ where: { mrn: query.patient.toUpperCase() }, select: { id: true } }))?.id ?? null);
  }
  const [bounds] = await tx.$queryRaw<{ from_at: Date | null; to_at: Date | null }[]>`
    SELECT (NULLIF(${query.from}, '')::date)::timestamp AT TIME ZONE ${timeZone} AS from_at,
           (NULLIF(${query.to}, '')::date + 1)::timestamp AT TIME ZONE ${timeZone} AS to_at`;
  const where: Prisma.AuditEventWhereInput = {
    ...(query.actorId ? { actorId: query.actorId.toLowerCase() } : {}),
    ...(query.action ? { action: query.action.endsWith(".") ? { startsWith: escapeLike(query.action) } : query.action } : {}),
    // The patient's own rows, and every list, search or export that disclosed them (patient_ids, GIN-indexed).
    ...(patientBy ? { OR: [{ patientId: patientId ?? NO_PATIENT }, { patientIds: { has: patientId ?? NO_PATIENT } }] } : {}),
    ...(bounds?.from_at || bounds?.to_at
      ? { at: { ...(bounds.from_at ? { gte: bounds.from_at } : {}), ...(bounds.to_at ? { lt: bounds.to_at } : {}) } }
      : {}),
  };
  return { where, patientId, patientBy, nothing: patientBy === "mrn" && patientId === null };
}

/** The filters as the audit row of a search or export records them: ids and days, never an MRN as typed. */
export function filtersDetails(query: TAuditFilters, found: TAuditWhere) {
  return {
    actorId: query.actorId || null,
    action: query.action || null,
    patientBy: found.patientBy,
    from: query.from || null,
    to: query.to || null,
  };
}

export const AUDIT_ROW_SELECT = {
  id: true,
  at: true,
  action: true,
  entityType: true,
  entityId: true,
  patientId: true,
  patientIds: true,
  details: true,
  actor: { select: { id: true, name: true, email: true } },
} as const;

/**
 * The audit trail, newest first, filtered (auditWhere), paged in PostgreSQL. Reading the trail is itself
 * audited, with the filters as ids: an MRN searched for is recorded as the patient id it belongs to, never as typed.
 */
export async function searchAudit(user: TCurrentUser, query: TAuditSearch): Promise<TAuditPage> {
  assertCan(user, "admin:audit");
  return db().$transaction(async (tx) => {
    const found = await auditWhere(tx, query);
    // One query after the other: a transaction is one connection.
    const rows = found.nothing
      ? []
      : await tx.auditEvent.findMany({
          where: found.where,
          orderBy: [{ at: "desc" }, { id: "desc" }],
          skip: (query.page - 1) * query.pageSize,
          take: query.pageSize,
          select: AUDIT_ROW_SELECT,
        });
    const total = found.nothing ? 0 : await tx.auditEvent.count({ where: found.where });
    await audit(tx, {
      actorId: user.id,
      action: "audit.search",
      entityType: "AuditEvent",
      entityId: "*",
      patientId: found.patientId,
      details: { ...filtersDetails(query, found), page: query.page, total },
    });
    return {
      rows: rows.map((r) => ({
        id: r.id.toString(),
        at: r.at.toISOString(),
        actor: r.actor,
        action: r.action,
        entityType: r.entityType,
        entityId: r.entityId,
        patientId: r.patientId,
        patientIds: r.patientIds,
        details: r.details,
      })),
      total,
      page: query.page,
      pageSize: query.pageSize,
    };
  });
}
