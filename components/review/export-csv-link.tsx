"use client";

import { useRef, useState } from "react";

/**
 * "Export CSV" for the queue: the whole current view (same filters and sort as the table, every page). The file
 * is fetched and saved from memory rather than by following a link, so a name typed into the search never lands
 * in the browser's history or downloads list; failures are shown here instead of as a JSON page.
 */
export function ExportCsvLink({ query }: { query: string }) {
  const [state, setState] = useState<{ busy: boolean; message: string | null; error: boolean }>({ busy: false, message: null, error: false });
  const busy = useRef(false);

  async function download() {
    if (busy.current) return;
    busy.current = true;
    setState({ busy: true, message: "Preparing the CSV…", error: false });
    const params = new URLSearchParams(query);
    params.delete("page");
    params.delete("pageSize");
    try {
      const qs = params.toString();
      const response = await fetch(`/api/v1/visits/export.csv${qs ? `?${qs}` : ""}`, { cache: "no-store" });
      if (!response.ok) {
        const body = (await response.json().catch(() => null)) as { error?: { message?: string } } | null;
        throw new Error(body?.error?.message ?? `The export failed (${response.status}).`);
      }
      const name = /filename="([^"]+)"/.exec(response.headers.get("Content-Disposition") ?? "")?.[1] ?? "backline-queue.csv";
      const url = URL.createObjectURL(await response.blob());
      const a = document.createElement("a");
      a.href = url;
      a.download = name;
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
      setState({ busy: false, message: `Saved ${name}.`, error: false });
    } catch (error) {
      setState({ busy: false, message: error instanceof Error ? error.message : "The export failed.", error: true });
    } finally {
      busy.current = false;
    }
  }

  return (
    <div className="export-csv">
      <button type="button" className="secondary" onClick={download} disabled={state.busy}>
        {state.busy ? "Exporting…" : "Export CSV"}
      </button>
      <span role="status" className={state.error ? "export-csv-error" : "muted"}>
        {state.message}
      </span>
    </div>
  );
}
