// Patient self-intake links (issue 19) against a real PostgreSQL: only digests are stored; a link opens one visit
// after the birth date, 5 wrong dates lock it; revoked, expired, used or submitted links stop working; the patient
// cannot set staff-only answers; an emergency answer raises the visit's alert at once; every use is audited.
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { demoUsers } from "@/lib/testing/users";
import { rejection } from "@/lib/testing/rejection";
import { createPatient } from "../patients/create-patient";
import { startVisit } from "../visits/start-visit";
import { submitVisit } from "../visits/submit-visit";
import { createSelfIntakeLink, MAX_BIRTH_DATE_TRIES, revokeSelfIntakeLink } from "./links";
import { confirmBirthDate, readPatientVisit, savePatientAnswers, workingLink } from "./patient";

let users: Awaited<ReturnType<typeof demoUsers>>;
beforeAll(async () => {
  users = await demoUsers();
});

const vignettes = JSON.parse(readFileSync("lib/clinical/test-support/vignettes.dev.json", "utf8")) as { vignettes: { id: string; intake: Record<string, unknown> }[] };
const V01 = vignettes.vignettes.find((v) => v.id === "LBP-V01")!.intake;
let n = 0;
const BIRTH = "1968-04-21";
const sha = (s: string) => createHash("sha256").update(s).digest("hex");
const tokenOf = (url: string) => new URL(url).pathname.split("/").at(-1)!;

async function draftWithLink() {
  const mrn = `SI-${Date.now().toString(36).toUpperCase()}-${++n}`;
  const patient = await createPatient(users.staff, { mrn, givenName: "Sofía", familyName: `Self${mrn.slice(3)}`, birthDate: BIRTH, sex: "female", confirmDistinct: true });
  const visit = await startVisit(users.staff, patient.id);
  const link = await createSelfIntakeLink(users.staff, visit.id, "http://localhost:3000/api/v1/visits/x/self-intake-link");
  return { visitId: visit.id, patientId: patient.id, link, token: tokenOf(link.url) };
}

describe("self-intake links", () => {
  it("carries a 256-bit token and nothing else, stored only as its SHA-256, with a 72-hour expiry; the link is audited", async () => {
    const before = Date.now();
    const { visitId, link, token } = await draftWithLink();
    expect(link.url).toMatch(/^http:\/\/localhost:3000\/self-intake\/[A-Za-z0-9_-]{43}$/);
    const rows = await db().selfIntakeLink.findMany({ where: { visitId } });
    expect(rows).toHaveLength(1);
    expect(rows[0]!.tokenHash).toBe(sha(token));
    expect(JSON.stringify(rows, (_k, v: unknown) => (typeof v === "bigint" ? v.toString() : v))).not.toContain(token);
    expect((new Date(link.expiresAt).getTime() - before) / 3600_000).toBeCloseTo(72, 1);
    const audits = await db().auditEvent.findMany({ where: { entityId: visitId, action: "self_intake.link_create" } });
    expect(audits).toHaveLength(1);
    expect(JSON.stringify(audits, (_k, v: unknown) => (typeof v === "bigint" ? v.toString() : v))).not.toContain(token);
  });

  it("opens after the right birth date; 5 wrong dates lock it, and a locked link is gone even with the right date", async () => {
    const { token, visitId } = await draftWithLink();
    for (let i = 1; i < MAX_BIRTH_DATE_TRIES; i++) {
      const e = await rejection(confirmBirthDate(token, "1968-04-22", "es"));
      expect(e.status).toBe(400);
      expect(e.fields).toEqual([{ field: "birthDate", message: "does not match our records" }]);
      expect(e.message).toContain(`${MAX_BIRTH_DATE_TRIES - i} ${MAX_BIRTH_DATE_TRIES - i === 1 ? "try" : "tries"} left`);
    }
    expect((await rejection(confirmBirthDate(token, "1968-04-22", "es"))).status).toBe(404);
    expect((await rejection(confirmBirthDate(token, BIRTH, "es"))).status).toBe(404);
    expect(await workingLink(token)).toBeNull();
    expect(await db().auditEvent.count({ where: { entityId: visitId, action: "self_intake.lock" } })).toBe(1);
    expect(await db().auditEvent.count({ where: { entityId: visitId, action: "self_intake.birth_date_wrong" } })).toBe(MAX_BIRTH_DATE_TRIES - 1);
  });

  it("a device session opens only its own visit's patient questions, and only the newest session works", async () => {
    const a = await draftWithLink();
    const b = await draftWithLink();
    const first = await confirmBirthDate(a.token, BIRTH, "es");
    const opened = await readPatientVisit(first.session);
    expect(opened).toMatchObject({ version: 1, language: "es" });
    expect(Object.keys(opened.answers)).not.toContain("visit_date");
    expect((await db().selfIntakeLink.findFirst({ where: { visitId: a.visitId } }))!.sessionHash).toBe(sha(first.session));
    // b's session does not reach a's visit, and an unknown session reaches nothing.
    const other = await confirmBirthDate(b.token, BIRTH, "en");
    await savePatientAnswers(other.session, { version: 1, answers: { pain_score_now: 4 } });
    expect((await db().visit.findUnique({ where: { id: b.visitId }, select: { answers: true } }))!.answers).toHaveProperty("pain_score_now", 4);
    expect((await db().visit.findUnique({ where: { id: a.visitId }, select: { answers: true } }))!.answers).not.toHaveProperty("pain_score_now");
    expect((await rejection(readPatientVisit("not-a-session"))).status).toBe(404);
    expect((await rejection(readPatientVisit(undefined))).status).toBe(404);
    // A second device confirming the date replaces the first device's session.
    const second = await confirmBirthDate(a.token, BIRTH, "es");
    expect((await rejection(readPatientVisit(first.session))).status).toBe(404);
    expect((await readPatientVisit(second.session)).version).toBe(1);
  });

  it("keeps staff-only answers out of the patient's reach, refuses wrong forms by field, and checks the version", async () => {
    const { token, visitId } = await draftWithLink();
    const before = (await db().visit.findUnique({ where: { id: visitId }, select: { answers: true } }))!.answers as Record<string, unknown>;
    const { session } = await confirmBirthDate(token, BIRTH, "en");
    // Staff-only questions are refused by name, and nothing is saved.
    const staffOnly = await rejection(savePatientAnswers(session, { version: 1, answers: { age_years: 57, trauma_energy: "major", visit_date: "2001-01-01" } }));
    expect(staffOnly.status).toBe(400);
    expect(staffOnly.fields?.map((f) => f.field).sort()).toEqual(["trauma_energy", "visit_date"]);
    expect((await db().visit.findUnique({ where: { id: visitId }, select: { answers: true } }))!.answers).toEqual(before);
    const saved = await savePatientAnswers(session, { version: 1, answers: { age_years: 57 } });
    const after = (await db().visit.findUnique({ where: { id: visitId }, select: { answers: true } }))!.answers as Record<string, unknown>;
    expect(after.age_years).toBe(57);
    expect(after.trauma_energy).toBeUndefined();
    expect(after.visit_date).toBe(before.visit_date);
    const bad = await rejection(savePatientAnswers(session, { version: saved.version, answers: { age_years: "old" } }));
    expect(bad.status).toBe(400);
    expect(bad.fields?.map((f) => f.field)).toEqual(["age_years"]);
    expect((await rejection(savePatientAnswers(session, { version: 1, answers: {} }))).status).toBe(409);
    expect((await db().visit.findUnique({ where: { id: visitId }, select: { version: true } }))!.version).toBe(saved.version);
  });

  it("an answer that alone fires an emergency rule tells the patient and raises the visit's alert at once, for the link's maker", async () => {
    const { token, visitId } = await draftWithLink();
    const { session } = await confirmBirthDate(token, BIRTH, "es");
    const calm = await savePatientAnswers(session, { version: 1, answers: { age_years: 44 } });
    expect(calm.tellDeskNow).toBe(false);
    expect(await db().alert.count({ where: { visitId } })).toBe(0);
    const urgent = await savePatientAnswers(session, { version: calm.version, answers: { age_years: 44, saddle_anesthesia: true } });
    expect(urgent.tellDeskNow).toBe(true);
    const alerts = await db().alert.findMany({ where: { visitId } });
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ reason: "emergency", urgency: "emergency", raisedById: users.staff.id });
    expect(await db().visitEvent.count({ where: { visitId, kind: "alert.raised", ownerId: users.staff.id } })).toBe(1);
  });

  it("finishing marks the visit patient-reported with the patient's answers kept, tells the link's maker, and uses the link up", async () => {
    const { token, visitId } = await draftWithLink();
    const { session } = await confirmBirthDate(token, BIRTH, "es");
    expect(await db().visitEvent.count({ where: { visitId, kind: "self_intake.finished" } })).toBe(0);
    await savePatientAnswers(session, { version: 1, answers: { age_years: 61, cancer_details: "", pain_location: [] }, language: "es", finish: true });
    const visit = await db().visit.findUnique({ where: { id: visitId }, select: { patientReportedAt: true, patientAnswers: true, patientLanguage: true, status: true } });
    // Kept as given, blanks left out (as a submitted visit stores its answers).
    expect(visit).toMatchObject({ status: "DRAFT", patientAnswers: { age_years: 61 }, patientLanguage: "es" });
    expect(Object.keys(visit!.patientAnswers as object)).toEqual(["age_years"]);
    const events = await db().visitEvent.findMany({ where: { visitId, kind: "self_intake.finished" } });
    expect(events.map((e) => [e.ownerId, e.urgency])).toEqual([[users.staff.id, null]]);
    expect(visit!.patientReportedAt).toBeInstanceOf(Date);
    expect(await workingLink(token)).toBeNull();
    expect((await rejection(readPatientVisit(session))).status).toBe(404);
    expect((await rejection(confirmBirthDate(token, BIRTH, "es"))).status).toBe(404);
  });

  it("revoked, expired and submitted: the link stops working; a new link replaces the old one; revoking twice is a 404", async () => {
    const revoked = await draftWithLink();
    expect(await revokeSelfIntakeLink(users.staff, revoked.visitId)).toEqual({ revoked: 1 });
    expect(await workingLink(revoked.token)).toBeNull();
    expect((await rejection(revokeSelfIntakeLink(users.staff, revoked.visitId))).status).toBe(404);

    const expired = await draftWithLink();
    await db().selfIntakeLink.updateMany({ where: { visitId: expired.visitId }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect((await rejection(confirmBirthDate(expired.token, BIRTH, "en"))).status).toBe(404);

    const replaced = await draftWithLink();
    const newer = await createSelfIntakeLink(users.staff, replaced.visitId, "http://localhost:3000/");
    expect(await workingLink(replaced.token)).toBeNull();
    expect(await workingLink(tokenOf(newer.url))).not.toBeNull();

    const submitted = await draftWithLink();
    const { session } = await confirmBirthDate(submitted.token, BIRTH, "en");
    const version = (await db().visit.findUnique({ where: { id: submitted.visitId }, select: { version: true } }))!.version;
    await submitVisit(users.staff, submitted.visitId, { version, answers: V01 } as never);
    expect((await rejection(readPatientVisit(session))).status).toBe(404);
    expect((await rejection(createSelfIntakeLink(users.staff, submitted.visitId, "http://localhost:3000/"))).status).toBe(409);
  });

  it("only staff and clinicians make or revoke links", async () => {
    const { visitId } = await draftWithLink();
    expect((await rejection(createSelfIntakeLink(users.admin, visitId, "http://localhost:3000/"))).status).toBe(403);
    expect((await rejection(revokeSelfIntakeLink(users.admin, visitId))).status).toBe(403);
  });
});
