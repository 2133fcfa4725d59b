"use client";

// What the autosave is doing, in words, and after a conflict the two ways out: keep these answers over the
// server's, or drop them and load the saved version. The status line sits in a bar that stays at the top of the
// screen while the step scrolls (globals.css, "intake on every screen size"); it is a polite live region, so a
// screen reader hears "Saved at 10:42" without the focus moving. The conflict choice is in the page's flow below.
import { formatTime } from "@/lib/contracts/format";
import type { TSaveState } from "./use-autosave";

function saveStateText(state: TSaveState, timeZone: string): string {
  switch (state.kind) {
    case "saved":
      return state.at ? `Saved at ${formatTime(state.at, timeZone)}` : "Saved";
    case "saving":
      return "Saving...";
    case "pending":
      return "Unsaved changes...";
    case "offline":
      return "Offline: kept on this device";
    case "conflict":
    case "error":
      return state.message;
  }
}

/** The one status line (role "status": polite, never takes the focus). */
export function SaveStatus({ state, timeZone }: { state: TSaveState; timeZone: string }) {
  return (
    <p className={`save-state save-${state.kind}`} role="status" aria-live="polite" aria-atomic="true">
      {saveStateText(state, timeZone)}
    </p>
  );
}

export function SaveConflict({ state, onKeepMine, onLoadSaved }: { state: TSaveState; onKeepMine: () => void; onLoadSaved: () => void }) {
  if (state.kind !== "conflict") return null;
  return (
    <div className="alert save-conflict-choice" role="alert">
      <p>{state.message}</p>
      <button type="button" onClick={onKeepMine}>
        Keep my answers
      </button>{" "}
      <button type="button" className="secondary" onClick={onLoadSaved}>
        Load the saved version
      </button>
    </div>
  );
}
