"use client";

// The one confirmation before signing: it says what signing locks. A native modal <dialog>: the browser keeps
// focus inside it, Escape cancels, and focus returns to the button that opened it. Cancel changes nothing.
import { useEffect, useRef } from "react";

export type TSignMode = "sign" | "next";

export function SignConfirm({
  mode,
  provisional,
  pending,
  onConfirm,
  onCancel,
}: {
  /** null: closed */
  mode: TSignMode | null;
  provisional: boolean;
  pending: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const confirmRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (mode && !dialog.open) {
      dialog.showModal();
      confirmRef.current?.focus();
    } else if (!mode && dialog.open) dialog.close();
  }, [mode]);

  return (
    <dialog
      ref={ref}
      className="sign-confirm"
      aria-labelledby="sign-confirm-title"
      aria-describedby="sign-confirm-text"
      onCancel={(event) => {
        event.preventDefault();
        onCancel();
      }}
    >
      <h2 id="sign-confirm-title">Sign this visit?</h2>
      <div id="sign-confirm-text">
        <p>Signing locks the visit. After it:</p>
        <ul>
          <li>the answers, the result and your decision can no longer be changed;</li>
          <li>later remarks can only be added as addenda;</li>
          <li>your name and the time are recorded as the signature.</li>
        </ul>
        {provisional && <p>The result is signed as provisional: the blank safety answers stay blank.</p>}
      </div>
      <p className="actions">
        <button ref={confirmRef} type="button" className="primary" disabled={pending} onClick={onConfirm}>
          {mode === "next" ? "Yes, sign and open next" : "Yes, sign"}
        </button>{" "}
        <button type="button" className="secondary" disabled={pending} onClick={onCancel}>
          Cancel
        </button>
      </p>
    </dialog>
  );
}
