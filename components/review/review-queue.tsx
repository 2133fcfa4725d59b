"use client";

// The doctors' queue. Paging, sorting and filtering happen in PostgreSQL (the table runs in manual mode);
// the view lives in the page URL, so it can be bookmarked, shared and restored with Back. The one
// exception is the name/MRN search: that is patient data, so it stays out of every URL (the page's and the
// API's), travels only in the body of POST /api/v1/visits/search, and is kept in this tab's sessionStorage for
// the signed-in user.
// The pieces: use-queue-url.ts (the view), use-queue-data.ts (fetching and live updates), saved-views.tsx (views in
// one click), queue-filters.tsx (applied as they change) and queue-table.tsx.
import { ExportCsvLink } from "@/components/review/export-csv-link";
import { useHydrated } from "@/components/use-hydrated";
import { URGENCY_LABELS } from "@/lib/contracts/labels";
import type { TQueuePage, TSavedView } from "@/lib/contracts/wire/queue";
import { QueueFilters, TIERS, type TFlagOption } from "./queue-filters";
import { QueueTable } from "./queue-table";
import { SavedViews } from "./saved-views";
import { useQueueData } from "./use-queue-data";
import { useQueueUrl } from "./use-queue-url";

export type { TFlagOption } from "./queue-filters";

export function ReviewQueue({
  initial,
  initialKey,
  ignored,
  flags,
  owner,
  timeZone,
  savedViews,
  today,
  now,
}: {
  initial: TQueuePage;
  /** `queueSearchParams(query).toString()` of the query the server rendered `initial` for */
  initialKey: string;
  /** URL parameters the server could not use (named in a notice) */
  ignored: string[];
  flags: TFlagOption[];
  owner: string;
  timeZone: string;
  /** the clinician's own saved views, as the server read them */
  savedViews: TSavedView[];
  /** the clinic's day (YYYY-MM-DD) and the server's time (ms) when it made the page */
  today: string;
  now: number;
}) {
  const { urlQuery, q, query, wantedKey, navigate, search } = useQueueUrl(owner);
  const { data, failure, announcement, loading } = useQueueData({ initial, initialKey, query, q, wantedKey, owner });
  const ready = useHydrated();

  const from = data.total === 0 ? 0 : (data.page - 1) * data.pageSize + 1;
  const to = (data.page - 1) * data.pageSize + data.rows.length;

  return (
    <>
      {ignored.length > 0 && (
        <p className="notice" role="status">
          Some of this link&apos;s filters could not be used and were left out: {ignored.join(", ")}.
        </p>
      )}

      <div className="queue-toolbar">
        <section aria-labelledby="counts-title" className="queue-counts">
          <h2 id="counts-title" className="visually-hidden">
            Visits in this view by urgency
          </h2>
          <ul>
            {TIERS.map((tier) => (
              <li key={tier}>
                <button
                  type="button"
                  className={`count count-${tier}`}
                  aria-pressed={urlQuery.urgency === tier}
                  disabled={!ready}
                  onClick={() => navigate({ urgency: urlQuery.urgency === tier ? undefined : tier })}
                >
                  <span className="count-label">
                    {tier === "emergency" && <span aria-hidden="true">⚠ </span>}
                    {URGENCY_LABELS[tier]}
                  </span>{" "}
                  <span className="count-value">{data.counts[tier]}</span>
                </button>
              </li>
            ))}
          </ul>
        </section>
        <SavedViews initial={savedViews} urlQuery={urlQuery} today={today} timeZone={timeZone} ready={ready} navigate={navigate} />
      </div>

      <QueueFilters query={query} flags={flags} ready={ready && q !== null} navigate={navigate} onSearch={search} />

      <p role="status" aria-live="polite" className="visually-hidden">
        {announcement}
      </p>
      {failure && (
        <p role="alert" className="alert">
          {failure}
        </p>
      )}

      <div className="queue-summary">
        <p className="muted">
          {data.total === 0 ? "No visits match this view." : `Showing ${from}–${to} of ${data.total} visits.`}
          {loading && " Updating…"}
        </p>
        {/* The whole view (every page), with the search text: posted in a form body, never in a URL. */}
        <ExportCsvLink query={query} />
      </div>

      <QueueTable
        data={data}
        query={query}
        urlQuery={urlQuery}
        flags={flags}
        ready={ready}
        loading={loading}
        timeZone={timeZone}
        now={now}
        navigate={navigate}
      />
    </>
  );
}
