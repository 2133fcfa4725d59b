import "server-only";
import { makeDraftSchema } from "@/lib/clinical";
import type { TCurrentUser } from "@/lib/auth/current-user";
import { db, pool } from "@/lib/db/client";
import { AppError } from "@/lib/contracts/errors";
import { zodFieldErrors } from "@/lib/http/parse";
import { AUDIT_INSERT } from "../audit";
import { assertCan } from "../guard";
import { explainNoUpdate } from "./stale";
import { fieldLabels } from "@/lib/http/parse";

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
    throw new AppError("validation_failed", `Some answers have the wrong form: ${fieldLabels(fields)}.`, fields);
  }
  const answers = parsed.data;
  // Autosave is the most frequent write: one statement (the guarded update and its audit row, one
  // transaction) instead of a Prisma transaction.
  const { rows } = await pool().query<{ version: number; updatedAt: Date }>({
    // Named: each connection parses and plans it once (a prepared statement), not on every autosave.
    name: "backline.visit-save",
    text: `WITH saved AS (
       UPDATE visits SET answers = $3::jsonb, version = version + 1, updated_at = $4::timestamptz
        WHERE id = $1::uuid AND version = $2 AND status = 'DRAFT'
       RETURNING id, version, updated_at, patient_id
     ), audit AS (
       ${AUDIT_INSERT}
       SELECT $5::uuid, 'visit.draft_save', 'Visit', id::text, patient_id, jsonb_build_object('version', version, 'answered', $6::int) FROM saved
     )
     SELECT version, updated_at AS "updatedAt" FROM saved`,
    values: [id, input.version, JSON.stringify(answers), new Date(), user.id, Object.keys(answers).length],
  });
  const row = rows[0];
  if (!row) throw await explainNoUpdate(db(), id, { version: input.version, status: "DRAFT" });
  return { version: row.version, updatedAt: row.updatedAt.toISOString() };
}
