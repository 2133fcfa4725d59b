// Two-step sign-in (TOTP, RFC 6238) with otplib: the authenticator app's 6-digit code after the password.
// Required for admins; BACKLINE_TWO_STEP_CLINICIANS decides it for clinicians. The secret is stored encrypted
// (AES-256-GCM, a key derived from the app secret): it must be read back to check codes. A code is accepted
// once (its time step is remembered), from the step before to the step after now. Ten recovery codes, each
// usable once, are shown at enrolment and stored as hashes only.
import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes, randomInt } from "node:crypto";
import { generateSecret, generateURI, verify } from "otplib";
import type { TRole } from "@/lib/contracts/roles";

export const ISSUER = "Backline";
export const RECOVERY_CODE_COUNT = 10;

export type TTwoStepSetting = "required" | "optional";

/** Whether an account of this role must have two-step sign-in. */
export function twoStepRequired(role: TRole, clinicians: TTwoStepSetting): boolean {
  return role === "ADMIN" || (role === "CLINICIAN" && clinicians === "required");
}

const key = (appSecret: string) => Buffer.from(hkdfSync("sha256", appSecret, "backline", "two-step-secret-v1", 32));

export function sealSecret(appSecret: string, secret: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key(appSecret), iv);
  const body = Buffer.concat([cipher.update(secret, "utf8"), cipher.final()]);
  return ["v1", iv.toString("base64url"), cipher.getAuthTag().toString("base64url"), body.toString("base64url")].join(".");
}

export function openSecret(appSecret: string, sealed: string): string {
  const [version, iv, tag, body] = sealed.split(".");
  if (version !== "v1" || !iv || !tag || !body) throw new Error("unknown two-step secret format");
  const decipher = createDecipheriv("aes-256-gcm", key(appSecret), Buffer.from(iv, "base64url"));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  return Buffer.concat([decipher.update(Buffer.from(body, "base64url")), decipher.final()]).toString("utf8");
}

export function newTotpSecret(): string {
  return generateSecret();
}

export function otpauthUrl(secret: string, accountEmail: string): string {
  return generateURI({ issuer: ISSUER, label: accountEmail, secret });
}

/** A 6-digit code, typed with or without a space in the middle. */
export function normaliseCode(input: unknown): string | null {
  if (typeof input !== "string") return null;
  const code = input.replace(/[\s-]/g, "");
  return /^\d{6}$/.test(code) ? code : null;
}

/**
 * The code's time step if it is right for `secret` now (one step either side) and newer than `lastStep`,
 * else null: a code already used cannot be used again.
 */
export async function checkTotp(secret: string, code: string, lastStep: bigint | null): Promise<bigint | null> {
  const result = await verify({
    secret,
    token: code,
    epochTolerance: 30,
    ...(lastStep !== null ? { afterTimeStep: Number(lastStep) } : {}),
  }).catch(() => ({ valid: false as const }));
  if (!result.valid) return null;
  const step = (result as { timeStep?: unknown }).timeStep;
  return typeof step === "number" ? BigInt(step) : null;
}

const RECOVERY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";

/** Ten new recovery codes, "xxxxx-xxxxx" (about 49 bits each). */
export function newRecoveryCodes(): string[] {
  return Array.from({ length: RECOVERY_CODE_COUNT }, () => {
    const chars = Array.from({ length: 10 }, () => RECOVERY_ALPHABET[randomInt(RECOVERY_ALPHABET.length)]).join("");
    return `${chars.slice(0, 5)}-${chars.slice(5)}`;
  });
}

/** A recovery code as typed (any case, with or without the dash), or null if it cannot be one. */
export function normaliseRecoveryCode(input: unknown): string | null {
  if (typeof input !== "string") return null;
  const code = input.toLowerCase().replace(/[\s-]/g, "");
  return new RegExp(`^[${RECOVERY_ALPHABET}]{10}$`).test(code) ? `${code.slice(0, 5)}-${code.slice(5)}` : null;
}

/** Recovery codes are random, so a plain SHA-256 (keyed by the account) is enough to store them. */
export function hashRecoveryCode(userId: string, code: string): string {
  return createHash("sha256").update(`backline-recovery:${userId}:${code}`).digest("hex");
}
