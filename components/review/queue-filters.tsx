"use client";

// The queue's filters in one compact row (folded behind a "Filters" button on small screens), and the words they
// share with the rest of the queue (its tiers, the red-flag options). A choice applies as it is made: a select at
// once, a date or the name/MRN search after a short pause in typing (or on Enter, or on leaving the field), so a
// half-typed year or name does not fetch. The result count is announced (review-queue.tsx).
import { useEffect, useRef, useState, type FormEvent } from "react";
import type { Tier } from "@/lib/clinical/types";
import { MODALITY_LABELS, URGENCY_LABELS } from "@/lib/contracts/labels";
import { DATE_FORMAT_EXAMPLES, clinicDateFormat } from "@/lib/contracts/format";
import type { TQueueQuery } from "@/lib/contracts/queue";
import { DayInput, dayHint } from "@/components/day-input";
import type { TNavigate } from "./use-queue-url";

export const TIERS: readonly Tier[] = ["emergency", "urgent", "routine_soon", "none"];

export interface TFlagOption {
  id: string;
  title: string;
  /** what the rule looks for, in a few words, for "Ask now: cannot exclude ..." */
  concern: string;
  /** the flag's short name in the queue ("Cauda equina syndrome"); the id is shown on hover only */
  short: string;
}

const SEARCH_PAUSE_MS = 300;
const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;
const DATE_PAUSE_MS = 600;

/**
 * A field typed into, committed after a pause: the draft follows the view when it changes elsewhere (Back, a saved
 * view, Clear), and the commit always sees the latest view (it goes through a ref, not a stale closure).
 */
function usePausedField(value: string, commit: (value: string) => void, pauseMs: number) {
  const [draft, setDraft] = useState(value);
  const [seen, setSeen] = useState(value);
  if (value !== seen) {
    setSeen(value);
    setDraft(value);
  }
  const latest = useRef(commit);
  useEffect(() => {
    latest.current = commit;
  });
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(() => () => {
    if (timer.current) clearTimeout(timer.current);
  }, []);
  const cancel = () => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
  };
  return {
    draft,
    change(next: string) {
      setDraft(next);
      cancel();
      timer.current = setTimeout(() => {
        timer.current = null;
        latest.current(next);
      }, pauseMs);
    },
    /** Commit now (Enter, leaving the field) if a commit is pending. */
    flush() {
      if (!timer.current) return;
      cancel();
      latest.current(draft);
    },
  };
}

export function QueueFilters({
  query,
  flags,
  ready,
  navigate,
  onSearch,
}: {
  /** the view shown, search text included */
  query: TQueueQuery;
  flags: TFlagOption[];
  ready: boolean;
  navigate: TNavigate;
  /** a new name/MRN search (kept out of the URL) */
  onSearch: (text: string) => void;
}) {
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const search = usePausedField(query.q ?? "", (text) => onSearch(text.trim()), SEARCH_PAUSE_MS);
  // Both dates as one field ("from|to"): a change to either is checked against the other as typed.
  const dates = usePausedField(
    `${query.from ?? ""}|${query.to ?? ""}`,
    (value) => {
      const [from = "", to = ""] = value.split("|");
      const unread = [from && !ISO_DAY.test(from) && "“Submitted from”", to && !ISO_DAY.test(to) && "“Submitted to”"].filter(Boolean);
      if (unread.length > 0) {
        setError(`${unread.join(" and ")} ${unread.length > 1 ? "are" : "is"} not a date: ${dayHint()}`);
        return;
      }
      if (from && to && from > to) {
        setError("The “to” date must not be before the “from” date.");
        return;
      }
      setError(null);
      navigate({ from: from || undefined, to: to || undefined });
    },
    DATE_PAUSE_MS,
  );
  const [fromDraft = "", toDraft = ""] = dates.draft.split("|");

  const active = [query.status !== "SUBMITTED", query.urgency, query.flag, query.imaging, query.from, query.to, query.q].filter(Boolean).length;

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    search.flush();
    dates.flush();
  }

  function clear() {
    setError(null);
    onSearch("");
    navigate({ status: "SUBMITTED", urgency: undefined, flag: undefined, imaging: undefined, from: undefined, to: undefined });
  }

  return (
    <form className="queue-filters" role="search" aria-labelledby="filters-title" onSubmit={submit} noValidate>
      <h2 id="filters-title" className="visually-hidden">
        Filters
      </h2>
      <button type="button" className="secondary queue-filters-toggle" aria-expanded={open} aria-controls="queue-filter-row" onClick={() => setOpen(!open)}>
        Filters{active > 0 ? ` (${active} on)` : ""}
      </button>
      <div id="queue-filter-row" className="queue-filter-row" data-open={open ? "true" : "false"}>
        <div className="queue-filter">
          <label htmlFor="filter-status">Status</label>
          <select id="filter-status" value={query.status} disabled={!ready} onChange={(e) => navigate({ status: e.target.value as TQueueQuery["status"] })}>
            <option value="SUBMITTED">Waiting for review</option>
            <option value="SIGNED">Signed</option>
            <option value="ALL">All submitted and signed</option>
          </select>
        </div>
        <div className="queue-filter">
          <label htmlFor="filter-urgency">Urgency</label>
          <select id="filter-urgency" value={query.urgency ?? ""} disabled={!ready} onChange={(e) => navigate({ urgency: (e.target.value || undefined) as TQueueQuery["urgency"] })}>
            <option value="">Any urgency</option>
            {TIERS.map((t) => (
              <option key={t} value={t}>
                {URGENCY_LABELS[t]}
              </option>
            ))}
          </select>
        </div>
        <div className="queue-filter queue-filter-wide">
          <label htmlFor="filter-flag">Red flag</label>
          <select id="filter-flag" value={query.flag ?? ""} disabled={!ready} onChange={(e) => navigate({ flag: e.target.value || undefined })}>
            <option value="">Any or none</option>
            {flags.map((f) => (
              <option key={f.id} value={f.id} title={`${f.id}: ${f.title}`}>
                {f.short}
              </option>
            ))}
          </select>
        </div>
        <div className="queue-filter queue-filter-wide">
          <label htmlFor="filter-imaging">Imaging suggestion</label>
          <select id="filter-imaging" value={query.imaging ?? ""} disabled={!ready} onChange={(e) => navigate({ imaging: (e.target.value || undefined) as TQueueQuery["imaging"] })}>
            <option value="">Any</option>
            {(Object.keys(MODALITY_LABELS) as (keyof typeof MODALITY_LABELS)[]).map((m) => (
              <option key={m} value={m}>
                {MODALITY_LABELS[m]}
              </option>
            ))}
          </select>
        </div>
        <div className="queue-filter">
          <label htmlFor="filter-from">Submitted from</label>
          <DayInput
            id="filter-from"
            value={fromDraft}
            disabled={!ready}
            placeholder={DATE_FORMAT_EXAMPLES[clinicDateFormat()]}
            onValueChange={(day) => dates.change(`${day}|${toDraft}`)}
            onBlur={dates.flush}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? "filter-error" : undefined}
          />
        </div>
        <div className="queue-filter">
          <label htmlFor="filter-to">Submitted to</label>
          <DayInput
            id="filter-to"
            value={toDraft}
            disabled={!ready}
            placeholder={DATE_FORMAT_EXAMPLES[clinicDateFormat()]}
            onValueChange={(day) => dates.change(`${fromDraft}|${day}`)}
            onBlur={dates.flush}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? "filter-error" : undefined}
          />
        </div>
        <div className="queue-filter queue-filter-wide">
          <label htmlFor="filter-q">Name or MRN</label>
          <input
            type="search"
            id="filter-q"
            value={search.draft}
            disabled={!ready}
            maxLength={100}
            autoComplete="off"
            onChange={(e) => search.change(e.target.value)}
            onBlur={search.flush}
          />
        </div>
        <div className="queue-filter queue-filter-action">
          <button type="button" className="secondary" disabled={!ready || active === 0} onClick={clear}>
            Clear filters
          </button>
        </div>
      </div>
      {error && (
        <p id="filter-error" role="alert" className="alert">
          {error}
        </p>
      )}
    </form>
  );
}
