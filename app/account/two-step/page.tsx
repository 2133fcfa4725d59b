import type { Metadata } from "next";
import Link from "next/link";
import { TwoStepSetup } from "@/components/account/two-step-setup";
import { SignOutButton } from "@/components/sign-out-button";
import { formatDateTime } from "@/lib/contracts/format";
import { requirePermission } from "@/lib/auth/guard";
import { env } from "@/lib/env";
import { twoStepStatus } from "@/lib/server/account/two-step";

export const metadata: Metadata = { title: "Two-step sign-in" };

/**
 * Outside the app's layout on purpose: an account whose role requires two-step sign-in sees only this page (and
 * can sign out) until it is set up.
 */
export default async function TwoStepPage() {
  const user = await requirePermission("self:mfa");
  const status = await twoStepStatus(user);
  return (
    <main className="signin" id="main">
      <div className="page-actions">
        <h1>Two-step sign-in</h1>
        <SignOutButton />
      </div>
      {status.enabled ? (
        <section className="card" aria-labelledby="on-heading">
          <h2 id="on-heading">Two-step sign-in is on</h2>
          <p>
            Since <time dateTime={status.enabledAt!}>{formatDateTime(status.enabledAt!, env().BACKLINE_TIMEZONE)}</time>. Recovery codes left:{" "}
            {status.recoveryCodesLeft} of 10. Lost your phone? An administrator can reset it, and you set it up again.
          </p>
          <p>
            <Link href="/">Back to Backline</Link>
          </p>
        </section>
      ) : (
        <TwoStepSetup required={status.required} />
      )}
    </main>
  );
}
