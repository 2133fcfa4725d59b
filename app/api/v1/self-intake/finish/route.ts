import { NextResponse } from "next/server";
import { parseJsonBody } from "@/lib/http/parse";
import { clearedSelfIntakeCookie, selfIntakeRoute } from "@/lib/http/self-intake-route";
import { ZSelfIntakeSave } from "@/lib/contracts/self-intake";
import { savePatientAnswers } from "@/lib/server/self-intake/patient";

export const dynamic = "force-dynamic";

/**
 * The patient has finished: `{ version, answers, language? }` → 200 `{ version, tellDeskNow }`. The visit becomes
 * "patient-reported, to check" for staff, the link is used up and this device's cookie is cleared.
 */
export const POST = selfIntakeRoute(async (request, session) => {
  const saved = await savePatientAnswers(session, { ...(await parseJsonBody(request, ZSelfIntakeSave)), finish: true });
  const response = NextResponse.json(saved);
  const cleared = clearedSelfIntakeCookie();
  response.cookies.set(cleared.name, cleared.value, cleared.options);
  return response;
});
