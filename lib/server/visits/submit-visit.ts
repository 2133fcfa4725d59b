import "server-only";
import { isDeepStrictEqual } from "node:util";
import { askNowLines, compactAnswers, evaluate, readStoredEvaluation, validateIntake, type Evaluation, type TIntake } from "@/lib/clinical";
import type { TCurrentUser } from "@/lib/auth/current-user";
import { db, pool } from "@/lib/db/client";
import { evaluationFields } from "@/lib/db/evaluation-columns";
import type { Prisma } from "@/lib/db/generated/client";
import { AppError } from "@/lib/contracts/errors";
import type { TBlankReason, TSubmitVisit } from "@/lib/contracts/visit";
import { AUDIT_INSERT, audit } from "../audit";
import { clinicToday } from "../clock";
import { assertCan } from "../guard";
import { alertReasonOf, raiseAlertIfNeeded } from "../safety/alerts";
import { EVENT_INSERT, recordEvent } from "../safety/events";
import { explainNoUpdate } from "./stale";
import { fieldLabels } from "@/lib/http/parse";

export interface TSubmitResult {
  version: number;
  status: "SUBMITTED";
  evaluation: Evaluation;
}

/**
 * Validate the intake with the same schema as the form, run the engine, and store answers,
 * evaluation, ruleset version, the queue's denormalised columns and an audit row in one
 * transaction, with its outbox event (and, for an emergency or an emergency rule that blank answers cannot
 * exclude, an alert a clinician must acknowledge). A repeat of the same submission (double click, retry after a timeout) returns
 * the stored result instead of failing or submitting twice. When a blank safety answer means a red flag
 * cannot be excluded (DATA-02), the submission needs a stated reason (`blankReason`): without it, a 400 that
 * names it and says what to ask.
 */
export async function submitVisit(user: TCurrentUser, id: string, input: TSubmitVisit): Promise<TSubmitResult> {
  assertCan(user, "intake:write");
  // The usual case (a valid intake, submitted once, on the version the form loaded) is one SQL statement.
  // Anything else (a retry, a conflict, missing or invalid answers, a missing reason) takes the locking path
  // below, which tells them apart.
  if (input.answers !== undefined) {
    const result = validateIntake(input.answers, { today: clinicToday() });
    if (result.ok) {
      const evaluation = evaluate(result.intake);
      if (blankReasonProblem(evaluation, input.blankReason) === null) {
        const submitted = await submitInOneStatement(user, id, input, result.intake, evaluation);
        if (submitted) return submitted;
      }
    }
  }
  return submitLocked(user, id, input);
}

/**
 * The reason rule (0.4 item 1): required when DATA-02 fires, accepted whenever required answers are blank
 * (DATA-01), refused when nothing is blank (it would tell the doctor something untrue).
 */
function blankReasonProblem(evaluation: Evaluation, reason: TBlankReason | undefined): AppError | null {
  if (evaluation.cannot_exclude.length > 0 && !reason) {
    const lines = askNowLines(evaluation.cannot_exclude);
    return new AppError(
      "bad_request",
      "Safety questions are unanswered, so a red flag cannot be excluded: ask them now, or give the reason they cannot be answered.",
      [{ field: "blankReason", message: "is required when unanswered safety questions leave a red flag that cannot be excluded" }],
      {
        cannotExclude: lines.map((l) => ({ rule: l.rule, concern: l.concern, emergency: l.emergency, questions: l.questions })),
      },
    );
  }
  if (reason && evaluation.missing.length === 0) {
    return new AppError("bad_request", "Every safety question is answered: there is no blank answer to explain.", [
      { field: "blankReason", message: "is only for a submission with blank required answers" },
    ]);
  }
  return null;
}

/**
 * The guarded update, the queue's columns, the audit row, the event and any alert as one statement (one
 * transaction, one round trip). Null when no DRAFT at that version matched: the caller then finds out why.
 */
async function submitInOneStatement(
  user: TCurrentUser,
  id: string,
  input: TSubmitVisit,
  intake: TIntake,
  evaluation: Evaluation,
): Promise<TSubmitResult | null> {
  const f = submittedFields(user, input, intake, evaluation);
  const { rows } = await pool().query<{ version: number }>({
    name: "backline.visit-submit",
    text: `WITH submitted AS (
       UPDATE visits
          SET status = 'SUBMITTED', answers = $3::jsonb, evaluation = $4::jsonb, ruleset_version = $5,
              urgency = $6::"Urgency", imaging_modality = $7::"ImagingModality", imaging_rule = $8,
              red_flags = $9::text[], cannot_exclude = $13::text[], ask_now = $14,
              blank_reason_code = $15::"BlankReason", blank_reason_text = $16,
              submitted_by_id = $10::uuid, submitted_at = $11::timestamptz,
              updated_at = $11::timestamptz, version = version + 1
        WHERE id = $1::uuid AND version = $2 AND status = 'DRAFT'
       RETURNING id, version, patient_id, ruleset_version, urgency
     ), alert AS (
       INSERT INTO alerts (visit_id, visit_version, reason, urgency, raised_by_id)
       SELECT id, version, $17::text::"AlertReason", urgency, $10::uuid FROM submitted WHERE $17::text IS NOT NULL
       RETURNING id, visit_id, urgency
     ), audit AS (
       -- One INSERT for both rows (sibling CTEs run in no set order): visit.submit, then alert.raise, as the
       -- locking path writes them, so the trail reads in order.
       ${AUDIT_INSERT}
       SELECT $10::uuid, 'visit.submit', 'Visit', id::text, patient_id, $12::jsonb || jsonb_build_object('version', version)
         FROM submitted
       UNION ALL
       SELECT $10::uuid, 'alert.raise', 'Visit', a.visit_id::text, s.patient_id, jsonb_build_object('alertId', a.id::text, 'version', s.version)
         FROM alert a CROSS JOIN submitted s
     ), event AS (
       ${EVENT_INSERT}
       SELECT 'visit.submitted', id, urgency, $10::uuid, NULL::bigint FROM submitted
       UNION ALL
       SELECT 'alert.raised', visit_id, urgency, $10::uuid, id FROM alert
     )
     SELECT version FROM submitted`,
    values: [
      id,
      input.version,
      JSON.stringify(f.answers),
      JSON.stringify(f.evaluation),
      f.rulesetVersion,
      f.urgency,
      f.imagingModality,
      f.imagingRule,
      f.redFlags,
      f.submittedById,
      f.submittedAt,
      JSON.stringify(submitAuditDetails(evaluation)),
      f.cannotExclude,
      f.askNow,
      f.blankReasonCode,
      f.blankReasonText,
      alertReasonOf(evaluation),
    ],
  });
  const row = rows[0];
  return row ? { version: row.version, status: "SUBMITTED", evaluation } : null;
}

/**
 * What a submission writes into the visit row besides its status and version, for both paths: the compacted
 * answers, the evaluation, the queue's denormalised columns, the blank-answer reason, who submitted and when. In
 * Prisma's field names; the one-statement path passes the same values as its parameters.
 */
function submittedFields(user: TCurrentUser, input: TSubmitVisit, intake: TIntake, evaluation: Evaluation) {
  return {
    answers: compactAnswers(intake) as Prisma.InputJsonObject,
    evaluation: evaluation as unknown as Prisma.InputJsonObject,
    ...evaluationFields(evaluation),
    blankReasonCode: input.blankReason?.code ?? null,
    blankReasonText: input.blankReason?.text ?? null,
    submittedById: user.id,
    submittedAt: new Date(),
  };
}

/**
 * The submit audit row's details, for both paths (each adds the visit's new version: the statement from the
 * updated row, the locked path from the update). Ids and codes, never answers or text: the ruleset the result came
 * from; the result itself (urgency, blank answers and why) is the visit's own record.
 */
function submitAuditDetails(evaluation: Evaluation): Record<string, string> {
  return { rulesetVersion: evaluation.ruleset_version };
}

/** Lock the row and decide: the stored result for a retry, 404/409/422/400 with reasons, or the submission. */
async function submitLocked(user: TCurrentUser, id: string, input: TSubmitVisit): Promise<TSubmitResult> {
  const database = db();
  return database.$transaction(async (tx) => {
    // Lock the row: concurrent submits of one visit queue here instead of racing.
    const rows = await tx.$queryRaw<{ status: string; version: number; answers: unknown; evaluation: unknown; patient_id: string }[]>`
      SELECT status::text AS status, version, answers, evaluation, patient_id::text AS patient_id
        FROM visits WHERE id = ${id}::uuid FOR UPDATE`;
    const visit = rows[0];
    if (!visit) throw new AppError("not_found", "Visit not found.");

    if (visit.status === "SUBMITTED" && visit.version === input.version + 1 && visit.evaluation && isSameSubmission(input.answers, visit.answers)) {
      return { version: visit.version, status: "SUBMITTED" as const, evaluation: readStoredEvaluation(visit.evaluation) as Evaluation };
    }
    if (visit.status !== "DRAFT" || visit.version !== input.version) {
      throw await explainNoUpdate(tx, id, { version: input.version, status: "DRAFT" });
    }

    const result = validateIntake(input.answers ?? visit.answers, { today: clinicToday() });
    if (!result.ok) {
      throw new AppError(
        "unprocessable",
        `The intake cannot be submitted: check ${fieldLabels(result.errors)}.`,
        result.errors,
      );
    }
    const evaluation = evaluate(result.intake);
    const problem = blankReasonProblem(evaluation, input.blankReason);
    if (problem) throw problem;
    const updated = await tx.visit.update({
      where: { id },
      data: { status: "SUBMITTED", ...submittedFields(user, input, result.intake, evaluation), version: { increment: 1 } },
      select: { version: true },
    });
    await audit(tx, {
      actorId: user.id,
      action: "visit.submit",
      entityType: "Visit",
      entityId: id,
      patientId: visit.patient_id,
      details: { ...submitAuditDetails(evaluation), version: updated.version },
    });
    await recordEvent(tx, { kind: "visit.submitted", visitId: id, urgency: evaluation.urgency, ownerId: user.id });
    await raiseAlertIfNeeded(tx, {
      visitId: id,
      visitVersion: updated.version,
      patientId: visit.patient_id,
      evaluation,
      raisedById: user.id,
      ownerId: user.id,
    });
    return { version: updated.version, status: "SUBMITTED" as const, evaluation };
  });
}

/** A retry carries no answers, or the same answers that were stored. */
function isSameSubmission(answers: unknown, stored: unknown): boolean {
  if (answers === undefined) return true;
  const result = validateIntake(answers, { today: clinicToday() });
  return result.ok && isDeepStrictEqual(compactAnswers(result.intake), stored);
}
