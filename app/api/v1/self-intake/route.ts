import { NextResponse } from "next/server";
import { parseJsonBody } from "@/lib/http/parse";
import { selfIntakeRoute } from "@/lib/http/self-intake-route";
import { ZSelfIntakeSave } from "@/lib/contracts/self-intake";
import { readPatientVisit, savePatientAnswers } from "@/lib/server/self-intake/patient";

export const dynamic = "force-dynamic";

/** The patient's device session: 200 `{ version, answers, language, today }` (the patient's questions only). */
export const GET = selfIntakeRoute(async (_request, session) => NextResponse.json(await readPatientVisit(session)));

/** Autosave: `{ version, answers, language? }` → 200 `{ version, tellDeskNow }`; 409 when the version moved on. */
export const PUT = selfIntakeRoute(async (request, session) => {
  return NextResponse.json(await savePatientAnswers(session, await parseJsonBody(request, ZSelfIntakeSave)));
});
