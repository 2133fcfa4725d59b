"use client";
// An admin makes a new one-time set-password link for an account (a forgotten password, or a first link that
// expired): the person chooses the password; the current one works until the link is used.
import { useRef, useState } from "react";
import { makeSetPasswordLink } from "@/components/api/admin";
import { asFailure, failureMessage } from "@/components/api/client";
import { useHydrated } from "@/components/use-hydrated";
import { SetPasswordLinkPanel } from "./set-password-link";

export function NewPasswordLink({ userId, name, timeZone }: { userId: string; name: string; timeZone: string }) {
  const hydrated = useHydrated();
  const [pending, setPending] = useState(false);
  const [link, setLink] = useState<{ url: string; expiresAt: string } | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const alertRef = useRef<HTMLParagraphElement>(null);

  async function make() {
    setPending(true);
    setFailure(null);
    const result = await makeSetPasswordLink(userId);
    setPending(false);
    const body = result.ok ? result.body : null;
    if (result.status === 200 && typeof body?.setPasswordUrl === "string" && typeof body.expiresAt === "string") {
      setLink({ url: body.setPasswordUrl, expiresAt: body.expiresAt });
      requestAnimationFrame(() => document.getElementById("set-password-url")?.focus());
      return;
    }
    setFailure(failureMessage(asFailure(result), "made"));
    requestAnimationFrame(() => alertRef.current?.focus());
  }

  return (
    <section className="card" aria-labelledby="link-heading">
      <h2 id="link-heading">One-time set-password link</h2>
      {failure && (
        <p className="alert" role="alert" tabIndex={-1} ref={alertRef}>
          {failure}
        </p>
      )}
      {link ? (
        <SetPasswordLinkPanel name={name} url={link.url} expiresAt={link.expiresAt} timeZone={timeZone} />
      ) : (
        <p>Instead of typing a password for {name}, make a link with which they choose their own. An earlier link stops working.</p>
      )}
      <button type="button" className="secondary" disabled={!hydrated || pending} onClick={() => void make()}>
        {pending ? "Making the link…" : link ? "Make another link" : "Make a set-password link"}
      </button>
    </section>
  );
}
