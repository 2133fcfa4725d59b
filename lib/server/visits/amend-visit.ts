import "server-only";
import type { TCurrentUser } from "@/lib/auth/current-user";
import { compactAnswers, evaluate, isFieldId, readStoredEvaluation, validateIntake, type Evaluation } from "@/lib/clinical";
import type { Tier } from "@/lib/clinical/types";
import { db } from "@/lib/db/client";
import { evaluationColumns, evaluationFields } from "@/lib/db/evaluation-columns";
import type { Prisma } from "@/lib/db/generated/client";
import { AppError, type TFieldError } from "@/lib/contracts/errors";
import type { TAmend } from "@/lib/contracts/visit";
import { audit } from "../audit";
import { clinicToday } from "../clock";
import { assertCan } from "../guard";
import { raiseAlertIfNeeded } from "../safety/alerts";
import { recordEvent } from "../safety/events";
import { explainNoUpdate } from "./stale";
import { fieldLabels } from "@/lib/http/parse";

export interface TAmendResult {
  version: number;
  status: "SUBMITTED";
  evaluation: Evaluation;
  /** the fields this amendment answered */
  fields: string[];
  /** a decision on the previous suggestion was cleared because the suggestion changed */
  decisionCleared: boolean;
  /** an alert was raised: an emergency, an emergency rule still not excluded, or a tier that rose */
  alertRaised: boolean;
}

/**
 * "Complete missing answers" on a submitted visit: only questions that are blank now. The visit gets a new
 * version with the merged answers, re-evaluated; the amendment keeps the previous answers and evaluation and
 * records who answered what, and when. Audited, with an event, and an alert when the result needs one (a rise
 * in tier included). A signed visit is never amended (answers learned after signing go in an addendum).
 */
export async function amendVisit(user: TCurrentUser, id: string, input: TAmend): Promise<TAmendResult> {
  assertCan(user, "intake:write");
  return db().$transaction(async (tx) => {
    const rows = await tx.$queryRaw<{
      status: string; version: number; answers: Record<string, unknown>; evaluation: unknown; patient_id: string;
      submitted_by_id: string | null; urgency: Tier | null; imaging_modality: string | null; decision: string | null;
    }[]>`
      SELECT status::text AS status, version, answers, evaluation, patient_id::text AS patient_id,
             submitted_by_id::text AS submitted_by_id, urgency::text AS urgency, imaging_modality::text AS imaging_modality,
             decision::text AS decision
        FROM visits WHERE id = ${id}::uuid FOR UPDATE`;
    const visit = rows[0];
    if (!visit) throw new AppError("not_found", "Visit not found.");
    if (visit.status === "SIGNED") {
      throw new AppError("conflict", "This visit is signed, and a signed visit is never amended: add what you learned as an addendum.", undefined, {
        current: { version: visit.version, status: visit.status },
      });
    }
    if (visit.status !== "SUBMITTED") {
      throw new AppError("conflict", "This visit has not been submitted yet: complete it in the intake form.", undefined, {
        current: { version: visit.version, status: visit.status },
      });
    }
    if (visit.version !== input.version) throw await explainNoUpdate(tx, id, { version: input.version, status: "SUBMITTED" });

    const stored = visit.answers ?? {};
    const fields = Object.keys(input.answers);
    const refused: TFieldError[] = [];
    for (const field of fields) {
      if (!isFieldId(field)) refused.push({ field: `answers.${field}`, message: "This is not a question of the intake" });
      else if (stored[field] !== undefined && stored[field] !== null) {
        refused.push({ field: `answers.${field}`, message: "is already answered: only blank answers are completed here" });
      } else if (input.answers[field] === null || input.answers[field] === undefined || input.answers[field] === "") {
        refused.push({ field: `answers.${field}`, message: "must be an answer (leave the question out to keep it blank)" });
      }
    }
    if (refused.length > 0) throw new AppError("validation_failed", `These answers cannot be recorded: ${fieldLabels(refused)}.`, refused);

    const result = validateIntake({ ...stored, ...input.answers }, { today: clinicToday() });
    if (!result.ok) {
      throw new AppError("unprocessable", `The answers cannot be recorded: check ${fieldLabels(result.errors)}.`, result.errors);
    }
    const evaluation = evaluate(result.intake);
    const cols = evaluationColumns(evaluation);
    const decisionCleared = visit.decision !== null && visit.imaging_modality !== cols.imaging_modality;
    const answers = compactAnswers(result.intake);
    const stillBlank = evaluation.missing.length > 0;
    const updated = await tx.visit.update({
      where: { id },
      data: {
        answers: answers as Prisma.InputJsonObject,
        evaluation: evaluation as unknown as Prisma.InputJsonObject,
        ...evaluationFields(evaluation),
        // The reason for blank answers holds only while some are still blank (the amendment keeps the history).
        ...(stillBlank ? {} : { blankReasonCode: null, blankReasonText: null }),
        ...(decisionCleared
          ? { decision: null, decisionModality: null, decisionReasonCode: null, decisionReasonText: null, decidedById: null, decidedAt: null }
          : {}),
        version: { increment: 1 },
      },
      select: { version: true },
    });
    await tx.visitAmendment.create({
      data: {
        visitId: id,
        version: updated.version,
        amendedById: user.id,
        changes: fields.map((field) => ({ field, from: null, to: answers[field] ?? null })) as Prisma.InputJsonArray,
        previousAnswers: stored as Prisma.InputJsonObject,
        previousEvaluation: (readStoredEvaluation(visit.evaluation) ?? {}) as unknown as Prisma.InputJsonObject,
        fromUrgency: visit.urgency,
        toUrgency: evaluation.urgency,
      },
    });
    await audit(tx, {
      actorId: user.id,
      action: "visit.amend",
      entityType: "Visit",
      entityId: id,
      patientId: visit.patient_id,
      // Which questions were answered, never the answers.
      // Which questions were answered, and what they were, is the amendment's own record (visit_amendments).
      details: { version: updated.version, rulesetVersion: evaluation.ruleset_version },
    });
    await recordEvent(tx, { kind: "visit.amended", visitId: id, urgency: evaluation.urgency, ownerId: visit.submitted_by_id });
    const alert = await raiseAlertIfNeeded(tx, {
      visitId: id,
      visitVersion: updated.version,
      patientId: visit.patient_id,
      evaluation,
      previousUrgency: visit.urgency,
      raisedById: user.id,
      ownerId: visit.submitted_by_id,
    });
    return { version: updated.version, status: "SUBMITTED" as const, evaluation, fields, decisionCleared, alertRaised: alert !== null };
  });
}
