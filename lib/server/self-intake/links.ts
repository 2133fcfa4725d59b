import "server-only";
import { createHash, randomBytes } from "node:crypto";
import type { TCurrentUser } from "@/lib/auth/current-user";
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { AppError } from "@/lib/contracts/errors";
import type { TSelfIntakeLink } from "@/lib/contracts/self-intake";
import { audit, type TDbOrTx } from "../audit";
import { assertCan } from "../guard";

/** Wrong birth dates before a link locks. */
export const MAX_BIRTH_DATE_TRIES = 5;

/** Only SHA-256 digests of the link's token and of the patient's device session are stored. */
export const digest = (secret: string) => createHash("sha256").update(secret, "utf8").digest("hex");

/** 32 random bytes (256 bits), base64url: in the link or the cookie only, never in the database, a log or the audit. */
export const newSecret = () => randomBytes(32).toString("base64url");


/** A link given out that can still be opened: not revoked, used, locked or expired. */
const openWhere = () => ({ revokedAt: null, usedAt: null, lockedAt: null, expiresAt: { gt: new Date() } });

/** The open links of a visit stop working (revoked); returns how many were open. */
async function revokeOpen(tx: TDbOrTx, visitId: string): Promise<number> {
  const { count } = await tx.selfIntakeLink.updateMany({
    where: { visitId, ...openWhere() },
    data: { revokedAt: new Date() },
  });
  return count;
}

/**
 * Staff make a one-time link for a draft visit (POST /api/v1/visits/{id}/self-intake-link): any earlier open link
 * of the visit stops working, so only the newest link given out can be used. Audited with the link's row id.
 */
export async function createSelfIntakeLink(user: TCurrentUser, visitId: string, requestUrl: string): Promise<TSelfIntakeLink> {
  assertCan(user, "intake:write");
  const token = newSecret();
  const hours = env().BACKLINE_SELF_INTAKE_LINK_HOURS;
  const expiresAt = new Date(Date.now() + hours * 3600_000);
  await db().$transaction(async (tx) => {
    const visit = await tx.visit.findUnique({ where: { id: visitId }, select: { status: true, patientId: true } });
    if (!visit) throw new AppError("not_found", "Visit not found.");
    if (visit.status !== "DRAFT") throw new AppError("conflict", "This visit was already submitted: a patient can only answer an intake that is still open.");
    await revokeOpen(tx, visitId);
    const link = await tx.selfIntakeLink.create({ data: { visitId, tokenHash: digest(token), createdById: user.id, expiresAt }, select: { id: true } });
    // A new link lets the patient answer again: the visit is no longer "to check" until they finish.
    await tx.visit.update({ where: { id: visitId }, data: { patientReportedAt: null } });
    await audit(tx, { actorId: user.id, action: "self_intake.link_create", entityType: "Visit", entityId: visitId, patientId: visit.patientId, details: { linkId: link.id.toString(), hours } });
  });
  return { url: `${new URL(env().NEXTAUTH_URL ?? requestUrl).origin}/self-intake/${token}`, expiresAt: expiresAt.toISOString() };
}

/** Staff revoke the visit's open link (DELETE on the same path); 404 when it has none. */
export async function revokeSelfIntakeLink(user: TCurrentUser, visitId: string): Promise<{ revoked: number }> {
  assertCan(user, "intake:write");
  return db().$transaction(async (tx) => {
    const visit = await tx.visit.findUnique({ where: { id: visitId }, select: { patientId: true } });
    if (!visit) throw new AppError("not_found", "Visit not found.");
    const revoked = await revokeOpen(tx, visitId);
    if (revoked === 0) throw new AppError("not_found", "This visit has no open patient link.");
    await audit(tx, { actorId: user.id, action: "self_intake.link_revoke", entityType: "Visit", entityId: visitId, patientId: visit.patientId, details: { revoked } });
    return { revoked };
  });
}

/** The visit's open link, for the staff screen: until when it works (null: none). */
export async function openLinkOf(visitId: string): Promise<{ expiresAt: string } | null> {
  const link = await db().selfIntakeLink.findFirst({
    where: { visitId, ...openWhere() },
    orderBy: { id: "desc" },
    select: { expiresAt: true },
  });
  return link ? { expiresAt: link.expiresAt.toISOString() } : null;
}
