"use client";

// "Find a patient" on the intake page: it searches as the text is typed (after a pause of SEARCH_DELAY_MS; Enter
// searches at once), by name, MRN or date of birth. The search text is a patient's name or MRN, so it never goes into
// the page URL (browser history, address bar, shared links) nor in an API URL: the search is the body of
// POST /api/v1/patients/search, and the last one is kept in this tab's sessionStorage, so Back from a patient
// page shows it again (use-patient-search.ts).
import { useEffect, useRef, type FormEvent } from "react";
import type { TPatientRow } from "@/components/api/patients";
import { useHydrated } from "@/components/use-hydrated";
import { PatientResults } from "./patient-results";
import { MAX_QUERY, usePatientSearch, type TFocusTarget } from "./use-patient-search";

export type { TPatientRow } from "@/components/api/patients";

/** How long typing must pause before the search runs: one request per word typed, not per key. */
export const SEARCH_DELAY_MS = 300;

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
  const inputRef = useRef<HTMLInputElement>(null);
  const resultsRef = useRef<HTMLTableElement>(null);
  const prevRef = useRef<HTMLButtonElement>(null);
  const nextRef = useRef<HTMLButtonElement>(null);
  const typingTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const { shown, pending, failure, announcement, search, retry, focusAfterRef } = usePatientSearch({
    initialRows,
    initialTotal,
    pageSize,
    owner,
    inputRef,
  });
  // Until React has hydrated, Search stays disabled: Enter then does nothing, instead of a native submit
  // that would reload the page and lose what was typed.
  const ready = useHydrated();

  const activeQ = (pending ?? shown).q;

  // After paging, focus stays on the button that was pressed; if that button has gone (first or last
  // page), it moves to the other one, or to the results, so keyboard users are never dropped on <body>.
  useEffect(() => {
    const want = focusAfterRef.current;
    focusAfterRef.current = null;
    if (!want || (document.activeElement && document.activeElement !== document.body)) return;
    const order =
      want === "prev" ? [prevRef, nextRef, resultsRef] : want === "next" ? [nextRef, prevRef, resultsRef] : [resultsRef];
    order.find((ref) => ref.current)?.current?.focus();
  }, [focusAfterRef, shown]);

  const typedQuery = () => (inputRef.current?.value ?? "").trim().slice(0, MAX_QUERY);
  const stopTyping = () => {
    if (typingTimer.current) clearTimeout(typingTimer.current);
    typingTimer.current = null;
  };
  useEffect(() => stopTyping, []);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    stopTyping();
    void search({ q: typedQuery(), page: 1 });
  }

  // Search as you type: once typing pauses, and only when the words changed (a space or the same text again is no
  // new search).
  function onType() {
    stopTyping();
    typingTimer.current = setTimeout(() => {
      typingTimer.current = null;
      const q = typedQuery();
      if (q !== activeQ) void search({ q, page: 1 });
    }, SEARCH_DELAY_MS);
  }

  function clear() {
    stopTyping();
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
          <label htmlFor="patient-search">Search by name or MRN, or date of birth</label>
          <input
            ref={inputRef}
            id="patient-search"
            type="search"
            autoComplete="off"
            spellCheck={false}
            maxLength={MAX_QUERY}
            aria-describedby="patient-search-hint"
            onChange={onType}
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
      <p className="hint finder-hint" id="patient-search-hint">
        Results appear as you type. Small spelling mistakes are forgiven; a date of birth can be written 6 Dec 1978,
        1978-12-06 or 06/12/1978.
      </p>

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
            <button type="button" className="secondary" onClick={retry}>
              Try again
            </button>
          )}
        </div>
      ) : (
        <PatientResults
          shown={shown}
          pending={!!pending}
          pageSize={pageSize}
          goTo={goTo}
          resultsRef={resultsRef}
          prevRef={prevRef}
          nextRef={nextRef}
        />
      )}
    </>
  );
}
