import { NextResponse } from "next/server";
import { parseJsonBody } from "@/lib/http/parse";
import { apiRoute } from "@/lib/http/route";
import { ZQueueSearchBody } from "@/lib/contracts/queue";
import { listQueue } from "@/lib/server/visits/list-queue";

export const dynamic = "force-dynamic";

/**
 * The review queue, searched: a read, but a POST, because the name/MRN search is patient data and stays out
 * of URLs. Body `{ status?, urgency?, flag?, imaging?, q?, from?, to?, sort?, dir?, page?, pageSize? }`; the
 * answer and the audit row are those of GET /api/v1/visits.
 */
export const POST = apiRoute(
  "review:read",
  async (request, { user }) => NextResponse.json(await listQueue(user, await parseJsonBody(request, ZQueueSearchBody))),
  { sameOrigin: true },
);
