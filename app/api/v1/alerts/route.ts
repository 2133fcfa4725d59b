import { NextResponse } from "next/server";
import { apiRoute } from "@/lib/http/route";
import { listPinned } from "@/lib/server/safety/alerts";

export const dynamic = "force-dynamic";

/** What stays pinned: open emergencies, "ask now" visits and unacknowledged alerts (staff: visits they submitted). */
export const GET = apiRoute(["review:read", "intake:write"], async (_request, { user }) => {
  return NextResponse.json(await listPinned(user));
});
