import { NextResponse } from "next/server";
import { parseJsonBody } from "@/lib/http/parse";
import { apiRoute } from "@/lib/http/route";
import { ZStartVisit } from "@/lib/schemas/visit";
import { startVisit } from "@/lib/server/visits/start-visit";

export const dynamic = "force-dynamic";

export const POST = apiRoute("intake:write", async (request, { user }) => {
  const { patientId } = await parseJsonBody(request, ZStartVisit);
  return NextResponse.json(await startVisit(user, patientId.toLowerCase()), { status: 201 });
});
