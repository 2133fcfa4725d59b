import type { Metadata } from "next";
import { SetPasswordForm } from "@/components/account/set-password-form";
import { env } from "@/lib/env";

export const metadata: Metadata = { title: "Choose your password" };
// Rendered per request, as every page: the CSP nonce is per request.
export const dynamic = "force-dynamic";

/**
 * Public: opened from a one-time link (lib/server/users/set-password-link.ts) by someone who cannot sign in yet.
 * The token is in the link's fragment, which the browser never sends: the form reads it and asks the API.
 */
export default function SetPasswordPage() {
  return (
    <main className="signin" id="main">
      <h1>Choose your password</h1>
      <div className="card">
        <SetPasswordForm timeZone={env().BACKLINE_TIMEZONE} />
      </div>
    </main>
  );
}
