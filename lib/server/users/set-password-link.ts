import "server-only";
import { createHash, randomBytes } from "node:crypto";
import type { TCurrentUser } from "@/lib/auth/current-user";
import { hashPassword } from "@/lib/auth/password";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/contracts/errors";
import type { TSetPasswordLinkCheck } from "@/lib/contracts/wire/users";
import { audit, type TDbOrTx } from "../audit";
import { assertCan } from "../guard";
import { assertPasswordAllowed } from "./password-rules";

/** How long a link works. */
export const SET_PASSWORD_LINK_HOURS = 72;

/** Only the token's SHA-256 is stored: someone who reads the table cannot use a link. */
export const tokenHashOf = (token: string) => createHash("sha256").update(token, "utf8").digest("hex");

/** The same answer for an unknown, expired, used or replaced link, or a deactivated account: nothing to tell apart. */
const unusable = () =>
  new AppError("not_found", "This link does not work any more: it was used, has expired or was replaced. Ask an administrator for a new one.", [
    { field: "token", message: "is not a working link" },
  ]);

export interface TNewLink {
  /** 32 random bytes (256 bits), base64url: goes into the link, never into the database, a log or the audit trail. */
  token: string;
  expiresAt: Date;
}

/**
 * A new link for `userId`, in the caller's transaction (with its audit row): any earlier unused link of the
 * account stops working, so only the newest link given out can be used.
 */
export async function newSetPasswordLink(tx: TDbOrTx, actorId: string, userId: string): Promise<TNewLink> {
  const token = randomBytes(32).toString("base64url");
  const expiresAt = new Date(Date.now() + SET_PASSWORD_LINK_HOURS * 3600_000);
  const now = new Date();
  await tx.setPasswordLink.updateMany({ where: { userId, usedAt: null, expiresAt: { gt: now } }, data: { expiresAt: now } });
  await tx.setPasswordLink.create({ data: { userId, tokenHash: tokenHashOf(token), expiresAt } });
  await audit(tx, { actorId, action: "user.password_link", entityType: "User", entityId: userId, details: { hours: SET_PASSWORD_LINK_HOURS } });
  return { token, expiresAt };
}

/** An admin gives an existing account a new link (a forgotten password, or an expired first link). */
export async function issueSetPasswordLink(actor: TCurrentUser, userId: string): Promise<TNewLink> {
  assertCan(actor, "admin:users");
  return db().$transaction(async (tx) => {
    const account = await tx.user.findUnique({ where: { id: userId }, select: { active: true } });
    if (!account) throw new AppError("not_found", "User not found.");
    if (!account.active) {
      throw new AppError("conflict", "This account is deactivated: reactivate it first.", [{ field: "link", message: "Reactivate the account before making a link" }]);
    }
    return newSetPasswordLink(tx, actor.id, userId);
  });
}

async function workingLink(token: string) {
  const link = await db().setPasswordLink.findUnique({
    where: { tokenHash: tokenHashOf(token) },
    select: { id: true, expiresAt: true, usedAt: true, user: { select: { id: true, name: true, email: true, active: true } } },
  });
  if (!link || link.usedAt || link.expiresAt.getTime() <= Date.now() || !link.user.active) throw unusable();
  return link;
}

/** Whose link this is, and until when it works (the page shows it before the person types a password). */
export async function checkSetPasswordLink(token: string): Promise<TSetPasswordLinkCheck> {
  const link = await workingLink(token);
  return { name: link.user.name, email: link.user.email, expiresAt: link.expiresAt.toISOString() };
}

/**
 * Set the password with a link, once: the link is claimed by a conditional update in the same transaction as
 * the new hash and its audit row, so two uses racing cannot both win. Every open session of the account ends.
 */
export async function redeemSetPasswordLink(token: string, password: string): Promise<void> {
  const link = await workingLink(token);
  assertPasswordAllowed(password, { email: link.user.email, name: link.user.name });
  // Argon2id takes a moment: hashed before the transaction, so no connection waits on it.
  const passwordHash = await hashPassword(password);
  await db().$transaction(async (tx) => {
    const claimed = await tx.setPasswordLink.updateMany({ where: { id: link.id, usedAt: null, expiresAt: { gt: new Date() } }, data: { usedAt: new Date() } });
    if (claimed.count !== 1) throw unusable();
    const updated = await tx.user.updateMany({ where: { id: link.user.id, active: true }, data: { passwordHash, sessionEpoch: { increment: 1 } } });
    if (updated.count !== 1) throw unusable();
    await audit(tx, { actorId: link.user.id, action: "user.password_set", entityType: "User", entityId: link.user.id });
  });
}

/**
 * The link to hand on: the token goes in the fragment (#), which browsers never send, so it is in no server or
 * proxy log, and the page's script reads it. The public URL (NEXTAUTH_URL) when set, else where the request came.
 */
export function setPasswordUrl(link: TNewLink, requestUrl: string, publicUrl: string | undefined): { setPasswordUrl: string; expiresAt: string } {
  const base = new URL(publicUrl ?? requestUrl);
  return { setPasswordUrl: `${base.origin}/account/set-password#${link.token}`, expiresAt: link.expiresAt.toISOString() };
}
