"use client";

// "Find a patient" on the intake page. The search text is a patient's name or MRN, so it never goes into
// the page URL (browser history, address bar, shared links) nor in an API URL: the search is the body of
// POST /api/v1/patients/search, and the last one is kept in this tab's sessionStorage, so Back from a patient
// page shows it again.
import { SEX_LABELS } from "@/lib/contracts/labels";
import Link from "next/link";
import { useCallback, useEffect, useRef, useState, useSyncExternalStore, type FormEvent } from "react";
import { recallSaved, rememberSaved } from "@/components/saved-search";
import { formatDay, fullName } from "./format";

export interface TPatientRow {
  id: string;
  mrn: string;
  givenName: string;
  familyName: string;
  birthDate: string;
  sex: string;
}

interface TShown {
  q: string;
  page: number;
  rows: TPatientRow[];
  total: number;
}

interface TQuery {
  q: string;
  page: number;
}

interface TFailure {
  message: string;
  /** The session ended: the way out is signing in again, not retrying. */
  session: boolean;
}

/** Where focus goes once new results are on screen, if the control that asked for them has gone. */
type TFocusTarget = "prev" | "next" | "results";

const STORAGE_KEY = "backline.patientSearch";
const MAX_QUERY = 100;
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

function isPatientPage(body: unknown): body is { rows: TPatientRow[]; total: number } {
  const b = body as { rows?: unknown; total?: unknown } | null;
  return !!b && Array.isArray(b.rows) && typeof b.total === "number";
}

const noSubscription = () => () => {};

const countText = (total: number) => `${total} ${total === 1 ? "patient" : "patients"}`;

/** What the status region announces once results are on screen. */
function summary(shown: TShown, pages: number): string {
  const { q, total, page, rows } = shown;
  if (total === 0) return q ? `No patient matches “${q}”.` : "No patients are registered yet.";
  if (rows.length === 0) return `There is no page ${page}.`;
  const found = q ? `${total} ${total === 1 ? "patient matches" : "patients match"} “${q}”` : countText(total);
  return `${found}. Page ${page} of ${pages}.`;
}

export function PatientFinder({
  initialRows,
  initialTotal,
  pageSize,
  owner,
}: {
  initialRows: TPatientRow[];
  initialTotal: number;
  pageSize: number;
  /** The signed-in user's id: a saved search is only restored for the user who made it. */
  owner: string;
}) {
  const [shown, setShown] = useState<TShown>({ q: "", page: 1, rows: initialRows, total: initialTotal });
  const [pending, setPending] = useState<TQuery | null>(null);
  const [failure, setFailure] = useState<TFailure | null>(null);
  const [announcement, setAnnouncement] = useState("");
  const inputRef = useRef<HTMLInputElement>(null);
  const resultsRef = useRef<HTMLTableElement>(null);
  const prevRef = useRef<HTMLButtonElement>(null);
  const nextRef = useRef<HTMLButtonElement>(null);
  const controllerRef = useRef<AbortController | null>(null);
  const focusAfter = useRef<TFocusTarget | null>(null);
  const lastQuery = useRef<TQuery>({ q: "", page: 1 });
  // Until React has hydrated, Search stays disabled: Enter then does nothing, instead of a native submit
  // that would reload the page and lose what was typed.
  const ready = useSyncExternalStore(noSubscription, () => true, () => false);

  const pages = Math.max(1, Math.ceil(shown.total / pageSize));
  const from = (shown.page - 1) * pageSize + 1;
  const to = from + shown.rows.length - 1;
  const activeQ = (pending ?? shown).q;

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

      let response: Response;
      let body: unknown = null;
      try {
        // The search text goes in the request body, never in a URL (not even the API's: proxies log those).
        response = await fetch("/api/v1/patients/search", {
          method: "POST",
          signal: controller.signal,
          cache: "no-store",
          headers: { Accept: "application/json", "Content-Type": "application/json" },
          body: JSON.stringify({ q: query.q, page: query.page, pageSize }),
        });
        body = await response.json().catch(() => null);
      } catch {
        if (controller.signal.aborted) return;
        setPending(null);
        setAnnouncement("");
        setFailure({ message: "Backline could not be reached. Check the connection and try again.", session: false });
        return;
      }
      if (controller.signal.aborted) return;
      controllerRef.current = null;
      setPending(null);

      if (response.ok && isPatientPage(body)) {
        const next: TShown = { q: query.q, page: query.page, rows: body.rows, total: body.total };
        focusAfter.current = focus;
        setShown(next);
        setAnnouncement(summary(next, Math.max(1, Math.ceil(next.total / pageSize))));
        return;
      }
      setAnnouncement("");
      const error = (body as { error?: { message?: unknown } } | null)?.error;
      if (response.status === 401) {
        // Nobody is signed in any more: the search text does not stay behind in the tab.
        remember(owner, null);
        setFailure({ message: "Your session has ended. Sign in again to search for patients.", session: true });
      } else if (response.status === 403) {
        setFailure({ message: "Your role does not allow searching for patients.", session: false });
      } else {
        setFailure({
          message: typeof error?.message === "string" ? error.message : "The search did not work. Try again.",
          session: false,
        });
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
  }, [owner, search]);

  // After paging, focus stays on the button that was pressed; if that button has gone (first or last
  // page), it moves to the other one, or to the results, so keyboard users are never dropped on <body>.
  useEffect(() => {
    const want = focusAfter.current;
    focusAfter.current = null;
    if (!want || (document.activeElement && document.activeElement !== document.body)) return;
    const order =
      want === "prev" ? [prevRef, nextRef, resultsRef] : want === "next" ? [nextRef, prevRef, resultsRef] : [resultsRef];
    order.find((ref) => ref.current)?.current?.focus();
  }, [shown]);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const q = (inputRef.current?.value ?? "").trim().slice(0, MAX_QUERY);
    void search({ q, page: 1 });
  }

  function clear() {
    if (inputRef.current) {
      inputRef.current.value = "";
      // The Clear button disappears with the search, so focus goes back to the box.
      inputRef.current.focus();
    }
    void search({ q: "", page: 1 });
  }

  const goTo = (page: number, focus: TFocusTarget) => void search({ q: shown.q, page }, focus);

  return (
    <>
      {/* No action and no field name: even a submit before the script has loaded sends no search text. */}
      <form role="search" aria-label="Patients" className="search-form" onSubmit={onSubmit}>
        <div className="search-field">
          <label htmlFor="patient-search">Search by name or MRN</label>
          <input
            ref={inputRef}
            id="patient-search"
            type="search"
            autoComplete="off"
            spellCheck={false}
            maxLength={MAX_QUERY}
          />
        </div>
        <button type="submit" disabled={!ready}>
          Search
        </button>
        {activeQ && (
          <button type="button" className="secondary" onClick={clear}>
            Clear search
          </button>
        )}
      </form>

      <p className="finder-status" role="status" aria-live="polite">
        {pending ? (
          <span className="finder-loading">{pending.q ? "Searching…" : "Loading the patient list…"}</span>
        ) : (
          <span className="visually-hidden">{announcement}</span>
        )}
      </p>

      {failure ? (
        <div className="alert finder-alert" role="alert">
          <p className="alert-text">{failure.message}</p>
          {failure.session ? (
            <a href="/signin?callbackUrl=%2Fintake">Sign in again</a>
          ) : (
            <button type="button" className="secondary" onClick={() => void search(lastQuery.current)}>
              Try again
            </button>
          )}
        </div>
      ) : shown.rows.length === 0 ? (
        <div className="empty-state" aria-busy={pending ? true : undefined}>
          {shown.total > 0 ? (
            <p>
              There is no page {shown.page}: {shown.q ? "this search has" : "the list has"} {pages}{" "}
              {pages === 1 ? "page" : "pages"}.{" "}
              <button type="button" className="secondary" onClick={() => goTo(pages, "results")}>
                Go to the last page
              </button>
            </p>
          ) : shown.q ? (
            <p>
              No patient matches “{shown.q}”. Check the spelling or the MRN, or{" "}
              <a href="#register-heading">register the patient</a>.
            </p>
          ) : (
            <p>
              No patients are registered yet. <a href="#register-heading">Register the first patient</a>.
            </p>
          )}
        </div>
      ) : (
        <>
          <table className="patient-table" ref={resultsRef} tabIndex={-1} aria-busy={pending ? true : undefined}>
            <caption className="muted">
              {shown.q
                ? `${shown.total} ${shown.total === 1 ? "patient matches" : "patients match"} “${shown.q}”`
                : countText(shown.total)}
              {pages > 1 && `, showing ${from} to ${to}`}, sorted by family name
            </caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">MRN</th>
                <th scope="col">Date of birth</th>
                <th scope="col">Sex</th>
              </tr>
            </thead>
            <tbody>
              {shown.rows.map((p) => (
                <tr key={p.id}>
                  <th scope="row">
                    <Link href={`/patients/${p.id}`}>{fullName(p)}</Link>
                  </th>
                  <td>{p.mrn}</td>
                  <td>
                    <time dateTime={p.birthDate}>{formatDay(p.birthDate)}</time>
                  </td>
                  <td>{SEX_LABELS[p.sex] ?? p.sex}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <nav className="pager" aria-label="Patient list pages">
            {shown.page > 1 ? (
              <button type="button" className="secondary" ref={prevRef} onClick={() => goTo(shown.page - 1, "prev")}>
                Previous page
              </button>
            ) : (
              <span />
            )}
            <span>
              Page {shown.page} of {pages}
            </span>
            {shown.page < pages ? (
              <button type="button" className="secondary" ref={nextRef} onClick={() => goTo(shown.page + 1, "next")}>
                Next page
              </button>
            ) : (
              <span />
            )}
          </nav>
        </>
      )}
    </>
  );
}
