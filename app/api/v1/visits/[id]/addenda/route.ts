import { NextResponse } from "next/server";
import { parseId, parseJsonBody } from "@/lib/http/parse";
import { apiRoute } from "@/lib/http/route";
import { ZAddendum } from "@/lib/contracts/visit";
import { addAddendum } from "@/lib/server/visits/add-addendum";

export const dynamic = "force-dynamic";

export const POST = apiRoute<{ id: string }>("review:decide", async (request, { user, params }) => {
  const id = parseId(params.id, "Visit");
  return NextResponse.json(await addAddendum(user, id, await parseJsonBody(request, ZAddendum)), { status: 201 });
});
