// Runs before every page and API request (not static files, next-auth's own routes or /api/health):
//  0. a path with broken percent-encoding gets a 400 here (Next's router would answer a bare 500);
//  1. a per-request CSP nonce (lib/http/csp.ts), which Next.js applies to its scripts;
//  2. the first of three depths of access control: anonymous visitors to pages go to sign-in (API
//     routes answer 401/403 JSON themselves, and every page and route checks the role again);
//  3. while the database is down, a signed-in page request gets a 503 page with Retry-After at once
//     (lib/db/reachable.ts) instead of failing mid-render with a 500; API routes answer 503 themselves;
//  4. the sliding idle timeout: a valid session token is re-issued for another
//     BACKLINE_SESSION_IDLE_MINUTES on activity, so the session ends only after that long idle;
//     and the absolute lifetime: BACKLINE_SESSION_MAX_HOURS after sign-in it ends anyway. A session that was
//     signed out (or whose account changed) is cleared, never renewed (lib/auth/session-account.ts).
import { encode, getToken } from "next-auth/jwt";
import { NextResponse, type NextRequest } from "next/server";
import { decodeCached } from "@/lib/auth/decode-cached";
import { sessionAccount, sessionClaimsOf } from "@/lib/auth/session-account";
import { pastMaxLifetime, renewedLifetime, sessionCookieName, shouldRenew } from "@/lib/auth/session-cookie";
import { env } from "@/lib/env";
import { databaseReachable } from "@/lib/db/reachable";
import { contentSecurityPolicy, newNonce, strictTransportSecurity } from "@/lib/http/csp";
import { malformedPathResponse } from "@/lib/http/malformed-path";
import { databaseUnavailablePage } from "@/lib/http/unavailable-page";

// /account/set-password: a one-time link's page, opened by someone who cannot sign in yet; /self-intake: a
// patient's own link (issue 19), whose token and device session are the authority.
const PUBLIC_PAGES = ["/signin", "/account/set-password", "/self-intake"];

export async function proxy(request: NextRequest) {
  const config = env();
  const { pathname, search } = request.nextUrl;
  const malformed = malformedPathResponse(pathname);
  if (malformed) return malformed;
  const cookieName = sessionCookieName(config.NEXTAUTH_URL);
  const now = Math.floor(Date.now() / 1000);
  const maxSeconds = config.BACKLINE_SESSION_MAX_HOURS * 3600;
  const decoded = await getToken({ req: request, secret: config.AUTH_SECRET, cookieName, decode: decodeCached });
  // Past its absolute lifetime a session is over, however active it has been.
  const token = decoded && !pastMaxLifetime(decoded.authTime, now, maxSeconds) ? decoded : null;

  const isPage = !pathname.startsWith("/api/");
  const hsts = strictTransportSecurity(config.NEXTAUTH_URL);
  if (!token && isPage && !PUBLIC_PAGES.some((p) => pathname === p || pathname.startsWith(`${p}/`))) {
    const signIn = new URL("/signin", request.url);
    signIn.searchParams.set("callbackUrl", `${pathname}${search}`);
    const redirect = NextResponse.redirect(signIn);
    if (hsts) redirect.headers.set("Strict-Transport-Security", hsts);
    return redirect;
  }

  const nonce = newNonce();
  const csp = contentSecurityPolicy(nonce, config.NODE_ENV === "development");
  let response: NextResponse;
  if (isPage && token && !(await databaseReachable(config.DATABASE_URL))) {
    // No session renewal either: the request did nothing.
    const unavailable = databaseUnavailablePage();
    unavailable.headers.set("Content-Security-Policy", csp);
    if (hsts) unavailable.headers.set("Strict-Transport-Security", hsts);
    return unavailable;
  }
  if (isPage) {
    // Pages render with the nonce: Next.js reads it from the request's CSP header.
    const requestHeaders = new Headers(request.headers);
    requestHeaders.set("x-nonce", nonce);
    // For the audit row of a refused page (lib/auth/guard.ts): the path, never the query string.
    requestHeaders.set("x-backline-path", pathname);
    requestHeaders.set("Content-Security-Policy", csp);
    response = NextResponse.next({ request: { headers: requestHeaders } });
  } else {
    // API routes render no scripts: the policy goes on the response only, and the request passes unchanged
    // (rewriting its headers is a measurable share of a small API request).
    response = NextResponse.next();
  }
  response.headers.set("Content-Security-Policy", csp);
  if (hsts) response.headers.set("Strict-Transport-Security", hsts);

  const idleSeconds = config.BACKLINE_SESSION_IDLE_MINUTES * 60;
  // What an open page fetches by itself (the event stream, the alerts it refreshes on every event) is not activity:
  // it must not keep an unattended session alive past its idle timeout.
  const background = pathname === "/api/v1/events" || pathname === "/api/v1/alerts";
  if (token && !background && shouldRenew(token.exp, now, idleSeconds)) {
    // Renewal (at most once a minute per session) first asks whether the session still stands: a signed-out
    // session, or one whose account was deactivated or reset, is cleared instead of being renewed.
    const claims = sessionClaimsOf(token);
    const stands = claims ? await sessionAccount(claims).then(Boolean, () => null) : false;
    if (stands === false) {
      response.cookies.set(cookieName, "", { httpOnly: true, sameSite: "lax", path: "/", secure: cookieName.startsWith("__Secure-"), expires: new Date(0) });
      return response;
    }
    // The database did not answer (null): the route or page answers for itself; the cookie is left as it is.
    if (stands === null) return response;
    const lifetime = renewedLifetime(token.authTime as number, now, idleSeconds, maxSeconds);
    const renewed = await encode({ token, secret: config.AUTH_SECRET, maxAge: lifetime });
    response.cookies.set(cookieName, renewed, {
      httpOnly: true,
      sameSite: "lax",
      path: "/",
      secure: cookieName.startsWith("__Secure-"),
      expires: new Date((now + lifetime) * 1000),
    });
  }
  return response;
}

export const config = {
  matcher: [
    {
      source: "/((?!api/auth|api/health|_next/static|_next/image|favicon.ico|icon.svg|apple-icon.png).*)",
      // Prefetches happen without the user doing anything: they do not count as activity (and the
      // pages they fetch check the session themselves). Next.js hides these headers from the proxy.
      missing: [
        { type: "header", key: "next-router-prefetch" },
        { type: "header", key: "purpose", value: "prefetch" },
      ],
    },
  ],
};
