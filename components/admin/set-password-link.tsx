"use client";
// A one-time set-password link to hand on: shown once (only its hash is kept), with what it does and until when.
import { useState } from "react";
import { formatDateTime } from "@/lib/contracts/format";

export function SetPasswordLinkPanel({ name, url, expiresAt, timeZone }: { name: string; url: string; expiresAt: string; timeZone: string }) {
  const [copied, setCopied] = useState<"yes" | "no" | null>(null);

  async function copy() {
    try {
      await navigator.clipboard.writeText(url);
      setCopied("yes");
    } catch {
      setCopied("no");
    }
  }

  return (
    <div className="set-password-link">
      <p>
        Give this link to {name} in person or through the clinic&apos;s own messaging. It opens a page where they choose their own
        password. It works once, until <time dateTime={expiresAt}>{formatDateTime(expiresAt, timeZone)}</time>, and is shown only
        now: if it is lost, make a new one.
      </p>
      <div className="patient-field">
        <label htmlFor="set-password-url">One-time link</label>
        <input id="set-password-url" type="text" readOnly value={url} spellCheck={false} onFocus={(event) => event.currentTarget.select()} />
      </div>
      <div className="page-actions">
        <button type="button" className="secondary" onClick={() => void copy()}>
          Copy link
        </button>
        <span role="status" className="muted">
          {copied === "yes" ? "Copied." : copied === "no" ? "Could not copy: select the link and copy it." : null}
        </span>
      </div>
    </div>
  );
}
