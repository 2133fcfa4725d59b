import "server-only";
import { isDeepStrictEqual } from "node:util";
import { compactAnswers, evaluate, validateIntake, type Evaluation } from "@/lib/clinical";
import type { TCurrentUser } from "@/lib/auth/current-user";
import { db } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import { AppError } from "@/lib/http/errors";
import { audit } from "../audit";
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
  const database = db();
  return database.$transaction(async (tx) => {
    // Lock the row: concurrent submits of one visit queue here instead of racing.
    const rows = await tx.$queryRaw<{ status: string; version: number; answers: unknown; evaluation: unknown; patient_id: string }[]>`
      SELECT status::text AS status, version, answers, evaluation, patient_id::text AS patient_id
        FROM visits WHERE id = ${id}::uuid FOR UPDATE`;
    const visit = rows[0];
    if (!visit) throw new AppError("not_found", "Visit not found.");

    if (visit.status === "SUBMITTED" && visit.version === input.version + 1 && visit.evaluation && isSameSubmission(input.answers, visit.answers)) {
      return { version: visit.version, status: "SUBMITTED" as const, evaluation: visit.evaluation as Evaluation };
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
