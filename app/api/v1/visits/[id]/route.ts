import { NextResponse } from "next/server";
import { parseId } from "@/lib/http/parse";
import { apiRoute } from "@/lib/http/route";
import { getVisit } from "@/lib/server/visits/get-visit";

export const dynamic = "force-dynamic";

// Staff open visits for intake, clinicians for review; getVisit re-checks the same.
export const GET = apiRoute<{ id: string }>(["intake:write", "review:read"], async (_request, { user, params }) =>
  NextResponse.json(await getVisit(user, parseId(params.id, "Visit"))),
);
