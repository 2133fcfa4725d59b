import { parseId } from "@/lib/http/parse";
import { apiRoute } from "@/lib/http/route";
import { deleteSavedView } from "@/lib/server/saved-views/delete-saved-view";

export const dynamic = "force-dynamic";

/** Delete one of the caller's own saved views → 204; anyone else's is a 404. */
export const DELETE = apiRoute<{ id: string }>("review:read", async (_request, { user, params }) => {
  await deleteSavedView(user, parseId(params.id, "Saved view"));
  return new Response(null, { status: 204 });
});
