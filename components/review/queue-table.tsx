"use client";

// The queue's table (@tanstack/react-table in manual mode: the server pages and sorts) and its pager. Sorting and
// paging change the view in the URL; the rows come from use-queue-data.ts.
import {
  createColumnHelper,
  flexRender,
  getCoreRowModel,
  useReactTable,
  type SortingState,
  type Updater,
} from "@tanstack/react-table";
import Link from "next/link";
import { useMemo } from "react";
import { formatDateTime, fullName } from "@/lib/contracts/format";
import { joinWords } from "@/lib/clinical/words";
import type { Tier } from "@/lib/clinical/types";
import { MODALITY_LABELS, STATUS_LABELS, URGENCY_LABELS } from "@/lib/contracts/labels";
import { QUEUE_PAGE_SIZES, type TQueueQuery } from "@/lib/contracts/queue";
import type { TQueuePage, TQueueRow } from "@/lib/contracts/wire/queue";
import type { TFlagOption } from "./queue-filters";
import type { TNavigate } from "./use-queue-url";

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

function columnIdOf(sort: TQueueQuery["sort"]): string {
  return sort;
}

export function QueueTable({
  data,
  query,
  urlQuery,
  flags,
  ready,
  loading,
  timeZone,
  navigate,
}: {
  data: TQueuePage;
  /** the view shown, search text included */
  query: TQueueQuery;
  /** the view in the URL */
  urlQuery: TQueueQuery;
  flags: TFlagOption[];
  ready: boolean;
  loading: boolean;
  timeZone: string;
  navigate: TNavigate;
}) {
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

  return (
    <>
      <div className="table-scroll">
        <table className="queue" aria-busy={loading} aria-describedby="queue-caption">
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
