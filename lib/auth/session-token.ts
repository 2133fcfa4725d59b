// Reading the session cookie on every request, cheaply. getServerSession would build next-auth's whole
// handler, mint a CSRF token and re-encrypt the session on each call, then drop that work (route handlers
// and server components cannot set the refreshed cookie); under load that was a large share of each API
// request. Here the cookie is only decrypted, and a decrypted token is kept until it expires (decode-cached.ts).
import "server-only";
import { cookies } from "next/headers";
import { getToken } from "next-auth/jwt";
import { env } from "@/lib/env";
import { decodeCached } from "./decode-cached";
import { sessionClaimsOf, type TSessionClaims } from "./session-account";
import { pastMaxLifetime, usesSecureCookies } from "./session-cookie";

/**
 * The account id (`sub`) and session epoch in the request's session cookie, or null when there is no valid
 * session (missing, tampered or expired: the idle timeout is the token's own expiry, renewed by proxy.ts;
 * the absolute lifetime counts from the sign-in time in the token).
 */
export async function sessionClaims(): Promise<(TSessionClaims & { expiresAt: number | null }) | null> {
  const { AUTH_SECRET, NEXTAUTH_URL, BACKLINE_SESSION_MAX_HOURS } = env();
  const token = await getToken({
    // Cookies only, as getServerSession: no "Authorization: Bearer" session tokens.
    req: { cookies: await cookies(), headers: {} } as unknown as Parameters<typeof getToken>[0]["req"],
    secret: AUTH_SECRET,
    // The cookie's name, as next-auth chooses it: __Secure- prefixed when the app is served over https.
    secureCookie: usesSecureCookies(NEXTAUTH_URL),
    decode: decodeCached,
  });
  const claims = sessionClaimsOf(token);
  if (!token || !claims) return null;
  if (pastMaxLifetime(token.authTime, Math.floor(Date.now() / 1000), BACKLINE_SESSION_MAX_HOURS * 3600)) return null;
  // When the session ends if nothing renews it (seconds): its idle expiry, or its absolute lifetime if sooner.
  const idleEnd = typeof token.exp === "number" ? token.exp : null;
  const absoluteEnd = typeof token.authTime === "number" ? token.authTime + BACKLINE_SESSION_MAX_HOURS * 3600 : null;
  const expiresAt = idleEnd === null ? absoluteEnd : absoluteEnd === null ? idleEnd : Math.min(idleEnd, absoluteEnd);
  return { ...claims, expiresAt };
}
