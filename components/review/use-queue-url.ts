"use client";

// The queue's view state. Filters, sort and page live in the page URL (lib/contracts/queue.ts), so a view can be
// bookmarked, shared and restored with Back; a new view is a history entry. The name/MRN search is patient data:
// it stays out of every URL and is kept in this tab's sessionStorage for the signed-in user.
import { useSearchParams } from "next/navigation";
import { useEffect, useMemo, useState } from "react";
import { recallSaved, rememberSaved } from "@/components/saved-search";
import { parseQueueUrl, queueSearchParams, type TQueueQuery } from "@/lib/contracts/queue";

const STORAGE_KEY = "backline.queueSearch";

const isSavedText = (saved: Record<string, unknown>): saved is { q: string } => typeof saved.q === "string" && saved.q.length <= 100;

/** This tab's last name/MRN search by the signed-in user (components/saved-search.ts). */
const recallSearch = (owner: string): string => recallSaved(STORAGE_KEY, owner, isSavedText)?.q ?? "";
export const rememberSearch = (owner: string, q: string) => rememberSaved(STORAGE_KEY, owner, q ? { q } : null);

export type TNavigate = (change: Partial<TQueueQuery>, options?: { keepPage?: boolean }) => void;

export function useQueueUrl(owner: string) {
  const searchParams = useSearchParams();
  // Normalised (defaults dropped, stable order) so the server's key and the browser's compare equal.
  const urlQuery = useMemo(() => parseQueueUrl(new URLSearchParams(searchParams.toString())).query, [searchParams]);
  const urlKey = queueSearchParams(urlQuery).toString();
  const [q, setQ] = useState<string | null>(null); // null until restored from sessionStorage

  // sessionStorage exists only in the browser: the search is restored after hydration, in an effect, so the
  // server's HTML and the first render in the browser agree (neither has it). One extra render per owner.
  // eslint-disable-next-line react-hooks/set-state-in-effect
  useEffect(() => setQ(recallSearch(owner)), [owner]);

  /** A new view: into the URL (a history entry, so Back returns to the previous one). */
  const navigate: TNavigate = (change, options = {}) => {
    const next: TQueueQuery = { ...urlQuery, ...(options.keepPage ? {} : { page: 1 }), ...change };
    const params = queueSearchParams(next);
    const search = params.toString();
    window.history.pushState(null, "", search ? `?${search}` : window.location.pathname);
  };

  /** A new name/MRN search: into this tab's sessionStorage, never the URL. */
  function search(text: string) {
    rememberSearch(owner, text);
    setQ(text);
  }

  const query: TQueueQuery = { ...urlQuery, q: q || undefined };
  /** The view wanted now, search text included: compared with the one shown to know when to fetch. */
  const wantedKey = `${urlKey}|${q ?? ""}`;
  return { urlQuery, urlKey, q, query, wantedKey, navigate, search };
}
