import { NextResponse } from "next/server";
import { parseId } from "@/lib/http/parse";
import { apiRoute } from "@/lib/http/route";
import { getVisit } from "@/lib/server/visits/get-visit";

export const dynamic = "force-dynamic";

// Staff and clinicians both open visits; getVisit re-checks (intake:write or review:read).
export const GET = apiRoute<{ id: string }>("self:read", async (_request, { user, params }) =>
  NextResponse.json(await getVisit(user, parseId(params.id, "Visit"))),
);
