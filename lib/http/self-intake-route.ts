// The patient's own API (issue 19): no account, no next-auth session. The authority is the device session cookie
// set when the patient confirmed their birth date on a working link; it opens that one visit's patient questions
// and nothing else (every staff route still needs a staff session). JSON only, same-origin only, never cached.
import type { NextRequest } from "next/server";
import { usesSecureCookies } from "@/lib/auth/session-cookie";
import { env } from "@/lib/env";
import { errorResponse, refuseCrossSite } from "./route";

/** `__Host-` on https: the cookie cannot be set or read by another path or subdomain. */
export function selfIntakeCookieName(): string {
  return usesSecureCookies(env().NEXTAUTH_URL) ? "__Host-backline-self-intake" : "backline-self-intake";
}

export function selfIntakeCookie(value: string, expires: Date) {
  return {
    name: selfIntakeCookieName(),
    value,
    options: { httpOnly: true, sameSite: "strict" as const, path: "/", secure: selfIntakeCookieName().startsWith("__Host-"), expires },
  };
}

/** The same cookie, expired: a `__Host-` cookie is only replaced by one with the same attributes (Secure included). */
export const clearedSelfIntakeCookie = () => selfIntakeCookie("", new Date(0));

export function selfIntakeRoute(handler: (request: NextRequest, session: string | undefined) => Promise<Response>) {
  return async (request: NextRequest): Promise<Response> => {
    let response: Response;
    try {
      refuseCrossSite(request);
      response = await handler(request, request.cookies.get(selfIntakeCookieName())?.value);
    } catch (error) {
      response = errorResponse(error, { method: request.method, path: request.nextUrl.pathname });
    }
    response.headers.set("Cache-Control", "no-store");
    return response;
  };
}
