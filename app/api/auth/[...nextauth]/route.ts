import NextAuth from "next-auth";
import { signInEmail, withDeviceCookie } from "@/lib/auth/device-cookie";
import { authOptions } from "@/lib/auth/options";
import { usesSecureCookies } from "@/lib/auth/session-cookie";
import { SIGN_IN_ERRORS } from "@/lib/auth/sign-in-errors";
import { env } from "@/lib/env";
import { refuseLargeBody } from "@/lib/http/refuse-large-body";

type Handler = (request: Request, context: { params: Promise<{ nextauth: string[] }> }) => Promise<Response>;

/**
 * next-auth answers every failed credentials sign-in with 401 and the error code in a URL. For API
 * callers (the sign-in form posts with json=true) a throttled attempt becomes 429 and an unreachable
 * database 503, each with Retry-After, so clients and load balancers can tell them from a wrong password.
 */
async function withStatus(response: Response): Promise<Response> {
  if (response.status !== 401 || !response.headers.get("content-type")?.includes("application/json")) return response;
  const body = (await response.clone().json().catch(() => null)) as { url?: unknown } | null;
  const error = typeof body?.url === "string" ? new URL(body.url, "http://backline.invalid").searchParams.get("error") : null;
  const retry =
    error === SIGN_IN_ERRORS.throttled
      ? { status: 429, seconds: env().BACKLINE_LOGIN_WINDOW_MINUTES * 60 }
      : error === SIGN_IN_ERRORS.unavailable
        ? { status: 503, seconds: 5 }
        : null;
  if (!retry) return response;
  const headers = new Headers(response.headers);
  headers.set("Retry-After", String(retry.seconds));
  return new Response(response.body, { status: retry.status, headers });
}

/** Sign-in and sign-out bodies are a few fields: anything larger is refused (413) before next-auth reads it. */
const MAX_AUTH_BODY_BYTES = 16 * 1024;

const handler: Handler = async (request, context) => {
  const tooLarge = request.method === "POST" ? await refuseLargeBody(request, MAX_AUTH_BODY_BYTES) : null;
  if (tooLarge) return tooLarge;
  const email = await signInEmail(request);
  const { AUTH_SECRET, NEXTAUTH_URL } = env();
  return withDeviceCookie(await withStatus(await NextAuth(authOptions())(request, context)), email, { secret: AUTH_SECRET, secure: usesSecureCookies(NEXTAUTH_URL) });
};

export { handler as GET, handler as POST };
