import { NextResponse } from "next/server";
import { parseId, parseJsonBody } from "@/lib/http/parse";
import { apiRoute } from "@/lib/http/route";
import { ZSubmitVisit } from "@/lib/contracts/visit";
import { submitVisit } from "@/lib/server/visits/submit-visit";

export const dynamic = "force-dynamic";

export const POST = apiRoute<{ id: string }>("intake:write", async (request, { user, params }) => {
  const id = parseId(params.id, "Visit");
  return NextResponse.json(await submitVisit(user, id, await parseJsonBody(request, ZSubmitVisit)));
});
