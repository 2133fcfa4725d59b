import "server-only";
import type { TCurrentUser } from "@/lib/auth/current-user";
import type { Evaluation, Tier } from "@/lib/clinical/types";
import { db, pool } from "@/lib/db/client";
import { env } from "@/lib/env";
import { AppError } from "@/lib/contracts/errors";
import { AUDIT_INSERT, audit, type TDbOrTx } from "../audit";
import { ageOn } from "../clock";
import { assertCan } from "../guard";
import { EVENT_INSERT, recordEvent } from "./events";
import type { TAlertReason, TAlertState, TPinned, TPinnedRow } from "@/lib/contracts/wire/alerts";

/** "10:42" in the clinic's time zone. */
function clockTime(iso: string): string {
  return new Intl.DateTimeFormat("en-GB", { hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZone: env().BACKLINE_TIMEZONE }).format(new Date(iso));
}

const TIER_RANK: Record<Tier, number> = { none: 0, routine_soon: 1, urgent: 2, emergency: 3 };

/**
 * Why a result needs a clinician now, or null: an emergency, or an emergency rule that blank safety answers
 * cannot exclude (DATA-02, knowledge.md 0.4 item 1), or (after missing answers were completed) a tier that rose.
 */
export function alertReasonOf(
  evaluation: Pick<Evaluation, "urgency" | "cannot_exclude_emergency">,
  previousUrgency?: Tier | null,
): TAlertReason | null {
  if (evaluation.urgency === "emergency") return "emergency";
  if (evaluation.cannot_exclude_emergency) return "cannot_exclude_emergency";
  if (previousUrgency !== undefined && TIER_RANK[evaluation.urgency] > TIER_RANK[previousUrgency ?? "none"]) return "tier_rose";
  return null;
}

interface TAlertSqlRow {
  id: bigint | string;
  reason: TAlertReason;
  urgency: Tier;
  raised_at: Date;
  acknowledged_at: Date | null;
  acknowledged_by: string | null;
  escalated_at: Date | null;
}

export function escalateAfterMs(): number {
  return env().BACKLINE_ALERT_ESCALATE_MINUTES * 60_000;
}

/** An alert as the screens show it, from its stored fields (SQL rows and Prisma records alike). */
export function alertState(a: {
  id: bigint | string;
  reason: TAlertReason;
  urgency: Tier;
  raisedAt: Date;
  acknowledgedAt: Date | null;
  acknowledgedBy: string | null;
  escalatedAt: Date | null;
}): TAlertState {
  return {
    id: String(a.id),
    reason: a.reason,
    urgency: a.urgency,
    raisedAt: a.raisedAt.toISOString(),
    acknowledgedAt: a.acknowledgedAt?.toISOString() ?? null,
    acknowledgedBy: a.acknowledgedBy,
    escalatedAt: a.escalatedAt?.toISOString() ?? null,
    escalatesAt: new Date(a.raisedAt.getTime() + escalateAfterMs()).toISOString(),
  };
}

function toState(r: TAlertSqlRow): TAlertState {
  return alertState({
    id: r.id,
    reason: r.reason,
    urgency: r.urgency,
    raisedAt: r.raised_at,
    acknowledgedAt: r.acknowledged_at,
    acknowledgedBy: r.acknowledged_by,
    escalatedAt: r.escalated_at,
  });
}

/** The visit's most recent alert (null: none was raised). */
export async function latestAlertOf(tx: TDbOrTx, visitId: string): Promise<TAlertState | null> {
  const rows = await tx.$queryRaw<TAlertSqlRow[]>`
    SELECT a.id, a.reason::text AS reason, a.urgency::text AS urgency, a.raised_at, a.acknowledged_at,
           u.name AS acknowledged_by, a.escalated_at
      FROM alerts a LEFT JOIN users u ON u.id = a.acknowledged_by_id
     WHERE a.visit_id = ${visitId}::uuid
     ORDER BY a.raised_at DESC, a.id DESC LIMIT 1`;
  return rows[0] ? toState(rows[0]) : null;
}

/**
 * Raise an alert for this visit version when the result needs one and the visit has no open alert already
 * (call with the visit row locked). Writes the alert, its event and its audit row in the caller's transaction.
 */
export async function raiseAlertIfNeeded(
  tx: TDbOrTx,
  input: { visitId: string; visitVersion: number; patientId: string; evaluation: Evaluation; previousUrgency?: Tier | null; raisedById: string; ownerId: string | null },
): Promise<bigint | null> {
  const reason = alertReasonOf(input.evaluation, input.previousUrgency);
  if (!reason) return null;
  const open = await tx.alert.findFirst({ where: { visitId: input.visitId, acknowledgedAt: null }, select: { id: true } });
  // A rise on a visit whose alert nobody has taken yet: that alert is still pinned and escalating.
  if (open) return null;
  const alert = await tx.alert.create({
    data: { visitId: input.visitId, visitVersion: input.visitVersion, reason, urgency: input.evaluation.urgency, raisedById: input.raisedById },
    select: { id: true },
  });
  await recordEvent(tx, { kind: "alert.raised", visitId: input.visitId, urgency: input.evaluation.urgency, ownerId: input.ownerId, alertId: alert.id });
  await audit(tx, {
    actorId: input.raisedById,
    action: "alert.raise",
    entityType: "Visit",
    entityId: input.visitId,
    patientId: input.patientId,
    details: { alertId: alert.id.toString(), version: input.visitVersion },
  });
  return alert.id;
}

/**
 * A clinician takes the visit's open alert ("I'm on it"): once. A second clinician gets a 409 that says who took
 * it and when; a visit without an alert, a 409 that says so.
 */
export async function acknowledgeAlert(user: TCurrentUser, visitId: string): Promise<TAlertState> {
  assertCan(user, "review:decide");
  return db().$transaction(async (tx) => {
    const visit = await tx.visit.findUnique({ where: { id: visitId }, select: { patientId: true, submittedById: true, createdById: true, urgency: true } });
    if (!visit) throw new AppError("not_found", "Visit not found.");
    // A draft's alert (raised while the patient answered) is told to the staff member who started the visit.
    const taken = await takeOpenAlerts(tx, user, visitId, { ...visit, submittedById: visit.submittedById ?? visit.createdById });
    const latest = await latestAlertOf(tx, visitId);
    if (taken) return latest!;
    if (!latest) throw new AppError("conflict", "This visit has no alert to acknowledge.");
    throw new AppError(
      "conflict",
      `${latest.acknowledgedBy ?? "Another clinician"} acknowledged this alert at ${clockTime(latest.acknowledgedAt!)}.`,
      [],
      { alert: latest },
    );
  });
}

/**
 * Acknowledge the visit's open alerts as this clinician, with their events and audit rows; true when there was
 * one. Also called when a clinician decides or signs: whoever does that is on it.
 */
export async function takeOpenAlerts(
  tx: TDbOrTx,
  user: TCurrentUser,
  visitId: string,
  visit: { patientId: string; submittedById: string | null; urgency: Tier | null },
): Promise<boolean> {
  const taken = await tx.$queryRaw<{ id: bigint; raised_at: Date; acknowledged_at: Date }[]>`
    UPDATE alerts SET acknowledged_by_id = ${user.id}::uuid, acknowledged_at = now()
     WHERE visit_id = ${visitId}::uuid AND acknowledged_at IS NULL
     RETURNING id, raised_at, acknowledged_at`;
  for (const a of taken) {
    await recordEvent(tx, { kind: "alert.acknowledged", visitId, urgency: visit.urgency, ownerId: visit.submittedById, alertId: a.id });
    await audit(tx, {
      actorId: user.id,
      action: "alert.acknowledge",
      entityType: "Visit",
      entityId: visitId,
      patientId: visit.patientId,
      details: { alertId: a.id.toString(), secondsToAcknowledge: Math.round((a.acknowledged_at.getTime() - a.raised_at.getTime()) / 1000) },
    });
  }
  return taken.length > 0;
}

/**
 * Escalate every alert nobody acknowledged within the setting: one guarded statement (escalated_at IS NULL), so
 * with several workers sweeping, each alert escalates once; its event and audit row commit with it.
 */
export async function escalateDueAlerts(afterMs = escalateAfterMs()): Promise<number> {
  const { rows } = await pool().query<{ n: string }>({
    name: "backline.alert-escalate",
    text: `WITH due AS (
       UPDATE alerts SET escalated_at = now()
        WHERE acknowledged_at IS NULL AND escalated_at IS NULL AND raised_at <= now() - make_interval(secs => $1::float8 / 1000)
       RETURNING id, visit_id, urgency
     ), ev AS (
       ${EVENT_INSERT}
       SELECT 'alert.escalated', d.visit_id, d.urgency, v.submitted_by_id, d.id FROM due d JOIN visits v ON v.id = d.visit_id
     ), au AS (
       ${AUDIT_INSERT}
       SELECT NULL, 'alert.escalate', 'Visit', d.visit_id::text, v.patient_id, jsonb_build_object('alertId', d.id::text)
         FROM due d JOIN visits v ON v.id = d.visit_id
     )
     SELECT count(*)::text AS n FROM due`,
    values: [afterMs],
  });
  return Number(rows[0]?.n ?? 0);
}

const PIN_LIMIT = 100;

/**
 * What stays pinned above the queue (and feeds the banner): every submitted, unsigned visit that is an emergency
 * or must be asked about now, and every visit with an unacknowledged alert; unacknowledged first, then most urgent,
 * then longest waiting. Staff see only visits they submitted. Audited (it names patients).
 */
export async function listPinned(user: TCurrentUser): Promise<TPinned> {
  assertCan(user, "intake:write", "review:read");
  const own = user.role === "STAFF" ? user.id : null;
  return db().$transaction(async (tx) => {
    const rows = await tx.$queryRaw<(Omit<TAlertSqlRow, "id" | "reason" | "urgency" | "raised_at"> & {
      id: bigint | null; reason: TAlertReason | null; alert_urgency: Tier | null; raised_at: Date | null;
      visit_id: string; urgency: Tier | null; ask_now: boolean; cannot_exclude: string[]; submitted_at: Date | null;
      patient_id: string; given_name: string; family_name: string; mrn: string; birth_date: Date;
    })[]>`
      WITH pinned AS (
        (SELECT v.id FROM visits v WHERE v.status = 'SUBMITTED' AND v.urgency = 'emergency'
            AND (${own}::uuid IS NULL OR v.submitted_by_id = ${own}::uuid) ORDER BY v.submitted_at LIMIT ${PIN_LIMIT})
        UNION
        (SELECT v.id FROM visits v WHERE v.status = 'SUBMITTED' AND v.urgency = 'urgent' AND v.ask_now
            AND (${own}::uuid IS NULL OR v.submitted_by_id = ${own}::uuid) ORDER BY v.submitted_at LIMIT ${PIN_LIMIT})
        UNION
        (SELECT a.visit_id FROM alerts a JOIN visits v ON v.id = a.visit_id WHERE a.acknowledged_at IS NULL
            -- A patient's own answers can raise an alert before any staff member submitted the visit (issue 19):
            -- then it belongs to whoever started the visit.
            AND (${own}::uuid IS NULL OR coalesce(v.submitted_by_id, v.created_by_id) = ${own}::uuid) ORDER BY a.raised_at LIMIT ${PIN_LIMIT})
      )
      SELECT a.id, a.reason::text AS reason, a.urgency::text AS alert_urgency, a.raised_at, a.acknowledged_at,
             u.name AS acknowledged_by, a.escalated_at, v.id::text AS visit_id, v.urgency::text AS urgency, v.ask_now,
             v.cannot_exclude, v.submitted_at, p.id::text AS patient_id, p.given_name, p.family_name, p.mrn, p.birth_date
        FROM pinned
        JOIN visits v ON v.id = pinned.id
        JOIN patients p ON p.id = v.patient_id
        LEFT JOIN LATERAL (SELECT * FROM alerts a1 WHERE a1.visit_id = v.id ORDER BY a1.id DESC LIMIT 1) a ON true
        LEFT JOIN users u ON u.id = a.acknowledged_by_id
       ORDER BY (a.id IS NOT NULL AND a.acknowledged_at IS NULL) DESC, v.urgency DESC, coalesce(a.raised_at, v.submitted_at) ASC, v.id
       LIMIT ${PIN_LIMIT}`;
    if (rows.length > 0) {
      await audit(tx, {
        actorId: user.id,
        action: "visit.pinned",
        entityType: "Visit",
        entityId: "*",
        patientIds: rows.map((r) => r.patient_id),
        details: { visitIds: rows.map((r) => r.visit_id) },
      });
    }
    const day = (d: Date) => d.toISOString().slice(0, 10);
    const out: TPinnedRow[] = rows.map((r) => ({
      visitId: r.visit_id,
      urgency: r.urgency,
      askNow: r.ask_now,
      cannotExclude: r.cannot_exclude,
      submittedAt: r.submitted_at?.toISOString() ?? null,
      patient: {
        givenName: r.given_name,
        familyName: r.family_name,
        mrn: r.mrn,
        ageYears: r.submitted_at ? ageOn(day(r.birth_date), day(r.submitted_at)) : null,
      },
      alert:
        r.id !== null && r.reason && r.alert_urgency && r.raised_at
          ? toState({ ...r, id: r.id, reason: r.reason, urgency: r.alert_urgency, raised_at: r.raised_at })
          : null,
    }));
    return { rows: out, unacknowledged: out.filter((r) => r.alert && !r.alert.acknowledgedAt).length };
  });
}
