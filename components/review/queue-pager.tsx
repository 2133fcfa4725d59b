"use client";

// The queue's pager: previous and next page, where we are, and the page size. Paging happens in PostgreSQL; a page
// change is a new view in the URL (queue-table.tsx passes the table instance's handlers).
import { QUEUE_PAGE_SIZES } from "@/lib/contracts/queue";

export function QueuePager({
  page,
  pageCount,
  pageSize,
  ready,
  canPrevious,
  onPrevious,
  onNext,
  onPageSize,
}: {
  page: number;
  pageCount: number;
  pageSize: number;
  ready: boolean;
  canPrevious: boolean;
  onPrevious: () => void;
  onNext: () => void;
  onPageSize: (size: number) => void;
}) {
  return (
    <nav className="pager" aria-label="Queue pages">
      <button type="button" disabled={!ready || !canPrevious} onClick={onPrevious}>
        Previous page
      </button>
      <span>
        Page {page} of {pageCount}
      </span>
      <button type="button" disabled={!ready || page >= pageCount} onClick={onNext}>
        Next page
      </button>
      <label>
        Rows per page{" "}
        <select value={pageSize} disabled={!ready} onChange={(e) => onPageSize(Number(e.target.value))}>
          {QUEUE_PAGE_SIZES.map((n) => (
            <option key={n} value={n}>
              {n}
            </option>
          ))}
        </select>
      </label>
    </nav>
  );
}
