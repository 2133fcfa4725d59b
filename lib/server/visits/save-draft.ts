import "server-only";
import { makeDraftSchema } from "@/lib/clinical";
import type { TCurrentUser } from "@/lib/auth/current-user";
import { db } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import { AppError } from "@/lib/http/errors";
import { zodFieldErrors } from "@/lib/http/parse";
import { audit } from "../audit";
import { assertCan } from "../guard";
import { explainNoUpdate } from "./stale";

const draftSchema = makeDraftSchema();

/** Replace a draft's answers (partial and unfinished answers allowed), guarded by its version. */
export async function saveDraft(
  user: TCurrentUser,
  id: string,
  input: { version: number; answers: unknown },
): Promise<{ version: number; updatedAt: string }> {
  assertCan(user, "intake:write");
  const parsed = draftSchema.safeParse(input.answers);
  if (!parsed.success) {
    const fields = zodFieldErrors(parsed.error.issues);
    throw new AppError("validation_failed", `Some answers have the wrong form: ${fields.map((f) => f.field).join(", ")}.`, fields);
  }
  const answers = parsed.data as Prisma.InputJsonObject;
  return db().$transaction(async (tx) => {
    const updated = await tx.visit.updateManyAndReturn({
      where: { id, version: input.version, status: "DRAFT" },
      data: { answers, version: { increment: 1 } },
      select: { version: true, updatedAt: true, patientId: true },
    });
    const row = updated[0];
    if (!row) throw await explainNoUpdate(tx, id, { version: input.version, status: "DRAFT" });
    await audit(tx, {
      actorId: user.id,
      action: "visit.draft_save",
      entityType: "Visit",
      entityId: id,
      patientId: row.patientId,
      details: { version: row.version, answered: Object.keys(answers).length },
    });
    return { version: row.version, updatedAt: row.updatedAt.toISOString() };
  });
}
