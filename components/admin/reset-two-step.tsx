"use client";
// An admin resets someone's two-step sign-in (a lost phone), after saying what that does.
import { useRouter } from "next/navigation";
import { useRef, useState } from "react";
import { resetUserTwoStep } from "@/components/api/admin";

export function ResetTwoStep({ userId, name }: { userId: string; name: string }) {
  const router = useRouter();
  const [confirming, setConfirming] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [pending, setPending] = useState(false);
  const statusRef = useRef<HTMLParagraphElement>(null);

  async function reset() {
    setPending(true);
    const result = await resetUserTwoStep(userId);
    setPending(false);
    setConfirming(false);
    setMessage(result.ok ? { ok: true, text: `Two-step sign-in for ${name} is reset: they set it up again at their next sign-in.` } : { ok: false, text: result.error.message ?? "The reset did not work." });
    requestAnimationFrame(() => statusRef.current?.focus());
    if (result.ok) router.refresh();
  }

  return (
    <section className="card" aria-labelledby="two-step-heading">
      <h2 id="two-step-heading">Two-step sign-in</h2>
      {message && (
        <p className={message.ok ? "notice" : "alert"} role={message.ok ? "status" : "alert"} tabIndex={-1} ref={statusRef}>
          {message.text}
        </p>
      )}
      {confirming ? (
        <>
          <p>Resetting turns it off, deletes the recovery codes and signs {name} out everywhere. They set it up again at their next sign-in.</p>
          <div className="page-actions">
            <button type="button" onClick={reset} disabled={pending}>
              {pending ? "Resetting…" : "Reset now"}
            </button>
            <button type="button" className="secondary" onClick={() => setConfirming(false)}>
              Cancel
            </button>
          </div>
        </>
      ) : (
        <button type="button" className="secondary" onClick={() => setConfirming(true)}>
          Reset two-step sign-in
        </button>
      )}
    </section>
  );
}
