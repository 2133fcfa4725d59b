"use client";

// The patient finder's search: one request at a time (a newer search aborts the older), the last search kept in
// this tab's sessionStorage for its user and restored on Back, and what a failure means in words.
import { useCallback, useEffect, useRef, useState, type RefObject } from "react";
import { OFFLINE_MESSAGE } from "@/components/api/client";
import { searchPatients, type TPatientRow } from "@/components/api/patients";
import { recallSaved, rememberSaved } from "@/components/saved-search";
import { countText } from "./patient-results";

export interface TShown {
  q: string;
  page: number;
  rows: TPatientRow[];
  total: number;
}

export interface TQuery {
  q: string;
  page: number;
}

export interface TFailure {
  message: string;
  /** The session ended: the way out is signing in again, not retrying. */
  session: boolean;
}

/** Where focus goes once new results are on screen, if the control that asked for them has gone. */
export type TFocusTarget = "prev" | "next" | "results";

const STORAGE_KEY = "backline.patientSearch";
export const MAX_QUERY = 100;
const MAX_PAGE = 100_000;

const isSavedQuery = (saved: Record<string, unknown>): saved is Record<string, unknown> & TQuery =>
  typeof saved.q === "string" &&
  saved.q.length <= MAX_QUERY &&
  Number.isInteger(saved.page) &&
  (saved.page as number) >= 1 &&
  (saved.page as number) <= MAX_PAGE;

/** This tab's last search by the signed-in user (components/saved-search.ts). */
function recall(owner: string): TQuery | null {
  const saved = recallSaved(STORAGE_KEY, owner, isSavedQuery);
  return saved ? { q: saved.q, page: saved.page } : null;
}

function remember(owner: string, query: TQuery | null) {
  rememberSaved(STORAGE_KEY, owner, !query || (!query.q && query.page === 1) ? null : { q: query.q, page: query.page });
}

/** What the status region announces once results are on screen. */
function summary(shown: TShown, pages: number): string {
  const { q, total, page, rows } = shown;
  if (total === 0) return q ? `No patient matches “${q}”.` : "No patients are registered yet.";
  if (rows.length === 0) return `There is no page ${page}.`;
  const found = q ? `${total} ${total === 1 ? "patient matches" : "patients match"} “${q}”` : countText(total);
  return `${found}. Page ${page} of ${pages}.`;
}

export function usePatientSearch({
  initialRows,
  initialTotal,
  pageSize,
  owner,
  inputRef,
}: {
  initialRows: TPatientRow[];
  initialTotal: number;
  pageSize: number;
  owner: string;
  /** the search box: a restored search is put back in it */
  inputRef: RefObject<HTMLInputElement | null>;
}) {
  const [shown, setShown] = useState<TShown>({ q: "", page: 1, rows: initialRows, total: initialTotal });
  const [pending, setPending] = useState<TQuery | null>(null);
  const [failure, setFailure] = useState<TFailure | null>(null);
  const [announcement, setAnnouncement] = useState("");
  const controllerRef = useRef<AbortController | null>(null);
  const focusAfterRef = useRef<TFocusTarget | null>(null);
  const lastQuery = useRef<TQuery>({ q: "", page: 1 });

  const search = useCallback(
    async (query: TQuery, focus: TFocusTarget | null = null) => {
      // Only the latest request may change the screen: an older, slower answer is dropped.
      controllerRef.current?.abort();
      const controller = new AbortController();
      controllerRef.current = controller;
      lastQuery.current = query;
      remember(owner, query);
      setPending(query);
      setFailure(null);

      const result = await searchPatients({ q: query.q, page: query.page, pageSize }, controller.signal);
      if (controller.signal.aborted || (!result.ok && result.aborted)) return;
      if (!result.ok && result.status === 0) {
        setPending(null);
        setAnnouncement("");
        setFailure({ message: OFFLINE_MESSAGE, session: false });
        return;
      }
      controllerRef.current = null;
      setPending(null);

      if (result.ok) {
        const next: TShown = { q: query.q, page: query.page, rows: result.body.rows, total: result.body.total };
        focusAfterRef.current = focus;
        setShown(next);
        setAnnouncement(summary(next, Math.max(1, Math.ceil(next.total / pageSize))));
        return;
      }
      setAnnouncement("");
      if (result.status === 401) {
        // Nobody is signed in any more: the search text does not stay behind in the tab.
        remember(owner, null);
        setFailure({ message: "Your session has ended. Sign in again to search for patients.", session: true });
      } else if (result.status === 403) {
        setFailure({ message: "Your role does not allow searching for patients.", session: false });
      } else {
        setFailure({ message: result.error.message ?? "The search did not work. Try again.", session: false });
      }
    },
    [owner, pageSize],
  );

  // Restore this tab's last search (Back from a patient page) and fetch it fresh.
  useEffect(() => {
    const saved = recall(owner);
    if (saved && inputRef.current) {
      inputRef.current.value = saved.q;
      void search(saved);
    }
    return () => controllerRef.current?.abort();
  }, [inputRef, owner, search]);

  /** The last search again, after a failure. */
  const retry = () => void search(lastQuery.current);

  return { shown, pending, failure, announcement, search, retry, focusAfterRef };
}
