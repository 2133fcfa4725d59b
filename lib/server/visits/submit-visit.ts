import "server-only";
import { isDeepStrictEqual } from "node:util";
import { compactAnswers, evaluate, readStoredEvaluation, validateIntake, type Evaluation, type TIntake } from "@/lib/clinical";
import type { TCurrentUser } from "@/lib/auth/current-user";
import { db, pool } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import { AppError } from "@/lib/http/errors";
import { AUDIT_INSERT, audit } from "../audit";
import { clinicToday } from "../clock";
import { assertCan } from "../guard";
import { explainNoUpdate } from "./stale";

export interface TSubmitResult {
  version: number;
  status: "SUBMITTED";
  evaluation: Evaluation;
}

/**
 * Validate the intake with the same schema as the form, run the engine, and store answers,
 * evaluation, ruleset version, the queue's denormalised columns and an audit row in one
 * transaction. A repeat of the same submission (double click, retry after a timeout) returns
 * the stored result instead of failing or submitting twice.
 */
export async function submitVisit(
  user: TCurrentUser,
  id: string,
  input: { version: number; answers?: unknown },
): Promise<TSubmitResult> {
  assertCan(user, "intake:write");
  // The usual case (a valid intake, submitted once, on the version the form loaded) is one SQL statement.
  // Anything else (a retry, a conflict, missing or invalid answers) takes the locking path below, which
  // tells them apart.
  if (input.answers !== undefined) {
    const result = validateIntake(input.answers, { today: clinicToday() });
    if (result.ok) {
      const submitted = await submitInOneStatement(user, id, input.version, result.intake);
      if (submitted) return submitted;
    }
  }
  return submitLocked(user, id, input);
}

/**
 * The guarded update, the queue's columns and the audit row as one statement (one transaction, one round
 * trip). Null when no DRAFT at that version matched: the caller then finds out why.
 */
async function submitInOneStatement(user: TCurrentUser, id: string, version: number, intake: TIntake): Promise<TSubmitResult | null> {
  const evaluation = evaluate(intake);
  const now = new Date();
  const { rows } = await pool().query<{ version: number }>({
    name: "backline.visit-submit",
    text: `WITH submitted AS (
       UPDATE visits
          SET status = 'SUBMITTED', answers = $3::jsonb, evaluation = $4::jsonb, ruleset_version = $5,
              urgency = $6::"Urgency", imaging_modality = $7::"ImagingModality", imaging_rule = $8,
              red_flags = $9::text[], submitted_by_id = $10::uuid, submitted_at = $11::timestamptz,
              updated_at = $11::timestamptz, version = version + 1
        WHERE id = $1::uuid AND version = $2 AND status = 'DRAFT'
       RETURNING id, version, patient_id, ruleset_version, urgency
     ), audit AS (
       ${AUDIT_INSERT}
       SELECT $10::uuid, 'visit.submit', 'Visit', id::text, patient_id,
              jsonb_build_object('version', version, 'rulesetVersion', ruleset_version, 'urgency', urgency::text, 'status', $12::text)
         FROM submitted
     )
     SELECT version FROM submitted`,
    values: [
      id,
      version,
      JSON.stringify(compactAnswers(intake)),
      JSON.stringify(evaluation),
      evaluation.ruleset_version,
      evaluation.urgency,
      evaluation.imaging.modality,
      evaluation.imaging.rule,
      [...evaluation.red_flags],
      user.id,
      now,
      evaluation.status,
    ],
  });
  const row = rows[0];
  return row ? { version: row.version, status: "SUBMITTED", evaluation } : null;
}

/** Lock the row and decide: the stored result for a retry, 404/409/422 with reasons, or the submission. */
async function submitLocked(user: TCurrentUser, id: string, input: { version: number; answers?: unknown }): Promise<TSubmitResult> {
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
        `The intake cannot be submitted: ${result.errors.map((e) => e.field).join(", ")}.`,
        result.errors,
      );
    }
    const evaluation = evaluate(result.intake);
    const answers = compactAnswers(result.intake);
    const updated = await tx.visit.update({
      where: { id },
      data: {
        status: "SUBMITTED",
        answers: answers as Prisma.InputJsonObject,
        evaluation: evaluation as unknown as Prisma.InputJsonObject,
        rulesetVersion: evaluation.ruleset_version,
        urgency: evaluation.urgency,
        imagingModality: evaluation.imaging.modality,
        imagingRule: evaluation.imaging.rule,
        redFlags: [...evaluation.red_flags],
        submittedById: user.id,
        submittedAt: new Date(),
        version: { increment: 1 },
      },
      select: { version: true },
    });
    await audit(tx, {
      actorId: user.id,
      action: "visit.submit",
      entityType: "Visit",
      entityId: id,
      patientId: visit.patient_id,
      details: {
        version: updated.version,
        rulesetVersion: evaluation.ruleset_version,
        urgency: evaluation.urgency,
        status: evaluation.status,
      },
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
