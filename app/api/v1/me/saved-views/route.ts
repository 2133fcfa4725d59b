import { NextResponse } from "next/server";
import { ZSavedViewCreate } from "@/lib/contracts/queue";
import { parseJsonBody } from "@/lib/http/parse";
import { apiRoute } from "@/lib/http/route";
import { createSavedView } from "@/lib/server/saved-views/create-saved-view";
import { listSavedViews } from "@/lib/server/saved-views/list-saved-views";

export const dynamic = "force-dynamic";

/** The caller's own saved queue views: `{ views: [{ id, name, filters, createdAt }] }`. */
export const GET = apiRoute("review:read", async (_request, { user }) => NextResponse.json(await listSavedViews(user)));

/** Save the queue's filters under a name: `{ name, filters }` (filters as the queue's, without `q`) → 201 the view. */
export const POST = apiRoute("review:read", async (request, { user }) =>
  NextResponse.json(await createSavedView(user, await parseJsonBody(request, ZSavedViewCreate)), { status: 201 }),
);
