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
import { MODALITY_LABELS, STATUS_LABELS } from "@/lib/contracts/labels";
import type { TQueueQuery } from "@/lib/contracts/queue";
import type { TQueuePage, TQueueRow } from "@/lib/contracts/wire/queue";
import type { TFlagOption } from "./queue-filters";
import { Flags, UrgencyLabel, useClock, Waiting } from "./queue-cells";
import { QueuePager } from "./queue-pager";
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
  now: serverNow,
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
  /** the server's time when it made the page (ms), for the Waiting column's first render */
  now: number;
  navigate: TNavigate;
}) {
  const now = useClock(serverNow);
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
  const flagOf = useMemo(() => new Map(flags.map((f) => [f.id, f])), [flags]);
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
      column.display({ id: "waiting", header: "Waiting", cell: (info) => <Waiting row={info.row.original} now={now} timeZone={timeZone} /> }),
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
        cell: (info) => <Flags ids={info.getValue()} byId={flagOf} />,
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
    [timeZone, concernOf, flagOf, now],
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
      // Status and Signed by only where the view can hold signed visits: a column of "Submitted" and "—" is noise.
      columnVisibility: { status: query.status === "ALL", signedBy: query.status !== "SUBMITTED" },
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
                      className={`col-${header.column.id}`}
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
                    <th key={cell.id} scope="row" className="col-patient">
                      {flexRender(cell.column.columnDef.cell, cell.getContext())}
                    </th>
                  ) : (
                    <td key={cell.id} className={`col-${cell.column.id}`}>{flexRender(cell.column.columnDef.cell, cell.getContext())}</td>
                  ),
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <QueuePager
        page={data.page}
        pageCount={pageCount}
        pageSize={urlQuery.pageSize}
        ready={ready}
        canPrevious={table.getCanPreviousPage()}
        onPrevious={() => table.previousPage()}
        onNext={() => table.nextPage()}
        onPageSize={(size) => table.setPageSize(size)}
      />
    </>
  );
}
