"use client";

// The doctors' queue. Paging, sorting and filtering happen in PostgreSQL (the table runs in manual mode);
// the view lives in the page URL, so it can be bookmarked, shared and restored with Back. The one
// exception is the name/MRN search: that is patient data, so it stays out of every URL (the page's and the
// API's), travels only in the body of POST /api/v1/visits/search, and is kept in this tab's sessionStorage for
// the signed-in user.
import {
  createColumnHelper,
  flexRender,
  getCoreRowModel,
  useReactTable,
  type SortingState,
  type Updater,
} from "@tanstack/react-table";
import Link from "next/link";
import { useSearchParams } from "next/navigation";
import { useEffect, useMemo, useRef, useState, useSyncExternalStore, type FormEvent } from "react";
import { subscribeLive } from "../live/live-events";
import { MODALITY_LABELS, STATUS_LABELS, URGENCY_LABELS } from "@/lib/contracts/labels";
import { formatDateTime, fullName } from "@/components/patients/format";
import { ExportCsvLink } from "@/components/review/export-csv-link";
import { recallSaved, rememberSaved } from "@/components/saved-search";
import { parseQueueUrl, QUEUE_PAGE_SIZES, queueSearchBody, queueSearchParams, type TQueueQuery } from "@/lib/contracts/queue";
import { joinWords } from "@/lib/clinical/words";
import type { Tier } from "@/lib/clinical/types";
import type { TQueuePage, TQueueRow } from "@/lib/contracts/wire/queue";

const TIERS: readonly Tier[] = ["emergency", "urgent", "routine_soon", "none"];
const STORAGE_KEY = "backline.queueSearch";
const noSubscription = () => () => {};

export interface TFlagOption {
  id: string;
  title: string;
  /** what the rule looks for, in a few words, for "Ask now: cannot exclude ..." */
  concern: string;
}

const isSavedText = (saved: Record<string, unknown>): saved is { q: string } => typeof saved.q === "string" && saved.q.length <= 100;

/** This tab's last name/MRN search by the signed-in user (components/saved-search.ts). */
const recallSearch = (owner: string): string => recallSaved(STORAGE_KEY, owner, isSavedText)?.q ?? "";
const rememberSearch = (owner: string, q: string) => rememberSaved(STORAGE_KEY, owner, q ? { q } : null);

function isQueuePage(body: unknown): body is TQueuePage {
  const b = body as Partial<TQueuePage> | null;
  return !!b && Array.isArray(b.rows) && typeof b.total === "number" && typeof b.counts === "object";
}

/** Sortable columns map to the API's `sort` values; the rest are display only. */
const SORTABLE: Record<string, TQueueQuery["sort"]> = {
  patient: "patient",
  mrn: "mrn",
  age: "age",
  submittedAt: "submittedAt",
  urgency: "urgency",
};

/** Urgency sorts "most urgent first" by default; every other column ascending. */
const isDescending = (query: TQueueQuery) => (query.sort === "urgency" ? query.dir !== "asc" : query.dir === "desc");

function UrgencyLabel({ urgency }: { urgency: Tier | null }) {
  if (!urgency) return <>—</>;
  return (
    <span className={`tier tier-${urgency}`}>
      {urgency === "emergency" && <span aria-hidden="true">⚠ </span>}
      {urgency === "emergency" ? "EMERGENCY" : URGENCY_LABELS[urgency]}
    </span>
  );
}

const column = createColumnHelper<TQueueRow>();

export function ReviewQueue({
  initial,
  initialKey,
  ignored,
  flags,
  owner,
  timeZone,
}: {
  initial: TQueuePage;
  /** `queueSearchParams(query).toString()` of the query the server rendered `initial` for */
  initialKey: string;
  /** URL parameters the server could not use (named in a notice) */
  ignored: string[];
  flags: TFlagOption[];
  owner: string;
  timeZone: string;
}) {
  const searchParams = useSearchParams();
  // Normalised (defaults dropped, stable order) so the server's key and the browser's compare equal.
  const urlQuery = useMemo(() => parseQueueUrl(new URLSearchParams(searchParams.toString())).query, [searchParams]);
  const urlKey = queueSearchParams(urlQuery).toString();
  const [q, setQ] = useState<string | null>(null); // null until restored from sessionStorage
  const [data, setData] = useState<TQueuePage>(initial);
  const [shownKey, setShownKey] = useState(`${initialKey}|`);
  const [failure, setFailure] = useState<string | null>(null);
  const [announcement, setAnnouncement] = useState("");
  // Bumped by the live event stream: the same view is fetched again (filters, sort, page and scroll kept).
  const [liveTick, setLiveTick] = useState(0);
  const [shownTick, setShownTick] = useState(0);
  const ready = useSyncExternalStore(noSubscription, () => true, () => false);
  const query: TQueueQuery = { ...urlQuery, q: q || undefined };
  const wantedKey = `${urlKey}|${q ?? ""}`;
  const loading = q !== null && wantedKey !== shownKey;

  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | null = null;
    const unsubscribe = subscribeLive((message) => {
      if (message.kind.startsWith("alert.")) return;
      if (timer) return;
      timer = setTimeout(() => {
        timer = null;
        setLiveTick((n) => n + 1);
      }, 250);
    });
    return () => {
      unsubscribe();
      if (timer) clearTimeout(timer);
    };
  }, []);
  const tableRef = useRef<HTMLTableElement>(null);

  useEffect(() => setQ(recallSearch(owner)), [owner]);

  // Fetch whenever the URL (Back, Forward, a filter) or the search changes.
  useEffect(() => {
    if (q === null || (wantedKey === shownKey && liveTick === shownTick)) return;
    const live = wantedKey === shownKey;
    const tick = liveTick;
    const controller = new AbortController();
    // The whole view, search text included, in the request body: never in a URL, not even the API's.
    const search = JSON.stringify(queueSearchBody({ ...urlQuery, q: q || undefined }));
    (async () => {
      let response: Response;
      let body: unknown = null;
      try {
        response = await fetch("/api/v1/visits/search", {
          method: "POST",
          signal: controller.signal,
          cache: "no-store",
          headers: { Accept: "application/json", "Content-Type": "application/json" },
          body: search,
        });
        body = await response.json().catch(() => null);
      } catch {
        if (!controller.signal.aborted) setFailure("Backline could not be reached. Check the connection and try again.");
        return;
      }
      if (controller.signal.aborted) return;
      if (response.ok && isQueuePage(body)) {
        setData(body);
        setShownKey(wantedKey);
        setShownTick(tick);
        setFailure(null);
        // A live refresh is not announced: it would interrupt a screen reader every few seconds.
        if (!live) setAnnouncement(`${body.total} ${body.total === 1 ? "visit" : "visits"}. Page ${body.page} of ${Math.max(1, Math.ceil(body.total / body.pageSize))}.`);
        return;
      }
      const message = (body as { error?: { message?: unknown } } | null)?.error?.message;
      if (response.status === 401) {
        rememberSearch(owner, "");
        setFailure("Your session has ended. Sign in again to see the queue.");
      } else {
        setFailure(typeof message === "string" ? message : "The queue could not be loaded. Try again.");
      }
      setShownKey(wantedKey);
      setShownTick(tick);
    })();
    return () => controller.abort();
    // urlQuery and q are captured through wantedKey.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [wantedKey, liveTick]);

  /** A new view: into the URL (a history entry, so Back returns to the previous one). */
  function navigate(change: Partial<TQueueQuery>, options: { keepPage?: boolean } = {}) {
    const next: TQueueQuery = { ...urlQuery, ...(options.keepPage ? {} : { page: 1 }), ...change };
    const params = queueSearchParams(next);
    const search = params.toString();
    window.history.pushState(null, "", search ? `?${search}` : window.location.pathname);
  }

  function onSortingChange(updater: Updater<SortingState>) {
    const current: SortingState = [{ id: columnIdOf(query.sort), desc: isDescending(query) }];
    const next = typeof updater === "function" ? updater(current) : updater;
    const first = next[0];
    const sort = first ? SORTABLE[first.id] : undefined;
    if (!first || !sort) return navigate({ sort: "urgency", dir: undefined });
    const defaultDesc = sort === "urgency";
    navigate({ sort, dir: first.desc === defaultDesc ? undefined : first.desc ? "desc" : "asc" });
  }

  const concernOf = useMemo(() => new Map(flags.map((f) => [f.id, f.concern])), [flags]);
  const columns = useMemo(
    () => [
      column.accessor((r) => fullName(r.patient), {
        id: "patient",
        header: "Patient",
        cell: (info) => (
          <Link href={`/review/${info.row.original.id}`}>
            {info.getValue()}
            {info.row.original.urgency === "emergency" && <span className="visually-hidden"> (emergency)</span>}
          </Link>
        ),
      }),
      column.accessor((r) => r.patient.mrn, { id: "mrn", header: "MRN" }),
      column.accessor("ageYears", { id: "age", header: "Age", cell: (info) => info.getValue() ?? "—" }),
      column.accessor("submittedAt", {
        id: "submittedAt",
        header: "Submitted",
        cell: (info) => {
          const value = info.getValue();
          return value ? <time dateTime={value}>{formatDateTime(value, timeZone)}</time> : "—";
        },
      }),
      column.accessor("urgency", {
        id: "urgency",
        header: "Urgency",
        cell: (info) => {
          const cannot = info.row.original.cannotExclude;
          return (
            <>
              <UrgencyLabel urgency={info.getValue()} />
              {cannot.length > 0 && (
                // A blank safety answer (DATA-02): what to ask, never worded as an emergency.
                <span className="ask-now-tag">
                  <br />
                  Ask now: cannot exclude {joinWords(cannot.map((id) => concernOf.get(id) ?? id))}
                </span>
              )}
            </>
          );
        },
      }),
      column.accessor("redFlags", {
        id: "redFlags",
        header: "Red flags",
        enableSorting: false,
        cell: (info) => (info.getValue().length ? info.getValue().join(", ") : "None"),
      }),
      column.accessor("imagingModality", {
        id: "imaging",
        header: "Imaging suggestion",
        enableSorting: false,
        cell: (info) => {
          const m = info.getValue();
          return m ? MODALITY_LABELS[m] : "—";
        },
      }),
      column.accessor("status", { id: "status", header: "Status", enableSorting: false, cell: (info) => STATUS_LABELS[info.getValue()] }),
      column.accessor("signedBy", { id: "signedBy", header: "Signed by", enableSorting: false, cell: (info) => info.getValue() ?? "—" }),
    ],
    [timeZone, concernOf],
  );

  const pageCount = Math.max(1, Math.ceil(data.total / data.pageSize));
  // The table instance is rebuilt from props each render (no React Compiler memoisation needed here).
  // eslint-disable-next-line react-hooks/incompatible-library
  const table = useReactTable({
    data: data.rows,
    columns,
    getCoreRowModel: getCoreRowModel(),
    getRowId: (row) => row.id,
    manualPagination: true,
    manualSorting: true,
    manualFiltering: true,
    enableSortingRemoval: false,
    enableMultiSort: false,
    rowCount: data.total,
    state: {
      sorting: [{ id: columnIdOf(query.sort), desc: isDescending(query) }],
      pagination: { pageIndex: data.page - 1, pageSize: data.pageSize },
    },
    onSortingChange,
    onPaginationChange: (updater) => {
      const current = { pageIndex: urlQuery.page - 1, pageSize: urlQuery.pageSize };
      const next = typeof updater === "function" ? updater(current) : updater;
      if (next.pageSize !== current.pageSize) navigate({ pageSize: next.pageSize as TQueueQuery["pageSize"] });
      else navigate({ page: next.pageIndex + 1 }, { keepPage: true });
    },
  });

  const from = data.total === 0 ? 0 : (data.page - 1) * data.pageSize + 1;
  const to = (data.page - 1) * data.pageSize + data.rows.length;

  return (
    <>
      {ignored.length > 0 && (
        <p className="notice" role="status">
          Some of this link&apos;s filters could not be used and were left out: {ignored.join(", ")}.
        </p>
      )}

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

      <QueueFilters
        key={`${urlKey}|${q ?? ""}`}
        query={query}
        flags={flags}
        ready={ready && q !== null}
        onApply={(change, text) => {
          rememberSearch(owner, text);
          setQ(text);
          navigate(change);
        }}
      />

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

      <div className="table-scroll">
        <table ref={tableRef} className="queue" aria-busy={loading} aria-describedby="queue-caption">
          <caption id="queue-caption" className="visually-hidden">
            Review queue. Emergency rows are marked EMERGENCY. Column headers with buttons sort the queue.
          </caption>
          <thead>
            {table.getHeaderGroups().map((group) => (
              <tr key={group.id}>
                {group.headers.map((header) => {
                  const sorted = header.column.getIsSorted();
                  const canSort = header.column.id in SORTABLE;
                  return (
                    <th
                      key={header.id}
                      scope="col"
                      aria-sort={sorted ? (sorted === "desc" ? "descending" : "ascending") : undefined}
                    >
                      {canSort ? (
                        <button
                          type="button"
                          className="sort"
                          disabled={!ready}
                          onClick={header.column.getToggleSortingHandler()}
                        >
                          {flexRender(header.column.columnDef.header, header.getContext())}
                          <span aria-hidden="true">{sorted === "asc" ? " ▲" : sorted === "desc" ? " ▼" : " ↕"}</span>
                        </button>
                      ) : (
                        flexRender(header.column.columnDef.header, header.getContext())
                      )}
                    </th>
                  );
                })}
              </tr>
            ))}
          </thead>
          <tbody>
            {table.getRowModel().rows.map((row) => (
              <tr key={row.id} className={row.original.urgency === "emergency" ? "row-emergency" : undefined}>
                {row.getVisibleCells().map((cell) =>
                  cell.column.id === "patient" ? (
                    <th key={cell.id} scope="row">
                      {flexRender(cell.column.columnDef.cell, cell.getContext())}
                    </th>
                  ) : (
                    <td key={cell.id}>{flexRender(cell.column.columnDef.cell, cell.getContext())}</td>
                  ),
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <nav className="pager" aria-label="Queue pages">
        <button type="button" disabled={!ready || !table.getCanPreviousPage()} onClick={() => table.previousPage()}>
          Previous page
        </button>
        <span>
          Page {data.page} of {pageCount}
        </span>
        <button type="button" disabled={!ready || data.page >= pageCount} onClick={() => table.nextPage()}>
          Next page
        </button>
        <label>
          Rows per page{" "}
          <select
            value={urlQuery.pageSize}
            disabled={!ready}
            onChange={(e) => table.setPageSize(Number(e.target.value))}
          >
            {QUEUE_PAGE_SIZES.map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </label>
      </nav>
    </>
  );
}

function columnIdOf(sort: TQueueQuery["sort"]): string {
  return sort;
}

/** The filter form: edits stay local until Apply, so screen-reader and keyboard users are never surprised. */
function QueueFilters({
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
