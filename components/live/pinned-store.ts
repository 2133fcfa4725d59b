"use client";

// What stays pinned (GET /api/v1/alerts): open emergencies, "ask now" visits and unacknowledged alerts. One copy
// per page, refreshed whenever an event arrives; the banner, the tab title and the queue's pin all read it.
import { useSyncExternalStore } from "react";
import type { TPinned } from "@/lib/contracts/wire/alerts";
import { getJson } from "../api/client";
import { subscribeLive } from "./live-events";

interface TState {
  data: TPinned | null;
  /** why the last refresh failed (null: it did not) */
  failure: string | null;
}

let state: TState = { data: null, failure: null };
const watchers = new Set<() => void>();
let timer: ReturnType<typeof setTimeout> | null = null;
let inFlight = false;
let again = false;
let unsubscribeLive: (() => void) | null = null;

function set(next: TState) {
  state = next;
  for (const w of [...watchers]) w();
}

async function load() {
  if (inFlight) {
    again = true;
    return;
  }
  inFlight = true;
  const result = await getJson<TPinned>("/api/v1/alerts");
  inFlight = false;
  if (result.ok) set({ data: result.body, failure: null });
  else set({ data: state.data, failure: result.status === 401 ? "Your session has ended: sign in again to receive alerts." : (result.error.message ?? "Alerts could not be loaded.") });
  if (again) {
    again = false;
    void load();
  }
}

/** Refresh soon (events often come in pairs: a submit and its alert). */
export function refreshPinned(delayMs = 150) {
  if (timer) return;
  timer = setTimeout(() => {
    timer = null;
    void load();
  }, delayMs);
}

function subscribe(watcher: () => void) {
  watchers.add(watcher);
  if (watchers.size === 1) {
    unsubscribeLive = subscribeLive(() => refreshPinned());
    void load();
  }
  return () => {
    watchers.delete(watcher);
    if (watchers.size === 0) {
      unsubscribeLive?.();
      unsubscribeLive = null;
    }
  };
}

const serverState: TState = { data: null, failure: null };

export function usePinned(): TState {
  return useSyncExternalStore(subscribe, () => state, () => serverState);
}

/** A clock for "escalates in…" and "3 min ago", ticking every second while mounted. */
export function useNow(intervalMs = 1000): number {
  const now = useSyncExternalStore(
    (tick) => {
      const id = setInterval(tick, intervalMs);
      return () => clearInterval(id);
    },
    () => Math.floor(Date.now() / intervalMs) * intervalMs,
    () => 0,
  );
  return now;
}
