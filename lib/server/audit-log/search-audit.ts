import "server-only";
import type { TCurrentUser } from "@/lib/auth/current-user";
import { db } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import { env } from "@/lib/env";
import type { TAuditSearch } from "@/lib/contracts/audit";
import { audit } from "../audit";
import { assertCan } from "../guard";
import { escapeLike } from "../like-pattern";
import type { TAuditPage } from "@/lib/contracts/wire/audit";

const NO_PATIENT = "00000000-0000-0000-0000-000000000000";
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The audit trail, newest first, filtered by actor, action (exact, or a prefix ending in "."),
 * patient (by patient id, or by MRN looked up here) and days in the clinic's time zone, paged in
 * PostgreSQL. Reading the trail is itself audited, with the filters as ids: an MRN searched for is
 * recorded as the patient id it belongs to, never as typed.
 */
export async function searchAudit(user: TCurrentUser, query: TAuditSearch): Promise<TAuditPage> {
  assertCan(user, "admin:audit");
  const timeZone = env().BACKLINE_TIMEZONE;
  return db().$transaction(async (tx) => {
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
    const unknownMrn = patientBy === "mrn" && patientId === null;
    const where: Prisma.AuditEventWhereInput = {
      ...(query.actorId ? { actorId: query.actorId.toLowerCase() } : {}),
      ...(query.action ? { action: query.action.endsWith(".") ? { startsWith: escapeLike(query.action) } : query.action } : {}),
      // The patient's own rows, and every list, search or export that disclosed them (patient_ids, GIN-indexed).
      ...(patientBy ? { OR: [{ patientId: patientId ?? NO_PATIENT }, { patientIds: { has: patientId ?? NO_PATIENT } }] } : {}),
      ...(bounds?.from_at || bounds?.to_at
        ? { at: { ...(bounds.from_at ? { gte: bounds.from_at } : {}), ...(bounds.to_at ? { lt: bounds.to_at } : {}) } }
        : {}),
    };
    // One query after the other: a transaction is one connection.
    const rows = unknownMrn
      ? []
      : await tx.auditEvent.findMany({
          where,
          orderBy: [{ at: "desc" }, { id: "desc" }],
          skip: (query.page - 1) * query.pageSize,
          take: query.pageSize,
          select: {
            id: true,
            at: true,
            action: true,
            entityType: true,
            entityId: true,
            patientId: true,
            patientIds: true,
            details: true,
            actor: { select: { id: true, name: true, email: true } },
          },
        });
    const total = unknownMrn ? 0 : await tx.auditEvent.count({ where });
    await audit(tx, {
      actorId: user.id,
      action: "audit.search",
      entityType: "AuditEvent",
      entityId: "*",
      patientId,
      details: {
        actorId: query.actorId || null,
        action: query.action || null,
        patientBy,
        from: query.from || null,
        to: query.to || null,
        page: query.page,
        total,
      },
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
