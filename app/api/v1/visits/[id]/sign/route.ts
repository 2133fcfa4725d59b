import { NextResponse } from "next/server";
import { parseId, parseJsonBody } from "@/lib/http/parse";
import { apiRoute } from "@/lib/http/route";
import { ZSign } from "@/lib/contracts/visit";
import { signVisit } from "@/lib/server/visits/sign-visit";

export const dynamic = "force-dynamic";

export const POST = apiRoute<{ id: string }>("review:decide", async (request, { user, params }) => {
  const id = parseId(params.id, "Visit");
  return NextResponse.json(await signVisit(user, id, await parseJsonBody(request, ZSign)));
});
