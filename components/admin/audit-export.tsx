"use client";
// "Export CSV" for the audit log: the filters shown (every page), as a plain HTML form post to the export route,
// so a patient filter (an MRN) travels in the body, never in a URL, and the browser streams the file to disk.
// The server audits the export before the first line leaves.
import { useEffect, useRef, useState } from "react";
import type { TAuditFilters } from "@/lib/contracts/audit";
import { AUDIT_EXPORT_URL } from "@/components/api/admin";

const downloading = (total: number) => `Downloading the CSV of these ${total} events: your browser lists it with its downloads.`;

/** Each export is audited: a double click should not make two. */
const RESUBMIT_AFTER_MS = 3_000;

/** `onSent` gets the sentence to announce (the page has one live region: the audit log's status). */
export function AuditExport({ filters, total, onSent }: { filters: TAuditFilters; total: number; onSent: (text: string) => void }) {
  const [sent, setSent] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
    },
    [],
  );

  function onSubmit() {
    // Not prevented: the browser posts the form and saves the attachment; the page stays as it is.
    setSent(true);
    onSent(downloading(total));
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => setSent(false), RESUBMIT_AFTER_MS);
  }

  return (
    <form className="export-csv" method="post" action={AUDIT_EXPORT_URL} onSubmit={onSubmit}>
      {Object.entries(filters).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={String(value)} />
      ))}
      <button type="submit" className="secondary" disabled={sent || total === 0}>
        Export CSV
      </button>
      <span className="muted">{sent ? downloading(total) : null}</span>
    </form>
  );
}
