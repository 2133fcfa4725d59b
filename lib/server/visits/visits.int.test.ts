import { beforeAll, describe, expect, it } from "vitest";
import { rejection } from "@/lib/testing/rejection";
import vignettes from "@/lib/clinical/test-support/vignettes.dev.json";
import type { TCurrentUser } from "@/lib/auth/current-user";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/contracts/errors";
import { ZSubmitVisit } from "@/lib/contracts/visit";
import { demoUsers, uniqueMrn } from "@/lib/testing/users";
import { createPatient } from "../patients/create-patient";
import { getPatient } from "../patients/get-patient";
import { searchPatients } from "../patients/search-patients";
import { getVisit, getVisitForReview } from "./get-visit";
import { listDrafts } from "./list-drafts";
import { saveDraft } from "./save-draft";
import { startVisit } from "./start-visit";
import { submitVisit } from "./submit-visit";

type Vignette = { id: string; intake: Record<string, unknown>; expected: { urgency: string; imaging: { modality: string }; red_flags: string[] } };
const cases = (vignettes as unknown as { vignettes: Vignette[] }).vignettes;
const V01 = cases.find((v) => v.id === "LBP-V01")!;
const V17 = cases.find((v) => v.id === "LBP-V17")!;

let users: Awaited<ReturnType<typeof demoUsers>>;
beforeAll(async () => {
  users = await demoUsers();
});

async function newPatient(user: TCurrentUser = users.staff) {
  return createPatient(user, { mrn: uniqueMrn(), givenName: "Ada", familyName: "Testperson", birthDate: "1980-05-01", sex: "female" });
}

const auditCount = (entityId: string, action: string) => db().auditEvent.count({ where: { entityId, action } });

describe("patients", () => {
  it("registers a patient, audited, and refuses a duplicate MRN with a 409 naming the existing record", async () => {
    const p = await newPatient();
    expect(await auditCount(p.id, "patient.create")).toBe(1);
    const before = await db().patient.count();
    const err = await rejection(createPatient(users.staff, { mrn: p.mrn, givenName: "Other", familyName: "Person", birthDate: "1990-01-01", sex: "male" }));
    expect(err.status).toBe(409);
    // The error names the field and the existing record's id, never the MRN itself.
    expect(err.fields).toEqual([{ field: "mrn", message: expect.any(String) }]);
    expect(JSON.stringify({ message: err.message, fields: err.fields, extra: err.extra })).not.toContain(p.mrn);
    expect(err.extra).toEqual({ existing: { id: p.id } });
    expect(await db().patient.count()).toBe(before);
  });

  it("gives the same 409 to two registrations of one MRN at the same moment", async () => {
    const mrn = uniqueMrn();
    const input = { mrn, givenName: "Race", familyName: "Twin", birthDate: "1970-01-01", sex: "other" as const };
    const results = await Promise.allSettled([createPatient(users.staff, input), createPatient(users.doctor, input)]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const failed = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect((failed.reason as AppError).status).toBe(409);
    expect(await db().patient.count({ where: { mrn } })).toBe(1);
  });

  it("searches by any word of the name or MRN, pages, and audits the result ids only", async () => {
    const p = await newPatient();
    const page = await searchPatients(users.staff, { q: `testperson ${p.mrn.slice(0, 6).toLowerCase()}`, page: 1, pageSize: 10 });
    expect(page.rows.map((r) => r.id)).toContain(p.id);
    const event = await db().auditEvent.findFirst({ where: { actorId: users.staff.id, action: "patient.search" }, orderBy: { id: "desc" }, select: { details: true } });
    expect(JSON.stringify(event!.details)).not.toMatch(/testperson/i);
  });

  it("refuses admins (no clinical access)", async () => {
    expect((await rejection(newPatient(users.admin))).status).toBe(403);
    expect((await rejection(searchPatients(users.admin, { q: "", page: 1, pageSize: 10 }))).status).toBe(403);
  });
});

describe("visits", () => {
  it("starts a draft prefilled from the record and lists it as an open draft", async () => {
    const p = await newPatient();
    const visit = await startVisit(users.staff, p.id);
    expect(visit).toMatchObject({ version: 1, status: "DRAFT" });
    const loaded = await getVisitForReview(users.doctor, visit.id);
    expect(loaded.answers).toMatchObject({ sex: "female", age_years: expect.any(Number), visit_date: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) });
    expect((await listDrafts(users.staff)).map((d) => d.id)).toContain(visit.id);
    expect(await auditCount(visit.id, "visit.read")).toBe(1);
  });

  it("saves drafts in place with optimistic locking: a stale version gets 409 and changes nothing", async () => {
    const p = await newPatient();
    const visit = await startVisit(users.staff, p.id);
    const saved = await saveDraft(users.staff, visit.id, { version: 1, answers: { pain_score_now: 4 } });
    expect(saved.version).toBe(2);
    const again = await saveDraft(users.staff, visit.id, { version: 2, answers: { pain_score_now: 5, onset_type: "sudden" } });
    expect(again.version).toBe(3);
    expect(await db().visit.count({ where: { patientId: p.id } })).toBe(1);
    const stale = await rejection(saveDraft(users.doctor, visit.id, { version: 2, answers: { pain_score_now: 9 } }));
    expect(stale.status).toBe(409);
    expect(stale.extra).toEqual({ current: { version: 3, status: "DRAFT" } });
    expect((await getVisit(users.staff, visit.id)).answers).toEqual({ pain_score_now: 5, onset_type: "sudden" });
  });

  it("rejects a draft answer of the wrong form, naming the field", async () => {
    const p = await newPatient();
    const visit = await startVisit(users.staff, p.id);
    const err = await rejection(saveDraft(users.staff, visit.id, { version: 1, answers: { pain_score_now: "very bad" } }));
    expect(err.status).toBe(400);
    expect(err.fields?.[0]?.field).toBe("pain_score_now");
    expect((await getVisit(users.staff, visit.id)).version).toBe(1);
  });

  it("submits a valid intake: evaluation, denormalised columns and audit in one go", async () => {
    const p = await newPatient();
    const visit = await startVisit(users.staff, p.id);
    const result = await submitVisit(users.staff, visit.id, { version: 1, answers: V17.intake });
    expect(result.status).toBe("SUBMITTED");
    expect(result.version).toBe(2);
    expect(result.evaluation.urgency).toBe(V17.expected.urgency);
    expect(result.evaluation.imaging.modality).toBe(V17.expected.imaging.modality);
    const row = await db().visit.findUnique({ where: { id: visit.id }, select: { urgency: true, imagingModality: true, redFlags: true, rulesetVersion: true, submittedById: true } });
    expect(row).toEqual({
      urgency: V17.expected.urgency,
      imagingModality: V17.expected.imaging.modality,
      redFlags: [...result.evaluation.red_flags],
      rulesetVersion: result.evaluation.ruleset_version,
      submittedById: users.staff.id,
    });
    expect(await auditCount(visit.id, "visit.submit")).toBe(1);
  });

  it("stores each step with its audit row: who, which patient, and only ids and what changed", async () => {
    const p = await newPatient();
    const before = new Date(Date.now() - 1000);
    const visit = await startVisit(users.staff, p.id);
    const saved = await saveDraft(users.staff, visit.id, { version: visit.version, answers: { pain_score_now: 6, onset_type: "sudden" } });
    const result = await submitVisit(users.staff, visit.id, { version: saved.version, answers: V17.intake });
    const row = await db().visit.findUniqueOrThrow({ where: { id: visit.id } });
    expect(row).toMatchObject({ status: "SUBMITTED", version: 3, createdById: users.staff.id, imagingRule: result.evaluation.imaging.rule });
    expect(row.evaluation).toEqual(JSON.parse(JSON.stringify(result.evaluation)));
    expect(row.submittedAt!.getTime()).toBeGreaterThan(before.getTime());
    expect(row.updatedAt.getTime()).toBe(row.submittedAt!.getTime());
    const events = await db().auditEvent.findMany({ where: { entityType: "Visit", entityId: visit.id }, orderBy: { id: "asc" } });
    expect(events.map((e) => ({ action: e.action, actorId: e.actorId, patientId: e.patientId, details: e.details }))).toEqual([
      { action: "visit.create", actorId: users.staff.id, patientId: p.id, details: {} },
      { action: "visit.draft_save", actorId: users.staff.id, patientId: p.id, details: { version: 2, answered: 2 } },
      {
        action: "visit.submit",
        actorId: users.staff.id,
        patientId: p.id,
        details: { version: 3, rulesetVersion: result.evaluation.ruleset_version },
      },
      // V17 is an emergency: the submit raised an alert, in the same statement, recorded after the submit.
      { action: "alert.raise", actorId: users.staff.id, patientId: p.id, details: { version: 3, alertId: expect.stringMatching(/^\d+$/) } },
    ]);
  });

  it("turns a double submit into one submission", async () => {
    const p = await newPatient();
    const visit = await startVisit(users.staff, p.id);
    const [a, b] = await Promise.all([
      submitVisit(users.staff, visit.id, { version: 1, answers: V01.intake }),
      submitVisit(users.staff, visit.id, { version: 1, answers: V01.intake }),
    ]);
    expect(a).toEqual(b);
    // A retry after a lost response gets the stored result, too.
    expect(await submitVisit(users.staff, visit.id, { version: 1 })).toEqual(a);
    expect(await auditCount(visit.id, "visit.submit")).toBe(1);
    expect((await db().visit.findUnique({ where: { id: visit.id }, select: { version: true } }))!.version).toBe(2);
  });

  it("refuses an invalid intake with 422 naming each field, and leaves the draft untouched", async () => {
    const p = await newPatient();
    const visit = await startVisit(users.staff, p.id);
    const bad = { ...V01.intake, pain_score_now: 11, not_a_field: true, onset_date: "2099-01-01" };
    const err = await rejection(submitVisit(users.staff, visit.id, { version: 1, answers: bad }));
    expect(err.status).toBe(422);
    const fields = err.fields!.map((f) => f.field);
    expect(fields).toEqual(expect.arrayContaining(["pain_score_now", "not_a_field", "onset_date"]));
    const row = await db().visit.findUnique({ where: { id: visit.id }, select: { status: true, version: true, evaluation: true } });
    expect(row).toEqual({ status: "DRAFT", version: 1, evaluation: null });
  });

  it("refuses changes after submission with 409", async () => {
    const p = await newPatient();
    const visit = await startVisit(users.staff, p.id);
    await submitVisit(users.staff, visit.id, { version: 1, answers: V01.intake });
    expect((await rejection(saveDraft(users.staff, visit.id, { version: 2, answers: {} }))).status).toBe(409);
    expect((await rejection(submitVisit(users.staff, visit.id, { version: 2, answers: V17.intake }))).status).toBe(409);
  });

  it("shows the patient's visits newest first with the pain score", async () => {
    const p = await newPatient();
    const first = await startVisit(users.staff, p.id);
    await submitVisit(users.staff, first.id, { version: 1, answers: V01.intake });
    const second = await startVisit(users.staff, p.id);
    const history = await getPatient(users.doctor, p.id);
    expect(history.visits.map((v) => v.id)).toEqual([second.id, first.id]);
    expect(history.visits[1]).toMatchObject({ status: "SUBMITTED", painScore: V01.intake.pain_score_now, urgency: "none" });
  });

  describe("blank safety answers (knowledge.md 0.4 item 1)", () => {
    const withoutSaddle = () => {
      const intake = { ...V01.intake };
      delete intake.saddle_anesthesia;
      return intake;
    };

    it("refuses a submit that leaves a red flag unexcluded without a reason: 400 naming blankReason, saying what to ask; nothing changes", async () => {
      const visit = await startVisit(users.staff, (await newPatient()).id);
      const err = await rejection(submitVisit(users.staff, visit.id, { version: 1, answers: withoutSaddle() }));
      expect(err.status).toBe(400);
      expect(err.fields).toEqual([
        { field: "blankReason", message: "is required when unanswered safety questions leave a red flag that cannot be excluded" },
      ]);
      expect(err.extra).toEqual({
        cannotExclude: [
          {
            rule: "RF-CES-01",
            concern: "cauda equina syndrome",
            emergency: true,
            questions: [{ id: "saddle_anesthesia", label: expect.stringContaining("saddle"), short: "numbness in the saddle area" }],
          },
        ],
      });
      const row = await db().visit.findUnique({ where: { id: visit.id }, select: { status: true, version: true, evaluation: true } });
      expect(row).toEqual({ status: "DRAFT", version: 1, evaluation: null });
      expect(await auditCount(visit.id, "visit.submit")).toBe(0);
    });

    it("submits with a coded reason: stored, audited (code only), shown with the visit, urgent and Ask now", async () => {
      const visit = await startVisit(users.staff, (await newPatient()).id);
      const reason = { code: "other" as const, text: "Patient too distressed to answer" };
      const result = await submitVisit(users.staff, visit.id, { version: 1, answers: withoutSaddle(), blankReason: reason });
      expect(result.evaluation).toMatchObject({ urgency: "urgent", data_flags: ["DATA-01", "DATA-02"], cannot_exclude_emergency: true });
      const row = await db().visit.findUniqueOrThrow({
        where: { id: visit.id },
        select: { blankReasonCode: true, blankReasonText: true, cannotExclude: true, askNow: true, urgency: true },
      });
      expect(row).toEqual({ blankReasonCode: "other", blankReasonText: reason.text, cannotExclude: ["RF-CES-01"], askNow: true, urgency: "urgent" });
      const audit = await db().auditEvent.findFirstOrThrow({ where: { entityId: visit.id, action: "visit.submit" }, select: { details: true } });
      expect(audit.details).toEqual({ version: 2, rulesetVersion: "1.2.0" });
      expect((await getVisitForReview(users.doctor, visit.id)).blankReason).toEqual(reason);
      // A retry of the same submission returns the stored result.
      expect(await submitVisit(users.staff, visit.id, { version: 1, answers: withoutSaddle(), blankReason: reason })).toEqual(result);
    });

    it("takes the reason through the locking path too (after a draft save the form's version moved on)", async () => {
      const visit = await startVisit(users.staff, (await newPatient()).id);
      const saved = await saveDraft(users.staff, visit.id, { version: 1, answers: withoutSaddle() });
      const err = await rejection(submitVisit(users.staff, visit.id, { version: saved.version }));
      expect(err.status).toBe(400);
      expect(err.fields?.[0]?.field).toBe("blankReason");
      const ok = await submitVisit(users.staff, visit.id, { version: saved.version, blankReason: { code: "declined", text: null } });
      expect(ok.evaluation.cannot_exclude).toEqual([{ rule: "RF-CES-01", fields: ["saddle_anesthesia"] }]);
    });

    it("accepts blanks DATA-02 does not need a reason for, and refuses a reason when nothing is blank", async () => {
      const visit = await startVisit(users.staff, (await newPatient()).id);
      const intake = { ...V01.intake };
      delete intake.pain_score_now;
      const result = await submitVisit(users.staff, visit.id, { version: 1, answers: intake });
      expect(result.evaluation).toMatchObject({ status: "provisional", missing: ["pain_score_now"], cannot_exclude: [] });
      const complete = await startVisit(users.staff, (await newPatient()).id);
      const err = await rejection(submitVisit(users.staff, complete.id, { version: 1, answers: V01.intake, blankReason: { code: "declined", text: null } }));
      expect(err.status).toBe(400);
      expect(err.fields).toEqual([{ field: "blankReason", message: "is only for a submission with blank required answers" }]);
      expect((await db().visit.findUniqueOrThrow({ where: { id: complete.id }, select: { status: true } })).status).toBe("DRAFT");
    });

    it("checks the reason's shape, naming the field", () => {
      const parse = (blankReason: unknown) => ZSubmitVisit.safeParse({ version: 1, blankReason });
      expect(parse({ code: "other" }).error?.issues.map((i) => ({ path: i.path, message: i.message }))).toEqual([
        { path: ["blankReason", "text"], message: 'Reason for the blank answers: explain the reason when it is "Other"' },
      ]);
      expect(parse({ code: "busy" }).error?.issues[0]?.message).toMatch(/^Reason for the blank answers: choose one of the reasons \(The patient is unable to answer; /);
      expect(parse({ code: "declined", extra: 1 }).success).toBe(false);
      expect(parse({ code: "other", text: "x".repeat(501) }).error?.issues[0]?.message).toBe("Reason for the blank answers: the explanation must be at most 500 characters");
      expect(parse({ code: "declined", text: "  " }).data?.blankReason).toEqual({ code: "declined", text: null });
      expect(parse({ code: "declined", text: null }).data?.blankReason).toEqual({ code: "declined", text: null });
    });
  });

  it("answers 404 for unknown patients and visits", async () => {
    const missing = "00000000-0000-4000-8000-000000000000";
    expect((await rejection(startVisit(users.staff, missing))).status).toBe(404);
    expect((await rejection(getVisit(users.staff, missing))).status).toBe(404);
    expect((await rejection(saveDraft(users.staff, missing, { version: 1, answers: {} }))).status).toBe(404);
    expect((await rejection(submitVisit(users.staff, missing, { version: 1 }))).status).toBe(404);
  });
});
