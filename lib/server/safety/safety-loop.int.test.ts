// The safety loop's writes: the outbox event of every submit (both paths) with the alert an emergency raises, in
// the submit's own transaction; taking an alert ("I'm on it"), by hand or by deciding or signing; escalation of
// alerts nobody took; and the pin above the queue.
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, inject, it } from "vitest";
import pg from "pg";
import { vignetteIntake } from "@/lib/clinical/test-support/vignettes";
import type { TCurrentUser } from "@/lib/auth/current-user";
import { db } from "@/lib/db/client";
import { ZDecision } from "@/lib/contracts/visit";
import { rejection } from "@/lib/testing/rejection";
import { demoUsers, extraUser, uniqueMrn } from "@/lib/testing/users";
import { createPatient } from "../patients/create-patient";
import { amendVisit } from "../visits/amend-visit";
import { decideVisit } from "../visits/decide-visit";
import { getVisitForReview } from "../visits/get-visit";
import { saveDraft } from "../visits/save-draft";
import { signVisit } from "../visits/sign-visit";
import { startVisit } from "../visits/start-visit";
import { submitVisit } from "../visits/submit-visit";
import { acknowledgeAlert, escalateDueAlerts, latestAlertOf, listPinned } from "./alerts";

const intakeOf = vignetteIntake;
/** Cauda equina syndrome (RF-CES-01): an emergency. */
const CES = () => intakeOf("LBP-V17");
/** No red flag: routine. */
const ROUTINE = () => intakeOf("LBP-V01");
/** Saddle numbness left blank: an emergency rule cannot be excluded (urgent, Ask now); needs a blankReason. */
const SADDLE_BLANK = () => intakeOf("LBP-V01", ["saddle_anesthesia"]);
const REASON = { code: "patient_unable" as const, text: null };

let users: Awaited<ReturnType<typeof demoUsers>>;
let secondDoctor: TCurrentUser;
beforeAll(async () => {
  users = await demoUsers();
  secondDoctor = await extraUser("CLINICIAN", "Dr Sam Second");
});

async function draft(user: TCurrentUser = users.staff) {
  const p = await createPatient(user, { mrn: uniqueMrn(), givenName: "Sam", familyName: "Safety", birthDate: "1980-02-02", sex: "female" });
  return startVisit(user, p.id);
}

/** A submitted visit, through the one-statement path (the usual valid submit at the loaded version). */
async function submitted(intake: Record<string, unknown>, user: TCurrentUser = users.staff, blankReason?: typeof REASON) {
  const v = await draft(user);
  const r = await submitVisit(user, v.id, { version: 1, answers: intake, ...(blankReason ? { blankReason } : {}) });
  return { id: v.id, patientId: (await db().visit.findUniqueOrThrow({ where: { id: v.id }, select: { patientId: true } })).patientId, ...r };
}

const eventsOf = (visitId: string) => db().visitEvent.findMany({ where: { visitId }, orderBy: { id: "asc" } });
const kindsOf = async (visitId: string) => (await eventsOf(visitId)).map((e) => e.kind);
const alertsOf = (visitId: string) => db().alert.findMany({ where: { visitId }, orderBy: { id: "asc" } });
const auditsOf = (entityId: string, action: string) =>
  db().auditEvent.findMany({ where: { entityId, action }, orderBy: { id: "asc" }, select: { actorId: true, patientId: true, details: true } });
const actionsOf = async (entityId: string) =>
  (await db().auditEvent.findMany({ where: { entityId }, orderBy: { id: "asc" }, select: { action: true } })).map((a) => a.action);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const decision = (input: Record<string, unknown>) => ZDecision.parse(input);

/** The outbox row's columns: ids, kind, urgency and time, nothing else. */
const EVENT_COLUMNS = ["alertId", "at", "id", "kind", "ownerId", "urgency", "visitId"];

describe("submit writes its event (and an emergency's alert) in its own transaction", () => {
  it("one-statement path, emergency: one visit.submitted event with ids, urgency and kind only, an alert, its alert.raised event and alert.raise audit row", async () => {
    const before = new Date(Date.now() - 1000);
    const v = await submitted(CES());
    expect(v.evaluation.urgency).toBe("emergency");
    const events = await eventsOf(v.id);
    expect(events.map((e) => Object.keys(e).sort())).toEqual([EVENT_COLUMNS, EVENT_COLUMNS]);
    const [submittedEvent, raisedEvent] = events;
    expect(submittedEvent).toEqual({ id: expect.any(BigInt), at: expect.any(Date), kind: "visit.submitted", visitId: v.id, urgency: "emergency", ownerId: users.staff.id, alertId: null });
    const alerts = await alertsOf(v.id);
    expect(alerts).toEqual([
      {
        id: expect.any(BigInt),
        visitId: v.id,
        visitVersion: 2,
        reason: "emergency",
        urgency: "emergency",
        raisedAt: expect.any(Date),
        raisedById: users.staff.id,
        acknowledgedById: null,
        acknowledgedAt: null,
        escalatedAt: null,
      },
    ]);
    expect(raisedEvent).toEqual({ id: expect.any(BigInt), at: expect.any(Date), kind: "alert.raised", visitId: v.id, urgency: "emergency", ownerId: users.staff.id, alertId: alerts[0]!.id });
    expect(raisedEvent!.id).toBeGreaterThan(submittedEvent!.id);
    // Same transaction: one commit time for the visit, its events and its alert.
    const row = await db().visit.findUniqueOrThrow({ where: { id: v.id }, select: { submittedAt: true, status: true } });
    expect(row.status).toBe("SUBMITTED");
    expect(row.submittedAt!.getTime()).toBeGreaterThan(before.getTime());
    expect(new Set([submittedEvent!.at.getTime(), raisedEvent!.at.getTime(), alerts[0]!.raisedAt.getTime()]).size).toBe(1);
    expect(await auditsOf(v.id, "alert.raise")).toEqual([{ actorId: users.staff.id, patientId: v.patientId, details: { alertId: alerts[0]!.id.toString(), version: 2 } }]);
    expect(await actionsOf(v.id)).toEqual(["visit.create", "visit.submit", "alert.raise"]);
  });

  it("locked path (answers left out: the stored draft is submitted): the same event, alert, alert event and audit rows", async () => {
    const v = await draft();
    const saved = await saveDraft(users.staff, v.id, { version: 1, answers: CES() });
    const r = await submitVisit(users.staff, v.id, { version: saved.version });
    expect(r).toMatchObject({ version: 3, status: "SUBMITTED", evaluation: { urgency: "emergency" } });
    const events = await eventsOf(v.id);
    const alerts = await alertsOf(v.id);
    expect(alerts).toEqual([expect.objectContaining({ visitVersion: 3, reason: "emergency", urgency: "emergency", raisedById: users.staff.id, acknowledgedAt: null })]);
    expect(events.map((e) => Object.keys(e).sort())).toEqual([EVENT_COLUMNS, EVENT_COLUMNS]);
    expect(events).toEqual([
      { id: expect.any(BigInt), at: expect.any(Date), kind: "visit.submitted", visitId: v.id, urgency: "emergency", ownerId: users.staff.id, alertId: null },
      { id: expect.any(BigInt), at: expect.any(Date), kind: "alert.raised", visitId: v.id, urgency: "emergency", ownerId: users.staff.id, alertId: alerts[0]!.id },
    ]);
    expect(await actionsOf(v.id)).toEqual(["visit.create", "visit.draft_save", "visit.submit", "alert.raise"]);
    expect((await auditsOf(v.id, "alert.raise"))[0]!.details).toEqual({ alertId: alerts[0]!.id.toString(), version: 3 });
  });

  it("a retry (the same answers, or none, on the old version) and a double submit write no second event or alert", async () => {
    const v = await draft();
    const [a, b] = await Promise.all([
      submitVisit(users.staff, v.id, { version: 1, answers: CES() }),
      submitVisit(users.staff, v.id, { version: 1, answers: CES() }),
    ]);
    expect(a).toEqual(b);
    expect(await submitVisit(users.staff, v.id, { version: 1 })).toEqual(a);
    expect(await submitVisit(users.staff, v.id, { version: 1, answers: CES() })).toEqual(a);
    expect(await kindsOf(v.id)).toEqual(["visit.submitted", "alert.raised"]);
    expect(await alertsOf(v.id)).toHaveLength(1);
    expect(await auditsOf(v.id, "alert.raise")).toHaveLength(1);
  });

  it("a routine intake: one visit.submitted event and no alert, on both paths", async () => {
    const fast = await submitted(ROUTINE());
    const v = await draft();
    const saved = await saveDraft(users.staff, v.id, { version: 1, answers: ROUTINE() });
    await submitVisit(users.staff, v.id, { version: saved.version });
    for (const id of [fast.id, v.id]) {
      const events = await eventsOf(id);
      expect(events).toEqual([{ id: expect.any(BigInt), at: expect.any(Date), kind: "visit.submitted", visitId: id, urgency: "none", ownerId: users.staff.id, alertId: null }]);
      expect(await alertsOf(id)).toEqual([]);
      expect(await auditsOf(id, "alert.raise")).toEqual([]);
    }
  });

  it("an emergency rule blank answers cannot exclude raises an alert (cannot_exclude_emergency), on both paths", async () => {
    const fast = await submitted(SADDLE_BLANK(), users.staff, REASON);
    expect(fast.evaluation).toMatchObject({ urgency: "urgent", cannot_exclude_emergency: true });
    const v = await draft();
    const saved = await saveDraft(users.staff, v.id, { version: 1, answers: SADDLE_BLANK() });
    await submitVisit(users.staff, v.id, { version: saved.version, blankReason: REASON });
    for (const id of [fast.id, v.id]) {
      expect(await alertsOf(id)).toEqual([expect.objectContaining({ reason: "cannot_exclude_emergency", urgency: "urgent" })]);
      expect(await kindsOf(id)).toEqual(["visit.submitted", "alert.raised"]);
    }
  });

  it("a refused submit (invalid answers, a missing reason, a stale version, another role) writes no event, alert or audit row", async () => {
    const v = await draft();
    expect((await rejection(submitVisit(users.staff, v.id, { version: 1, answers: { ...CES(), pain_score_now: 11 } }))).status).toBe(422);
    expect((await rejection(submitVisit(users.staff, v.id, { version: 1, answers: SADDLE_BLANK() }))).status).toBe(400);
    expect((await rejection(submitVisit(users.staff, v.id, { version: 7, answers: CES() }))).status).toBe(409);
    expect((await rejection(submitVisit(users.admin, v.id, { version: 1, answers: CES() }))).status).toBe(403);
    // The locked path with the stored draft (almost every safety answer blank) and no reason.
    const locked = await rejection(submitVisit(users.staff, v.id, { version: 1 }));
    expect(locked.status).toBe(400);
    expect(locked.fields?.map((f) => f.field)).toEqual(["blankReason"]);
    expect(await eventsOf(v.id)).toEqual([]);
    expect(await alertsOf(v.id)).toEqual([]);
    expect(await actionsOf(v.id)).toEqual(["visit.create"]);
    expect(await db().visit.findUniqueOrThrow({ where: { id: v.id }, select: { status: true, version: true } })).toEqual({ status: "DRAFT", version: 1 });
  });

  it("a submit that fails after its event was written rolls the event back with everything else (both paths)", async () => {
    // Make the alert's insert fail for these visits only (a trigger on this run's database, dropped after).
    const fast = await draft();
    const locked = await draft();
    const saved = await saveDraft(users.staff, locked.id, { version: 1, answers: CES() });
    const admin = new pg.Client({ connectionString: inject("databaseUrl") });
    await admin.connect();
    try {
      await admin.query(`CREATE FUNCTION test_refuse_alert() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN IF NEW.visit_id::text = ANY (TG_ARGV) THEN RAISE EXCEPTION 'refused by the test'; END IF; RETURN NEW; END $$`);
      await admin.query(`CREATE TRIGGER test_refuse_alert BEFORE INSERT ON alerts FOR EACH ROW EXECUTE FUNCTION test_refuse_alert('${fast.id}', '${locked.id}')`);
      await expect(submitVisit(users.staff, fast.id, { version: 1, answers: CES() })).rejects.toThrow();
      await expect(submitVisit(users.staff, locked.id, { version: saved.version })).rejects.toThrow();
    } finally {
      await admin.query("DROP TRIGGER IF EXISTS test_refuse_alert ON alerts");
      await admin.query("DROP FUNCTION IF EXISTS test_refuse_alert()");
      await admin.end();
    }
    for (const [id, version] of [[fast.id, 1], [locked.id, saved.version]] as const) {
      expect(await eventsOf(id)).toEqual([]);
      expect(await alertsOf(id)).toEqual([]);
      expect(await auditsOf(id, "visit.submit")).toEqual([]);
      expect(await db().visit.findUniqueOrThrow({ where: { id }, select: { status: true, version: true } })).toEqual({ status: "DRAFT", version });
    }
    // Without the trigger the same submits go through, each with its event.
    await submitVisit(users.staff, fast.id, { version: 1, answers: CES() });
    await submitVisit(users.staff, locked.id, { version: saved.version });
    expect(await kindsOf(fast.id)).toEqual(["visit.submitted", "alert.raised"]);
    expect(await kindsOf(locked.id)).toEqual(["visit.submitted", "alert.raised"]);
  });
});

describe("acknowledging an alert (I'm on it)", () => {
  it("the first clinician takes it: audited, with an event; the alert says who and when", async () => {
    const v = await submitted(CES());
    const [alert] = await alertsOf(v.id);
    const taken = await acknowledgeAlert(users.doctor, v.id);
    expect(taken).toMatchObject({ id: alert!.id.toString(), reason: "emergency", urgency: "emergency", acknowledgedBy: users.doctor.name, escalatedAt: null });
    const row = (await alertsOf(v.id))[0]!;
    expect(row).toMatchObject({ acknowledgedById: users.doctor.id, acknowledgedAt: expect.any(Date) });
    expect(taken.acknowledgedAt).toBe(row.acknowledgedAt!.toISOString());
    expect(await auditsOf(v.id, "alert.acknowledge")).toEqual([
      { actorId: users.doctor.id, patientId: v.patientId, details: { alertId: alert!.id.toString(), secondsToAcknowledge: expect.any(Number) } },
    ]);
    const events = await eventsOf(v.id);
    expect(events.map((e) => e.kind)).toEqual(["visit.submitted", "alert.raised", "alert.acknowledged"]);
    expect(events[2]).toEqual({ id: expect.any(BigInt), at: expect.any(Date), kind: "alert.acknowledged", visitId: v.id, urgency: "emergency", ownerId: users.staff.id, alertId: alert!.id });
    expect((await getVisitForReview(users.doctor, v.id)).alert).toMatchObject({ id: alert!.id.toString(), acknowledgedBy: users.doctor.name, acknowledgedAt: taken.acknowledgedAt });
  });

  it("a second clinician gets a 409 that says who took it and when; nothing more is written", async () => {
    const v = await submitted(CES());
    const first = await acknowledgeAlert(users.doctor, v.id);
    const late = await rejection(acknowledgeAlert(secondDoctor, v.id));
    expect(late.status).toBe(409);
    expect(late.message).toContain(users.doctor.name);
    expect(late.extra).toEqual({ alert: expect.objectContaining({ id: first.id, acknowledgedBy: users.doctor.name, acknowledgedAt: first.acknowledgedAt }) });
    // The first clinician again: the same answer.
    expect((await rejection(acknowledgeAlert(users.doctor, v.id))).status).toBe(409);
    expect(await auditsOf(v.id, "alert.acknowledge")).toHaveLength(1);
    expect((await kindsOf(v.id)).filter((k) => k === "alert.acknowledged")).toHaveLength(1);
    expect((await alertsOf(v.id))[0]!.acknowledgedById).toBe(users.doctor.id);
  });

  it("two clinicians at the same moment: exactly one takes it", async () => {
    const v = await submitted(CES());
    const results = await Promise.allSettled([acknowledgeAlert(users.doctor, v.id), acknowledgeAlert(secondDoctor, v.id)]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const lost = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect((lost.reason as { status: number }).status).toBe(409);
    const winner = (results.find((r) => r.status === "fulfilled") as PromiseFulfilledResult<{ acknowledgedBy: string }>).value.acknowledgedBy;
    expect((lost.reason as { extra: { alert: { acknowledgedBy: string } } }).extra.alert.acknowledgedBy).toBe(winner);
    expect(await auditsOf(v.id, "alert.acknowledge")).toHaveLength(1);
  });

  it("staff and admins cannot (403); a visit without an alert is a 409; an unknown visit a 404", async () => {
    const v = await submitted(CES());
    expect((await rejection(acknowledgeAlert(users.staff, v.id))).status).toBe(403);
    expect((await rejection(acknowledgeAlert(users.admin, v.id))).status).toBe(403);
    expect((await alertsOf(v.id))[0]!.acknowledgedAt).toBeNull();
    const routine = await submitted(ROUTINE());
    const none = await rejection(acknowledgeAlert(users.doctor, routine.id));
    expect(none.status).toBe(409);
    expect(none.message).toMatch(/no alert/);
    expect((await rejection(acknowledgeAlert(users.doctor, randomUUID()))).status).toBe(404);
    expect(await auditsOf(v.id, "alert.acknowledge")).toEqual([]);
    expect(await auditsOf(routine.id, "alert.acknowledge")).toEqual([]);
  });
});

describe("escalation of alerts nobody took", () => {
  it("escalates a due alert once, with its alert.escalated event and an alert.escalate audit row", async () => {
    const v = await submitted(CES());
    const [alert] = await alertsOf(v.id);
    // Not due yet under the real timeout (minutes).
    await escalateDueAlerts();
    expect((await alertsOf(v.id))[0]!.escalatedAt).toBeNull();
    await sleep(80);
    expect(await escalateDueAlerts(50)).toBeGreaterThanOrEqual(1);
    const escalated = (await alertsOf(v.id))[0]!;
    expect(escalated.escalatedAt).toEqual(expect.any(Date));
    expect(escalated.acknowledgedAt).toBeNull();
    // Once: the next sweep finds nothing (no alert was raised in between).
    expect(await escalateDueAlerts(0)).toBe(0);
    expect((await alertsOf(v.id))[0]!.escalatedAt).toEqual(escalated.escalatedAt);
    const events = await eventsOf(v.id);
    expect(events.map((e) => e.kind)).toEqual(["visit.submitted", "alert.raised", "alert.escalated"]);
    expect(events[2]).toEqual({ id: expect.any(BigInt), at: expect.any(Date), kind: "alert.escalated", visitId: v.id, urgency: "emergency", ownerId: users.staff.id, alertId: alert!.id });
    expect(await auditsOf(v.id, "alert.escalate")).toEqual([{ actorId: null, patientId: v.patientId, details: { alertId: alert!.id.toString() } }]);
    expect((await latestAlertOf(db(), v.id))!.escalatedAt).toBe(escalated.escalatedAt!.toISOString());
    // An escalated alert can still be taken.
    expect(await acknowledgeAlert(users.doctor, v.id)).toMatchObject({ acknowledgedBy: users.doctor.name, escalatedAt: escalated.escalatedAt!.toISOString() });
  });

  it("never escalates an acknowledged alert, nor a fresh one under the timeout", async () => {
    const taken = await submitted(CES());
    await acknowledgeAlert(users.doctor, taken.id);
    await sleep(20);
    const fresh = await submitted(CES());
    await escalateDueAlerts(0);
    expect((await alertsOf(taken.id))[0]!.escalatedAt).toBeNull();
    expect(await kindsOf(taken.id)).not.toContain("alert.escalated");
    expect(await auditsOf(taken.id, "alert.escalate")).toEqual([]);
    // afterMs 0 escalates everything still open, the fresh one included; a timeout of an hour would not have.
    expect((await alertsOf(fresh.id))[0]!.escalatedAt).not.toBeNull();
    const later = await submitted(CES());
    expect(await escalateDueAlerts(3_600_000)).toBe(0);
    expect((await alertsOf(later.id))[0]!.escalatedAt).toBeNull();
  });
});

describe("decide and sign take the open alert; sign needs a reason for a provisional result", () => {
  it("deciding takes the alert (audited, alert.acknowledged) and writes visit.decided; signing then writes visit.signed", async () => {
    const v = await submitted(CES());
    const decided = await decideVisit(users.doctor, v.id, decision({ version: v.version, action: "accept" }));
    expect((await alertsOf(v.id))[0]).toMatchObject({ acknowledgedById: users.doctor.id, acknowledgedAt: expect.any(Date) });
    await signVisit(users.doctor, v.id, { version: decided.version });
    const events = await eventsOf(v.id);
    expect(events.map((e) => e.kind)).toEqual(["visit.submitted", "alert.raised", "alert.acknowledged", "visit.decided", "visit.signed"]);
    for (const e of events.slice(2)) expect(e).toMatchObject({ visitId: v.id, urgency: "emergency", ownerId: users.staff.id });
    expect(await actionsOf(v.id)).toEqual(["visit.create", "visit.submit", "alert.raise", "visit.decide", "alert.acknowledge", "visit.sign"]);
    expect(await auditsOf(v.id, "alert.acknowledge")).toEqual([{ actorId: users.doctor.id, patientId: v.patientId, details: expect.objectContaining({ alertId: events[1]!.alertId!.toString() }) }]);
  });

  it("signing takes an alert raised after the decision (blank answers completed: still an emergency)", async () => {
    // leg_weakness blank: provisional (DATA-01 only), still an emergency, no reason needed.
    const v = await submitted(intakeOf("LBP-V17", ["leg_weakness"]));
    expect(v.evaluation).toMatchObject({ urgency: "emergency", status: "provisional", missing: ["leg_weakness"] });
    const decided = await decideVisit(users.doctor, v.id, decision({ version: v.version, action: "accept" }));
    const amended = await amendVisit(users.staff, v.id, { version: decided.version, answers: { leg_weakness: "none" } });
    expect(amended).toMatchObject({ alertRaised: true, decisionCleared: false });
    const open = (await alertsOf(v.id)).filter((a) => a.acknowledgedAt === null);
    expect(open).toHaveLength(1);
    // Complete now: no provisional reason is needed or stored.
    await signVisit(users.doctor, v.id, { version: amended.version });
    expect((await alertsOf(v.id)).find((a) => a.id === open[0]!.id)).toMatchObject({ acknowledgedById: users.doctor.id });
    expect((await kindsOf(v.id)).slice(-2)).toEqual(["alert.acknowledged", "visit.signed"]);
    expect(await db().visit.findUniqueOrThrow({ where: { id: v.id }, select: { provisionalReasonCode: true, provisionalAcknowledged: true } })).toEqual({
      provisionalReasonCode: null,
      provisionalAcknowledged: false,
    });
  });

  it("a provisional result: 422 naming acknowledgeProvisional and/or provisionalReason; signs with both and stores the reason", async () => {
    const v = await submitted(SADDLE_BLANK(), users.staff, REASON);
    const decided = await decideVisit(users.doctor, v.id, decision({ version: v.version, action: "accept" }));
    const fieldsOf = async (input: Parameters<typeof signVisit>[2]) => (await rejection(signVisit(users.doctor, v.id, input))).fields?.map((f) => f.field);
    expect(await fieldsOf({ version: decided.version })).toEqual(["acknowledgeProvisional", "provisionalReason"]);
    expect(await fieldsOf({ version: decided.version, acknowledgeProvisional: true })).toEqual(["provisionalReason"]);
    expect(await fieldsOf({ version: decided.version, provisionalReason: { code: "declined", text: null } })).toEqual(["acknowledgeProvisional"]);
    expect(await kindsOf(v.id)).not.toContain("visit.signed");
    const reason = { code: "interpreter_needed" as const, text: null };
    expect(await signVisit(users.doctor, v.id, { version: decided.version, acknowledgeProvisional: true, provisionalReason: reason })).toEqual({
      version: decided.version + 1,
      status: "SIGNED",
    });
    expect(await db().visit.findUniqueOrThrow({ where: { id: v.id }, select: { provisionalAcknowledged: true, provisionalReasonCode: true, provisionalReasonText: true } })).toEqual({
      provisionalAcknowledged: true,
      provisionalReasonCode: "interpreter_needed",
      provisionalReasonText: null,
    });
    expect((await getVisitForReview(users.doctor, v.id)).provisionalReason).toEqual(reason);
    expect((await auditsOf(v.id, "visit.sign"))[0]!.details).toEqual({ version: decided.version + 1 });
  });

  it("a refused decision or sign takes no alert and writes no event", async () => {
    const v = await submitted(CES());
    expect((await rejection(decideVisit(users.doctor, v.id, decision({ version: v.version + 5, action: "accept" })))).status).toBe(409);
    expect((await rejection(signVisit(users.doctor, v.id, { version: v.version }))).status).toBe(422);
    expect((await alertsOf(v.id))[0]!.acknowledgedAt).toBeNull();
    expect(await kindsOf(v.id)).toEqual(["visit.submitted", "alert.raised"]);
  });
});

describe("the pin above the queue", () => {
  it("lists emergencies, Ask now and unacknowledged alerts, unacknowledged first; staff see only their own", async () => {
    const mine = await extraUser("STAFF", "Pat Pinner");
    const other = await extraUser("STAFF", "Olly Other");
    const open = await submitted(CES(), mine); // emergency, alert open
    const askNow = await submitted(SADDLE_BLANK(), mine, REASON); // urgent, Ask now, alert open
    const taken = await submitted(CES(), mine); // emergency, alert acknowledged
    await acknowledgeAlert(users.doctor, taken.id);
    const urgent = await submitted(intakeOf("LBP-V14"), mine); // urgent, no alert: not pinned
    const routine = await submitted(ROUTINE(), mine); // not pinned
    const signed = await submitted(CES(), mine); // signed: not pinned
    await signVisit(users.doctor, signed.id, { version: (await decideVisit(users.doctor, signed.id, decision({ version: signed.version, action: "accept" }))).version });
    const theirs = await submitted(CES(), other);

    const staffView = await listPinned(mine);
    expect(staffView.rows.map((r) => r.visitId)).toEqual([open.id, askNow.id, taken.id]);
    expect(staffView.unacknowledged).toBe(2);
    expect(staffView.rows[0]).toMatchObject({
      urgency: "emergency",
      askNow: false,
      patient: { givenName: "Sam", familyName: "Safety", ageYears: expect.any(Number) },
      alert: { reason: "emergency", acknowledgedAt: null, escalatedAt: null, escalatesAt: expect.any(String) },
    });
    expect(staffView.rows[1]).toMatchObject({ urgency: "urgent", askNow: true, cannotExclude: ["RF-CES-01"], alert: { reason: "cannot_exclude_emergency", acknowledgedAt: null } });
    expect(staffView.rows[2]).toMatchObject({ urgency: "emergency", alert: { acknowledgedBy: users.doctor.name, acknowledgedAt: expect.any(String) } });
    const escalatesIn = Date.parse(staffView.rows[0]!.alert!.escalatesAt) - Date.parse(staffView.rows[0]!.alert!.raisedAt);
    expect(escalatesIn).toBe(5 * 60_000);
    expect((await listPinned(other)).rows.map((r) => r.visitId)).toEqual([theirs.id]);

    const doctorView = await listPinned(users.doctor);
    const ids = doctorView.rows.map((r) => r.visitId);
    for (const id of [open.id, askNow.id, taken.id, theirs.id]) expect(ids).toContain(id);
    for (const id of [urgent.id, routine.id, signed.id]) expect(ids).not.toContain(id);
    // Every unacknowledged alert comes before every other row.
    const isOpen = doctorView.rows.map((r) => r.alert !== null && r.alert.acknowledgedAt === null);
    expect(isOpen.indexOf(false) === -1 || isOpen.lastIndexOf(true) < isOpen.indexOf(false)).toBe(true);
    expect(doctorView.unacknowledged).toBe(isOpen.filter(Boolean).length);
    expect(ids.indexOf(taken.id)).toBeGreaterThan(ids.indexOf(askNow.id));
    expect(ids.indexOf(open.id)).toBeLessThan(ids.indexOf(taken.id));

    // Audited with the visits' ids only.
    const audit = await db().auditEvent.findFirstOrThrow({ where: { actorId: mine.id, action: "visit.pinned" }, select: { details: true } });
    expect(audit.details).toEqual({ visitIds: [open.id, askNow.id, taken.id] });
    expect((await rejection(listPinned(users.admin))).status).toBe(403);
  });

  it("a new member of staff with nothing pinned gets an empty list and writes no audit row", async () => {
    const fresh = await extraUser("STAFF", "Nina New");
    expect(await listPinned(fresh)).toEqual({ rows: [], unacknowledged: 0 });
    expect(await db().auditEvent.count({ where: { actorId: fresh.id } })).toBe(0);
  });
});
