import { NextResponse } from "next/server";
import { parseId, parseJsonBody } from "@/lib/http/parse";
import { apiRoute } from "@/lib/http/route";
import { ZDecision } from "@/lib/contracts/visit";
import { decideVisit } from "@/lib/server/visits/decide-visit";

export const dynamic = "force-dynamic";

export const POST = apiRoute<{ id: string }>("review:decide", async (request, { user, params }) => {
  const id = parseId(params.id, "Visit");
  return NextResponse.json(await decideVisit(user, id, await parseJsonBody(request, ZDecision)));
});
