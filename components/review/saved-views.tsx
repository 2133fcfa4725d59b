"use client";

// Views of the queue in one click: two every clinician has (review-queue's built-ins, lib/contracts/queue.ts) and
// the clinician's own, saved under a name (GET/POST /api/v1/me/saved-views). A view is filters and sort only: the
// name/MRN search is never saved. Each view is a real link (it opens in a new tab too); a plain click changes the
// view in place, as a filter does.
import { useId, useRef, useState, type FormEvent, type MouseEvent } from "react";
import { useSavedViews } from "@/components/api/queue";
import { dayIn } from "@/lib/contracts/format";
import { builtInViews, isViewShown, queueSearchParams, savedViewFilters, viewChange, type TQueueQuery, type TSavedViewFilters } from "@/lib/contracts/queue";
import type { TSavedView } from "@/lib/contracts/wire/queue";
import type { TNavigate } from "./use-queue-url";

const hrefOf = (filters: TSavedViewFilters, urlQuery: TQueueQuery) => {
  const search = queueSearchParams({ ...urlQuery, ...viewChange(filters) } as TQueueQuery).toString();
  return search ? `/review?${search}` : "/review";
};

/** A plain left click: anything else (a new tab, a new window) is left to the browser. */
const isPlainClick = (e: MouseEvent) => e.button === 0 && !e.metaKey && !e.ctrlKey && !e.shiftKey && !e.altKey;

export function SavedViews({
  initial,
  urlQuery,
  today,
  timeZone,
  ready,
  navigate,
}: {
  initial: TSavedView[];
  /** the view in the URL (what a saved view keeps) */
  urlQuery: TQueueQuery;
  /** the clinic's day when the page was made (YYYY-MM-DD), for "Urgent today" */
  today: string;
  timeZone: string;
  ready: boolean;
  navigate: TNavigate;
}) {
  const { views, busy, save, remove } = useSavedViews(initial);
  const [saving, setSaving] = useState(false);
  const [name, setName] = useState("");
  const [nameError, setNameError] = useState<string | null>(null);
  const [message, setMessage] = useState<{ text: string; failed: boolean } | null>(null);
  const nameInput = useRef<HTMLInputElement>(null);
  const saveButton = useRef<HTMLButtonElement>(null);
  const id = useId();

  function open(e: MouseEvent, filters: TSavedViewFilters, builtInId?: string) {
    if (!isPlainClick(e)) return;
    e.preventDefault();
    // "Urgent today" is today when it is clicked, even on a page left open overnight.
    const current = builtInId ? builtInViews(dayIn(new Date().toISOString(), timeZone)).find((v) => v.id === builtInId)?.filters : undefined;
    navigate(viewChange(current ?? filters));
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const text = name.trim();
    if (!text) {
      setNameError("Give the view a name.");
      nameInput.current?.focus();
      return;
    }
    const failed = await save(text, savedViewFilters(urlQuery));
    if (failed) {
      if (failed.field === "name") {
        setNameError(failed.message);
        nameInput.current?.focus();
      } else setMessage({ text: failed.message, failed: true });
      return;
    }
    setMessage({ text: `Saved the view “${text}”.`, failed: false });
    setName("");
    setNameError(null);
    setSaving(false);
    saveButton.current?.focus();
  }

  async function onDelete(view: TSavedView) {
    const failed = await remove(view.id);
    setMessage(failed ? { text: failed, failed: true } : { text: `Deleted the view “${view.name}”.`, failed: false });
    saveButton.current?.focus();
  }

  const link = (filters: TSavedViewFilters, label: string, title: string, builtInId?: string) => (
    <a className="saved-view-link" href={hrefOf(filters, urlQuery)} aria-current={isViewShown(filters, urlQuery) ? "true" : undefined} title={title} onClick={(e) => open(e, filters, builtInId)}>
      {label}
    </a>
  );

  return (
    <nav className="saved-views" aria-label="Saved views">
      <ul>
        {builtInViews(today).map((v) => (
          <li key={v.id}>{link(v.filters, v.name, v.description, v.id)}</li>
        ))}
        {views.map((v) => (
          <li key={v.id} className="saved-view-own">
            {link(v.filters, v.name, "Your saved view")}
            <button type="button" className="saved-view-delete" disabled={!ready || busy} aria-label={`Delete the view “${v.name}”`} title="Delete this view" onClick={() => void onDelete(v)}>
              <span aria-hidden="true">×</span>
            </button>
          </li>
        ))}
        <li>
          <button
            ref={saveButton}
            type="button"
            className="secondary saved-view-save"
            aria-expanded={saving}
            aria-controls={`${id}-form`}
            disabled={!ready}
            onClick={() => {
              setSaving(!saving);
              setMessage(null);
            }}
          >
            Save this view
          </button>
        </li>
      </ul>
      {saving && (
        <form id={`${id}-form`} className="saved-view-form" onSubmit={(e) => void submit(e)} noValidate>
          <label htmlFor={`${id}-name`}>Name for this view</label>
          <input
            ref={nameInput}
            id={`${id}-name`}
            type="text"
            value={name}
            maxLength={60}
            autoComplete="off"
            autoFocus
            onChange={(e) => setName(e.target.value)}
            aria-invalid={nameError ? true : undefined}
            aria-describedby={`${id}-hint${nameError ? ` ${id}-error` : ""}`}
          />
          <button type="submit" className="primary" disabled={!ready || busy}>
            Save
          </button>
          <button type="button" className="secondary" onClick={() => setSaving(false)}>
            Cancel
          </button>
          <p id={`${id}-hint`} className="muted small">
            Keeps the filters and sort shown now; the name or MRN search is not saved.
          </p>
          {nameError && (
            <p id={`${id}-error`} className="field-error">
              {nameError}
            </p>
          )}
        </form>
      )}
      <p role="status" className={`saved-views-status ${message?.failed ? "field-error" : "muted small"}`}>
        {message?.text}
      </p>
    </nav>
  );
}
