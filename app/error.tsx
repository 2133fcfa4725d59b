"use client";

import { useEffect, useState } from "react";
import { getJson } from "@/components/api/client";
import { DATABASE_DOWN_MESSAGE, DATABASE_DOWN_TITLE } from "@/lib/http/database-down-text";

// Shown instead of any stack trace. It asks /api/health whether the database is the cause,
// so staff learn to wait and retry rather than re-enter work.
export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const [databaseDown, setDatabaseDown] = useState<boolean | null>(null);
  useEffect(() => {
    // Not reached at all (status 0) counts as down too: the server is not answering.
    void getJson("/api/health").then((result) => setDatabaseDown(result.status === 503 || result.status === 0));
  }, []);
  return (
    <main id="main">
      <h1>{databaseDown ? DATABASE_DOWN_TITLE : "Something went wrong"}</h1>
      <p>
        {databaseDown
          ? DATABASE_DOWN_MESSAGE
          : "This page could not be shown. Try again; if it keeps happening, tell your Backline administrator."}
      </p>
      {error.digest && <p className="muted">Error reference: {error.digest}</p>}
      <button type="button" onClick={reset}>
        Try again
      </button>
    </main>
  );
}
