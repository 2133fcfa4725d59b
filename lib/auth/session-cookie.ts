// The session cookie and its sliding lifetime: shared by next-auth's options and proxy.ts.

/** Cookies are Secure (and next-auth's __Secure- prefixed) when the app is served over https. */
export function usesSecureCookies(publicUrl: string | undefined): boolean {
  return publicUrl?.startsWith("https://") ?? false;
}

/** next-auth's session cookie name: secure-prefixed when the app is served over https. */
export function sessionCookieName(publicUrl: string | undefined): string {
  return `${usesSecureCookies(publicUrl) ? "__Secure-" : ""}next-auth.session-token`;
}

/** Renewed at most once a minute: often enough for a sliding idle timeout, rarely enough to be cheap. */
export const RENEW_AFTER_SECONDS = 60;

/**
 * Whether a session is past its absolute lifetime: `maxSeconds` after sign-in (`authTime`, seconds), however
 * active it was. A token without a sign-in time (issued before this rule) counts as past it.
 */
export function pastMaxLifetime(authTime: unknown, nowSeconds: number, maxSeconds: number): boolean {
  return typeof authTime !== "number" || nowSeconds >= authTime + maxSeconds;
}

/** How long a token re-issued now may live: the idle timeout, cut short by the absolute lifetime. */
export function renewedLifetime(authTime: number, nowSeconds: number, idleSeconds: number, maxSeconds: number): number {
  return Math.max(0, Math.min(idleSeconds, authTime + maxSeconds - nowSeconds));
}

/**
 * Whether a session token should be re-issued now. A token lives `idleSeconds` from its issue, so
 * renewing it on activity makes the session end only after `idleSeconds` without any.
 */
export function shouldRenew(expiresAt: unknown, nowSeconds: number, idleSeconds: number): boolean {
  if (typeof expiresAt !== "number") return true;
  return expiresAt - nowSeconds <= idleSeconds - RENEW_AFTER_SECONDS;
}
