import { NextResponse } from "next/server";
import { parseId, parseJsonBody } from "@/lib/http/parse";
import { apiRoute } from "@/lib/http/route";
import { ZSaveDraft } from "@/lib/contracts/visit";
import { saveDraft } from "@/lib/server/visits/save-draft";

export const dynamic = "force-dynamic";

export const PUT = apiRoute<{ id: string }>("intake:write", async (request, { user, params }) => {
  const id = parseId(params.id, "Visit");
  return NextResponse.json(await saveDraft(user, id, await parseJsonBody(request, ZSaveDraft)));
});
