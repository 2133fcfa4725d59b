import { NextResponse } from "next/server";
import { parseJsonBody, parseQuery } from "@/lib/http/parse";
import { apiRoute } from "@/lib/http/route";
import { ZQueueQuery } from "@/lib/schemas/queue";
import { ZStartVisit } from "@/lib/schemas/visit";
import { listQueue } from "@/lib/server/visits/list-queue";
import { startVisit } from "@/lib/server/visits/start-visit";

export const dynamic = "force-dynamic";

export const POST = apiRoute("intake:write", async (request, { user }) => {
  const { patientId } = await parseJsonBody(request, ZStartVisit);
  return NextResponse.json(await startVisit(user, patientId.toLowerCase()), { status: 201 });
});

/** The review queue: `?status=&urgency=&flag=&imaging=&q=&from=&to=&sort=&dir=&page=&pageSize=`. */
export const GET = apiRoute("review:read", async (request, { user }) =>
  NextResponse.json(await listQueue(user, parseQuery(request, ZQueueQuery))),
);
