"use client";

// The queue's filter form, and the words it shares with the rest of the queue (its tiers, the red-flag options).
import { useState, type FormEvent } from "react";
import type { Tier } from "@/lib/clinical/types";
import { MODALITY_LABELS, URGENCY_LABELS } from "@/lib/contracts/labels";
import type { TQueueQuery } from "@/lib/contracts/queue";

export const TIERS: readonly Tier[] = ["emergency", "urgent", "routine_soon", "none"];

export interface TFlagOption {
  id: string;
  title: string;
  /** what the rule looks for, in a few words, for "Ask now: cannot exclude ..." */
  concern: string;
}

/** The filter form: edits stay local until Apply, so screen-reader and keyboard users are never surprised. */
export function QueueFilters({
  query,
  flags,
  ready,
  onApply,
}: {
  query: TQueueQuery;
  flags: TFlagOption[];
  ready: boolean;
  onApply: (change: Partial<TQueueQuery>, q: string) => void;
}) {
  const [error, setError] = useState<string | null>(null);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const value = (name: string) => {
      const v = String(form.get(name) ?? "").trim();
      return v === "" ? undefined : v;
    };
    const from = value("from");
    const to = value("to");
    if (from && to && from > to) {
      setError("The “to” date must not be before the “from” date.");
      return;
    }
    setError(null);
    onApply(
      {
        status: (value("status") ?? "SUBMITTED") as TQueueQuery["status"],
        urgency: value("urgency") as TQueueQuery["urgency"],
        flag: value("flag"),
        imaging: value("imaging") as TQueueQuery["imaging"],
        from,
        to,
      },
      value("q") ?? "",
    );
  }

  function clear() {
    setError(null);
    onApply({ status: "SUBMITTED", urgency: undefined, flag: undefined, imaging: undefined, from: undefined, to: undefined }, "");
  }

  return (
    <form className="filters card" onSubmit={submit} aria-labelledby="filters-title" noValidate>
      <h2 id="filters-title">Filters</h2>
      <div className="filter-grid">
        <div>
          <label htmlFor="filter-status">Status</label>
          <select id="filter-status" name="status" defaultValue={query.status}>
            <option value="SUBMITTED">Waiting for review</option>
            <option value="SIGNED">Signed</option>
            <option value="ALL">All submitted and signed</option>
          </select>
        </div>
        <div>
          <label htmlFor="filter-urgency">Urgency</label>
          <select id="filter-urgency" name="urgency" defaultValue={query.urgency ?? ""}>
            <option value="">Any urgency</option>
            {TIERS.map((t) => (
              <option key={t} value={t}>
                {URGENCY_LABELS[t]}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="filter-flag">Red flag</label>
          <select id="filter-flag" name="flag" defaultValue={query.flag ?? ""}>
            <option value="">Any or none</option>
            {flags.map((f) => (
              <option key={f.id} value={f.id}>
                {f.id}: {f.title}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="filter-imaging">Imaging suggestion</label>
          <select id="filter-imaging" name="imaging" defaultValue={query.imaging ?? ""}>
            <option value="">Any</option>
            {(Object.keys(MODALITY_LABELS) as (keyof typeof MODALITY_LABELS)[]).map((m) => (
              <option key={m} value={m}>
                {MODALITY_LABELS[m]}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="filter-from">Submitted from</label>
          <input type="date" id="filter-from" name="from" defaultValue={query.from ?? ""} />
        </div>
        <div>
          <label htmlFor="filter-to">Submitted to</label>
          <input type="date" id="filter-to" name="to" defaultValue={query.to ?? ""} aria-invalid={error ? true : undefined} aria-describedby={error ? "filter-error" : undefined} />
        </div>
        <div className="filter-search">
          <label htmlFor="filter-q">Name or MRN</label>
          <input type="search" id="filter-q" name="q" defaultValue={query.q ?? ""} maxLength={100} autoComplete="off" />
        </div>
      </div>
      {error && (
        <p id="filter-error" role="alert" className="alert">
          {error}
        </p>
      )}
      <p className="actions">
        <button type="submit" className="primary" disabled={!ready}>
          Apply filters
        </button>{" "}
        <button type="button" disabled={!ready} onClick={clear}>
          Clear filters
        </button>
      </p>
    </form>
  );
}
