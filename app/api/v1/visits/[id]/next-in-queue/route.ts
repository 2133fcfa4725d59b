import { NextResponse } from "next/server";
import { parseId } from "@/lib/http/parse";
import { apiRoute } from "@/lib/http/route";
import { nextInQueue } from "@/lib/server/visits/next-in-queue";

export const dynamic = "force-dynamic";

/** The next unsigned visit in queue order after this one: `{ id }`, or `{ id: null }` when none is waiting. */
export const GET = apiRoute<{ id: string }>("review:read", async (_request, { user, params }) => {
  const id = parseId(params.id, "Visit");
  return NextResponse.json({ id: await nextInQueue(user, id) });
});
