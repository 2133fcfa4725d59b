import { NextResponse } from "next/server";
import { parseId, parseJsonBody } from "@/lib/http/parse";
import { apiRoute } from "@/lib/http/route";
import { ZAmend } from "@/lib/contracts/visit";
import { amendVisit } from "@/lib/server/visits/amend-visit";

export const dynamic = "force-dynamic";

/** Complete a submitted visit's blank answers: `{ version, answers }`; 409 on a stale version or a signed visit. */
export const POST = apiRoute<{ id: string }>("intake:write", async (request, { user, params }) => {
  const id = parseId(params.id, "Visit");
  return NextResponse.json(await amendVisit(user, id, await parseJsonBody(request, ZAmend)));
});
