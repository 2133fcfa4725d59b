// "Complete missing answers" on a submitted visit: only blank answers, a new version re-evaluated, the previous
// answers and evaluation kept, audited with field ids only, an event, and an alert when the result needs one.
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { vignetteIntake } from "@/lib/clinical/test-support/vignettes";
import type { TCurrentUser } from "@/lib/auth/current-user";
import { missingRequiredFields } from "@/lib/clinical";
import { db } from "@/lib/db/client";
import { ZAmend, ZDecision } from "@/lib/contracts/visit";
import { rejection } from "@/lib/testing/rejection";
import { demoUsers, uniqueMrn } from "@/lib/testing/users";
import { createPatient } from "../patients/create-patient";
import { acknowledgeAlert } from "../safety/alerts";
import { amendVisit } from "./amend-visit";
import { decideVisit } from "./decide-visit";
import { getVisitForReview } from "./get-visit";
import { signVisit } from "./sign-visit";
import { startVisit } from "./start-visit";
import { submitVisit } from "./submit-visit";

const intakeOf = vignetteIntake;
const REASON = { code: "patient_unable" as const, text: null };

let users: Awaited<ReturnType<typeof demoUsers>>;
beforeAll(async () => {
  users = await demoUsers();
});

/** A visit submitted by staff with these answers (and a reason when some are blank), at version 2. */
async function submitted(intake: Record<string, unknown>, user: TCurrentUser = users.staff) {
  const p = await createPatient(user, { mrn: uniqueMrn(), givenName: "Amy", familyName: "Amend", birthDate: "1979-04-04", sex: "female" });
  const v = await startVisit(user, p.id);
  const blank = missingRequiredFields(intake).length > 0;
  const r = await submitVisit(user, v.id, { version: 1, answers: intake, ...(blank ? { blankReason: REASON } : {}) });
  return { id: v.id, patientId: p.id, ...r };
}

const visitRow = (id: string) =>
  db().visit.findUniqueOrThrow({
    where: { id },
    select: {
      status: true, version: true, answers: true, evaluation: true, urgency: true, askNow: true, cannotExclude: true, redFlags: true,
      imagingModality: true, blankReasonCode: true, decision: true,
    },
  });
const amendmentsOf = (visitId: string) => db().visitAmendment.findMany({ where: { visitId }, orderBy: { id: "asc" } });
const eventsOf = (visitId: string) => db().visitEvent.findMany({ where: { visitId }, orderBy: { id: "asc" } });
const alertsOf = (visitId: string) => db().alert.findMany({ where: { visitId }, orderBy: { id: "asc" } });
const amendAudits = (entityId: string) =>
  db().auditEvent.findMany({ where: { entityId, action: "visit.amend" }, orderBy: { id: "asc" }, select: { actorId: true, patientId: true, details: true } });

/** Nothing was written for this visit since `before` (a refused amendment). */
async function unchanged(id: string, before: Awaited<ReturnType<typeof visitRow>>, eventCount: number) {
  expect(await visitRow(id)).toEqual(before);
  expect(await amendmentsOf(id)).toEqual([]);
  expect(await amendAudits(id)).toEqual([]);
  expect(await eventsOf(id)).toHaveLength(eventCount);
}

describe("completing blank answers of a submitted visit", () => {
  it("answers a blank safety question: new version, re-evaluated, amendment row with the previous answers and evaluation, audit with field ids, event", async () => {
    const v = await submitted(intakeOf("LBP-V01", ["saddle_anesthesia"]));
    expect(v.evaluation).toMatchObject({ urgency: "urgent", status: "provisional", missing: ["saddle_anesthesia"], cannot_exclude_emergency: true });
    const before = await visitRow(v.id);
    expect(before).toMatchObject({ version: 2, askNow: true, cannotExclude: ["RF-CES-01"], blankReasonCode: "patient_unable" });
    const eventsBefore = (await eventsOf(v.id)).length;

    const r = await amendVisit(users.staff, v.id, { version: 2, answers: { saddle_anesthesia: false } });
    expect(r).toMatchObject({ version: 3, status: "SUBMITTED", fields: ["saddle_anesthesia"], decisionCleared: false, alertRaised: false });
    expect(r.evaluation).toMatchObject({ urgency: "none", status: "final", missing: [], cannot_exclude: [], cannot_exclude_emergency: false });

    const after = await visitRow(v.id);
    expect(after).toMatchObject({
      status: "SUBMITTED",
      version: 3,
      answers: { ...(before.answers as object), saddle_anesthesia: false },
      urgency: "none",
      askNow: false,
      cannotExclude: [],
      // Nothing is blank any more: the reason for blank answers no longer applies.
      blankReasonCode: null,
    });
    expect(after.evaluation).toEqual(JSON.parse(JSON.stringify(r.evaluation)));

    const amendments = await amendmentsOf(v.id);
    expect(amendments).toEqual([
      {
        id: expect.any(BigInt),
        visitId: v.id,
        version: 3,
        amendedById: users.staff.id,
        at: expect.any(Date),
        changes: [{ field: "saddle_anesthesia", from: null, to: false }],
        previousAnswers: before.answers,
        previousEvaluation: before.evaluation,
        fromUrgency: "urgent",
        toUrgency: "none",
      },
    ]);
    expect(amendments[0]!.previousAnswers).not.toHaveProperty("saddle_anesthesia");

    expect(await amendAudits(v.id)).toEqual([
      { actorId: users.staff.id, patientId: v.patientId, details: { version: 3, rulesetVersion: r.evaluation.ruleset_version } },
    ]);
    const events = await eventsOf(v.id);
    expect(events).toHaveLength(eventsBefore + 1);
    expect(events.at(-1)).toEqual({ id: expect.any(BigInt), at: expect.any(Date), kind: "visit.amended", visitId: v.id, urgency: "none", ownerId: users.staff.id, alertId: null });

    const dto = await getVisitForReview(users.doctor, v.id);
    expect(dto.amendments).toEqual([
      { at: amendments[0]!.at.toISOString(), version: 3, by: users.staff.name, changes: [{ field: "saddle_anesthesia", from: null, to: false }], fromUrgency: "urgent", toUrgency: "none" },
    ]);
  });

  it("answers several blanks at once, and a clinician may complete them too", async () => {
    const v = await submitted(intakeOf("LBP-V01", ["saddle_anesthesia", "fever", "gait_disturbance"]));
    const first = await amendVisit(users.doctor, v.id, { version: 2, answers: { fever: false, gait_disturbance: false } });
    expect(first.evaluation.missing).toEqual(["saddle_anesthesia"]);
    expect((await visitRow(v.id)).blankReasonCode).toBe("patient_unable"); // still blank: the reason still holds
    const second = await amendVisit(users.doctor, v.id, { version: first.version, answers: { saddle_anesthesia: false } });
    expect(second.evaluation.missing).toEqual([]);
    const amendments = await amendmentsOf(v.id);
    expect(amendments.map((a) => [a.version, a.amendedById, a.changes])).toEqual([
      [3, users.doctor.id, [{ field: "fever", from: null, to: false }, { field: "gait_disturbance", from: null, to: false }]],
      [4, users.doctor.id, [{ field: "saddle_anesthesia", from: null, to: false }]],
    ]);
    // The second amendment's "previous answers" are the first amendment's result.
    expect(amendments[1]!.previousAnswers).toMatchObject({ fever: false, gait_disturbance: false });
    expect(amendments[1]!.previousAnswers).not.toHaveProperty("saddle_anesthesia");
  });

  it("refuses a stale version (409 with the current version) and changes nothing", async () => {
    const v = await submitted(intakeOf("LBP-V01", ["saddle_anesthesia"]));
    const before = await visitRow(v.id);
    const n = (await eventsOf(v.id)).length;
    const stale = await rejection(amendVisit(users.staff, v.id, { version: 1, answers: { saddle_anesthesia: false } }));
    expect(stale.status).toBe(409);
    expect(stale.extra).toEqual({ current: { version: 2, status: "SUBMITTED" } });
    await unchanged(v.id, before, n);
  });

  it("refuses a signed visit (409: an addendum instead) and a draft (409); 404 for an unknown visit; 403 for admins", async () => {
    const v = await submitted(intakeOf("LBP-V01", ["saddle_anesthesia"]));
    const decided = await decideVisit(users.doctor, v.id, ZDecision.parse({ version: 2, action: "accept" }));
    await signVisit(users.doctor, v.id, { version: decided.version, acknowledgeProvisional: true, provisionalReason: REASON });
    const before = await visitRow(v.id);
    const n = (await eventsOf(v.id)).length;
    const signed = await rejection(amendVisit(users.staff, v.id, { version: before.version, answers: { saddle_anesthesia: false } }));
    expect(signed.status).toBe(409);
    expect(signed.message).toMatch(/addendum/);
    expect(signed.extra).toEqual({ current: { version: before.version, status: "SIGNED" } });
    await unchanged(v.id, before, n);

    const p = await createPatient(users.staff, { mrn: uniqueMrn(), givenName: "Dee", familyName: "Raft", birthDate: "1990-01-01", sex: "male" });
    const draft = await startVisit(users.staff, p.id);
    const draftBefore = await visitRow(draft.id);
    const refused = await rejection(amendVisit(users.staff, draft.id, { version: 1, answers: { fever: false } }));
    expect(refused.status).toBe(409);
    expect(refused.extra).toEqual({ current: { version: 1, status: "DRAFT" } });
    await unchanged(draft.id, draftBefore, 0);

    expect((await rejection(amendVisit(users.staff, randomUUID(), { version: 1, answers: { fever: false } }))).status).toBe(404);
    expect((await rejection(amendVisit(users.admin, v.id, { version: before.version, answers: { fever: false } }))).status).toBe(403);
  });

  it("refuses an answered question, an unknown field and an empty answer: 400 naming answers.<field>; changes nothing", async () => {
    const v = await submitted(intakeOf("LBP-V01", ["saddle_anesthesia"]));
    const before = await visitRow(v.id);
    const n = (await eventsOf(v.id)).length;
    const answered = await rejection(amendVisit(users.staff, v.id, { version: 2, answers: { saddle_anesthesia: false, fever: true } }));
    expect(answered.status).toBe(400);
    expect(answered.fields).toEqual([{ field: "answers.fever", message: expect.stringContaining("already answered") }]);
    const unknown = await rejection(amendVisit(users.staff, v.id, { version: 2, answers: { saddle_anesthesia: false, favourite_colour: "blue" } }));
    expect(unknown.status).toBe(400);
    expect(unknown.fields).toEqual([{ field: "answers.favourite_colour", message: expect.any(String) }]);
    const empty = await rejection(amendVisit(users.staff, v.id, { version: 2, answers: { saddle_anesthesia: null } }));
    expect(empty.status).toBe(400);
    expect(empty.fields?.map((f) => f.field)).toEqual(["answers.saddle_anesthesia"]);
    // An answer of the wrong form is refused by the intake's own validation (422), naming the question.
    const wrong = await rejection(amendVisit(users.staff, v.id, { version: 2, answers: { saddle_anesthesia: "perhaps" } }));
    expect(wrong.status).toBe(422);
    expect(wrong.fields?.map((f) => f.field)).toEqual(["saddle_anesthesia"]);
    // Neither the error nor its fields repeat the answer given.
    expect(JSON.stringify({ m: answered.message, f: answered.fields })).not.toContain("true");
    await unchanged(v.id, before, n);
  });

  it("the request body: a version and at least one answer, nothing else", () => {
    expect(ZAmend.parse({ version: 2, answers: { fever: false } })).toEqual({ version: 2, answers: { fever: false } });
    expect(ZAmend.safeParse({ version: 2, answers: {} }).error!.issues.map((i) => i.path.join("."))).toEqual(["answers"]);
    expect(ZAmend.safeParse({ version: 2 }).error!.issues.map((i) => i.path.join("."))).toEqual(["answers"]);
    expect(ZAmend.safeParse({ version: 2, answers: { fever: false }, blankReason: REASON }).success).toBe(false);
  });
});

describe("an amendment that needs a clinician raises an alert", () => {
  it("a tier that rises (routine, DATA-01 only) raises a tier_rose alert with its event and audit row", async () => {
    // V12 without how long conservative care was tried: no red flag, nothing to alert about at submit.
    const v = await submitted(intakeOf("LBP-V12", ["conservative_care_weeks"]));
    expect(v.evaluation).toMatchObject({ urgency: "none", cannot_exclude_emergency: false });
    expect(await alertsOf(v.id)).toEqual([]);
    const r = await amendVisit(users.staff, v.id, { version: 2, answers: { conservative_care_weeks: 7 } });
    expect(r).toMatchObject({ version: 3, alertRaised: true, evaluation: { urgency: "routine_soon" } });
    const alerts = await alertsOf(v.id);
    expect(alerts).toEqual([expect.objectContaining({ visitVersion: 3, reason: "tier_rose", urgency: "routine_soon", raisedById: users.staff.id, acknowledgedAt: null })]);
    expect((await eventsOf(v.id)).map((e) => [e.kind, e.urgency, e.alertId])).toEqual([
      ["visit.submitted", "none", null],
      ["visit.amended", "routine_soon", null],
      ["alert.raised", "routine_soon", alerts[0]!.id],
    ]);
    expect(await db().auditEvent.findMany({ where: { entityId: v.id, action: "alert.raise" }, select: { actorId: true, details: true } })).toEqual([
      { actorId: users.staff.id, details: { alertId: alerts[0]!.id.toString(), version: 3 } },
    ]);
    expect((await amendmentsOf(v.id))[0]).toMatchObject({ fromUrgency: "none", toUrgency: "routine_soon" });
  });

  it("a changed suggestion clears a decision on the old one", async () => {
    const v = await submitted(intakeOf("LBP-V12", ["conservative_care_weeks"]));
    expect(v.evaluation.imaging.modality).toBe("none");
    await decideVisit(users.doctor, v.id, ZDecision.parse({ version: 2, action: "accept" }));
    const r = await amendVisit(users.staff, v.id, { version: 3, answers: { conservative_care_weeks: 7 } });
    expect(r).toMatchObject({ version: 4, decisionCleared: true, evaluation: { imaging: { modality: "mri" } } });
    expect(await visitRow(v.id)).toMatchObject({ decision: null, imagingModality: "mri" });
  });

  it("saddle numbness answered yes: an emergency; with the first alert taken, a new emergency alert is raised", async () => {
    const v = await submitted(intakeOf("LBP-V01", ["saddle_anesthesia"]));
    const [first] = await alertsOf(v.id);
    expect(first).toMatchObject({ reason: "cannot_exclude_emergency", urgency: "urgent" });
    await acknowledgeAlert(users.doctor, v.id);
    const r = await amendVisit(users.staff, v.id, { version: 2, answers: { saddle_anesthesia: true } });
    expect(r).toMatchObject({ alertRaised: true, evaluation: { urgency: "emergency", red_flags: ["RF-CES-01"] } });
    const alerts = await alertsOf(v.id);
    expect(alerts).toHaveLength(2);
    expect(alerts[1]).toMatchObject({ visitVersion: 3, reason: "emergency", urgency: "emergency", acknowledgedAt: null });
    expect((await eventsOf(v.id)).slice(-2).map((e) => [e.kind, e.urgency])).toEqual([
      ["visit.amended", "emergency"],
      ["alert.raised", "emergency"],
    ]);
    expect(await visitRow(v.id)).toMatchObject({ urgency: "emergency", redFlags: ["RF-CES-01"], askNow: false });
  });

  it("while the first alert is still open, the rise raises no second alert (the open one stays pinned and escalating)", async () => {
    const v = await submitted(intakeOf("LBP-V01", ["saddle_anesthesia"]));
    const r = await amendVisit(users.staff, v.id, { version: 2, answers: { saddle_anesthesia: true } });
    expect(r).toMatchObject({ alertRaised: false, evaluation: { urgency: "emergency" } });
    const alerts = await alertsOf(v.id);
    expect(alerts).toEqual([expect.objectContaining({ reason: "cannot_exclude_emergency", acknowledgedAt: null })]);
    expect((await eventsOf(v.id)).map((e) => e.kind)).toEqual(["visit.submitted", "alert.raised", "visit.amended"]);
  });

  it("an answer that keeps the tier raises nothing", async () => {
    const v = await submitted(intakeOf("LBP-V01", ["fever"]));
    expect(v.evaluation.urgency).toBe("urgent");
    const r = await amendVisit(users.staff, v.id, { version: 2, answers: { fever: true } });
    expect(r).toMatchObject({ alertRaised: false, evaluation: { urgency: "urgent", red_flags: ["RF-INF-03"] } });
    expect(await alertsOf(v.id)).toEqual([]);
  });
});
