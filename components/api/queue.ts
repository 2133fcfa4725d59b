// The review queue's calls: a page of the queue (the whole view, search text included, in a POST body: never in a
// URL, not even the API's) and the signed-in clinician's saved views (GET/POST /api/v1/me/saved-views, DELETE
// /api/v1/me/saved-views/{id}), with the hook that holds the list a screen shows.
import { useState } from "react";
import { queueSearchBody, type TQueueQuery, type TSavedViewFilters } from "@/lib/contracts/queue";
import type { TSavedView } from "@/lib/contracts/wire/queue";
import { deleteJson, failureMessage, postJson, type TApiFailure } from "./client";

/** One page of the queue. */
export const searchQueue = (query: TQueueQuery, signal: AbortSignal) => postJson<unknown>("/api/v1/visits/search", queueSearchBody(query), { signal });

export const createSavedView = (name: string, filters: TSavedViewFilters) => postJson<TSavedView>("/api/v1/me/saved-views", { name, filters });
export const deleteSavedView = (id: string) => deleteJson<null>(`/api/v1/me/saved-views/${encodeURIComponent(id)}`);

const nameProblem = (result: TApiFailure) => result.error.fields?.find((f) => f.field === "name")?.message ?? null;

/**
 * The clinician's saved views as a screen shows them, starting from the server's list. `save` resolves to null
 * when it worked, or what to tell the user (`field: "name"` when the name is the problem); `remove` likewise.
 */
export function useSavedViews(initial: TSavedView[]) {
  const [views, setViews] = useState<TSavedView[]>(initial);
  const [busy, setBusy] = useState(false);

  async function save(name: string, filters: TSavedViewFilters): Promise<{ field: "name" | null; message: string } | null> {
    setBusy(true);
    const result = await createSavedView(name, filters);
    setBusy(false);
    if (result.ok) {
      const view = result.body;
      setViews((list) => [...list, view]);
      return null;
    }
    const problem = nameProblem(result);
    return problem ? { field: "name", message: problem } : { field: null, message: failureMessage(result, "saved") };
  }

  async function remove(id: string): Promise<string | null> {
    setBusy(true);
    const result = await deleteSavedView(id);
    setBusy(false);
    // Already gone (another tab deleted it): gone here too.
    if (result.ok || result.status === 404) {
      setViews((list) => list.filter((v) => v.id !== id));
      return null;
    }
    return failureMessage(result, "deleted");
  }

  return { views, busy, save, remove };
}
