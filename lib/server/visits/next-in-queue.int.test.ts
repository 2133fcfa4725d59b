// The review page's two server reads: the next unsigned visit in queue order ("Sign and open next") and the
// patient's previous visit ("Changed since last visit", audited). Real PostgreSQL, no mocks.
import { beforeAll, describe, expect, it } from "vitest";
import vignettes from "@/lib/clinical/test-support/vignettes.dev.json";
import { db } from "@/lib/db/client";
import { ZQueueQuery } from "@/lib/contracts/queue";
import { rejection } from "@/lib/testing/rejection";
import { demoUsers, uniqueMrn } from "@/lib/testing/users";
import { createPatient } from "../patients/create-patient";
import { decideVisit } from "./decide-visit";
import { listQueue } from "./list-queue";
import { nextInQueue } from "./next-in-queue";
import { previousVisitAnswers } from "./review-previous-visit";
import { signVisit } from "./sign-visit";
import { startVisit } from "./start-visit";
import { submitVisit } from "./submit-visit";

const intakeOf = (id: string) => (vignettes as unknown as { vignettes: { id: string; intake: Record<string, unknown> }[] }).vignettes.find((v) => v.id === id)!.intake;
const V17 = intakeOf("LBP-V17"); // emergency
const V01 = intakeOf("LBP-V01"); // no red flag

let users: Awaited<ReturnType<typeof demoUsers>>;
beforeAll(async () => {
  users = await demoUsers();
});

async function patient() {
  return createPatient(users.staff, { mrn: uniqueMrn(), givenName: "Nex", familyName: "Tinqueue", birthDate: "1981-01-01", sex: "female" });
}

async function submitted(patientId: string, answers: Record<string, unknown>) {
  const v = await startVisit(users.staff, patientId);
  await submitVisit(users.staff, v.id, { version: 1, answers });
  const row = await db().visit.findUniqueOrThrow({ where: { id: v.id }, select: { submittedAt: true } });
  return { id: v.id, submittedAt: row.submittedAt!.toISOString() };
}

describe("nextInQueue", () => {
  it("is the queue's first unsigned visit, leaving out the one just signed", async () => {
    const p = await patient();
    const a = await submitted(p.id, V17);
    await submitted(p.id, V17);
    const queue = await listQueue(users.doctor, ZQueueQuery.parse({}));
    const [first, second] = queue.rows;
    expect(first && second).toBeTruthy();
    expect(await nextInQueue(users.doctor, a.id)).toBe(a.id === first!.id ? second!.id : first!.id);
    expect(await nextInQueue(users.doctor, first!.id)).toBe(second!.id);
  });

  it("skips signed visits, and is null when no other unsigned visit waits", async () => {
    const p = await patient();
    const v = await submitted(p.id, V01);
    const decided = await decideVisit(users.doctor, v.id, { version: 2, action: "accept" });
    await signVisit(users.doctor, v.id, { version: decided.version });
    const open = await db().visit.findMany({ where: { status: "SUBMITTED" }, select: { id: true } });
    expect(open.map((o) => o.id)).not.toContain(v.id);
    const next = await nextInQueue(users.doctor, open[0]?.id ?? v.id);
    if (open.length <= 1) expect(next).toBeNull();
    else expect(open.map((o) => o.id)).toContain(next);
    expect(next).not.toBe(v.id);
  });

  it("is refused to staff", async () => {
    expect((await rejection(nextInQueue(users.staff, "00000000-0000-4000-8000-000000000000"))).status).toBe(403);
  });
});

describe("previousVisitAnswers", () => {
  it("reads the patient's latest earlier visit, audited with ids only", async () => {
    const p = await patient();
    await submitted(p.id, V01);
    const earlier = await submitted(p.id, { ...V17, saddle_anesthesia: false });
    const current = await submitted(p.id, V17);
    const previous = await previousVisitAnswers(users.doctor, { id: current.id, patientId: p.id, submittedAt: current.submittedAt });
    expect(previous).toMatchObject({ id: earlier.id, submittedAt: earlier.submittedAt });
    expect(previous?.answers.saddle_anesthesia).toBe(false);
    const audits = await db().auditEvent.findMany({ where: { action: "visit.read", entityId: earlier.id, actorId: users.doctor.id }, select: { patientId: true, details: true } });
    expect(audits).toEqual([{ patientId: p.id, details: { visitIds: [current.id] } }]);
  });

  it("is null, with nothing audited, for a first visit", async () => {
    const p = await patient();
    const only = await submitted(p.id, V17);
    expect(await previousVisitAnswers(users.doctor, { id: only.id, patientId: p.id, submittedAt: only.submittedAt })).toBeNull();
    expect(await db().auditEvent.count({ where: { action: "visit.read", patientId: p.id, actorId: users.doctor.id } })).toBe(0);
  });

  it("is refused to staff", async () => {
    const p = await patient();
    const only = await submitted(p.id, V17);
    expect((await rejection(previousVisitAnswers(users.staff, { id: only.id, patientId: p.id, submittedAt: only.submittedAt }))).status).toBe(403);
  });
});
