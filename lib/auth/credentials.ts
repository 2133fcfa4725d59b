// Checks an email + password pair. Every failure looks the same to the caller: the sign-in page must
// not reveal whether the email exists, the password was wrong, or the account is off. Throttling is
// keyed on what was typed, not on an account found, so it reveals nothing either.
import type { Db } from "@/lib/db/client";
import { isRole, type TRole } from "./permissions";
import { hashPassword, needsRehash, verifyPassword } from "./password";
import { accountKey, attemptFailed, attemptSucceeded, beginAttempt, pruneOldFailures, type TThrottleLimits } from "./throttle";

export interface TAuthenticatedUser {
  id: string;
  email: string;
  name: string;
  role: TRole;
  /** The account's session epoch at sign-in: a later deactivation or password reset ends the session. */
  sessionEpoch: number;
}

export type TSignInResult =
  | { ok: true; user: TAuthenticatedUser }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "throttled"; retryAfterSeconds: number };

export interface TSignInContext {
  /** The client address (see client-address.ts). */
  address: string;
  limits: TThrottleLimits;
  /**
   * The hash of a valid device cookie for the email typed (device-cookie.ts), or null. Takes the account as
   * input, so the caller verifies it with `accountKey(email)`.
   */
  device?: (account: string) => string | null;
}

const INVALID = { ok: false, reason: "invalid" } as const;

export async function checkCredentials(
  database: Db,
  emailInput: unknown,
  passwordInput: unknown,
  context: TSignInContext,
): Promise<TSignInResult> {
  if (typeof emailInput !== "string" || typeof passwordInput !== "string") return INVALID;
  const email = emailInput.trim().toLowerCase();
  if (email.length === 0 || email.length > 320 || passwordInput.length > 1024) return INVALID;
  const account = accountKey(email);
  const begun = await beginAttempt(database, account, context.address, context.limits, context.device?.(account) ?? null);
  const user = await database.user.findUnique({
    where: { email },
    select: { id: true, email: true, name: true, role: true, active: true, passwordHash: true, sessionEpoch: true },
  });
  // Refused attempts are not audited one by one: they cost an attacker nothing, and would flood the trail.
  // The failure that pauses an account is audited instead.
  if (!begun.ok) return { ok: false, reason: "throttled", retryAfterSeconds: begun.retryAfterSeconds };
  const attempt = begun.attempt;
  const ok = await verifyPassword(passwordInput, user?.passwordHash ?? null);
  if (!ok || !user || !user.active || !isRole(user.role)) {
    await attemptFailed(database, attempt.id);
    if (user) {
      await database.auditEvent.create({
        data: { actorId: null, action: "auth.sign_in_failed", entityType: "User", entityId: user.id, details: { reason: ok ? "inactive" : "password" } },
      });
      if (attempt.priorAccountFailures + 1 === context.limits.perAccount) {
        await database.auditEvent.create({
          data: { actorId: null, action: "auth.sign_in_paused", entityType: "User", entityId: user.id, details: { failures: context.limits.perAccount, windowMinutes: context.limits.windowMinutes } },
        });
      }
    }
    if (Number(attempt.id % 100n) === 0) await pruneOldFailures(database, 24 * 60);
    return INVALID;
  }
  await attemptSucceeded(database, attempt.id, account);
  // A hash from before Argon2id (bcrypt) is replaced now that the password is known to be right.
  if (needsRehash(user.passwordHash)) {
    await database.user.updateMany({ where: { id: user.id, passwordHash: user.passwordHash }, data: { passwordHash: await hashPassword(passwordInput) } });
  }
  await database.auditEvent.create({
    data: { actorId: user.id, action: "auth.sign_in", entityType: "User", entityId: user.id },
  });
  return { ok: true, user: { id: user.id, email: user.email, name: user.name, role: user.role, sessionEpoch: user.sessionEpoch } };
}
