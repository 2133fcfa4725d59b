import { NextResponse } from "next/server";
import { parseJsonBody, parseQuery, refuseInQuery } from "@/lib/http/parse";
import { apiRoute } from "@/lib/http/route";
import { ZQueueQuery } from "@/lib/contracts/queue";
import { ZStartVisit } from "@/lib/contracts/visit";
import { listQueue } from "@/lib/server/visits/list-queue";
import { startVisit } from "@/lib/server/visits/start-visit";

export const dynamic = "force-dynamic";

export const POST = apiRoute("intake:write", async (request, { user }) => {
  const { patientId } = await parseJsonBody(request, ZStartVisit);
  return NextResponse.json(await startVisit(user, patientId.toLowerCase()), { status: 201 });
});

/**
 * The review queue: `?status=&urgency=&flag=&imaging=&from=&to=&sort=&dir=&page=&pageSize=`, for bookmarkable
 * API reads. The name/MRN search is patient data and never goes into a URL: `q` here is a 400 naming it; POST
 * /visits/search takes the same view with the search in its body.
 */
export const GET = apiRoute("review:read", async (request, { user }) => {
  refuseInQuery(request, "q", "POST /api/v1/visits/search");
  return NextResponse.json(await listQueue(user, parseQuery(request, ZQueueQuery)));
});
