"use client";

// Autosave for one draft: every change is mirrored to this browser's storage at once (a lost
// connection or a crashed tab loses nothing; local-drafts.ts) and sent to the server, debounced, one save
// at a time, guarded by the draft's version. A failed save is retried; nothing is dropped.
import { useCallback, useEffect, useRef, useState } from "react";
import { loadVisitVersion, saveAnswers } from "@/components/api/intake";
import { writeLocalCopy } from "./local-drafts";

export type TSaveState =
  | { kind: "saved"; at: string | null }
  | { kind: "saving" }
  | { kind: "pending" }
  | { kind: "offline" }
  | { kind: "conflict"; message: string }
  | { kind: "error"; message: string };

const DEBOUNCE_MS = 700;
const RETRY_MS = 4_000;

export function useAutosave(visitId: string, initialVersion: number, initialSavedAt: string) {
  const [state, setState] = useState<TSaveState>({ kind: "saved", at: initialSavedAt });
  const version = useRef(initialVersion);
  const latest = useRef<Record<string, unknown> | null>(null);
  const inFlight = useRef(false);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const dirty = useRef(false);

  const flush = useCallback(async () => {
    if (inFlight.current || !latest.current) return;
    const answers = latest.current;
    inFlight.current = true;
    setState({ kind: "saving" });
    try {
      const result = await saveAnswers(visitId, version.current, answers);
      if (result.ok) {
        const body = result.body;
        version.current = body.version;
        if (latest.current === answers) {
          latest.current = null;
          dirty.current = false;
          writeLocalCopy(visitId, { answers, baseVersion: body.version, unsynced: false, at: new Date().toISOString() });
          setState({ kind: "saved", at: body.updatedAt });
        }
      } else if (result.status === 409) {
        setState({ kind: "conflict", message: "This draft was changed elsewhere (another tab or device). Your answers here are kept on this device." });
      } else if (result.status === 401) {
        setState({ kind: "error", message: "Your session has ended. Your answers are kept on this device; sign in again in another tab to keep saving." });
      } else if (result.status === 0 || result.status >= 500) {
        // Not reached (status 0), or the server or a proxy failed: kept on this device and retried.
        setState({ kind: "offline" });
      } else {
        setState({ kind: "error", message: result.error.message ?? "The draft could not be saved." });
      }
    } catch {
      // A 2xx without a readable body.
      setState({ kind: "offline" });
    } finally {
      inFlight.current = false;
    }
  }, [visitId]);

  // Retry while offline or while a newer change is waiting.
  useEffect(() => {
    const id = setInterval(() => {
      if (latest.current && !inFlight.current && (timer.current === null)) void flush();
    }, RETRY_MS);
    const online = () => void flush();
    window.addEventListener("online", online);
    return () => {
      clearInterval(id);
      window.removeEventListener("online", online);
    };
  }, [flush]);

  // Warn before leaving with changes the server has not acknowledged.
  useEffect(() => {
    const beforeUnload = (event: BeforeUnloadEvent) => {
      if (dirty.current) {
        event.preventDefault();
        event.returnValue = "";
      }
    };
    window.addEventListener("beforeunload", beforeUnload);
    return () => window.removeEventListener("beforeunload", beforeUnload);
  }, []);

  const queue = useCallback(
    (answers: Record<string, unknown>) => {
      latest.current = answers;
      dirty.current = true;
      writeLocalCopy(visitId, { answers, baseVersion: version.current, unsynced: true, at: new Date().toISOString() });
      setState((s) => (s.kind === "conflict" ? s : { kind: "pending" }));
      if (timer.current) clearTimeout(timer.current);
      timer.current = setTimeout(() => {
        timer.current = null;
        void flush();
      }, DEBOUNCE_MS);
    },
    [flush, visitId],
  );

  /** After a conflict: take the server's current version and save these answers over it. */
  const keepMine = useCallback(async () => {
    const result = await loadVisitVersion(visitId);
    if (!result.ok) return;
    version.current = result.body.version;
    setState({ kind: "pending" });
    await flush();
  }, [flush, visitId]);

  /** Wait for pending saves (before submit); returns the version the server holds. */
  const settle = useCallback(async (): Promise<number> => {
    if (timer.current) {
      clearTimeout(timer.current);
      timer.current = null;
    }
    for (let i = 0; i < 50 && inFlight.current; i++) await new Promise((r) => setTimeout(r, 100));
    if (latest.current) await flush();
    return version.current;
  }, [flush]);

  const markClean = useCallback(() => {
    dirty.current = false;
    latest.current = null;
  }, []);

  return { state, queue, keepMine, settle, markClean, version };
}
