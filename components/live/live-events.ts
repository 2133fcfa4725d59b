"use client";

// One Server-Sent Events connection per page (GET /api/v1/events), shared by everything that listens: the alert
// banner, the live queue, the result and review pages. EventSource reconnects by itself after a drop and sends
// Last-Event-ID, so the server replays what was missed. A watchdog also reconnects when the heartbeat stops
// (a connection that died without closing), passing the last id in the query string.

import { EVENT_KINDS, type TEventKind } from "@/lib/contracts/events";

export interface TLiveEvent {
  id: string;
  at: string;
  kind: TEventKind;
  visitId: string;
  urgency: string | null;
  alertId: string | null;
}

/** "ready": the stream (re)opened and replayed what it missed; listeners may refresh what they show. */
export type TLiveMessage = TLiveEvent | { kind: "ready" } | { kind: "reset" };
type TListener = (message: TLiveMessage) => void;

const KINDS = EVENT_KINDS;
const SILENCE_MS = 45_000;

const listeners = new Set<TListener>();
const seen = new Set<string>();
let source: EventSource | null = null;
let lastId: string | null = null;
let lastHeard = 0;
let watchdog: ReturnType<typeof setInterval> | null = null;
let retry: ReturnType<typeof setTimeout> | null = null;

function dispatch(message: TLiveMessage) {
  for (const listener of [...listeners]) listener(message);
}

function open() {
  if (source || typeof EventSource === "undefined") return;
  const url = lastId ? `/api/v1/events?lastEventId=${encodeURIComponent(lastId)}` : "/api/v1/events";
  const es = new EventSource(url);
  source = es;
  lastHeard = Date.now();
  const heard = () => (lastHeard = Date.now());
  for (const kind of KINDS) {
    es.addEventListener(kind, (e) => {
      heard();
      const message = e as MessageEvent<string>;
      if (message.lastEventId) lastId = message.lastEventId;
      let event: TLiveEvent;
      try {
        event = JSON.parse(message.data) as TLiveEvent;
      } catch {
        return;
      }
      if (seen.has(event.id)) return;
      seen.add(event.id);
      if (seen.size > 2000) seen.delete(seen.values().next().value!);
      dispatch(event);
    });
  }
  es.addEventListener("heartbeat", heard);
  es.addEventListener("ready", () => {
    heard();
    dispatch({ kind: "ready" });
  });
  es.addEventListener("reset", () => dispatch({ kind: "reset" }));
  es.onerror = () => {
    // CONNECTING: EventSource retries by itself. CLOSED: the server refused (signed out, or an error): try again
    // later, from where we were.
    if (es.readyState === EventSource.CLOSED) restart(5_000);
  };
  watchdog ??= setInterval(() => {
    if (source && Date.now() - lastHeard > SILENCE_MS) restart(0);
  }, 10_000);
}

function restart(afterMs: number) {
  source?.close();
  source = null;
  if (retry) clearTimeout(retry);
  retry = setTimeout(() => {
    retry = null;
    if (listeners.size > 0) open();
  }, afterMs);
}

/** Listen to the page's event stream; the connection opens with the first listener. */
export function subscribeLive(listener: TListener): () => void {
  listeners.add(listener);
  open();
  return () => {
    listeners.delete(listener);
  };
}
