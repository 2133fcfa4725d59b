import { NextResponse } from "next/server";
import { parseJsonBody } from "@/lib/http/parse";
import { selfIntakeCookie, selfIntakeRoute } from "@/lib/http/self-intake-route";
import { ZSelfIntakeOpen } from "@/lib/contracts/self-intake";
import { confirmBirthDate } from "@/lib/server/self-intake/patient";

export const dynamic = "force-dynamic";

/**
 * Public (the link is the authority): `{ token, birthDate, language }`. A matching birth date gives this device its
 * session cookie (200 `{ ok: true }`); a wrong one is a 400 naming `birthDate` with the tries left; the 5th wrong
 * one locks the link. A link that does not work is a 404.
 */
export const POST = selfIntakeRoute(async (request) => {
  const { token, birthDate, language } = await parseJsonBody(request, ZSelfIntakeOpen);
  const opened = await confirmBirthDate(token, birthDate, language);
  const response = NextResponse.json({ ok: true });
  const cookie = selfIntakeCookie(opened.session, opened.expiresAt);
  response.cookies.set(cookie.name, cookie.value, cookie.options);
  return response;
});
