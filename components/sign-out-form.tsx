"use client";

// The sign-out form's browser half: before the form posts to next-auth, every intake draft kept on this device
// (answers and step, components/intake/local-drafts.ts) is removed, so nothing of a patient outlives the session
// on a shared computer. The post itself is a plain form post and works before hydration too.
import type { ReactNode } from "react";
import { clearAllLocalDrafts } from "@/components/intake/local-drafts";

export function SignOutForm({ children }: { children: ReactNode }) {
  return (
    <form action="/api/auth/signout" method="post" onSubmit={() => clearAllLocalDrafts()}>
      {children}
    </form>
  );
}

/** next-auth's own sign-out page (no CSRF cookie): the drafts go when the link is followed. */
export function SignOutLink({ children }: { children: ReactNode }) {
  return (
    // A full page load of next-auth's own page, not a client-side route: <Link> does not apply.
    // eslint-disable-next-line @next/next/no-html-link-for-pages
    <a className="button secondary" href="/api/auth/signout" onClick={() => clearAllLocalDrafts()}>
      {children}
    </a>
  );
}
