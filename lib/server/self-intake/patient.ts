import "server-only";
import { compactAnswers, makeDraftSchema, previewDraft } from "@/lib/clinical";
import { mergePatientAnswers, patientPart, STAFF_ONLY_FIELDS } from "@/lib/clinical/self-intake";
import { db } from "@/lib/db/client";
import { Prisma } from "@/lib/db/generated/client";
import { AppError } from "@/lib/contracts/errors";
import type { TPatientSaved, TPatientVisit, TSelfIntakeLanguage } from "@/lib/contracts/self-intake";
import { zodFieldErrors } from "@/lib/http/parse";
import { audit, type TDbOrTx } from "../audit";
import { clinicToday } from "../clock";
import { raiseAlertIfNeeded } from "../safety/alerts";
import { recordEvent } from "../safety/events";
import { digest, MAX_BIRTH_DATE_TRIES, newSecret } from "./links";


const draftSchema = makeDraftSchema();

/**
 * One answer for an unknown, expired, revoked, used or locked link, and for a visit already submitted: nothing
 * that tells them apart (the page asks the patient to go to the desk).
 */
export const linkGone = () => new AppError("not_found", "This link does not work any more. Please ask at the front desk.", [{ field: "token", message: "is not a working link" }]);

/** What "the link still works" means, once, for every query (`l` the link, `v` its visit). */
const WORKING = `l.revoked_at IS NULL AND l.used_at IS NULL AND l.locked_at IS NULL AND l.expires_at > now() AND v.status = 'DRAFT'`;

/** A link that still works, by its token (the page's first look); null otherwise. */
export async function workingLink(token: string): Promise<{ id: bigint; language: string | null; sessionHash: string | null; expiresAt: Date } | null> {
  const rows = await db().$queryRawUnsafe<{ id: bigint; language: string | null; sessionHash: string | null; expiresAt: Date }[]>(
    `SELECT l.id, l.language, l.session_hash AS "sessionHash", l.expires_at AS "expiresAt"
       FROM self_intake_links l JOIN visits v ON v.id = l.visit_id
      WHERE l.token_hash = $1 AND ${WORKING}`,
    digest(token),
  );
  return rows[0] ?? null;
}

/** Whether this device's session cookie belongs to this (working) link: the patient comes back without retyping. */
export async function sessionMatches(token: string, session: string | undefined): Promise<boolean> {
  if (!session) return false;
  const link = await workingLink(token);
  return Boolean(link?.sessionHash && link.sessionHash === digest(session));
}

export interface TOpened {
  /** the device session (a cookie), 256 random bits; only its digest is stored */
  session: string;
  expiresAt: Date;
}

/**
 * The patient confirms their date of birth before the questions open. A match gives this device a session (any
 * earlier device's session stops working); a wrong date counts, and the 5th wrong date locks the link. The row is
 * locked for the check, so parallel guesses cannot get more than 5 tries between them.
 */
export async function confirmBirthDate(token: string, birthDate: string, language: TSelfIntakeLanguage): Promise<TOpened> {
  const outcome = await db().$transaction(async (tx) => {
    const [link] = await tx.$queryRaw<{ id: bigint; visit_id: string; patient_id: string; birth_date: Date; failed_attempts: number; expires_at: Date }[]>`
      SELECT l.id, l.visit_id::text AS visit_id, v.patient_id::text AS patient_id, p.birth_date, l.failed_attempts, l.expires_at
        FROM self_intake_links l JOIN visits v ON v.id = l.visit_id JOIN patients p ON p.id = v.patient_id
       WHERE l.token_hash = ${digest(token)} AND ${Prisma.raw(WORKING)}
         FOR UPDATE OF l`;
    if (!link) throw linkGone();
    const base = { entityType: "Visit", entityId: link.visit_id, patientId: link.patient_id, actorId: null };
    if (link.birth_date.toISOString().slice(0, 10) !== birthDate) {
      const tries = link.failed_attempts + 1;
      const locked = tries >= MAX_BIRTH_DATE_TRIES;
      await tx.selfIntakeLink.update({ where: { id: link.id }, data: { failedAttempts: tries, lockedAt: locked ? new Date() : null } });
      await audit(tx, { ...base, action: locked ? "self_intake.lock" : "self_intake.birth_date_wrong", details: { linkId: link.id.toString(), tries } });
      return { wrong: true as const, left: MAX_BIRTH_DATE_TRIES - tries };
    }
    const session = newSecret();
    await tx.selfIntakeLink.update({ where: { id: link.id }, data: { sessionHash: digest(session), language } });
    await audit(tx, { ...base, action: "self_intake.open", details: { linkId: link.id.toString() } });
    return { wrong: false as const, session, expiresAt: link.expires_at };
  });
  // Outside the transaction, so the count of the wrong try is committed.
  if (outcome.wrong) {
    if (outcome.left <= 0) throw linkGone();
    throw new AppError("validation_failed", `That date of birth does not match our records. ${outcome.left} ${outcome.left === 1 ? "try" : "tries"} left.`, [
      { field: "birthDate", message: "does not match our records" },
    ], { triesLeft: outcome.left });
  }
  return { session: outcome.session, expiresAt: outcome.expiresAt };
}

interface TSessionRow {
  link_id: bigint;
  visit_id: string;
  patient_id: string;
  created_by_id: string;
  answers: Record<string, unknown>;
  version: number;
  language: string | null;
}

/** The link and visit behind a device session, locked when `forUpdate`; a 404 when the link no longer works. */
async function bySession(tx: TDbOrTx, session: string | undefined, forUpdate: boolean): Promise<TSessionRow> {
  if (!session) throw linkGone();
  const lock = forUpdate ? "FOR UPDATE OF v" : "";
  const rows = await tx.$queryRawUnsafe<TSessionRow[]>(
    `SELECT l.id AS link_id, v.id::text AS visit_id, v.patient_id::text AS patient_id, l.created_by_id::text AS created_by_id,
            v.answers, v.version, l.language
       FROM self_intake_links l JOIN visits v ON v.id = l.visit_id
      WHERE l.session_hash = $1 AND ${WORKING} ${lock}`,
    digest(session),
  );
  if (!rows[0]) throw linkGone();
  return rows[0];
}

const languageOf = (l: string | null): TSelfIntakeLanguage => (l === "es" ? "es" : "en");

/** What the patient's form opens with. Audited (it is the patient's record, read by the link). */
export async function readPatientVisit(session: string | undefined): Promise<TPatientVisit> {
  return db().$transaction(async (tx) => {
    const row = await bySession(tx, session, false);
    await audit(tx, { actorId: null, action: "self_intake.read", entityType: "Visit", entityId: row.visit_id, patientId: row.patient_id, details: { linkId: row.link_id.toString() } });
    return { version: row.version, answers: patientPart(row.answers), language: languageOf(row.language), today: clinicToday() };
  });
}

function parseAnswers(answers: unknown): Record<string, unknown> {
  // The staff's questions are not the patient's to answer: refused by name, not dropped without a word.
  const staffOnly = answers && typeof answers === "object" ? Object.keys(answers).filter((id) => STAFF_ONLY_FIELDS.has(id)) : [];
  if (staffOnly.length > 0) {
    throw new AppError("validation_failed", "Some answers are for the clinic staff to give.", staffOnly.map((field) => ({ field, message: "is answered by the clinic staff, not on this form" })));
  }
  const parsed = draftSchema.safeParse(answers);
  if (!parsed.success) {
    const fields = zodFieldErrors(parsed.error.issues);
    throw new AppError("validation_failed", "Some answers have the wrong form.", fields);
  }
  return parsed.data as Record<string, unknown>;
}

/**
 * The patient's autosave, and (with `finish`) the end of answering: the visit becomes "patient-reported, to check",
 * the patient's answers are kept as given, and the link is used up. Staff-only answers in the draft are kept as
 * they are. An answer that alone makes the result an emergency raises the visit's alert at once (staff and
 * clinicians are told through the live events), in the same transaction.
 */
export async function savePatientAnswers(
  session: string | undefined,
  input: { version: number; answers: unknown; language?: TSelfIntakeLanguage; finish?: boolean },
): Promise<TPatientSaved> {
  const answers = parseAnswers(input.answers);
  return db().$transaction(async (tx) => {
    const row = await bySession(tx, session, true);
    if (row.version !== input.version) {
      throw new AppError("conflict", "These answers changed on another screen. The page will reload them.", [
        { field: "version", message: `is ${input.version}, the answers are now at version ${row.version}` },
      ], { currentVersion: row.version });
    }
    const merged = mergePatientAnswers(row.answers, answers);
    const now = new Date();
    const version = row.version + 1;
    await tx.visit.update({
      where: { id: row.visit_id },
      data: {
        answers: merged as object,
        version,
        updatedAt: now,
        ...(input.finish ? { patientReportedAt: now, patientAnswers: compactAnswers(patientPart(merged)) as object, patientLanguage: input.language ?? languageOf(row.language) } : {}),
      },
    });
    if (input.language) await tx.selfIntakeLink.update({ where: { id: row.link_id }, data: { language: input.language } });
    if (input.finish) {
      await tx.selfIntakeLink.update({ where: { id: row.link_id }, data: { usedAt: now } });
      // Told live to the staff member who made the link (their events only), once this commits.
      await recordEvent(tx, { kind: "self_intake.finished", visitId: row.visit_id, urgency: null, ownerId: row.created_by_id });
    }
    const details = { linkId: row.link_id.toString(), version, answered: Object.keys(answers).length };
    await audit(tx, { actorId: null, action: input.finish ? "self_intake.finish" : "self_intake.save", entityType: "Visit", entityId: row.visit_id, patientId: row.patient_id, details });
    const evaluation = previewDraft(merged, { today: clinicToday() });
    const tellDeskNow = evaluation.urgency === "emergency";
    if (tellDeskNow) {
      await raiseAlertIfNeeded(tx, { visitId: row.visit_id, visitVersion: version, patientId: row.patient_id, evaluation, raisedById: row.created_by_id, ownerId: row.created_by_id });
    }
    return { version, tellDeskNow };
  });
}
