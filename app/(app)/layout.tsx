import Link from "next/link";
import type { ReactNode } from "react";
import { AppNav } from "@/components/app-nav";
import { AlertBanner } from "@/components/live/alert-banner";
import { PatientFinishedNotice } from "@/components/live/patient-finished-notice";
import { SignOutButton } from "@/components/sign-out-button";
import { requireUser } from "@/lib/auth/guard";
import { can, navigationFor } from "@/lib/auth/permissions";
import { ROLE_LABELS } from "@/lib/contracts/roles";
import { RED_FLAG_RULES } from "@/lib/clinical";
import { env } from "@/lib/env";

export default async function AppLayout({ children }: { children: ReactNode }) {
  const user = await requireUser();
  const items = navigationFor(user.role).map(({ href, label }) => ({ href, label }));
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="app-header">
        <Link className="app-brand" href="/">
          Backline
        </Link>
        <AppNav items={items} />
        <div className="app-user">
          <span>
            {user.name} <span className="role-badge">({ROLE_LABELS[user.role]})</span>
          </span>
          <SignOutButton />
        </div>
      </header>
      {(can(user.role, "review:read") || can(user.role, "intake:write")) && (
        <AlertBanner
          role={can(user.role, "review:decide") ? "CLINICIAN" : "STAFF"}
          timeZone={env().BACKLINE_TIMEZONE}
          concerns={Object.fromEntries(RED_FLAG_RULES.map((r) => [r.id, r.concern ?? r.title]))}
        />
      )}
      {can(user.role, "intake:write") && <PatientFinishedNotice timeZone={env().BACKLINE_TIMEZONE} />}
      <main id="main" tabIndex={-1}>
        {children}
      </main>
    </>
  );
}
