"use client";

// What the autosave is doing, in words, and after a conflict the two ways out: keep these answers over the
// server's, or drop them and load the saved version.
import type { TSaveState } from "./use-autosave";

function saveStateText(state: TSaveState): string {
  switch (state.kind) {
    case "saved":
      return state.at ? `Saved at ${new Date(state.at).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" })}` : "Saved";
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

export function SaveStatus({ state, onKeepMine, onLoadSaved }: { state: TSaveState; onKeepMine: () => void; onLoadSaved: () => void }) {
  return (
    <>
      <p className={`save-state save-${state.kind}`} role="status" aria-live="polite">
        {saveStateText(state)}
      </p>
      {state.kind === "conflict" && (
        <div className="alert" role="alert">
          <p>{state.message}</p>
          <button type="button" onClick={onKeepMine}>
            Keep my answers
          </button>{" "}
          <button type="button" className="secondary" onClick={onLoadSaved}>
            Load the saved version
          </button>
        </div>
      )}
    </>
  );
}
