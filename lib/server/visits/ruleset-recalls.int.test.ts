// The Ruleset change review list: its views, the review of an entry (once, audited), and who may do what.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { rejection } from "@/lib/testing/rejection";
import { demoUsers, uniqueMrn } from "@/lib/testing/users";
import { listRulesetRecalls, reviewRulesetRecall } from "./ruleset-recalls";

let users: Awaited<ReturnType<typeof demoUsers>>;
const tag = `RC${Date.now().toString(36).toUpperCase()}`;
let flagged: { recall: bigint; visit: string; patient: string };
let questionsOnly: { recall: bigint; visit: string };

async function signedWithRecall(gained: string[], currentUrgency: "emergency" | "urgent") {
  const patient = await db().patient.create({
    data: { mrn: uniqueMrn(), givenName: "Recall", familyName: tag, birthDate: new Date("1960-01-01T00:00:00Z"), sex: "female" },
    select: { id: true },
  });
  const visit = await db().visit.create({
    data: {
      patientId: patient.id, status: "SIGNED", answers: {}, evaluation: { ruleset_version: "1.1.0+0123456789ab", urgency: "none" },
      rulesetVersion: "1.1.0+0123456789ab", urgency: "none", imagingModality: "none", version: 4, createdById: users.staff.id,
      submittedById: users.staff.id, submittedAt: new Date(), signedById: users.doctor.id, signedAt: new Date(),
    },
    select: { id: true },
  });
  const recall = await db().rulesetRecall.create({
    data: {
      visitId: visit.id, signedRuleset: "1.1.0+0123456789ab", currentRuleset: `1.2.0+${tag.toLowerCase()}`, signedUrgency: "none",
      currentUrgency, gained, redFlagGained: gained.some((g) => g.startsWith("RF-")),
    },
    select: { id: true },
  });
  return { recall: recall.id, visit: visit.id, patient: patient.id };
}

beforeAll(async () => {
  users = await demoUsers();
  flagged = await signedWithRecall(["RF-BLEED-01", "DATA-02"], "emergency");
  questionsOnly = await signedWithRecall(["DATA-01", "DATA-02"], "urgent");
});

describe("Ruleset change review", () => {
  it("lists a red-flag rise and a questions-only rise in their own views, audited with the visits shown", async () => {
    const flags = await listRulesetRecalls(users.doctor, "flags");
    expect(flags.rows.map((r) => r.visitId)).toContain(flagged.visit);
    expect(flags.rows.map((r) => r.visitId)).not.toContain(questionsOnly.visit);
    const row = flags.rows.find((r) => r.visitId === flagged.visit)!;
    expect(row).toMatchObject({ signedUrgency: "none", currentUrgency: "emergency", gained: ["RF-BLEED-01", "DATA-02"], reviewed: null });
    const questions = await listRulesetRecalls(users.doctor, "questions");
    expect(questions.rows.map((r) => r.visitId)).toContain(questionsOnly.visit);
    expect(questions.counts.flags).toBeGreaterThanOrEqual(1);
    const audit = await db().auditEvent.findFirstOrThrow({ where: { action: "ruleset_recall.list", actorId: users.doctor.id }, orderBy: { id: "desc" } });
    expect(audit.details).toMatchObject({ view: "questions" });
    expect((audit.details as { visitIds: string[] }).visitIds).toContain(questionsOnly.visit);
  });

  it("marks an entry reviewed once, with its note, audited against the patient; the signed visit is untouched", async () => {
    const result = await reviewRulesetRecall(users.doctor, flagged.recall, { note: "Phoned; seen in ED" });
    expect(result.id).toBe(flagged.recall.toString());
    const stored = await db().rulesetRecall.findUniqueOrThrow({ where: { id: flagged.recall }, select: { reviewedById: true, reviewNote: true, reviewedAt: true } });
    expect(stored).toMatchObject({ reviewedById: users.doctor.id, reviewNote: "Phoned; seen in ED" });
    const audit = await db().auditEvent.findFirstOrThrow({ where: { action: "ruleset_recall.review", entityId: flagged.visit } });
    expect(audit).toMatchObject({ actorId: users.doctor.id, patientId: flagged.patient, details: { recallId: flagged.recall.toString() } });
    expect((await rejection(reviewRulesetRecall(users.doctor, flagged.recall, {}))).status).toBe(409);
    const visit = await db().visit.findUniqueOrThrow({ where: { id: flagged.visit }, select: { version: true, status: true } });
    expect(visit).toEqual({ version: 4, status: "SIGNED" });
    const reviewed = await listRulesetRecalls(users.doctor, "reviewed");
    expect(reviewed.rows.find((r) => r.visitId === flagged.visit)?.reviewed).toMatchObject({ by: "Dr Dana Doctor", note: "Phoned; seen in ED" });
  });

  it("answers 404 for an unknown entry, and refuses staff and admins", async () => {
    expect((await rejection(reviewRulesetRecall(users.doctor, 999_999_999n, {}))).status).toBe(404);
    expect((await rejection(reviewRulesetRecall(users.staff, questionsOnly.recall, {}))).status).toBe(403);
    expect((await rejection(listRulesetRecalls(users.admin))).status).toBe(403);
    expect((await db().rulesetRecall.findUniqueOrThrow({ where: { id: questionsOnly.recall } })).reviewedAt).toBeNull();
  });
});
