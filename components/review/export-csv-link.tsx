"use client";

import { useEffect, useRef, useState } from "react";
import { queueSearchBody, type TQueueQuery } from "@/lib/contracts/queue";

/** How long the button stays disabled after a click: each export is audited, so a double click should not make two. */
const RESUBMIT_AFTER_MS = 3_000;

/**
 * "Export CSV" for the queue: the whole current view (same filters and sort as the table, every page). It is a
 * plain HTML form posted to POST /api/v1/visits/export.csv, always (with or without a name search, one way to
 * test): the view, search text included, goes in the form body, so a name typed into the search never lands in
 * a URL, the browser's history or its downloads list; the browser streams the file to disk instead of the page
 * holding it all in memory; and it works before the page's script has loaded. The server answers a form post's
 * errors with a short page that links back here.
 */
export function ExportCsvLink({ query }: { query: TQueueQuery }) {
  const [sent, setSent] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(() => () => {
    if (timer.current) clearTimeout(timer.current);
  }, []);
  // Every page: the table's page and page size do not cut the export.
  const view = queueSearchBody(query);
  delete view.page;
  delete view.pageSize;

  function onSubmit() {
    // Not prevented: the browser posts the form and saves the attachment; the page stays as it is.
    setSent(true);
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => setSent(false), RESUBMIT_AFTER_MS);
  }

  return (
    <form className="export-csv" method="post" action="/api/v1/visits/export.csv" onSubmit={onSubmit}>
      {Object.entries(view).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={String(value)} />
      ))}
      <button type="submit" className="secondary" disabled={sent}>
        Export CSV
      </button>
      <span role="status" className="muted">
        {sent ? "Downloading the CSV of this view: your browser lists it with its downloads." : null}
      </span>
    </form>
  );
}
