// A browser that signed in to an account before carries a signed device cookie for it (OWASP "device cookies"):
// an attacker guessing that account's password, or spraying guesses at many, pauses sign-in for everyone else
// but not for the account's own browsers. The cookie is sent only to the sign-in endpoint, holds a random id and
// a MAC over the account and the id, and is worth nothing for any other account. A device that fails too often
// itself (BACKLINE_LOGIN_MAX_FAILURES_PER_ACCOUNT within the window) loses the exemption.
import { createHash, createHmac, randomUUID, timingSafeEqual } from "node:crypto";
import { accountKey } from "./throttle";

export const DEVICE_COOKIE_DAYS = 180;
/** Only the credentials callback ever receives it. */
export const DEVICE_COOKIE_PATH = "/api/auth/callback/credentials";

export function deviceCookieName(accountKey: string, secure: boolean): string {
  return `${secure ? "__Secure-" : ""}backline-device-${accountKey.slice(0, 16)}`;
}

const mac = (secret: string, accountKey: string, id: string) =>
  createHmac("sha256", secret).update(`backline-device:v1:${accountKey}:${id}`).digest("base64url");

/** A new cookie value for this account. */
export function newDeviceCookieValue(secret: string, accountKey: string): string {
  const id = randomUUID();
  return `${id}.${mac(secret, accountKey, id)}`;
}

function cookieValue(cookieHeader: string, name: string): string | null {
  for (const part of cookieHeader.split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return null;
}

/**
 * The device behind a valid cookie for this account, as the hash stored with its attempts (never the id itself),
 * or null when the request carries none or a forged one.
 */
export function verifiedDevice(secret: string, accountKey: string, cookieHeader: unknown, secure: boolean): string | null {
  if (typeof cookieHeader !== "string" || cookieHeader.length > 16_384) return null;
  const value = cookieValue(cookieHeader, deviceCookieName(accountKey, secure));
  const match = value ? /^([0-9a-f-]{36})\.([A-Za-z0-9_-]{43})$/.exec(value) : null;
  if (!match) return null;
  const expected = Buffer.from(mac(secret, accountKey, match[1]!));
  const given = Buffer.from(match[2]!);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  return createHash("sha256").update(match[1]!).digest("hex");
}

/** The email of a credentials sign-in, read from a copy of the form before next-auth reads it. */
export async function signInEmail(request: Request): Promise<string | null> {
  if (request.method !== "POST" || !new URL(request.url).pathname.endsWith("/callback/credentials")) return null;
  const form = await request.clone().formData().catch(() => null);
  const email = form?.get("email");
  return typeof email === "string" && email.trim() ? email : null;
}

/**
 * A successful sign-in (next-auth set a session cookie) gives the browser a device cookie for the account
 * (above): a pause caused by someone else's guesses does not stop it next time.
 */
export function withDeviceCookie(response: Response, email: string | null, app: { secret: string; secure: boolean }): Response {
  const { secret, secure } = app;
  if (!email || !response.headers.getSetCookie().some((c) => /(^|__Secure-)next-auth\.session-token=[^;]/.test(c))) return response;
  const account = accountKey(email);
  const cookie = [
    `${deviceCookieName(account, secure)}=${newDeviceCookieValue(secret, account)}`,
    `Path=${DEVICE_COOKIE_PATH}`,
    `Max-Age=${DEVICE_COOKIE_DAYS * 86_400}`,
    "HttpOnly",
    "SameSite=Strict",
    ...(secure ? ["Secure"] : []),
  ].join("; ");
  const headers = new Headers(response.headers);
  headers.append("Set-Cookie", cookie);
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}
