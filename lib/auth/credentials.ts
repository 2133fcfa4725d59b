// Checks an email + password pair. Every failure looks the same to the caller: the sign-in page must
// not reveal whether the email exists, the password was wrong, or the account is off. Throttling is
// keyed on what was typed, not on an account found, so it reveals nothing either.
import type { Db } from "@/lib/db/client";
import { isRole } from "./permissions";
import { type TRole } from "@/lib/contracts/roles";
import { hashPassword, needsRehash, verifyPassword } from "./password";
import { checkTotp, hashRecoveryCode, normaliseCode, normaliseRecoveryCode, openSecret } from "./two-step";
import { attemptAbandoned, accountKey, attemptFailed, attemptSucceeded, beginAttempt, pruneOldFailures, type TThrottleLimits } from "./throttle";

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
  /** The password was right, and the account has two-step sign-in: ask for the code (nothing counted). */
  | { ok: false; reason: "code_required" }
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
  /** Two-step sign-in: the code typed (an app code or a recovery code), and the app secret that opens stored TOTP secrets. */
  twoStep?: { code?: unknown; appSecret: string };
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
    select: { id: true, email: true, name: true, role: true, active: true, passwordHash: true, sessionEpoch: true, totpSecret: true, totpEnabledAt: true, totpLastStep: true },
  });
  // Refused attempts are not audited one by one: they cost an attacker nothing, and would flood the trail.
  // The failure that pauses an account is audited instead.
  if (!begun.ok) return { ok: false, reason: "throttled", retryAfterSeconds: begun.retryAfterSeconds };
  const attempt = begun.attempt;
  const passwordOk = await verifyPassword(passwordInput, user?.passwordHash ?? null);
  // With two-step sign-in on, the password alone is not enough: without a code the form asks for one (the attempt
  // counts neither way); a wrong or used code is a failed attempt like a wrong password.
  let second: TSecondStep = "none";
  if (passwordOk && user?.active && user.totpEnabledAt && user.totpSecret) {
    const code = context.twoStep?.code;
    if (code === undefined || code === null || code === "") {
      await attemptAbandoned(database, attempt.id);
      return { ok: false, reason: "code_required" };
    }
    second = context.twoStep ? await checkSecondStep(database, { id: user.id, totpSecret: user.totpSecret, totpLastStep: user.totpLastStep }, code, context.twoStep.appSecret) : "wrong";
  }
  const ok = passwordOk && second !== "wrong";
  if (!ok || !user || !user.active || !isRole(user.role)) {
    await attemptFailed(database, attempt.id);
    if (user) {
      await database.auditEvent.create({
        data: { actorId: null, action: "auth.sign_in_failed", entityType: "User", entityId: user.id, details: { reason: !passwordOk ? "password" : second === "wrong" ? "code" : "inactive" } },
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
  // The last sign-in (the admin's user list shows it) and the sign-in's audit row commit together. Raw SQL, so the
  // account's updated_at keeps meaning "the account was changed".
  const at = new Date();
  await database.$transaction([
    database.$executeRaw`UPDATE users SET last_sign_in_at = ${at} WHERE id = ${user.id}::uuid`,
    database.auditEvent.create({
      data: { at, actorId: user.id, action: "auth.sign_in", entityType: "User", entityId: user.id, details: second === "none" ? {} : { secondStep: second } },
    }),
  ]);
  return { ok: true, user: { id: user.id, email: user.email, name: user.name, role: user.role, sessionEpoch: user.sessionEpoch } };
}

type TSecondStep = "none" | "app" | "recovery" | "wrong";

/**
 * An app code (accepted once: its time step must be newer than the last one used) or an unused recovery code
 * (used up now). Both are claimed with a conditional update, so two sign-ins racing with one code cannot both win.
 */
async function checkSecondStep(database: Db, user: { id: string; totpSecret: string; totpLastStep: bigint | null }, input: unknown, appSecret: string): Promise<TSecondStep> {
  const code = normaliseCode(input);
  if (code) {
    let secret: string;
    try {
      secret = openSecret(appSecret, user.totpSecret);
    } catch {
      // Sealed under another NEXTAUTH_SECRET (rotated): app codes cannot be checked; recovery codes still work.
      return "wrong";
    }
    const step = await checkTotp(secret, code, user.totpLastStep);
    if (step === null) return "wrong";
    const claimed = await database.user.updateMany({
      where: { id: user.id, OR: [{ totpLastStep: null }, { totpLastStep: { lt: step } }] },
      data: { totpLastStep: step },
    });
    return claimed.count === 1 ? "app" : "wrong";
  }
  const recovery = normaliseRecoveryCode(input);
  if (!recovery) return "wrong";
  const used = await database.recoveryCode.updateMany({
    where: { userId: user.id, codeHash: hashRecoveryCode(user.id, recovery), usedAt: null },
    data: { usedAt: new Date() },
  });
  return used.count === 1 ? "recovery" : "wrong";
}
