"use client";

// The queue's rows: paging, sorting and filtering happen in PostgreSQL. A new view (the URL or the search changed)
// is fetched and announced; an event on the live stream fetches the same view again, quietly (filters, sort, page
// and scroll kept). A newer request aborts the one in flight.
import { useEffect, useState } from "react";
import { OFFLINE_MESSAGE } from "@/components/api/client";
import { searchQueue } from "@/components/api/queue";
import { subscribeLive } from "@/components/live/live-events";
import type { TQueueQuery } from "@/lib/contracts/queue";
import type { TQueuePage } from "@/lib/contracts/wire/queue";
import { rememberSearch } from "./use-queue-url";

function isQueuePage(body: unknown): body is TQueuePage {
  const b = body as Partial<TQueuePage> | null;
  return !!b && Array.isArray(b.rows) && typeof b.total === "number" && typeof b.counts === "object";
}

export function useQueueData({
  initial,
  initialKey,
  query,
  q,
  wantedKey,
  owner,
}: {
  initial: TQueuePage;
  /** `queueSearchParams(query).toString()` of the query the server rendered `initial` for */
  initialKey: string;
  query: TQueueQuery;
  /** the search text; null until restored from sessionStorage (nothing is fetched before) */
  q: string | null;
  wantedKey: string;
  owner: string;
}) {
  const [data, setData] = useState<TQueuePage>(initial);
  const [shownKey, setShownKey] = useState(`${initialKey}|`);
  const [failure, setFailure] = useState<string | null>(null);
  const [announcement, setAnnouncement] = useState("");
  // Bumped by the live event stream: the same view is fetched again (filters, sort, page and scroll kept).
  const [liveTick, setLiveTick] = useState(0);
  const [shownTick, setShownTick] = useState(0);

  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | null = null;
    const unsubscribe = subscribeLive((message) => {
      // Alerts have their own banner; a patient finishing a draft changes no queue.
      if (message.kind.startsWith("alert.") || message.kind === "self_intake.finished") return;
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

  // Fetch whenever the URL (Back, Forward, a filter) or the search changes.
  useEffect(() => {
    if (q === null || (wantedKey === shownKey && liveTick === shownTick)) return;
    const live = wantedKey === shownKey;
    const tick = liveTick;
    const controller = new AbortController();
    (async () => {
      const result = await searchQueue(query, controller.signal);
      if (controller.signal.aborted) return;
      if (!result.ok && result.status === 0) {
        // Unreachable: the view stays marked as updating, so the next change or event tries again.
        setFailure(OFFLINE_MESSAGE);
        return;
      }
      if (result.ok && isQueuePage(result.body)) {
        const body = result.body;
        setData(body);
        setShownKey(wantedKey);
        setShownTick(tick);
        setFailure(null);
        // A live refresh is not announced: it would interrupt a screen reader every few seconds.
        if (!live) setAnnouncement(`${body.total} ${body.total === 1 ? "visit" : "visits"}. Page ${body.page} of ${Math.max(1, Math.ceil(body.total / body.pageSize))}.`);
        return;
      }
      if (result.status === 401) {
        rememberSearch(owner, "");
        setFailure("Your session has ended. Sign in again to see the queue.");
      } else {
        setFailure((result.ok ? undefined : result.error.message) ?? "The queue could not be loaded. Try again.");
      }
      setShownKey(wantedKey);
      setShownTick(tick);
    })();
    return () => controller.abort();
    // query and q are captured through wantedKey.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [wantedKey, liveTick]);

  return { data, failure, announcement, loading: q !== null && wantedKey !== shownKey };
}
