import { beforeAll, describe, expect, it } from "vitest";
import { rejection } from "@/lib/testing/rejection";
import vignettes from "@/lib/clinical/test-support/vignettes.dev.json";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/contracts/errors";
import { ZDecision, ZSign } from "@/lib/contracts/visit";
import { demoUsers, uniqueMrn } from "@/lib/testing/users";
import { createPatient } from "../patients/create-patient";
import { addAddendum } from "./add-addendum";
import { getVisitForReview } from "./get-visit";
import { overrideInsight } from "./override-insight";
import { decideVisit } from "./decide-visit";
import { signVisit } from "./sign-visit";
import { startVisit } from "./start-visit";
import { submitVisit } from "./submit-visit";

const V17 = (vignettes as unknown as { vignettes: { id: string; intake: Record<string, unknown> }[] }).vignettes.find((v) => v.id === "LBP-V17")!;
let users: Awaited<ReturnType<typeof demoUsers>>;
beforeAll(async () => {
  users = await demoUsers();
});

/** A submitted V17 visit (MRI suggested), at version 2. */
async function submittedVisit() {
  const p = await createPatient(users.staff, { mrn: uniqueMrn(), givenName: "Rev", familyName: "Iew", birthDate: "1981-01-01", sex: "female" });
  const v = await startVisit(users.staff, p.id);
  await submitVisit(users.staff, v.id, { version: 1, answers: V17.intake });
  return v.id;
}

/** A V17 visit submitted with two safety answers blank (provisional, DATA-01; MRI still suggested), at version 2. */
async function submittedProvisionalVisit() {
  const p = await createPatient(users.staff, { mrn: uniqueMrn(), givenName: "Pro", familyName: "Visional", birthDate: "1981-01-01", sex: "female" });
  const v = await startVisit(users.staff, p.id);
  const intake = { ...V17.intake };
  for (const blank of PROVISIONAL_BLANKS) delete intake[blank];
  const submitted = await submitVisit(users.staff, v.id, { version: 1, answers: intake });
  expect(submitted.evaluation).toMatchObject({ status: "provisional", missing: [...PROVISIONAL_BLANKS] });
  return v.id;
}
const PROVISIONAL_BLANKS = ["gait_disturbance", "new_bowel_incontinence"] as const;
const PROVISIONAL_LABELS = ["Any new unsteadiness or difficulty walking?", "Any new loss of bowel control?"];

const signState = (id: string) =>
  db().visit.findUnique({
    where: { id },
    select: { status: true, version: true, signedById: true, signedAt: true, provisionalAcknowledged: true, provisionalReasonCode: true, provisionalReasonText: true },
  });
const signAudits = (id: string) => db().auditEvent.findMany({ where: { entityId: id, action: "visit.sign" }, select: { actorId: true, details: true } });

const decision = (input: Record<string, unknown>) => ZDecision.parse(input);

describe("decision and sign-off", () => {
  it("accepts the suggestion, signs, and locks the visit", async () => {
    const id = await submittedVisit();
    expect(await decideVisit(users.doctor, id, decision({ version: 2, action: "accept", note: "Seen in clinic." }))).toEqual({ version: 3 });
    expect(await signVisit(users.doctor, id, { version: 3 })).toEqual({ version: 4, status: "SIGNED" });
    const row = await db().visit.findUnique({ where: { id }, select: { decision: true, decisionModality: true, signedById: true, clinicalNote: true } });
    expect(row).toEqual({ decision: "accept", decisionModality: "mri", signedById: users.doctor.id, clinicalNote: "Seen in clinic." });
    expect((await rejection(decideVisit(users.doctor, id, decision({ version: 4, action: "accept" })))).status).toBe(409);
    const actions = await db().auditEvent.findMany({ where: { entityId: id }, orderBy: { id: "asc" }, select: { action: true } });
    // V17 is an emergency: submitting it raised an alert, and the doctor who decided took it.
    expect(actions.map((a) => a.action)).toEqual(["visit.create", "visit.submit", "alert.raise", "visit.decide", "alert.acknowledge", "visit.sign"]);
  });

  it("overrides with a coded reason; validation names the missing field", async () => {
    const id = await submittedVisit();
    expect(ZDecision.safeParse({ version: 2, action: "override" }).error!.issues.map((i) => i.path[0]).sort()).toEqual(["modality", "reasonCode"]);
    expect(ZDecision.safeParse({ version: 2, action: "override", modality: "ct", reasonCode: "other" }).error!.issues[0]!.path).toEqual(["reasonText"]);
    const same = await rejection(decideVisit(users.doctor, id, decision({ version: 2, action: "override", modality: "mri", reasonCode: "clinical_judgement" })));
    expect(same.fields?.[0]?.field).toBe("modality");
    await decideVisit(users.doctor, id, decision({ version: 2, action: "override", modality: "none", reasonCode: "already_imaged", reasonText: "MRI last week" }));
    const row = await db().visit.findUnique({ where: { id }, select: { decision: true, decisionModality: true, decisionReasonCode: true, decisionReasonText: true } });
    expect(row).toEqual({ decision: "override", decisionModality: "none", decisionReasonCode: "already_imaged", decisionReasonText: "MRI last week" });
  });

  it("lets one of two clinicians on the same version win; the other gets 409 and the current version", async () => {
    const id = await submittedVisit();
    const results = await Promise.allSettled([
      decideVisit(users.doctor, id, decision({ version: 2, action: "accept" })),
      decideVisit(users.doctor, id, decision({ version: 2, action: "override", modality: "ct", reasonCode: "clinical_judgement" })),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const lost = (results.find((r) => r.status === "rejected") as PromiseRejectedResult).reason as AppError;
    expect(lost.status).toBe(409);
    expect(lost.extra).toEqual({ current: { version: 3, status: "SUBMITTED" } });
  });

  it("refuses to sign without a decision, and addenda before signing", async () => {
    const id = await submittedVisit();
    const unsigned = await rejection(signVisit(users.doctor, id, { version: 2 }));
    expect(unsigned.status).toBe(422);
    expect((await rejection(addAddendum(users.doctor, id, { text: "too early" }))).status).toBe(409);
    await decideVisit(users.doctor, id, decision({ version: 2, action: "accept" }));
    await signVisit(users.doctor, id, { version: 3 });
    const a = await addAddendum(users.doctor, id, { text: "Patient phoned: MRI booked." });
    expect((await db().addendum.findUnique({ where: { id: a.id }, select: { authorId: true, text: true } }))).toEqual({ authorId: users.doctor.id, text: "Patient phoned: MRI booked." });
  });

  it("refuses staff and admins", async () => {
    const id = await submittedVisit();
    for (const who of [users.staff, users.admin]) {
      expect((await rejection(decideVisit(who, id, decision({ version: 2, action: "accept" })))).status).toBe(403);
      expect((await rejection(signVisit(who, id, { version: 2 }))).status).toBe(403);
    }
  });
});

describe("signing a provisional result (safety answers blank)", () => {
  it("is refused without the acknowledgement and the reason: 422 naming whichever is missing and the missing questions; nothing changes", async () => {
    const id = await submittedProvisionalVisit();
    await decideVisit(users.doctor, id, decision({ version: 2, action: "accept" }));
    const before = await signState(id);
    expect(before).toMatchObject({ status: "SUBMITTED", version: 3, signedById: null, provisionalAcknowledged: false, provisionalReasonCode: null });
    const reason = { code: "patient_unable" as const, text: null };
    const cases = [
      { input: { version: 3 }, fields: ["acknowledgeProvisional", "provisionalReason"] },
      { input: { version: 3, acknowledgeProvisional: false }, fields: ["acknowledgeProvisional", "provisionalReason"] },
      { input: { version: 3, acknowledgeProvisional: true }, fields: ["provisionalReason"] },
      { input: { version: 3, acknowledgeProvisional: false, provisionalReason: reason }, fields: ["acknowledgeProvisional"] },
      { input: { version: 3, provisionalReason: reason }, fields: ["acknowledgeProvisional"] },
    ];
    for (const c of cases) {
      const refused = await rejection(signVisit(users.doctor, id, c.input));
      expect(refused.status, JSON.stringify(c.input)).toBe(422);
      expect(refused.fields?.map((f) => f.field), JSON.stringify(c.input)).toEqual(c.fields);
      // The catalogue's labels of the blank answers, in the message and on the acknowledgement's field; no answer,
      // no patient data.
      for (const label of PROVISIONAL_LABELS) {
        expect(refused.message).toContain(label);
        const ack = refused.fields!.find((f) => f.field === "acknowledgeProvisional");
        if (ack) expect(ack.message).toContain(label);
      }
      expect(refused.message).not.toMatch(/Pro|Visional|1981/);
    }
    expect(await signState(id)).toEqual(before);
    expect(await signAudits(id)).toEqual([]);
  });

  it("still asks for the decision first, and still answers a stale version with 409", async () => {
    const id = await submittedProvisionalVisit();
    const undecided = await rejection(signVisit(users.doctor, id, { version: 2 }));
    expect(undecided.status).toBe(422);
    expect(undecided.fields?.map((f) => f.field)).toEqual(["decision"]);
    await decideVisit(users.doctor, id, decision({ version: 2, action: "accept" }));
    const stale = await rejection(signVisit(users.doctor, id, { version: 2 }));
    expect(stale.status).toBe(409);
    expect(stale.extra).toEqual({ current: { version: 3, status: "SUBMITTED" } });
    expect(await signAudits(id)).toEqual([]);
  });

  it("signs with the acknowledgement and a coded reason; the visit and the audit row record it with the missing field ids", async () => {
    const id = await submittedProvisionalVisit();
    await decideVisit(users.doctor, id, decision({ version: 2, action: "accept" }));
    const reason = { code: "other" as const, text: "Sedated for transfer" };
    expect(await signVisit(users.doctor, id, { version: 3, acknowledgeProvisional: true, provisionalReason: reason })).toEqual({ version: 4, status: "SIGNED" });
    expect(await signState(id)).toMatchObject({
      status: "SIGNED",
      version: 4,
      signedById: users.doctor.id,
      provisionalAcknowledged: true,
      provisionalReasonCode: "other",
      provisionalReasonText: "Sedated for transfer",
    });
    // The version only: the reason and the blank questions are the visit's own record, not the trail's.
    expect(await signAudits(id)).toEqual([{ actorId: users.doctor.id, details: { version: 4 } }]);
    const visit = await getVisitForReview(users.doctor, id);
    expect(visit.provisionalAcknowledged).toBe(true);
    expect(visit.provisionalReason).toEqual(reason);
    // Signed once: a repeat, acknowledged or not, is a conflict.
    expect((await rejection(signVisit(users.doctor, id, { version: 4, acknowledgeProvisional: true, provisionalReason: reason }))).status).toBe(409);
  });

  it("a complete visit signs without the fields, and the fields are harmless there (no reason is stored)", async () => {
    for (const input of [
      { version: 3 },
      { version: 3, acknowledgeProvisional: true },
      { version: 3, acknowledgeProvisional: false },
      { version: 3, acknowledgeProvisional: true, provisionalReason: { code: "declined" as const, text: null } },
    ]) {
      const id = await submittedVisit();
      await decideVisit(users.doctor, id, decision({ version: 2, action: "accept" }));
      expect(await signVisit(users.doctor, id, input)).toEqual({ version: 4, status: "SIGNED" });
      expect(await signState(id)).toMatchObject({ status: "SIGNED", provisionalAcknowledged: false, provisionalReasonCode: null, provisionalReasonText: null });
      expect(await signAudits(id)).toEqual([{ actorId: users.doctor.id, details: { version: 4 } }]);
      expect((await getVisitForReview(users.doctor, id)).provisionalAcknowledged).toBe(false);
      expect((await getVisitForReview(users.doctor, id)).provisionalReason).toBeNull();
    }
  });

  it("the request body: acknowledgeProvisional and provisionalReason are optional and checked for shape; other keys are refused", () => {
    expect(ZSign.parse({ version: 3 })).toEqual({ version: 3 });
    expect(ZSign.parse({ version: 3, acknowledgeProvisional: true })).toEqual({ version: 3, acknowledgeProvisional: true });
    for (const bad of ["true", 1, null, "yes"]) {
      expect(ZSign.safeParse({ version: 3, acknowledgeProvisional: bad }).error!.issues.map((i) => i.path[0])).toEqual(["acknowledgeProvisional"]);
    }
    expect(ZSign.safeParse({ version: 3, acknowledgeProvisonal: true }).success).toBe(false);
    expect(ZSign.parse({ version: 3, acknowledgeProvisional: true, provisionalReason: { code: "declined" } })).toEqual({
      version: 3,
      acknowledgeProvisional: true,
      provisionalReason: { code: "declined", text: null },
    });
    expect(ZSign.safeParse({ version: 3, provisionalReason: { code: "other" } }).error!.issues.map((i) => i.path.join("."))).toEqual(["provisionalReason.text"]);
    expect(ZSign.safeParse({ version: 3, provisionalReason: { code: "forgot" } }).error!.issues.map((i) => i.path.join("."))).toEqual(["provisionalReason.code"]);
    expect(ZSign.safeParse({ version: 3, provisionalReason: "patient_unable" }).error!.issues.map((i) => i.path.join("."))).toEqual(["provisionalReason"]);
  });
});

describe("override insight", () => {
  it("counts accepted and overridden suggestions per imaging rule, with the coded reasons and the choices made", async () => {
    const ids = [await submittedVisit(), await submittedVisit(), await submittedVisit()];
    const stored = await getVisitForReview(users.doctor, ids[0]!);
    const rule = stored.evaluation!.imaging.rule;
    expect(rule).not.toBeNull();
    // The queue column the insight groups by is the evaluation's imaging rule.
    const column = await db().visit.findUnique({ where: { id: ids[0]! }, select: { imagingRule: true } });
    expect(column!.imagingRule).toBe(rule);

    const before = (await overrideInsight(users.doctor, null)).rules.find((r) => r.rule === rule);
    await decideVisit(users.doctor, ids[0]!, decision({ version: 2, action: "accept" }));
    await decideVisit(users.doctor, ids[1]!, decision({ version: 2, action: "override", modality: "none", reasonCode: "already_imaged" }));
    await decideVisit(users.doctor, ids[2]!, decision({ version: 2, action: "override", modality: "ct", reasonCode: "contraindication", reasonText: "Pacemaker" }));
    const after = (await overrideInsight(users.admin, null)).rules.find((r) => r.rule === rule)!;
    const was = (n: number | undefined) => n ?? 0;
    expect(after.decided - was(before?.decided)).toBe(3);
    expect(after.accepted - was(before?.accepted)).toBe(1);
    expect(after.overridden - was(before?.overridden)).toBe(2);
    expect(was(after.reasons.already_imaged) - was(before?.reasons.already_imaged)).toBe(1);
    expect(was(after.reasons.contraindication) - was(before?.reasons.contraindication)).toBe(1);
    expect(was(after.chosenInstead.ct) - was(before?.chosenInstead.ct)).toBe(1);
    expect(was(after.chosenInstead.none) - was(before?.chosenInstead.none)).toBe(1);
    expect(after.overrideRate).toBeCloseTo(after.overridden / after.decided);
    expect(after.title).not.toBe(rule);
    // Only decisions on or after `since` count: none are in the future.
    expect((await overrideInsight(users.doctor, "2999-01-01")).decided).toBe(0);
  });

  it("is refused to staff", async () => {
    expect((await rejection(overrideInsight(users.staff, null))).status).toBe(403);
  });
});

describe("visit record for review", () => {
  it("carries the decision and the addenda, oldest first", async () => {
    const id = await submittedVisit();
    expect((await getVisitForReview(users.doctor, id)).decision).toBeNull();
    await decideVisit(users.doctor, id, decision({ version: 2, action: "override", modality: "xray", reasonCode: "clinical_examination", note: "Tender L4" }));
    await signVisit(users.doctor, id, { version: 3 });
    await addAddendum(users.doctor, id, { text: "first" });
    await addAddendum(users.doctor, id, { text: "second" });
    const visit = await getVisitForReview(users.doctor, id);
    expect(visit.decision).toMatchObject({ action: "override", modality: "xray", reasonCode: "clinical_examination", note: "Tender L4", decidedBy: "Dr Dana Doctor" });
    expect(visit.addenda.map((a) => [a.text, a.author])).toEqual([["first", "Dr Dana Doctor"], ["second", "Dr Dana Doctor"]]);
    expect(visit.signedBy).toBe("Dr Dana Doctor");
  });
});
