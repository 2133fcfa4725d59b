import "server-only";
import QRCode from "qrcode";
import type { TCurrentUser } from "@/lib/auth/current-user";
import { verifyPassword } from "@/lib/auth/password";
import {
  checkTotp,
  hashRecoveryCode,
  newRecoveryCodes,
  newTotpSecret,
  normaliseCode,
  openSecret,
  otpauthUrl,
  sealSecret,
  twoStepRequired,
} from "@/lib/auth/two-step";
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { AppError } from "@/lib/contracts/errors";
import { audit } from "../audit";
import { assertCan } from "../guard";

export interface TTwoStepStatus {
  enabled: boolean;
  enabledAt: string | null;
  required: boolean;
  recoveryCodesLeft: number;
}

export async function twoStepStatus(user: TCurrentUser): Promise<TTwoStepStatus> {
  assertCan(user, "self:mfa");
  const row = await db().user.findUniqueOrThrow({
    where: { id: user.id },
    select: { totpEnabledAt: true, _count: { select: { recoveryCodes: { where: { usedAt: null } } } } },
  });
  return {
    enabled: row.totpEnabledAt !== null,
    enabledAt: row.totpEnabledAt?.toISOString() ?? null,
    required: twoStepRequired(user.role, env().BACKLINE_TWO_STEP_CLINICIANS),
    recoveryCodesLeft: row._count.recoveryCodes,
  };
}

export interface TTwoStepSetup {
  /** for typing into the app by hand */
  secret: string;
  otpauthUrl: string;
  /** the same URL as a QR code, an SVG document */
  qrSvg: string;
}

/** Step 1: with the account's password again, a new secret (pending until a code from it is confirmed). */
export async function startTwoStep(user: TCurrentUser, password: string): Promise<TTwoStepSetup> {
  assertCan(user, "self:mfa");
  const config = env();
  return db().$transaction(async (tx) => {
    const row = await tx.user.findUniqueOrThrow({ where: { id: user.id }, select: { passwordHash: true, totpEnabledAt: true } });
    if (!(await verifyPassword(password, row.passwordHash))) {
      throw new AppError("validation_failed", "The password is not correct.", [{ field: "password", message: "is not correct" }]);
    }
    if (row.totpEnabledAt) throw new AppError("conflict", "Two-step sign-in is already on. An administrator can reset it.");
    const secret = newTotpSecret();
    await tx.user.update({ where: { id: user.id }, data: { totpSecret: sealSecret(config.AUTH_SECRET, secret), totpLastStep: null } });
    await audit(tx, { actorId: user.id, action: "user.two_step_start", entityType: "User", entityId: user.id });
    const url = otpauthUrl(secret, user.email);
    return { secret, otpauthUrl: url, qrSvg: await QRCode.toString(url, { type: "svg", margin: 1, errorCorrectionLevel: "M" }) };
  });
}

/** Step 2: a code from the new secret turns two-step sign-in on; the recovery codes are returned this once. */
export async function confirmTwoStep(user: TCurrentUser, codeInput: string): Promise<{ recoveryCodes: string[] }> {
  assertCan(user, "self:mfa");
  const code = normaliseCode(codeInput);
  if (!code) throw new AppError("validation_failed", "The code must be the 6 digits your app shows.", [{ field: "code", message: "must be 6 digits" }]);
  const config = env();
  return db().$transaction(async (tx) => {
    const rows = await tx.$queryRaw<{ totp_secret: string | null; totp_enabled_at: Date | null }[]>`
      SELECT totp_secret, totp_enabled_at FROM users WHERE id = ${user.id}::uuid FOR UPDATE`;
    const row = rows[0]!;
    if (row.totp_enabled_at) throw new AppError("conflict", "Two-step sign-in is already on.");
    if (!row.totp_secret) throw new AppError("conflict", "Start the set-up first: no code is expected yet.");
    const step = await checkTotp(openSecret(config.AUTH_SECRET, row.totp_secret), code, null);
    if (step === null) throw new AppError("validation_failed", "That code is not right. Check the time on your phone, and type the code the app shows now.", [{ field: "code", message: "is not right" }]);
    const recoveryCodes = newRecoveryCodes();
    await tx.user.update({ where: { id: user.id }, data: { totpEnabledAt: new Date(), totpLastStep: step } });
    await tx.recoveryCode.deleteMany({ where: { userId: user.id } });
    await tx.recoveryCode.createMany({ data: recoveryCodes.map((c) => ({ userId: user.id, codeHash: hashRecoveryCode(user.id, c) })) });
    await audit(tx, { actorId: user.id, action: "user.two_step_enrol", entityType: "User", entityId: user.id });
    return { recoveryCodes };
  });
}

/** An admin turns someone's two-step sign-in off (a lost phone): they set it up again at their next sign-in. */
export async function resetTwoStep(admin: TCurrentUser, userId: string): Promise<void> {
  assertCan(admin, "admin:users");
  await db().$transaction(async (tx) => {
    const target = await tx.user.findUnique({ where: { id: userId }, select: { id: true, totpSecret: true } });
    if (!target) throw new AppError("not_found", "User not found.");
    if (!target.totpSecret) throw new AppError("conflict", "This account has no two-step sign-in to reset.");
    // Its sessions end too: whoever holds the lost phone may hold a session.
    await tx.user.update({ where: { id: userId }, data: { totpSecret: null, totpEnabledAt: null, totpLastStep: null, sessionEpoch: { increment: 1 } } });
    await tx.recoveryCode.deleteMany({ where: { userId } });
    await audit(tx, { actorId: admin.id, action: "user.two_step_reset", entityType: "User", entityId: userId });
  });
}

/** Whether an account has two-step sign-in on, for the admin's page about it. */
export async function twoStepOnFor(admin: TCurrentUser, userId: string): Promise<boolean> {
  assertCan(admin, "admin:users");
  const row = await db().user.findUnique({ where: { id: userId }, select: { totpSecret: true, totpEnabledAt: true } });
  return Boolean(row?.totpEnabledAt ?? row?.totpSecret);
}
